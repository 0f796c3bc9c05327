/**
 * One pagination mechanism for every List operation (moto's declarative PAGINATION_MODEL, in spirit).
 *
 * Items live in an array sorted ascending by a sort key ([creation time or name, sequence]); a page
 * is found by binary search, so a page of 10 out of 100,000 loops costs the same as out of 100.
 * The token names the list it belongs to and the key of the last item returned, so it stays valid
 * when items are added or removed between pages; a malformed or foreign token is a
 * ValidationException (decisions.md).
 */
import { validationException } from "./errors.js";

export type SortKey = readonly [number | string, number];
export type SortOrder = "Ascending" | "Descending";

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

/** First index whose key is >= `key` (or > `key` when `strict`). */
function lowerBound<T>(items: readonly T[], keyOf: (item: T) => SortKey, key: SortKey, strict: boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareKeys(keyOf(items[mid]!), key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An array kept sorted by key; inserts at the end are O(1) (creation times only grow). */
export class SortedIndex<T> {
  readonly items: T[] = [];
  constructor(readonly keyOf: (item: T) => SortKey) {}

  insert(item: T): void {
    const last = this.items[this.items.length - 1];
    if (last === undefined || compareKeys(this.keyOf(last), this.keyOf(item)) <= 0) {
      this.items.push(item);
      return;
    }
    this.items.splice(lowerBound(this.items, this.keyOf, this.keyOf(item), true), 0, item);
  }

  remove(item: T): void {
    const i = lowerBound(this.items, this.keyOf, this.keyOf(item), false);
    if (this.items[i] === item) this.items.splice(i, 1);
  }

  get size(): number {
    return this.items.length;
  }
}

export interface PageRequest {
  /** Names the list (operation and its scope) so a token from another list is refused. */
  readonly list: string;
  readonly order: SortOrder;
  readonly maxResults: number;
  readonly nextToken?: string | undefined;
  /** Inclusive lower bound on the key's first part (CreationTimeAfter). */
  readonly from?: number | undefined;
  /** Exclusive upper bound on the key's first part (CreationTimeBefore). */
  readonly until?: number | undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export function paginate<T>(sorted: readonly T[], keyOf: (item: T) => SortKey, req: PageRequest): Page<T> {
  let lo = req.from === undefined ? 0 : lowerBound(sorted, keyOf, [req.from, -Infinity], false);
  let hi = req.until === undefined ? sorted.length : lowerBound(sorted, keyOf, [req.until, -Infinity], false);
  if (req.nextToken !== undefined && req.nextToken !== "") {
    const after = decodeToken(req.nextToken, req.list);
    if (req.order === "Ascending") lo = Math.max(lo, lowerBound(sorted, keyOf, after, true));
    else hi = Math.min(hi, lowerBound(sorted, keyOf, after, false));
  }
  if (lo >= hi) return { items: [] };
  const count = Math.min(req.maxResults, hi - lo);
  const items =
    req.order === "Ascending" ? sorted.slice(lo, lo + count) : sorted.slice(hi - count, hi).reverse();
  const more = hi - lo > count;
  if (!more) return { items };
  return { items, nextToken: encodeToken(req.list, keyOf(items[items.length - 1]!)) };
}

function encodeToken(list: string, key: SortKey): string {
  return Buffer.from(JSON.stringify([list, key[0], key[1]]), "utf8").toString("base64");
}

function decodeToken(token: string, list: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    parsed[0] === list &&
    (typeof parsed[1] === "number" || typeof parsed[1] === "string") &&
    typeof parsed[2] === "number"
  ) {
    return [parsed[1], parsed[2]];
  }
  throw validationException("Invalid pagination token: the NextToken was not issued for this request.");
}
