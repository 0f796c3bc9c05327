/**
 * `grant_read_access` (DG:a2i-custom-templates, "Use Variable Filters"): "takes an Amazon S3 URI and encodes it into
 * an HTTPS URL with a short-lived access token". Accepted inputs and the fake URL follow decisions.md "Worker task
 * templates": `s3://bucket/key`, or path-style `http(s)://s3.amazonaws.com/bucket/key` (the Developer Guide's own
 * Textract and Rekognition templates capture the `http://` form); anything else is refused with the wording observed
 * in production (aws-samples/amazon-a2i-sample-task-uis#8).
 */

/** A filter's input A2I refuses: a RenderingError with Code `InvalidParameters` (the one observed code). */
export class TemplateInputError extends Error {
  readonly code = "InvalidParameters";
}

/** How long the fake presigned URLs say they are valid (X-Amz-Expires, seconds). **Choice**: AWS documents only "short-lived". */
export const GRANT_READ_ACCESS_EXPIRES_SECONDS = 3600;

/** The fake's access key id in presigned URLs: ASIA (temporary credentials, as the flow definition's role gives). */
const ACCESS_KEY_ID = "ASIAA2IFAKEEXAMPLE00";

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3Object {
  readonly bucket: string;
  readonly key: string;
}

/** `s3://bucket/key` or `http(s)://s3.amazonaws.com/bucket/key` → bucket and key (URL-decoded); else undefined. */
export function parseS3Uri(value: string): S3Object | undefined {
  let m = /^s3:\/\/([^/]+)\/(.+)$/.exec(value);
  let key = m?.[2];
  if (!m) {
    m = /^https?:\/\/s3\.amazonaws\.com\/([^/?#]+)\/([^?#]+)$/.exec(value);
    if (!m) return undefined;
    try {
      key = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
  }
  const bucket = m[1]!;
  if (!BUCKET.test(bucket) || !key) return undefined;
  return { bucket, key };
}

/** S3's URI encoding of a key: every byte but unreserved characters, `/` kept. */
function encodeKey(key: string): string {
  return key
    .split("/")
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}

let lastTime = NaN;
let lastDate = "";

/** `YYYYMMDDTHHMMSSZ`; one render (one loop start) asks for the same time again and again. */
function amzDate(time: number): string {
  if (time !== lastTime) {
    lastTime = time;
    lastDate = new Date(time).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }
  return lastDate;
}

/** A fake signature: 64 hex digits from four FNV-1a passes (deterministic and cheap; nothing verifies it). */
function fakeSignature(text: string): string {
  let out = "";
  for (let seed = 0; seed < 4; seed++) {
    let a = 0x811c9dc5 ^ seed;
    let b = 0x01000193 + seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    out += (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * The fake presigned GET URL of `value` (decisions.md): virtual-hosted, SigV4 query parameters, a signature that is a
 * digest of bucket, key, Region and time (so the same loop always renders the same HTML).
 * @throws TemplateInputError when `value` is not an S3 URI A2I accepts.
 */
export function grantReadAccess(value: unknown, region: string, time: number): string {
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const object = parseS3Uri(text);
  if (!object) throw new TemplateInputError(`"grant_read_access" input is not a valid S3 URI: "${text}".`);
  const date = amzDate(time);
  const credential = `${ACCESS_KEY_ID}/${date.slice(0, 8)}/${region}/s3/aws4_request`;
  const signature = fakeSignature(`${object.bucket}\n${object.key}\n${region}\n${date}`);
  return (
    `https://${object.bucket}.s3.${region}.amazonaws.com/${encodeKey(object.key)}` +
    `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(credential)}&X-Amz-Date=${date}` +
    `&X-Amz-Expires=${GRANT_READ_ACCESS_EXPIRES_SECONDS}&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`
  );
}
