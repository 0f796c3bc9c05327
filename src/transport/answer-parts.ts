/**
 * A declared model result read once per client (issue 14). A test answers every AnalyzeDocument with the same declared
 * document, and the client's deserializer read all of it on every call: parsing and walking a 19-block form was over
 * half of a faked AnalyzeDocument. The fake writes such an answer from two JSON texts (wire.ts `parts`): the declared
 * result, kept as one text while it does not change (camel-responses.ts), and the rest (HumanLoopActivationOutput).
 *
 * The client's schema serde (faked-chain.ts) is bound to a view of its protocol whose deserializer reads those parts:
 * the declared text with the SDK's own deserializer once, its output kept, and on every call only the rest, again
 * with the SDK's own deserializer. The output is assembled in the SDK's own member order (the output schema's
 * `structIterator`), the kept members copied: each call gets objects of its own, equal to what reading the whole body
 * gives (a structure's members are read one by one, each from its own JSON value). Kept outputs must be plain JSON
 * data (no Date, blob or lazy JSON string); anything else, and any body not made from parts, is read as it is. The
 * body bytes a middleware of the user's sees are the whole answer either way.
 */

export interface AnswerParts {
  /** The JSON text of an object: the declared result's members. */
  readonly encoded: string;
  /** The JSON text of an object: the answer's other members. */
  readonly rest: string;
}

/**
 * Answer bodies the in-process transport wrote from parts, by their bytes: the SDK's `collectBody` hands a Uint8Array
 * body on as it is, so the deserializer gets the very object.
 */
export const answerParts = new WeakMap<Uint8Array, AnswerParts>();

interface ShapeDeserializerLike {
  read(schema: unknown, data: unknown): unknown;
}

interface StructSchemaLike {
  isStructSchema(): boolean;
  structIterator(): Iterable<readonly [string, unknown]>;
}

type Members = Map<string, unknown>;

/** Declared texts kept per output schema: a test alternates between a few declared documents at most. */
const KEPT = 4;
/** Larger declared texts are read whole each time, not kept (as camel-responses.ts keeps no larger document). */
const MAX_KEPT_CHARS = 2_000_000;

/**
 * A view of `protocol` (prototype delegation: every member is the protocol's own) whose deserializer reads answers
 * made from parts as described above; undefined when the protocol has no shape deserializer to read with.
 */
export function withPartsReading(protocol: unknown): object | undefined {
  const deserializer = (protocol as { deserializer?: ShapeDeserializerLike } | undefined)?.deserializer;
  if (typeof protocol !== "object" || protocol === null || typeof deserializer?.read !== "function") return undefined;
  const reader = new PartsReader(deserializer);
  const reading = Object.create(deserializer, {
    read: { value: (schema: unknown, data: unknown) => reader.read(schema, data), writable: true, configurable: true },
  }) as object;
  return Object.create(protocol, { deserializer: { value: reading, writable: true, configurable: true } }) as object;
}

class PartsReader {
  private readonly kept = new WeakMap<object, Map<string, Members | null>>();
  private readonly memberNames = new WeakMap<object, readonly string[]>();

  constructor(private readonly deserializer: ShapeDeserializerLike) {}

  async read(schema: unknown, data: unknown): Promise<unknown> {
    const parts = data instanceof Uint8Array ? answerParts.get(data) : undefined;
    if (!parts || parts.encoded.length > MAX_KEPT_CHARS || !isStruct(schema)) return this.deserializer.read(schema, data);
    const names = this.namesOf(schema);
    const kept = await this.keptMembers(schema, names, parts.encoded);
    const rest = kept && parts.rest !== "{}" ? await this.deserializer.read(schema, parts.rest) : {};
    if (!kept || !onlyMembers(rest, names)) return this.deserializer.read(schema, data);
    const restMembers = rest as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const name of names) {
      if (restMembers[name] !== undefined) out[name] = restMembers[name];
      else if (kept.has(name)) out[name] = copyData(kept.get(name));
    }
    return out;
  }

  /** The output schema's member names in the SDK's order. */
  private namesOf(schema: StructSchemaLike): readonly string[] {
    let names = this.memberNames.get(schema);
    if (!names) {
      names = [...schema.structIterator()].map(([name]) => name);
      this.memberNames.set(schema, names);
    }
    return names;
  }

  /** The SDK's reading of `encoded` (read once, kept), or null when it is not plain data of the schema's members. */
  private async keptMembers(schema: StructSchemaLike, names: readonly string[], encoded: string): Promise<Members | null> {
    let bySchema = this.kept.get(schema);
    if (!bySchema) this.kept.set(schema, (bySchema = new Map()));
    const known = bySchema.get(encoded);
    if (known !== undefined) return known;
    const output = await this.deserializer.read(schema, encoded);
    let members: Members | null = null;
    if (onlyMembers(output, names) && isPlainData(output)) {
      members = new Map(Object.entries(output as Record<string, unknown>));
    }
    if (bySchema.size >= KEPT) bySchema.delete(bySchema.keys().next().value!);
    bySchema.set(encoded, members);
    return members;
  }
}

function isStruct(schema: unknown): schema is StructSchemaLike {
  const s = schema as Partial<StructSchemaLike> | null;
  return typeof s?.isStructSchema === "function" && typeof s.structIterator === "function" && s.isStructSchema();
}

/** Whether `value` is an object whose keys are all member names (the deserializer kept no unknown member). */
function onlyMembers(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  for (const key of Object.keys(value)) if (!names.includes(key)) return false;
  return true;
}

/** An object as the deserializer makes them (`{}`), without an own "__proto__" (which a copy could not write). */
const isPlainObject = (value: object): boolean => Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, "__proto__");

/** Plain objects and arrays of strings, numbers, booleans and null only. */
function isPlainData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object":
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isPlainData);
      return isPlainObject(value) && Object.values(value).every(isPlainData);
    default:
      return false;
  }
}

/** A copy of plain data (isPlainData), objects and arrays new. */
function copyData(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyData(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = copyData(record[key]);
  return out;
}
