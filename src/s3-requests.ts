/**
 * The S3 side of the in-process fake (issue 9): which S3 requests the fake answers, which it leaves to the
 * user's own mocks (`otherS3Requests: "passThrough"`), and which it refuses with an `[a2i-fake]` error.
 *
 * - On an output bucket (the bucket of some flow definition's S3OutputPath): the fake owns the output PREFIX.
 *   GetObject/HeadObject/ListObjectsV2 answer from what it holds: A2I's output.json files and the objects the app
 *   or the test put. PutObject/DeleteObject work outside the output prefixes (under them A2I alone writes). A
 *   missing key outside the prefixes is `NoSuchKey`, or, with "passThrough", left to the user's mocks.
 * - Anywhere else: an `[a2i-fake]` error, or, with "passThrough", left to the user's mocks. What nothing answers
 *   never reaches the network either (transport/network-guard.ts).
 * - Faults named for an S3 operation answer S3's XML error before anything changes.
 */
import type { OutputStore } from "./model/output-store.js";
import { handleS3Read, s3Address, s3Error, s3Read, type S3Address } from "./protocol/rest-xml.js";
import type { WireRequest } from "./protocol/wire.js";
import type { S3Read } from "./services/s3.js";
import type { FaultDecision } from "./faults.js";
import type { WireAnswer } from "./transport/sdk-middleware.js";

export interface S3Context {
  readonly outputs: OutputStore;
  readonly otherS3Requests: "error" | "passThrough";
  now(): number;
  record(read: S3Read, response: WireAnswer): void;
}

/** What the fake will do with an S3 request, decided before faults (a request it does not serve is never faulted). */
export type S3Plan =
  | { kind: "serve"; read: S3Read; address: S3Address }
  | { kind: "passThrough" }
  | { kind: "refuse"; message: string };

const SERVED = "GetObject, HeadObject, ListObjectsV2, and PutObject/DeleteObject outside the output prefixes";

export function planS3(ctx: S3Context, request: WireRequest): S3Plan {
  const address = s3Address(request);
  const read = address ? s3Read(request, address) : undefined;
  const outputBucket = address !== undefined && ctx.outputs.isOutputBucket(address.bucket);
  const where = address ? `s3://${address.bucket}/${address.key}` : request.path;
  const operation = request.sdkCommandName
    ? `S3 ${request.sdkCommandName.replace(/Command$/, "")} (${request.method} ${where}, @aws-sdk/client-s3)`
    : `S3 ${request.method} ${where}`;
  const passThrough = ctx.otherS3Requests === "passThrough";
  if (!address || !outputBucket) {
    if (passThrough) return { kind: "passThrough" };
    return {
      kind: "refuse",
      message:
        `[a2i-fake] ${operation}: ${address ? `bucket '${address.bucket}' is not the S3OutputPath of any flow definition` : "it names no A2I output bucket"}, so the fake does not answer it and will not send it to AWS. ` +
        `Pass { otherS3Requests: "passThrough" } to leave other S3 traffic to your own mocks.`,
    };
  }
  if (!read) {
    if (passThrough) return { kind: "passThrough" };
    return { kind: "refuse", message: `[a2i-fake] ${operation}: on A2I output buckets the fake serves only ${SERVED}. Pass { otherS3Requests: "passThrough" } to leave the rest to your own mocks.` };
  }
  const owned = "key" in read && ctx.outputs.ownsKey(read.bucket, read.key);
  if ((read.operation === "PutObject" || read.operation === "DeleteObject") && owned) {
    return {
      kind: "refuse",
      message:
        `[a2i-fake] ${operation}: ${ctx.outputs.outputPrefixes(read.bucket).join(", ")} is the output prefix of a flow definition, where A2I alone writes (there the fake serves GetObject, HeadObject and ListObjectsV2). ` +
        `Put your own objects outside it (the rest of the bucket is yours), and let workers' answers write output.json (a2i.workforce.submit).`,
    };
  }
  if (
    passThrough &&
    (read.operation === "GetObject" || read.operation === "HeadObject") &&
    !owned &&
    ctx.outputs.get(read.bucket, read.key, true) === undefined
  ) {
    // Outside the output prefixes, a key the fake does not hold is the user's mocks' to answer.
    return { kind: "passThrough" };
  }
  return { kind: "serve", read, address };
}

/** Answer a planned request: the fault's S3 error, or the operation. PutObject's body is read first. */
export function serveS3(
  ctx: S3Context,
  request: WireRequest,
  plan: Extract<S3Plan, { kind: "serve" }>,
  decision: FaultDecision | undefined,
): WireAnswer | Promise<WireAnswer> {
  const { read } = plan;
  if (decision?.s3Error) {
    const { code, message, statusCode } = decision.s3Error;
    const response = s3Error(code, message, statusCode, "key" in read ? read.key : undefined);
    ctx.record(read, response);
    return response;
  }
  const finish = (bytes: Uint8Array | undefined) => {
    const response = handleS3Read(ctx.outputs, read, bytes, ctx.now());
    ctx.record(read, response);
    return response;
  };
  if (read.operation !== "PutObject") return finish(undefined);
  const body = requestBytes(request.body as unknown, request.headers);
  return body instanceof Promise ? body.then(finish) : finish(body);
}

const encoder = new TextEncoder();

/**
 * A PutObject body as bytes: a string, a Uint8Array (Buffer), or a stream (Node Readable, web ReadableStream,
 * Blob), decoding the `aws-chunked` framing newer SDKs wrap streamed bodies in for their checksums.
 */
export function requestBytes(body: unknown, headers: Readonly<Record<string, string | undefined>>): Uint8Array | Promise<Uint8Array> {
  const chunked = (headers["content-encoding"] ?? "").includes("aws-chunked");
  const done = (bytes: Uint8Array) => (chunked ? decodeAwsChunked(bytes) : bytes);
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return done(encoder.encode(body));
  if (body instanceof Uint8Array) return done(body);
  if (body instanceof ArrayBuffer) return done(new Uint8Array(body));
  if (typeof (body as Blob).arrayBuffer === "function") return (body as Blob).arrayBuffer().then((b) => done(new Uint8Array(b)));
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function" || typeof (body as ReadableStream).getReader === "function") {
    return (async () => {
      const parts: Uint8Array[] = [];
      const iterable =
        typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
          ? (body as AsyncIterable<unknown>)
          : readerIterable(body as ReadableStream<Uint8Array>);
      for await (const part of iterable) parts.push(typeof part === "string" ? encoder.encode(part) : (part as Uint8Array));
      return done(concat(parts));
    })();
  }
  throw new Error(`[a2i-fake] PutObject: cannot read a body of type ${Object.prototype.toString.call(body)}; pass a string, a Uint8Array or a stream.`);
}

async function* readerIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** `<hex size>[;ext]\r\n<data>\r\n` ... `0\r\n<trailers>\r\n\r\n` (SigV4 streaming / aws-chunked). */
function decodeAwsChunked(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 0;
  for (;;) {
    const eol = indexOfCrLf(bytes, i);
    if (eol < 0) break;
    const size = parseInt(new TextDecoder().decode(bytes.subarray(i, eol)).split(";")[0]!, 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return concat(parts);
}

function indexOfCrLf(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}
