/**
 * The S3 objects A2I writes: one `output.json` per loop, written once, never removed by deleting loops
 * or flow definitions (spec §5; DG:a2i-delete-human-loop "Deleting or stopping a human loop does not
 * remove any worker answers from your S3 bucket").
 */
import { createHash } from "node:crypto";

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly body: string;
  /** ms since epoch (fake clock). */
  readonly lastModified: number;
  /** Quoted MD5 of the body, as S3 reports it for a single-part upload. */
  readonly etag: string;
  readonly size: number;
}

export class OutputStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();

  /** A bucket named by some flow definition's S3OutputPath: the fake answers S3 reads on it. */
  registerBucket(bucket: string): void {
    if (!this.objects.has(bucket)) this.objects.set(bucket, new Map());
  }

  isOutputBucket(bucket: string): boolean {
    return this.objects.has(bucket);
  }

  put(bucket: string, key: string, body: string, time: number): StoredObject {
    this.registerBucket(bucket);
    const object: StoredObject = {
      bucket,
      key,
      body,
      lastModified: time,
      etag: `"${createHash("md5").update(body, "utf8").digest("hex")}"`,
      size: Buffer.byteLength(body, "utf8"),
    };
    this.objects.get(bucket)!.set(key, object);
    return object;
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(bucket)?.get(key);
  }

  /** Objects of a bucket under a prefix, in key order (ListObjectsV2 order). */
  list(bucket: string, prefix = ""): StoredObject[] {
    const all = [...(this.objects.get(bucket)?.values() ?? [])].filter((o) => o.key.startsWith(prefix));
    return all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  all(): StoredObject[] {
    return [...this.objects.values()].flatMap((m) => [...m.values()]);
  }

  clear(): void {
    this.objects.clear();
  }
}

/** `s3://bucket/prefix` or `https://...` (S3Uri pattern `(https|s3)://([^/]+)/?(.*)`) → bucket and key prefix. */
export function parseS3OutputPath(uri: string): { bucket: string; prefix: string } {
  const m = /^(https|s3):\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new Error(`[a2i-fake] not an S3 URI: ${uri}`);
  const scheme = m[1]!;
  let host = m[2]!;
  let rest = m[3]!;
  if (scheme === "https") {
    const virtualHosted = /^(.+)\.s3[.-]/.exec(host);
    if (virtualHosted) {
      host = virtualHosted[1]!;
    } else {
      const slash = rest.indexOf("/");
      host = slash < 0 ? rest : rest.slice(0, slash);
      rest = slash < 0 ? "" : rest.slice(slash + 1);
    }
  }
  return { bucket: host, prefix: rest.replace(/^\/+|\/+$/g, "") };
}
