/**
 * Smithy constraint checks (length, pattern, range, required, enum) with the messages AWS services send:
 *
 *   1 validation error detected: Value 'x' at 'humanLoopConfig.workteamArn' failed to satisfy constraint:
 *   Member must satisfy regular expression pattern: arn:aws[a-z\-]*:sagemaker:...
 *
 * Member paths are camelCase; list members are `tags.1.member.key` (1-based), as Coral validation writes
 * them (spec §1.1, ISSUE-43). Several failures are counted and joined with "; ".
 */
import { AwsServiceError } from "../model/errors.js";

export type Shape =
  | { readonly type: "string"; readonly min?: number; readonly max?: number; readonly pattern?: string; readonly enum?: readonly string[] }
  | { readonly type: "integer"; readonly min?: number; readonly max?: number }
  | { readonly type: "boolean" }
  | { readonly type: "timestamp" }
  | { readonly type: "structure"; readonly members: Readonly<Record<string, Shape>>; readonly required?: readonly string[] }
  | { readonly type: "list"; readonly member: Shape; readonly min?: number; readonly max?: number }
  | { readonly type: "map"; readonly value: Shape; readonly min?: number; readonly max?: number }
  | { readonly type: "document" };

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
 * The model's patterns are written without full anchors (spec §2), but AWS's validators match the WHOLE value
 * (Java `matches()`): 'health_and_personal_care-...' fails `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`
 * (aws/sagemaker-python-sdk#384), a quoted name fails `[a-zA-Z0-9_.-]+` (aws/aws-cli#790). Messages still
 * show the pattern as written.
 */
function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, "u");
    compiled.set(pattern, re);
  }
  return re;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function show(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}]'`;
  if (typeof value === "object") return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
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

/** A value of the wrong JSON type: the service cannot even read it (SerializationException). */
export class SerializationError extends Error {}

function check(shape: Shape, value: unknown, path: string, errors: string[]): void {
  const fail = (constraint: string) =>
    errors.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") throw new SerializationError(`Expected a string at '${path}'.`);
      const length = codePointLength(value);
      if (shape.enum && !shape.enum.includes(value)) fail(`satisfy enum value set: [${shape.enum.join(", ")}]`);
      if (shape.max !== undefined && length > shape.max) fail(`have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && length < shape.min) fail(`have length greater than or equal to ${shape.min}`);
      if (shape.pattern !== undefined && !regex(shape.pattern).test(value)) {
        fail(`satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new SerializationError(`Expected an integer at '${path}'.`);
      }
      if (shape.max !== undefined && value > shape.max) fail(`have value less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value < shape.min) fail(`have value greater than or equal to ${shape.min}`);
      return;
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
      if (shape.max !== undefined && value.length > shape.max) fail(`have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && value.length < shape.min) fail(`have length greater than or equal to ${shape.min}`);
      value.forEach((item, i) => checkMember(shape.member, item, `${path}.${i + 1}.member`, errors));
      return;
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new SerializationError(`Expected a map at '${path}'.`);
      }
      const entries = Object.entries(value);
      if (shape.max !== undefined && entries.length > shape.max) fail(`have length less than or equal to ${shape.max}`);
      if (shape.min !== undefined && entries.length < shape.min) fail(`have length greater than or equal to ${shape.min}`);
      for (const [k, v] of entries) checkMember(shape.value, v, `${path}.${k}`, errors);
      return;
    }
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new SerializationError(`Expected a structure at '${path || "input"}'.`);
      }
      const record = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members)) {
        const v = record[name];
        const memberPath = path ? `${path}.${camel(name)}` : camel(name);
        if (v === undefined || v === null) {
          if (shape.required?.includes(name)) {
            errors.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
          }
          continue;
        }
        check(member, v, memberPath, errors);
      }
      return;
    }
  }
}

function checkMember(shape: Shape, value: unknown, path: string, errors: string[]): void {
  if (value === undefined || value === null) {
    errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return;
  }
  check(shape, value, path, errors);
}

/** Throws AWS's `ValidationException` listing every constraint the input breaks. */
export function validate(shape: Shape, input: unknown): void {
  const errors: string[] = [];
  check(shape, input ?? {}, "", errors);
  if (errors.length === 0) return;
  const n = errors.length;
  throw new AwsServiceError(
    "ValidationException",
    `${n} validation error${n === 1 ? "" : "s"} detected: ${errors.join("; ")}`,
  );
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
