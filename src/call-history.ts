/**
 * Every call the fake received, in order (issue 5): what the client sent, what the fake answered, when on
 * the fake clock. `reset()` clears it with the rest of the state; `resetHistory()` clears it alone.
 */
import type { A2IOperationName, A2IOperations, A2IServiceName } from "./operations.js";
import type { Scope } from "./model/arns.js";
import type { AwsServiceError } from "./model/errors.js";
import type { JsonObject } from "./services/service.js";
import type { S3Read } from "./services/s3.js";
import type { WireAnswer } from "./transport/sdk-middleware.js";

interface CallBase<Op extends A2IOperationName> {
  readonly service: A2IServiceName;
  readonly operation: Op;
  /** The input as the client sent it, parsed (timestamps as `Date`s). */
  readonly input: A2IOperations[Op]["input"];
  /** The fake clock's time when the call arrived. */
  readonly time: Date;
  readonly accountId: string;
  readonly region: string;
}

/** A call the fake answered: `ok` tells whether it was an output or an AWS error. */
export type A2ICall<Op extends A2IOperationName = A2IOperationName> = {
  [K in Op]: CallBase<K> &
    (
      | { readonly ok: true; readonly output: A2IOperations[K]["output"] }
      | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly httpStatusCode: number } }
    );
}[Op];

/**
 * A call as the history keeps it: its `time` in epoch milliseconds, made a `Date` when the history is read (one object
 * less kept per call: under load each kept call lives long enough to be copied by the garbage collector, issue 13).
 */
export type KeptCall = A2ICall extends infer C ? (C extends unknown ? Omit<C, "time"> & { readonly time: number } : never) : never;

/** Strings of a refused request's input longer than this are not kept (issue 10: memory). */
export const REFUSED_STRING_KEPT = 1024;
/** Items of an array of a refused request's input kept. */
export const REFUSED_ARRAY_KEPT = 100;

export class CallHistory {
  private calls: KeptCall[] = [];
  /** Calls before this index were dropped (the oldest go first); compacted now and then. */
  private start = 0;

  /** `limit`: the most calls kept; the oldest go first. Default: all of them. */
  constructor(private readonly limit = Infinity) {}

  record(call: KeptCall): void {
    if (this.limit <= 0) return;
    this.calls.push(call.ok ? call : ({ ...call, input: trimRefused(call.input) } as KeptCall));
    if (this.calls.length - this.start > this.limit) {
      this.calls[this.start++] = undefined as unknown as KeptCall;
      if (this.start > 1024 && this.start * 2 > this.calls.length) {
        this.calls = this.calls.slice(this.start);
        this.start = 0;
      }
    }
  }

  list<Op extends A2IOperationName>(operation?: Op): A2ICall<Op>[] {
    const out: A2ICall<Op>[] = [];
    for (let i = this.start; i < this.calls.length; i++) {
      const kept = this.calls[i]!;
      if (operation === undefined || kept.operation === operation) out.push({ ...kept, time: new Date(kept.time) } as A2ICall<Op>);
    }
    return out;
  }

  clear(): void {
    this.calls = [];
    this.start = 0;
  }
}

/**
 * What the history keeps of a refused request's input (an AWS error answered it): long strings and arrays cut,
 * so 40 refused 15 MB StartHumanLoop bodies do not hold 600 MB. Accepted inputs are kept as sent.
 */
/** A flat copy: V8's slice of a long string keeps the whole string alive behind it. */
function copyOf(s: string): string {
  return Array.from(s).join("");
}

function trimRefused(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length > REFUSED_STRING_KEPT
      ? `${copyOf(value.slice(0, 64))}... [a2i-fake: ${value.length} characters, not kept: the request was refused]`
      : value;
  }
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  if (depth > 32) return "[a2i-fake: nested too deep, not kept: the request was refused]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, REFUSED_ARRAY_KEPT).map((v: unknown) => trimRefused(v, depth + 1));
    if (value.length > REFUSED_ARRAY_KEPT) kept.push(`[a2i-fake: ${value.length - REFUSED_ARRAY_KEPT} more items, not kept: the request was refused]`);
    return kept;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: trimRefused((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The record of a call a service answered with an output (through `dispatch`), at fake-clock time `time` (ms). */
export function callOfOutput(scope: Scope, service: string, operation: string, input: JsonObject, output: JsonObject, time: number): KeptCall {
  return { service, operation, input, time, accountId: scope.accountId, region: scope.region, ok: true, output } as KeptCall;
}

/** The record of a call a service answered with an AWS error (through `dispatch`), at fake-clock time `time` (ms). */
export function callOfError(scope: Scope, service: string, operation: string, input: JsonObject, error: AwsServiceError, httpStatusCode: number, time: number): KeptCall {
  const answered = { name: error.code, message: error.message, httpStatusCode };
  return { service, operation, input, time, accountId: scope.accountId, region: scope.region, ok: false, error: answered } as KeptCall;
}

/** The record of an S3 request the fake answered; outputs are headers and size, not bodies. */
export function callOfS3Read(
  read: S3Read,
  response: WireAnswer,
  at: { time: number; accountId: string; region: string },
): KeptCall {
  const base = { service: "S3" as const, operation: read.operation, time: at.time, accountId: at.accountId, region: at.region };
  const input =
    read.operation === "ListObjectsV2"
      ? { Bucket: read.bucket, Prefix: read.prefix, MaxKeys: read.maxKeys }
      : read.operation === "PutObject"
        ? { Bucket: read.bucket, Key: read.key, ...(read.contentType ? { ContentType: read.contentType } : {}) }
        : { Bucket: read.bucket, Key: read.key };
  if (response.statusCode >= 300) {
    // S3's XML error (a fault, NoSuchKey); HeadObject errors have no body.
    const xml = typeof response.body === "string" ? response.body : "";
    const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];
    const name = code ?? (response.statusCode === 404 ? (read.operation === "HeadObject" ? "NotFound" : "NoSuchKey") : String(response.statusCode));
    return {
      ...base,
      input,
      ok: false,
      error: { name, message: message ?? "The specified key does not exist.", httpStatusCode: response.statusCode },
    } as KeptCall;
  }
  const output =
    read.operation === "ListObjectsV2"
      ? { KeyCount: Number(/<KeyCount>(\d+)<\/KeyCount>/.exec(String(response.body))?.[1] ?? 0) }
      : read.operation === "PutObject"
        ? { ETag: response.headers.etag }
        : read.operation === "DeleteObject"
          ? {}
          : {
              ContentLength: Number(response.headers["content-length"]),
              ETag: response.headers.etag,
              LastModified: new Date(response.headers["last-modified"]!),
            };
  return { ...base, input, ok: true, output } as KeptCall;
}
