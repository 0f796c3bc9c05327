/** The HTTP exchange as every transport hands it to the protocols: no SDK types, no node:http types. */
import { AwsServiceError } from "../model/errors.js";
import { SerializationError } from "../services/validate.js";

export type QueryValue = string | readonly string[] | null | undefined;

export interface WireRequest {
  readonly method: string;
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
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The request body as text. The SDK's body is a Uint8Array subclass that warns when string methods are called. */
export function bodyText(body: WireRequest["body"]): string {
  if (body === undefined) return "";
  if (typeof body === "string") return body;
  try {
    return decoder.decode(body);
  } catch {
    throw new SerializationError("The request body is not valid UTF-8.");
  }
}

/** Parse a JSON object body; an empty body is `{}`. */
export function jsonBody(body: WireRequest["body"]): Record<string, unknown> {
  const text = bodyText(body);
  if (text.trim() === "") return {};
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

/** JSON with `Date`s written by `formatDate` (the holder's raw value is read, before Date.toJSON runs). */
export function stringifyWithDates(value: unknown, formatDate: (d: Date) => unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? formatDate(raw) : v;
  });
}

let requestCount = 0;
/** A UUID-shaped request id for `x-amzn-requestid` (the SDK reports it as `$metadata.requestId`). */
export function nextRequestId(): string {
  requestCount = (requestCount + 1) % 0x1000000000000;
  return `a2ifake0-0000-4000-8000-${requestCount.toString(16).padStart(12, "0")}`;
}

/** Any error a handler threw, as the AWS error a service would send; other errors are the fake's own. */
export function asServiceError(err: unknown): AwsServiceError | undefined {
  if (err instanceof AwsServiceError) return err;
  if (err instanceof SerializationError) {
    return new AwsServiceError("SerializationException", err.message);
  }
  return undefined;
}
