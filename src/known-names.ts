/**
 * Names a user types (option keys, operations): the one a misspelt name most likely meant, and the check that refuses
 * an options object's unknown keys, which would otherwise be ignored (a typo such as `realtime` for `realTime`
 * silently leaves the default).
 */

import type { A2IFakeOptions } from "./fake.js";

/** Every key of A2IFakeOptions (the type makes the list whole): any other is refused as a likely typo. */
const OPTION_KEYS: Record<keyof A2IFakeOptions, true> = {
  accountId: true,
  region: true,
  clock: true,
  timing: true,
  quotas: true,
  otherS3Requests: true,
  seed: true,
  fakeAiServices: true,
  callHistoryLimit: true,
};
export const A2I_FAKE_OPTION_KEYS = Object.keys(OPTION_KEYS) as readonly (keyof A2IFakeOptions)[];

/**
 * Throws an `[a2i-fake]` error when `options` is not a plain object (undefined passes: no options) or holds a key
 * `known` does not list; the error names every unknown key, the one it most likely meant, and the valid keys.
 */
export function checkKnownKeys(where: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`[a2i-fake] ${where} takes an options object; got ${shown(options)}.`);
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const named = unknown.map((key) => {
    const near = nearestName(key, known);
    return `'${key}'${near ? ` (did you mean '${near}'?)` : ""}`;
  });
  throw new TypeError(`[a2i-fake] ${where}: unknown option${unknown.length > 1 ? "s" : ""} ${named.join(", ")}. Valid: ${known.join(", ")}.`);
}

/** How a value a user gave is shown in an error: strings quoted, functions and objects named, never their source. */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return `a function${value.name ? ` (${value.name})` : ""}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return `an object with ${Object.keys(value).join(", ") || "no keys"}`;
  return String(value);
}

/** Throws an `[a2i-fake]` TypeError unless `value` is undefined or `ok(value)`; `what` says what it must be. */
export function checkOptional(where: string, name: string, value: unknown, ok: (value: unknown) => boolean, what: string): void {
  if (value !== undefined && !ok(value)) throw new TypeError(`[a2i-fake] ${where}: ${name} must be ${what}; got ${shown(value)}.`);
}

/** A 12-digit AWS account id. */
export const isAccountId = (value: unknown): boolean => typeof value === "string" && /^\d{12}$/.test(value);

/**
 * The name a misspelt one most likely meant: the same letters in another case, or the closest within two edits
 * (insertions, deletions, substitutions, swaps of neighbours: `AnalyzeDocumnet`), case ignored; undefined if none.
 */
export function nearestName(name: string, names: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of names) {
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance of a and b, or `limit` when it is at least that. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= limit) return limit;
    before = previous;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}
