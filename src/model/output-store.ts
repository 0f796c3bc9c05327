/**
 * The S3 objects A2I writes: one `output.json` per loop, written once, never removed by deleting loops
 * or flow definitions (spec §5; DG:a2i-delete-human-loop "Deleting or stopping a human loop does not
 * remove any worker answers from your S3 bucket").
 *
 * The fake owns the output PREFIX of each flow definition's S3OutputPath, not its whole bucket (issue 9): the
 * rest of the bucket holds the objects the test or the app put (PutObject), kept apart from A2I's outputs.
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
  /** The bytes of an object the app or the test put (A2I's outputs are the JSON text in `body`). */
  readonly bytes?: Uint8Array;
  readonly contentType?: string;
}

export class OutputStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  /** Output prefixes of each output bucket ("" when an S3OutputPath names the bucket alone). */
  private readonly prefixes = new Map<string, Set<string>>();
  /** Objects put by the app or the test, outside the output prefixes. */
  private readonly userObjects = new Map<string, Map<string, StoredObject>>();

  /** A bucket and prefix named by some flow definition's S3OutputPath: the fake owns keys under the prefix. */
  registerBucket(bucket: string, prefix = ""): void {
    if (!this.objects.has(bucket)) this.objects.set(bucket, new Map());
    let set = this.prefixes.get(bucket);
    if (!set) this.prefixes.set(bucket, (set = new Set()));
    set.add(prefix === "" ? "" : `${prefix}/`);
  }

  /** The key is under an output prefix of its bucket: A2I's to write, the fake's to answer. */
  ownsKey(bucket: string, key: string): boolean {
    for (const prefix of this.prefixes.get(bucket) ?? []) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** The output prefixes of a bucket, as `s3://` URIs (for messages). */
  outputPrefixes(bucket: string): string[] {
    return [...(this.prefixes.get(bucket) ?? [])].map((p) => `s3://${bucket}/${p}`);
  }

  /** Store an object the app or the test put (PutObject) outside the output prefixes. */
  putUserObject(bucket: string, key: string, bytes: Uint8Array, contentType: string | undefined, time: number): StoredObject {
    let map = this.userObjects.get(bucket);
    if (!map) this.userObjects.set(bucket, (map = new Map()));
    const object: StoredObject = {
      bucket,
      key,
      body: "",
      bytes,
      ...(contentType ? { contentType } : {}),
      lastModified: time,
      etag: `"${createHash("md5").update(bytes).digest("hex")}"`,
      size: bytes.byteLength,
    };
    map.set(key, object);
    return object;
  }

  deleteUserObject(bucket: string, key: string): void {
    this.userObjects.get(bucket)?.delete(key);
  }

  isOutputBucket(bucket: string): boolean {
    return this.objects.has(bucket);
  }

  put(bucket: string, key: string, body: string, time: number): StoredObject {
    if (!this.objects.has(bucket)) this.objects.set(bucket, new Map());
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

  /** An output.json, or (withUserObjects) an object the app or the test put. */
  get(bucket: string, key: string, withUserObjects = false): StoredObject | undefined {
    return this.objects.get(bucket)?.get(key) ?? (withUserObjects ? this.userObjects.get(bucket)?.get(key) : undefined);
  }

  /** Objects of a bucket under a prefix, A2I's and those put, in key order (ListObjectsV2 order). */
  list(bucket: string, prefix = ""): StoredObject[] {
    const all = [...(this.objects.get(bucket)?.values() ?? []), ...(this.userObjects.get(bucket)?.values() ?? [])].filter((o) =>
      o.key.startsWith(prefix),
    );
    return all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  all(): StoredObject[] {
    return [...this.objects.values()].flatMap((m) => [...m.values()]);
  }

  clear(): void {
    this.objects.clear();
    this.prefixes.clear();
    this.userObjects.clear();
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
