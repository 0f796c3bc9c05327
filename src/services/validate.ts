/**
 * Smithy constraint checks (length, pattern, range, required, enum) of the official models' shapes
 * (`src/services/generated/`, see `scripts/generate-shapes.mjs`), with the messages AWS services send:
 *
 *   1 validation error detected: Value 'x' at 'humanLoopConfig.workteamArn' failed to satisfy constraint:
 *   Member must satisfy regular expression pattern: arn:aws[a-z\-]*:sagemaker:...
 *
 * Member paths are camelCase; list members are `tags.1.member.key` (1-based), as Coral validation writes
 * them (spec §1.1, ISSUE-43). Every violated constraint of every member is listed, joined with "; ".
 */
import { AwsServiceError } from "../model/errors.js";
import { SERVICE_MODELS } from "./generated/index.js";
import type { ServiceModel, Shape } from "./shape.js";

export type { Shape } from "./shape.js";

type StringShape = Extract<Shape, { type: "string" }>;

export const str = (c: Omit<StringShape, "type"> = {}): Shape => ({ type: "string", ...c });
export const int = (c: { min?: number; max?: number } = {}): Shape => ({ type: "integer", ...c });
export const timestamp: Shape = { type: "timestamp" };
export const document: Shape = { type: "document" };
export const struct = (members: Record<string, Shape>, required: string[] = []): Shape => ({
  type: "structure",
  members,
  required,
});
export const list = (member: Shape, c: { min?: number; max?: number } = {}): Shape => ({ type: "list", member, ...c });
export const map = (value: Shape, c: { min?: number; max?: number } = {}): Shape => ({ type: "map", value, ...c });

const compiled = new Map<string, RegExp>();

/**
 * Whether a string satisfies a shape's pattern. `regex` is the Smithy model's pattern, matched anywhere as Smithy
 * says: the current models anchor it themselves (`^X$`, or `^X` for the service's `X.*`), so this is the service's
 * whole-value match (Java `matches()`: 'health_and_personal_care-...' fails `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`,
 * aws/sagemaker-python-sdk#384). A shape with only `pattern` is matched against the whole value.
 */
function matches(shape: StringShape, value: string): boolean {
  const source = shape.regex ?? `^(?:${shape.pattern})$`;
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source, "u");
    compiled.set(source, re);
  }
  return re.test(value);
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

type StructureShape = Extract<Shape, { type: "structure" }>;
type MemberEntry = { readonly name: string; readonly member: Shape; readonly camelName: string };
const memberLists = new WeakMap<StructureShape, readonly MemberEntry[]>();

/** A structure's members with their camelCase path names, listed once per shape (every call walks them). */
function membersOf(shape: StructureShape): readonly MemberEntry[] {
  let members = memberLists.get(shape);
  if (!members) {
    members = Object.entries(shape.members).map(([name, member]) => ({ name, member, camelName: camel(name) }));
    memberLists.set(shape, members);
  }
  return members;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}]'`;
  if (typeof value === "object") return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

/** A float as Java prints it (the services are Java): `101.0`, `0.5`. */
const javaFloat = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/** Decoded size of a base64 blob, as the service sees it (`java.nio.HeapByteBuffer[pos=0 lim=N cap=N]`). */
function blobLength(value: string): number {
  const clean = value.replace(/[^A-Za-z0-9+/]/g, "");
  return Math.floor((clean.length * 3) / 4);
}

/**
 * Length in code points, as `[...value].length` counts it (a lone surrogate counts as one), without allocating
 * an array: a 3 MB InputContent took ~400 ms to spread, ~30 ms to scan.
 */
function codePointLength(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Every constraint of a simple shape, as the "Member must ..." phrases of AWS's messages, in AWS's order. */
function rulesOf(shape: Shape): string[] {
  const rules: string[] = [];
  if (shape.type === "string" || shape.type === "integer" || shape.type === "number") {
    if (shape.type !== "number" && shape.enum) rules.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
    const unit = shape.type === "string" ? "length" : "value";
    if (shape.max !== undefined) rules.push(`Member must have ${unit} less than or equal to ${shape.max}`);
    if (shape.min !== undefined) rules.push(`Member must have ${unit} greater than or equal to ${shape.min}`);
    if (shape.type === "string" && shape.pattern !== undefined) rules.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  return rules;
}

/** A value of the wrong JSON type: the service cannot even read it (SerializationException). */
export class SerializationError extends Error {}

/** A constraint `value` at `path` breaks, in AWS's wording. */
function violated(errors: string[], value: unknown, path: string, constraint: string): void {
  errors.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
}

function check(shape: Shape, value: unknown, path: string, errors: string[], strict = false): void {
  // No closure in here: `check` runs for every member of every call, and a closure capturing its parameters would
  // make a context on each (issue 13). The rarer shapes have their own functions.
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") throw new SerializationError(`Expected a string at '${path}'.`);
      if (shape.enum && !shape.enum.includes(value)) violated(errors, value, path, `satisfy enum value set: [${shape.enum.join(", ")}]`);
      // A string has between half its UTF-16 length and its length in code points: they are counted only when a
      // bound falls in between (every StartHumanLoop's InputContent would be scanned for its 3 MiB maximum).
      if (shape.max !== undefined && value.length > shape.max && codePointLength(value) > shape.max) {
        violated(errors, value, path, `have length less than or equal to ${shape.max}`);
      }
      if (shape.min !== undefined && Math.ceil(value.length / 2) < shape.min && codePointLength(value) < shape.min) {
        violated(errors, value, path, `have length greater than or equal to ${shape.min}`);
      }
      if (shape.pattern !== undefined && !matches(shape, value)) {
        violated(errors, value, path, `satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new SerializationError(`Expected an integer at '${path}'.`);
      }
      if (shape.enum && !shape.enum.includes(value)) violated(errors, value, path, `satisfy enum value set: [${shape.enum.join(", ")}]`);
      if (shape.max !== undefined && value > shape.max) violated(errors, value, path, `have value less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value < shape.min) violated(errors, value, path, `have value greater than or equal to ${shape.min}`);
      return;
    case "number":
      return checkNumber(shape, value, path, errors);
    case "blob":
      return checkBlob(shape, value, path, errors);
    case "boolean":
      if (typeof value !== "boolean") throw new SerializationError(`Expected a boolean at '${path}'.`);
      return;
    case "timestamp":
      if (timestampMs(value) === undefined) throw new SerializationError(`Expected a timestamp at '${path}'.`);
      return;
    case "document":
      return;
    case "list": {
      if (!Array.isArray(value)) throw new SerializationError(`Expected a list at '${path}'.`);
      if (shape.max !== undefined && value.length > shape.max) violated(errors, value, path, `have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value.length < shape.min) violated(errors, value, path, `have length greater than or equal to ${shape.min}`);
      for (let i = 0; i < value.length; i++) checkMember(shape.member, value[i], `${path}.${i + 1}.member`, errors, strict);
      return;
    }
    case "map":
      return checkMap(shape, value, path, errors, strict);
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new SerializationError(`Expected a structure at '${path || "input"}'.`);
      }
      const record = value as Record<string, unknown>;
      for (const { name, member, camelName } of membersOf(shape)) {
        const v = record[name];
        const memberPath = path ? `${path}.${camelName}` : camelName;
        if (v === undefined || v === null) {
          if (shape.required?.includes(name)) {
            errors.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
          }
          continue;
        }
        check(member, v, memberPath, errors, strict);
      }
      if (strict) {
        for (const name of Object.keys(record)) {
          if (!(name in shape.members) && record[name] !== undefined) {
            errors.push(`Member '${path ? `${path}.` : ""}${camel(name)}' is not in the model's shape`);
          }
        }
      }
      return;
    }
  }
}

function checkNumber(shape: Extract<Shape, { type: "number" }>, value: unknown, path: string, errors: string[]): void {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new SerializationError(`Expected a number at '${path}'.`);
  const failNumber = (constraint: string) =>
    errors.push(`Value '${javaFloat(value)}' at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  if (shape.max !== undefined && value > shape.max) failNumber(`have value less than or equal to ${shape.max}`);
  if (shape.min !== undefined && value < shape.min) failNumber(`have value greater than or equal to ${shape.min}`);
}

function checkBlob(shape: Extract<Shape, { type: "blob" }>, value: unknown, path: string, errors: string[]): void {
  if (typeof value !== "string") throw new SerializationError(`Expected a base64 blob at '${path}'.`);
  const n = blobLength(value);
  const failBlob = (constraint: string) =>
    errors.push(`Value 'java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]' at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  if (shape.max !== undefined && n > shape.max) failBlob(`have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined && n < shape.min) failBlob(`have length greater than or equal to ${shape.min}`);
}

function checkMap(shape: Extract<Shape, { type: "map" }>, value: unknown, path: string, errors: string[], strict: boolean): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SerializationError(`Expected a map at '${path}'.`);
  }
  const entries = Object.entries(value);
  if (shape.max !== undefined && entries.length > shape.max) violated(errors, value, path, `have length less than or equal to ${shape.max}`);
  if (shape.min !== undefined && entries.length < shape.min) violated(errors, value, path, `have length greater than or equal to ${shape.min}`);
  // Coral's wording for maps (as in Lambda's "Map keys must satisfy constraint: [...]" errors): one error for
  // the keys and one for the values, each listing every constraint of the key or value shape.
  const shown = `'{${entries.map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(", ")}}'`;
  const broken = (member: Shape, values: unknown[]) =>
    values.some((v) => {
      const found: string[] = [];
      checkMember(member, v, path, found, strict);
      return found.length > 0;
    });
  if (shape.key && broken(shape.key, entries.map(([k]) => k))) {
    errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: Map keys must satisfy constraint: [${rulesOf(shape.key).join(", ")}]`);
  }
  if (broken(shape.value, entries.map(([, v]) => v))) {
    errors.push(`Value ${shown} at '${path}' failed to satisfy constraint: Map value must satisfy constraint: [${rulesOf(shape.value).join(", ")}]`);
  }
}

function checkMember(shape: Shape, value: unknown, path: string, errors: string[], strict = false): void {
  if (value === undefined || value === null) {
    errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  check(shape, value, path, errors, strict);
}

/** Every constraint `input` breaks, in AWS's order and wording (empty when it satisfies the shape). */
export function violations(shape: Shape, input: unknown): string[] {
  const errors: string[] = [];
  check(shape, input ?? {}, "", errors);
  return errors;
}

/**
 * AWS's ValidationException message for a list of violations, at most `messageMax` characters (the model's
 * `Message` maximum). When the echoed values make it longer, they are shortened (ending in "...") so that every
 * member and constraint stays readable (**Choice**: AWS's behaviour past its limit is not documented).
 */
export function validationMessage(errors: readonly string[], messageMax = 1024): string {
  const n = errors.length;
  const head = `${n} validation error${n === 1 ? "" : "s"} detected: `;
  const full = head + errors.join("; ");
  if (full.length <= messageMax) return full;
  // "Value '<shown>' at '<path>' failed ...": the value is everything before the last " at '".
  const parts = errors.map((e) => {
    const at = e.lastIndexOf(" at '");
    return { value: e.slice("Value ".length, at), rest: e.slice(at) };
  });
  const shorten = (v: string, keep: number) => (v.length <= keep + 5 ? v : `${v.slice(0, keep + 1)}...'`);
  const build = (keep: number) => head + parts.map((p) => `Value ${shorten(p.value, keep)}${p.rest}`).join("; ");
  let lo = 0;
  let hi = Math.max(...parts.map((p) => p.value.length));
  if (build(0).length > messageMax) return build(0).slice(0, messageMax);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(mid).length <= messageMax) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}

/** Throws AWS's `ValidationException` listing every constraint the input breaks. */
export function validate(shape: Shape, input: unknown, messageMax?: number): void {
  const errors = violations(shape, input);
  if (errors.length > 0) throw new AwsServiceError("ValidationException", validationMessage(errors, messageMax));
}

function serviceModel(service: string | ServiceModel): ServiceModel {
  if (typeof service !== "string") return service;
  const model = SERVICE_MODELS[service];
  if (!model) throw new Error(`[a2i-fake] no generated model for service '${service}': ${Object.keys(SERVICE_MODELS).join(", ")}.`);
  return model;
}

const messageMaxima = new WeakMap<ServiceModel, { readonly max: number | undefined }>();

/** The longest `Message` the service's error shapes allow (1024 for the A2I services' FailureReason). */
export function messageMaxOf(model: ServiceModel): number | undefined {
  // Asked on every call (service.ts invoke): computed once per model.
  let known = messageMaxima.get(model);
  if (!known) {
    const maxima = Object.values(model.errors).map((e) => e.messageMax).filter((m): m is number => m !== undefined);
    known = { max: maxima.length ? Math.min(...maxima) : undefined };
    messageMaxima.set(model, known);
  }
  return known.max;
}

/**
 * The violations of an operation's input against the official model (`service`: the SDK's serviceId,
 * `"SageMaker"`, `"SageMaker A2I Runtime"`, `"Textract"`, `"Rekognition"`, or a generated model).
 */
export function inputViolations(service: string | ServiceModel, operation: string, input: unknown): string[] {
  const model = serviceModel(service);
  const op = model.operations[operation];
  if (!op) throw new Error(`[a2i-fake] ${model.sdkId} has no operation '${operation}' in the generated model.`);
  return violations(op.input, input);
}

/**
 * What is wrong with a response the fake sends, against the operation's output shape in the official model:
 * required members missing, members the model does not define, enums, lengths, patterns and ranges broken.
 * Empty when the output conforms (tests check every response with it).
 */
export function outputViolations(service: string | ServiceModel, operation: string, output: unknown): string[] {
  const model = serviceModel(service);
  const op = model.operations[operation];
  if (!op) throw new Error(`[a2i-fake] ${model.sdkId} has no operation '${operation}' in the generated model.`);
  const errors: string[] = [];
  try {
    check(op.output, output ?? {}, "", errors, true);
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  return errors;
}

/**
 * Throws AWS's `ValidationException` (message as AWS writes it, capped at the model's length) when `input`
 * breaks a constraint of the operation's input shape; a `SerializationError` when a member has the wrong JSON type.
 */
export function validateInput(service: string | ServiceModel, operation: string, input: unknown): void {
  const model = serviceModel(service);
  const errors = inputViolations(model, operation, input);
  if (errors.length > 0) {
    throw new AwsServiceError("ValidationException", validationMessage(errors, messageMaxOf(model)));
  }
}

/**
 * A timestamp from either protocol: epoch seconds (awsJson1_1, fractional allowed) or an RFC 3339 /
 * ISO 8601 string (restJson1 query). Returns ms since epoch.
 */
export function timestampMs(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === "string" && value !== "") {
    if (/^-?\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (value instanceof Date) return value.getTime();
  return undefined;
}
