/** The HTTP exchange as every transport hands it to the protocols: no SDK types, no node:http types. */
import { Buffer, isUtf8 } from "node:buffer";
import { AwsServiceError } from "../model/errors.js";
import { SerializationError } from "../services/validate.js";
import { MAX_JSON_DEPTH, nestsTooDeep } from "../json-depth.js";

export type QueryValue = string | readonly string[] | null | undefined;

export interface WireRequest {
  readonly method: string;
  /** The SDK command that made the request (`PutObjectCommand`), when the transport knows it: for messages. */
  readonly sdkCommandName?: string | undefined;
  /** The host the client addressed (S3 virtual-hosted buckets live there). */
  readonly hostname?: string;
  readonly path: string;
  readonly query: Readonly<Record<string, QueryValue>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array | string | undefined;
}

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
  /**
   * A JSON body written from a kept JSON text and the rest (service.ts `EncodedMembers`): `body` is the object of
   * `encoded`'s members then `rest`'s. The in-process transport lets the client's deserializer read `encoded` once.
   */
  parts?: { readonly encoded: string; readonly rest: string };
}

/** The JSON text of the object of `a`'s members then `b`'s (both JSON objects' text). */
export function joinJsonObjects(a: string, b: string): string {
  if (b === "{}") return a;
  if (a === "{}") return b;
  return `${a.slice(0, -1)},${b.slice(1)}`;
}

/**
 * The request body as text: UTF-8 checked, then decoded (a leading byte order mark dropped, as `TextDecoder` does).
 * `isUtf8` and `Buffer#toString` rather than a fatal `TextDecoder`, which cost a StartHumanLoop over HTTP 3% of its
 * CPU (issue 13). The SDK's body is a Uint8Array subclass that warns when string methods are called: it is read
 * through a Buffer view of its bytes.
 */
function bodyText(body: WireRequest["body"]): string {
  if (body === undefined) return "";
  if (typeof body === "string") return body;
  if (!isUtf8(body)) throw new SerializationError("The request body is not valid UTF-8.");
  const text = (Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength)).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse a JSON object body; an empty body is `{}`. */
export function jsonBody(body: WireRequest["body"]): Record<string, unknown> {
  const text = bodyText(body);
  if (text.trim() === "") return {};
  if (nestsTooDeep(text)) throw new SerializationError(`The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SerializationError("The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SerializationError("The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/**
 * JSON with `Date`s written by `formatDate`. The Dates are replaced first and `JSON.stringify` runs without a
 * replacer function (a replacer forces its slow path: it was the largest item of the fake's own per-call work).
 */
export function stringifyWithDates(value: unknown, formatDate: (d: Date) => unknown): string {
  return JSON.stringify(formatDates(value, formatDate));
}

/**
 * `value` with every `Date` in its plain objects and arrays replaced by `formatDate(date)`; copies only the
 * containers that hold one, never changes `value`. Other objects with a `toJSON` are left to `JSON.stringify`.
 */
function formatDates(value: unknown, formatDate: (d: Date) => unknown): unknown {
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const formatted = formatDates(item, formatDate);
      if (formatted !== item) (copy ??= value.slice())[i] = formatted;
    }
    return copy ?? value;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  // for...in, not Object.keys: no array per object written (a handler's output is a plain object, nothing inherited).
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const member = record[key];
    const formatted = formatDates(member, formatDate);
    if (formatted !== member) (copy ??= { ...record })[key] = formatted;
  }
  return copy ?? value;
}

/** The last three hex digits of every request id, written once. */
const LOW_DIGITS: readonly string[] = Array.from({ length: 4096 }, (_, n) => n.toString(16).padStart(3, "0"));
/** The first nine of the last twelve hex digits, for the requests from `count` to the next multiple of 4096. */
const requestIdPrefixOf = (count: number) => `a2f0fa4e-0000-4000-8000-${Math.floor(count / 4096).toString(16).padStart(9, "0")}`;
let requestCount = 0;
let requestIdPrefix = requestIdPrefixOf(0);

/**
 * A UUID-shaped request id for `x-amzn-requestid` (the SDK reports it as `$metadata.requestId`): the count of
 * requests in its last twelve hex digits. The first nine of them change every 4096 requests and are written then.
 */
export function nextRequestId(): string {
  requestCount = (requestCount + 1) % 0x1000000000000;
  const low = requestCount & 0xfff;
  if (low === 0) requestIdPrefix = requestIdPrefixOf(requestCount);
  return requestIdPrefix + LOW_DIGITS[low]!;
}

/** Any error a handler threw, as the AWS error a service would send; other errors are the fake's own. */
export function asServiceError(err: unknown): AwsServiceError | undefined {
  if (err instanceof AwsServiceError) return err;
  if (err instanceof SerializationError) {
    return new AwsServiceError("SerializationException", err.message);
  }
  return undefined;
}
