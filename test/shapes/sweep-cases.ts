/**
 * Boundary cases generated from the official model (src/services/generated/): for every constraint of every
 * input member an operation reaches, a just-valid and a just-invalid value, each placed in an otherwise minimal
 * valid input. Values that match a pattern come from fast-check's `stringMatching`, with a fixed seed.
 */
import fc from "fast-check";
import type { Shape, StructureShape } from "../../src/services/shape.js";

type Json = unknown;
type Step = { kind: "member"; name: string } | { kind: "item" };

export interface SweepCase {
  readonly operation: string;
  /** The member's path as the service writes it (`humanLoopConfig.taskKeywords.1.member`). */
  readonly path: string;
  readonly title: string;
  readonly input: Record<string, Json>;
  /** For a just-invalid value: the message part the ValidationException must contain. Undefined: just-valid. */
  readonly expect?: string;
}

const cpLength = (s: string) => Array.from(s).length;
type StringShape = Extract<Shape, { type: "string" }>;

const regexOf = (shape: StringShape) => (shape.regex ? new RegExp(shape.regex, "u") : undefined);
const fits = (shape: StringShape, s: string, n?: number) =>
  (regexOf(shape)?.test(s) ?? true) && (n === undefined ? inLength(shape, s) : cpLength(s) === n);
const inLength = (shape: StringShape, s: string) =>
  (shape.min === undefined || cpLength(s) >= shape.min) && (shape.max === undefined || cpLength(s) <= shape.max);

const samplesCache = new Map<string, string[]>();
function samples(shape: StringShape): string[] {
  const key = shape.regex ?? "";
  let list = samplesCache.get(key);
  if (!list) {
    const re = regexOf(shape);
    // Plain words first: fast-check builds `\p{...}` classes slowly (about 2 s each), so it only runs when none fits.
    const plain = ["value", "a", "abc", "a1", "1", "0", "a-b", "A", "a_b", "a b", "10.0.0.0/16", "https://example.com/a"];
    list = re ? plain.filter((w) => re.test(w)) : ["value", "x"];
    if (re && list.length === 0) list = fc.sample(fc.stringMatching(re), { seed: 42, numRuns: 20 });
    // Plain ASCII first: easier to read in a failing case.
    list.sort((a, b) => Number(/^[ -~]*$/.test(b)) - Number(/^[ -~]*$/.test(a)) || a.length - b.length);
    samplesCache.set(key, list);
  }
  return list;
}

/** A string that satisfies the shape, of exactly `n` code points when asked; undefined when none is found. */
export function validString(shape: StringShape, n?: number): string | undefined {
  if (shape.enum) return shape.enum[0];
  for (const s of samples(shape)) if (s !== "" || n === 0 || (shape.min ?? 0) === 0) if (fits(shape, s, n)) return s;
  if (n === undefined) n = Math.max(shape.min ?? 1, 1);
  for (const s of samples(shape)) {
    const chars = Array.from(s);
    const fillers = [...new Set([chars[chars.length - 1] ?? "a", "a", "0", ...chars])];
    for (const c of fillers) {
      const grown = chars.length <= n ? s + c.repeat(n - chars.length) : chars.slice(0, n).join("");
      if (fits(shape, grown, n)) return grown;
      const flat = c.repeat(n);
      if (fits(shape, flat, n)) return flat;
    }
  }
  return undefined;
}

/** A string of allowed length that fails the pattern. */
function patternBreaker(shape: StringShape): string | undefined {
  const re = regexOf(shape)!;
  const base = validString(shape) ?? "a";
  const candidates = ["!", " ", "_", "-", "a b", "\n", "A", "a", "0", "é", "", `${base}\n`, ` ${base}`, `${base} `, `${base}!`];
  for (const c of candidates) {
    const padded = shape.min !== undefined && cpLength(c) < shape.min ? c + "!".repeat(shape.min - cpLength(c)) : c;
    if (inLength(shape, padded) && !re.test(padded)) return padded;
  }
  return undefined;
}

/** A minimal valid value: required members only, smallest allowed lists. */
export function build(shape: Shape): Json {
  switch (shape.type) {
    case "string":
      return validString(shape) ?? "x";
    case "integer":
    case "number":
      return shape.min !== undefined ? Math.max(shape.min, Math.min(1, shape.max ?? 1)) : Math.min(1, shape.max ?? 1);
    case "boolean":
      return true;
    case "timestamp":
      return new Date(0);
    case "blob":
      return new Uint8Array(Math.max(shape.min ?? 1, 1));
    case "document":
      return {};
    case "list":
      return Array.from({ length: shape.min ?? 0 }, () => build(shape.member));
    case "map":
      return Object.fromEntries(Array.from({ length: shape.min ?? 0 }, (_, i) => [`k${i}`, build(shape.value)]));
    case "structure": {
      const out: Record<string, Json> = {};
      const names = shape.union ? Object.keys(shape.members).slice(0, 1) : (shape.required ?? []);
      for (const name of names) out[name] = build(shape.members[name]!);
      return out;
    }
  }
}

/** `base` with the value at `steps` replaced (ancestors built when absent); `undefined` removes the member. */
function place(base: Json, shapes: readonly Shape[], steps: readonly Step[], value: Json): Json {
  const root = structuredClone(base) as Record<string, Json>;
  let node: Record<string, Json> | Json[] = root;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const key: string | number = step.kind === "member" ? step.name : 0;
    const container = node as Record<string | number, Json>;
    if (last) {
      if (value === undefined) delete container[key];
      else container[key] = value;
      return;
    }
    if (container[key] === undefined) container[key] = build(shapes[i + 1]!);
    node = container[key] as Record<string, Json>;
  });
  return root;
}

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const casesCache = new Map<StructureShape, SweepCase[]>();

/** Every boundary case of one operation's input (computed once per input shape). */
export function casesOf(operation: string, input: StructureShape): SweepCase[] {
  let cases = casesCache.get(input);
  if (!cases) {
    cases = computeCases(operation, input);
    casesCache.set(input, cases);
  }
  return cases;
}

function computeCases(operation: string, input: StructureShape): SweepCase[] {
  const out: SweepCase[] = [];
  const base = build(input) as Record<string, Json>;
  const walk = (shape: Shape, shapes: Shape[], steps: Step[], path: string, depth: number) => {
    const add = (title: string, value: Json, expect?: string) =>
      out.push({ operation, path, title, input: place(base, shapes, steps, value) as Record<string, Json>, expect });
    const rule = (r: string) =>
      r === "map keys" || r === "map value"
        ? `at '${path}' failed to satisfy constraint: Map ${r === "map keys" ? "keys" : "value"} must satisfy constraint: [`
        : `at '${path}' failed to satisfy constraint: Member must ${r}`;
    if (depth > 12) return;
    if (shape.type === "string") {
      if (shape.enum) {
        add(`${path} = '${shape.enum[0]}' (enum)`, shape.enum[0]);
        add(`${path} not in the enum`, "not-a-model-value", rule(`satisfy enum value set: [${shape.enum.join(", ")}]`));
      }
      if (shape.max !== undefined) {
        const ok = validString(shape, shape.max);
        if (ok !== undefined && shape.max <= 200_000) add(`${path} of ${shape.max} (max)`, ok);
        if (shape.max < 200_000) add(`${path} of ${shape.max + 1}`, "a".repeat(shape.max + 1), rule(`have length less than or equal to ${shape.max}`));
      }
      if (shape.min !== undefined && shape.min > 0) {
        const ok = validString(shape, shape.min);
        if (ok !== undefined) add(`${path} of ${shape.min} (min)`, ok);
        add(`${path} of ${shape.min - 1}`, "a".repeat(shape.min - 1), rule(`have length greater than or equal to ${shape.min}`));
      }
      if (shape.pattern !== undefined) {
        const ok = validString(shape);
        if (ok !== undefined) add(`${path} = ${JSON.stringify(ok)} (pattern)`, ok);
        const bad = patternBreaker(shape);
        if (bad !== undefined) add(`${path} = ${JSON.stringify(bad)}`, bad, rule(`satisfy regular expression pattern: ${shape.pattern}`));
      }
    } else if (shape.type === "integer" || shape.type === "number") {
      const show = (n: number) => (shape.type === "number" && Number.isInteger(n) ? n.toFixed(1) : String(n));
      const numRule = (n: number, r: string) => `Value '${show(n)}' ${rule(r)}`;
      if (shape.min !== undefined) {
        add(`${path} = ${shape.min} (min)`, shape.min);
        add(`${path} = ${shape.min - 1}`, shape.min - 1, numRule(shape.min - 1, `have value greater than or equal to ${shape.min}`));
      }
      if (shape.max !== undefined) {
        add(`${path} = ${shape.max} (max)`, shape.max);
        add(`${path} = ${shape.max + 1}`, shape.max + 1, numRule(shape.max + 1, `have value less than or equal to ${shape.max}`));
      }
    } else if (shape.type === "blob") {
      if (shape.min !== undefined && shape.min > 0) {
        add(`${path} of ${shape.min} bytes (min)`, new Uint8Array(shape.min));
        const n = shape.min - 1;
        add(`${path} of ${n} bytes`, new Uint8Array(n), `Value 'java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]' ${rule(`have length greater than or equal to ${shape.min}`)}`);
      }
      if (shape.max !== undefined && shape.max < 200_000) {
        add(`${path} of ${shape.max} bytes (max)`, new Uint8Array(shape.max));
        add(`${path} of ${shape.max + 1} bytes`, new Uint8Array(shape.max + 1), rule(`have length less than or equal to ${shape.max}`));
      }
    } else if (shape.type === "list" || shape.type === "map") {
      const item = shape.type === "list" ? shape.member : shape.value;
      const make = (n: number) =>
        shape.type === "list"
          ? Array.from({ length: n }, () => build(item))
          : Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, build(item)]));
      if (shape.max !== undefined) {
        add(`${path} with ${shape.max} (max)`, make(shape.max));
        add(`${path} with ${shape.max + 1}`, make(shape.max + 1), rule(`have length less than or equal to ${shape.max}`));
      }
      if (shape.min !== undefined && shape.min > 0) {
        add(`${path} with ${shape.min} (min)`, make(shape.min));
        add(`${path} with ${shape.min - 1}`, make(shape.min - 1), rule(`have length greater than or equal to ${shape.min}`));
      }
      if (shape.type === "list") walk(item, [...shapes, item], [...steps, { kind: "item" }], `${path}.1.member`, depth + 1);
      else {
        // Map keys and values are reported for the whole map, listing the key or value shape's constraints.
        const keyShape = shape.key?.type === "string" ? shape.key : undefined;
        if (keyShape?.max !== undefined) {
          const ok = validString(keyShape, keyShape.max);
          if (ok !== undefined) add(`${path} key of ${keyShape.max} (max)`, { [ok]: build(item) });
          add(`${path} key of ${keyShape.max + 1}`, { ["k".repeat(keyShape.max + 1)]: build(item) }, rule("map keys"));
        }
        if (item.type === "string" && item.max !== undefined) {
          add(`${path} value of ${item.max + 1}`, { k0: "v".repeat(item.max + 1) }, rule("map value"));
        }
      }
    } else if (shape.type === "structure") {
      for (const [name, member] of Object.entries(shape.members)) {
        const memberPath = path ? `${path}.${camel(name)}` : camel(name);
        const memberSteps: Step[] = [...steps, { kind: "member", name }];
        if (shape.required?.includes(name)) {
          out.push({
            operation,
            path: memberPath,
            title: `${memberPath} missing`,
            input: place(base, [...shapes, member], memberSteps, undefined) as Record<string, Json>,
            expect: `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
          });
        }
        walk(member, [...shapes, member], memberSteps, memberPath, depth + 1);
      }
    }
  };
  walk(input, [input], [], "", 0);
  return out;
}
