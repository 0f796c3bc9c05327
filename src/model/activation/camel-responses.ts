/**
 * The camelCase form of the model results a fake answered lately, with their JSON text (input-json.ts), so that a
 * test sending the same declared document again and again (the usual case: one `a2i.aiResults` declaration) does
 * not copy and write the whole document for every loop it starts.
 *
 * A result is found again only when it is the same JSON data (compared member by member with a private snapshot
 * taken when it was first seen): a test that changes its declared object between calls gets the new content. Only
 * JSON data is kept (plain objects and arrays, strings, finite numbers, booleans, null): then the loop's input
 * parsed back from its InputContent is the very input the render saw. The camelCase objects are shared by the
 * renders of several loops and must never be changed; each loop's own `input` is parsed from its text.
 */
import { camelCased } from "./camel-case.js";
import { ResponseJson } from "./input-json.js";

export interface CamelResponse {
  /** camelCased(result): shared, read only. */
  readonly camel: Record<string, unknown>;
  readonly json: ResponseJson;
  /** JSON.stringify(result): the result as the service answers it (service.ts `withEncodedMembers`). */
  readonly pascalJson: string;
}

interface Entry {
  readonly snapshot: Snapshot;
  readonly value: CamelResponse;
}

/**
 * A private copy of JSON data: primitives as they are, arrays as arrays, objects as their defined members' names
 * and values in order (so that comparing an object allocates only its key list).
 */
type Snapshot = string | number | boolean | null | Snapshot[] | SnapshotObject;

class SnapshotObject {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly Snapshot[],
  ) {}
}

/** Results kept: a test alternates between a few declared documents at most. */
const KEPT = 4;
/** Larger documents are written for each loop, not kept (their copies would hold megabytes). */
const MAX_JSON_CHARS = 2_000_000;

export class CamelResponses {
  private entries: Entry[] = [];

  /** The shared camelCase form of `result`, or undefined when it is not plain JSON data (then copy it yourself). */
  get(result: Record<string, unknown>): CamelResponse | undefined {
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (!sameData(result, entry.snapshot)) continue;
      if (i > 0) this.entries = [entry, ...this.entries.slice(0, i), ...this.entries.slice(i + 1)];
      return entry.value;
    }
    const snapshot = snapshotOf(result);
    if (snapshot === undefined) return undefined;
    // A copy: `result` is the test's object (it was just checked to be JSON data).
    const camel = camelCased(result) as Record<string, unknown>;
    const value: CamelResponse = { camel, json: new ResponseJson(camel), pascalJson: JSON.stringify(result) };
    if (value.json.json.length <= MAX_JSON_CHARS) this.entries = [{ snapshot, value }, ...this.entries.slice(0, KEPT - 1)];
    return value;
  }

  clear(): void {
    this.entries = [];
  }
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** The snapshot of JSON data (undefined members left out, as JSON does), or undefined when `value` is not JSON data. */
function snapshotOf(value: unknown): Snapshot | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<Snapshot>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = snapshotOf(value[i]);
          if (item === undefined) return undefined;
          out[i] = item;
        }
        return out;
      }
      if (!isPlainObject(value)) return undefined;
      const record = value as Record<string, unknown>;
      const keys: string[] = [];
      const values: Snapshot[] = [];
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (member === undefined) continue;
        // An own "__proto__" (JSON.parse makes one) is not copied faithfully by camelCased: left to the plain path.
        if (key === "__proto__") return undefined;
        const copy = snapshotOf(member);
        if (copy === undefined) return undefined;
        keys.push(key);
        values.push(copy);
      }
      return new SnapshotObject(keys, values);
    }
    default:
      return undefined;
  }
}

/**
 * Whether `value` is JSON data equal to `snapshot`: the same defined members with the same values, member order
 * free (camelCased sorts members).
 */
function sameData(value: unknown, snapshot: Snapshot): boolean {
  if (typeof value !== "object" || value === null) return value === snapshot;
  if (Array.isArray(value)) {
    if (!Array.isArray(snapshot) || value.length !== snapshot.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameData(value[i], snapshot[i]!)) return false;
    return true;
  }
  if (!(snapshot instanceof SnapshotObject) || !isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const n = snapshot.keys.length;
  if (keys.length === n) {
    // The usual case: the same members in the same order.
    let i = 0;
    for (; i < n; i++) {
      if (keys[i] !== snapshot.keys[i]) break;
      if (!sameData(record[keys[i]!], snapshot.values[i]!)) return false;
    }
    if (i === n) return true;
  }
  let defined = 0;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    const at = snapshot.keys.indexOf(key);
    if (at < 0 || !sameData(member, snapshot.values[at]!)) return false;
    defined++;
  }
  return defined === n;
}
