/**
 * restXml, the S3 wire format, for the reads of A2I output objects: virtual-hosted (`bucket.s3.<region>...`)
 * and path-style (`/<bucket>/<key>`) addressing; `NoSuchKey` as S3's XML error; GetObject bodies as a web
 * `ReadableStream`, which the SDK's stream mixin reads even under jest's fake `process.nextTick`
 * (sdk-interception-notes.md, "Traps").
 */
import type { OutputStore, StoredObject } from "../model/output-store.js";
import { readOutputs, type S3Read } from "../services/s3.js";
import { nextRequestId, type QueryValue, type WireRequest, type WireResponse } from "./wire.js";

export interface S3Address {
  bucket: string;
  key: string;
}

/** Bucket and key of a request: from the host when virtual-hosted, else from the path. */
export function s3Address(request: WireRequest & { hostname?: string }): S3Address | undefined {
  const path = request.path.split("?")[0]!;
  const host = request.hostname ?? request.headers.host ?? "";
  const virtual = /^(.+)\.s3[.-]/.exec(host);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (virtual) return { bucket: virtual[1]!, key: decode(path.replace(/^\//, "")) };
  const m = /^\/([^/]+)\/?(.*)$/.exec(path);
  if (!m) return undefined;
  return { bucket: decode(m[1]!), key: decode(m[2]!) };
}

const q = (query: Readonly<Record<string, QueryValue>>, name: string): string | undefined => {
  const v = query[name];
  if (v === null || v === undefined) return undefined;
  return typeof v === "string" ? v : v[0];
};

/** The read a request asks for, or undefined when it is not a read the fake serves. */
export function s3Read(request: WireRequest, address: S3Address): S3Read | undefined {
  const method = request.method.toUpperCase();
  if (method === "GET" && address.key === "" && q(request.query, "list-type") === "2") {
    const maxKeys = Number(q(request.query, "max-keys") ?? 1000);
    return {
      operation: "ListObjectsV2",
      bucket: address.bucket,
      prefix: q(request.query, "prefix") ?? "",
      maxKeys: Number.isFinite(maxKeys) ? Math.max(0, Math.min(1000, maxKeys)) : 1000,
      startAfter: q(request.query, "start-after"),
      continuationToken: q(request.query, "continuation-token"),
    };
  }
  // Sub-resources (?acl, ?tagging, ?uploads, ...) are other operations: not served.
  const subresource = Object.keys(request.query).some((k) => k !== "x-id" && !k.startsWith("response-") && k !== "versionId");
  if ((method === "GET" || method === "HEAD") && address.key !== "" && !subresource) {
    return { operation: method === "GET" ? "GetObject" : "HeadObject", bucket: address.bucket, key: address.key };
  }
  if (method === "PUT" && address.key !== "" && !subresource && request.headers["x-amz-copy-source"] === undefined) {
    return { operation: "PutObject", bucket: address.bucket, key: address.key, contentType: request.headers["content-type"] };
  }
  if (method === "DELETE" && address.key !== "" && !subresource) {
    return { operation: "DeleteObject", bucket: address.bucket, key: address.key };
  }
  return undefined;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

const encoder = new TextEncoder();

function objectHeaders(o: StoredObject): Record<string, string> {
  return {
    "content-type": o.contentType ?? (o.bytes ? "binary/octet-stream" : "application/json"),
    "content-length": String(o.size),
    etag: o.etag,
    "last-modified": new Date(o.lastModified).toUTCString(),
    "x-amz-request-id": nextRequestId(),
  };
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export type S3WireResponse = Omit<WireResponse, "body"> & { body: WireResponse["body"] | ReadableStream<Uint8Array> };

/** S3's XML error (what a fault or a missing key answers). */
export function s3Error(code: string, message: string, statusCode: number, key?: string): S3WireResponse {
  // The body's RequestId is the header's, as S3 writes them (the SDK reads one into $metadata, the other onto the error).
  const requestId = nextRequestId();
  return {
    statusCode,
    headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message>` +
      `${key === undefined ? "" : `<Key>${xmlEscape(key)}</Key>`}<RequestId>${requestId}</RequestId><HostId>a2i-fake</HostId></Error>`,
  };
}

/** `bytes`: a PutObject's body; `time`: the fake clock's now (LastModified of what is put). */
export function handleS3Read(store: OutputStore, read: S3Read, bytes?: Uint8Array, time = 0): S3WireResponse {
  const result = readOutputs(store, read, bytes, time);
  switch (result.kind) {
    case "put":
      return { statusCode: 200, headers: { etag: result.object.etag, "x-amz-request-id": nextRequestId() }, body: "" };
    case "deleted":
      return { statusCode: 204, headers: { "x-amz-request-id": nextRequestId() }, body: "" };
    case "noSuchKey":
      if (read.operation === "HeadObject") {
        return { statusCode: 404, headers: { "x-amz-request-id": nextRequestId() }, body: "" };
      }
      return s3Error("NoSuchKey", "The specified key does not exist.", 404, result.key);
    case "object":
      return {
        statusCode: 200,
        headers: objectHeaders(result.object),
        body: read.operation === "HeadObject" ? "" : streamOf(result.object.bytes ?? encoder.encode(result.object.body)),
      };
    case "list": {
      const contents = result.objects
        .map(
          (o) =>
            `<Contents><Key>${xmlEscape(o.key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified>` +
            `<ETag>${xmlEscape(o.etag)}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join("");
      const optional = (tag: string, v: string | undefined) => (v === undefined ? "" : `<${tag}>${xmlEscape(v)}</${tag}>`);
      return {
        statusCode: 200,
        headers: { "content-type": "application/xml", "x-amz-request-id": nextRequestId() },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
          `<Name>${xmlEscape(result.bucket)}</Name><Prefix>${xmlEscape(result.prefix)}</Prefix>` +
          `<KeyCount>${result.objects.length}</KeyCount><MaxKeys>${result.maxKeys}</MaxKeys>` +
          `<IsTruncated>${result.truncated}</IsTruncated>` +
          optional("ContinuationToken", result.continuationToken) +
          optional("NextContinuationToken", result.nextContinuationToken) +
          optional("StartAfter", result.startAfter) +
          `${contents}</ListBucketResult>`,
      };
    }
  }
}
