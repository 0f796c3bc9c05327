/**
 * The service payloads as A2I hands them to reviewers and writes them to output.json: camelCase member names
 * (`blocks`, `blockType`, `s3Object`), values unchanged, keys in alphabetical order as in DG:a2i-output-data
 * (a2i-next-spec.md §0.1 finding 3, §1.9).
 */
export function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = camelCased(value[i]);
    return out;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [from, to] of renamesOf(Object.keys(record))) {
    const v = record[from];
    if (v !== undefined) out[to] = camelCased(v);
  }
  return out;
}

/**
 * The renames of one list of member names, sorted by the new name. A document repeats a few shapes thousands of
 * times (a 2,000-block form has 2,000 Blocks, Geometries and Polygons), so each shape is worked out once, found
 * by walking its member names through a trie (no key string is built per object).
 */
type Renames = ReadonlyArray<readonly [string, string]>;

interface ShapeNode {
  next: Map<string, ShapeNode> | undefined;
  renames: Renames | undefined;
}

const root: ShapeNode = { next: undefined, renames: undefined };
let shapeNodes = 0;
/** Bounded: shapes come from service payloads, but a caller could send arbitrary member names. */
const MAX_SHAPE_NODES = 50_000;

function renamesOf(keys: string[]): Renames {
  let node = root;
  for (let i = 0; i < keys.length; i++) {
    let child = node.next?.get(keys[i]!);
    if (!child) {
      if (shapeNodes >= MAX_SHAPE_NODES) return sortedRenames(keys);
      child = { next: undefined, renames: undefined };
      (node.next ??= new Map()).set(keys[i]!, child);
      shapeNodes++;
    }
    node = child;
  }
  return (node.renames ??= sortedRenames(keys));
}

function sortedRenames(keys: readonly string[]): Renames {
  return keys.map((k) => [k, k.charAt(0).toLowerCase() + k.slice(1)] as const).sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}
