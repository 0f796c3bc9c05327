/**
 * S3 reads of the objects A2I wrote (output.json), so an app reads its results as in production:
 * GetObject, HeadObject and ListObjectsV2 on A2I output buckets. Anything else is not A2I's to answer.
 */
import type { OutputStore, StoredObject } from "../model/output-store.js";

export type S3Read =
  | { operation: "GetObject" | "HeadObject"; bucket: string; key: string }
  | { operation: "ListObjectsV2"; bucket: string; prefix: string; maxKeys: number; startAfter: string | undefined; continuationToken: string | undefined };

export type S3Result =
  | { kind: "object"; object: StoredObject }
  | { kind: "list"; bucket: string; prefix: string; maxKeys: number; objects: StoredObject[]; truncated: boolean; nextContinuationToken: string | undefined; continuationToken: string | undefined; startAfter: string | undefined }
  | { kind: "noSuchKey"; bucket: string; key: string };

export function readOutputs(store: OutputStore, read: S3Read): S3Result {
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
  const object = store.get(read.bucket, read.key);
  return object ? { kind: "object", object } : { kind: "noSuchKey", bucket: read.bucket, key: read.key };
}
