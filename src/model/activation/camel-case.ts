/**
 * The service payloads as A2I hands them to reviewers and writes them to output.json: camelCase member names
 * (`blocks`, `blockType`, `s3Object`), values unchanged, keys in alphabetical order as in DG:a2i-output-data
 * (a2i-next-spec.md §0.1 finding 3, §1.9).
 */
export function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCased);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).map((k) => [k, camel(k)] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) {
    const v = record[key[0]];
    if (v !== undefined) out[key[1]] = camelCased(v);
  }
  return out;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
