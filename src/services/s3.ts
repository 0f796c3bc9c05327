/**
 * The S3 requests the fake answers (issue 9: the fake owns the output PREFIX, not the whole bucket):
 * - GetObject, HeadObject, ListObjectsV2 on A2I output buckets: the output.json files A2I wrote, and the
 *   objects the app or the test put in the same bucket;
 * - PutObject, DeleteObject on an output bucket, outside its output prefixes (A2I alone writes under them).
 * Anything else is not A2I's to answer (fake.ts decides between an `[a2i-fake]` error and the user's mocks).
 */
import type { OutputStore, StoredObject } from "../model/output-store.js";

export type S3Read =
  | { operation: "GetObject" | "HeadObject"; bucket: string; key: string }
  | { operation: "ListObjectsV2"; bucket: string; prefix: string; maxKeys: number; startAfter: string | undefined; continuationToken: string | undefined }
  | { operation: "PutObject"; bucket: string; key: string; contentType: string | undefined }
  | { operation: "DeleteObject"; bucket: string; key: string };

export type S3Result =
  | { kind: "object"; object: StoredObject }
  | { kind: "list"; bucket: string; prefix: string; maxKeys: number; objects: StoredObject[]; truncated: boolean; nextContinuationToken: string | undefined; continuationToken: string | undefined; startAfter: string | undefined }
  | { kind: "noSuchKey"; bucket: string; key: string }
  | { kind: "put"; object: StoredObject }
  | { kind: "deleted" };

/** `bytes`: the body of a PutObject (read by the transport before). `time`: the fake clock's now. */
export function readOutputs(store: OutputStore, read: S3Read, bytes?: Uint8Array, time = 0): S3Result {
  if (read.operation === "PutObject") {
    return { kind: "put", object: store.putUserObject(read.bucket, read.key, bytes ?? new Uint8Array(), read.contentType, time) };
  }
  if (read.operation === "DeleteObject") {
    // S3 answers 204 whether or not the key existed.
    store.deleteUserObject(read.bucket, read.key);
    return { kind: "deleted" };
  }
  if (read.operation === "ListObjectsV2") {
    const after = read.continuationToken !== undefined ? Buffer.from(read.continuationToken, "base64").toString("utf8") : read.startAfter;
    const all = store.list(read.bucket, read.prefix).filter((o) => after === undefined || o.key > after);
    const objects = all.slice(0, read.maxKeys);
    const truncated = all.length > objects.length;
    return {
      kind: "list",
      bucket: read.bucket,
      prefix: read.prefix,
      maxKeys: read.maxKeys,
      objects,
      truncated,
      nextContinuationToken: truncated ? Buffer.from(objects[objects.length - 1]!.key, "utf8").toString("base64") : undefined,
      continuationToken: read.continuationToken,
      startAfter: read.startAfter,
    };
  }
  const object = store.get(read.bucket, read.key, true);
  return object ? { kind: "object", object } : { kind: "noSuchKey", bucket: read.bucket, key: read.key };
}
