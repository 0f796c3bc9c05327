/**
 * How deep JSON may nest (issue 10). `JSON.parse` takes any depth, but `JSON.stringify` (output.json, the
 * server's answers, control reads) overflows the stack a few thousand levels down, so input the fake
 * accepted could break a later step. The fake refuses deeper input up front, with the error the service
 * would send (docs/behaviour.md: 1000 levels, the default nesting limit of Jackson, the JSON parser of
 * AWS's Java services; **Choice**).
 */
export const MAX_JSON_DEPTH = 1000;

/** The deepest nesting of arrays and objects in JSON text (strings skipped); stops counting past `limit`. */
export function jsonTextDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Whether JSON text nests deeper than MAX_JSON_DEPTH. Free for short text (it cannot). */
export function nestsTooDeep(text: string): boolean {
  return text.length > 2 * MAX_JSON_DEPTH && jsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH;
}

/**
 * A worker's answer as JSON text, or why it cannot be stored: it must serialize (no cycles, no BigInt) and nest
 * at most MAX_JSON_DEPTH levels.
 */
export function answerProblem(answer: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(answer);
  } catch (err) {
    return err instanceof RangeError
      ? `it nests too deep to be written as JSON (more than ${MAX_JSON_DEPTH} levels)`
      : `it cannot be written as JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  if (text !== undefined && nestsTooDeep(text)) return `it nests JSON deeper than ${MAX_JSON_DEPTH} levels`;
  return undefined;
}
