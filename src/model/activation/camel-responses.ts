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
}

interface Entry {
  readonly snapshot: Record<string, unknown>;
  readonly value: CamelResponse;
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
    const snapshot = dataCopy(result);
    if (snapshot === undefined) return undefined;
    const camel = camelCased(snapshot) as Record<string, unknown>;
    const value: CamelResponse = { camel, json: new ResponseJson(camel) };
    if (value.json.json.length <= MAX_JSON_CHARS) this.entries = [{ snapshot: snapshot as Record<string, unknown>, value }, ...this.entries.slice(0, KEPT - 1)];
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

/** A deep copy of JSON data (undefined members left out, as JSON does), or undefined when `value` is not JSON data. */
function dataCopy(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = dataCopy(value[i]);
          if (item === undefined) return undefined;
          out[i] = item;
        }
        return out;
      }
      if (!isPlainObject(value)) return undefined;
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        const member = record[key];
        if (member === undefined) continue;
        // An own "__proto__" (JSON.parse makes one) cannot be copied by assignment.
        if (key === "__proto__") return undefined;
        const copy = dataCopy(member);
        if (copy === undefined) return undefined;
        out[key] = copy;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Whether `value` is JSON data equal to `snapshot` (a dataCopy, which holds no undefined member and no number that
 * is not finite): the same members with the same values; member order is free (camelCased sorts members).
 */
function sameData(value: unknown, snapshot: unknown): boolean {
  if (value === snapshot) return true;
  if (typeof value !== "object" || value === null || typeof snapshot !== "object" || snapshot === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(snapshot) || value.length !== snapshot.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameData(value[i], snapshot[i])) return false;
    return true;
  }
  if (Array.isArray(snapshot) || !isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  const snap = snapshot as Record<string, unknown>;
  const keys = Object.keys(record);
  let n = 0;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(snap, key) || !sameData(member, snap[key])) return false;
    n++;
  }
  return n === Object.keys(snap).length;
}
