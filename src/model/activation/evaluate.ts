/**
 * The activation engine (a2i-next-spec.md §1.6, decisions.md "Built-in task types"): whether a model result
 * starts a human loop, which inferences reviewers see, and the evaluation tree A2I reports.
 *
 * - The top-level `Conditions` are ORed; every condition is evaluated, even after one held.
 * - `And`/`Or` combine their members. Inside an `And`, item-level members (confidence checks) must hold for the
 *   SAME inference, and a `Sampling` member samples those inferences one by one; elsewhere `Sampling` samples the
 *   whole request, and when it fires every inference goes to reviewers.
 * - Within one confidence check, every given comparison must hold for the same key-value pair (or label); the
 *   word part holds when ANY of the pair's words meets every word comparison.
 */
import { compare, type ActivationConditions, type ConditionNode, type LeafCondition } from "./conditions.js";
import type { FormPair } from "./textract-form.js";

/** What the conditions look at: a form's key-value pairs, or moderation labels. */
export type Subject =
  | { readonly kind: "form"; readonly pairs: readonly FormPair[] }
  | { readonly kind: "labels"; readonly labels: ReadonlyArray<{ readonly name: string; readonly confidence: number }> };

/**
 * A sampling decision: `unit` is `"request"` for the whole request, or `"inference:<n>"` for one inference
 * inside an `And`; true when it is in the sample of `percentage` percent.
 */
export type Sampler = (unit: string, percentage: number) => boolean;

export interface Evaluation {
  /** Whether a human loop starts. */
  readonly activated: boolean;
  /** The flow definition's conditions with `EvaluationResult` on every node, keys in alphabetical order. */
  readonly results: { readonly Conditions: unknown[] };
  /** Which inferences reviewers see: every one, or these indexes (of `pairs` or `labels`). */
  readonly selected: "all" | ReadonlySet<number>;
  /** The `ImportantFormKey`s of the form-key conditions that held (the task's `humanLoopContext`). */
  readonly importantFormKeys: readonly string[];
}

interface NodeResult {
  readonly holds: boolean;
  readonly items: ReadonlySet<number>;
  /** A request-level `Sampling` fired: every inference goes to reviewers. */
  readonly all: boolean;
  /** The node names inferences (a confidence check, or a combination holding one). */
  readonly itemLevel: boolean;
  readonly tree: unknown;
}

const EMPTY: ReadonlySet<number> = new Set();

/** No activation conditions: "all requests go to humans" (SM-MODEL HumanLoopActivationConfig doc). */
export const ALWAYS: Evaluation = { activated: true, results: { Conditions: [] }, selected: "all", importantFormKeys: [] };

export function evaluate(config: ActivationConditions, subject: Subject, sample: Sampler): Evaluation {
  const keys = new Set<string>();
  const results = config.conditions.map((c) => evaluateNode(c, subject, sample, keys));
  const held = results.filter((r) => r.holds);
  const all = held.some((r) => r.all);
  const selected = new Set<number>();
  if (!all) for (const r of held) for (const i of r.items) selected.add(i);
  return {
    activated: held.length > 0,
    results: { Conditions: results.map((r) => r.tree) },
    selected: all ? "all" : selected,
    importantFormKeys: [...keys],
  };
}

function evaluateNode(node: ConditionNode, subject: Subject, sample: Sampler, keys: Set<string>): NodeResult {
  if (node.kind === "leaf") {
    const c = node.condition;
    const r = c.type === "Sampling" ? sampleRequest(c.percentage, sample) : evaluateLeaf(c, subject);
    if (r.holds && (c.type === "ImportantFormKeyConfidenceCheck" || c.type === "MissingImportantFormKey") && c.keys[0] !== "*") {
      keys.add(c.keys[0]!);
    }
    return { holds: r.holds, items: r.items, all: r.all, itemLevel: r.itemLevel, tree: leafTree(node.raw, r.holds) };
  }
  if (node.kind === "Or") {
    const members = node.members.map((m) => evaluateNode(m, subject, sample, keys));
    const held = members.filter((m) => m.holds);
    return finish(node.kind, members, held.length > 0, union(held), held.some((m) => m.all), members.some((m) => m.itemLevel));
  }
  return evaluateAnd(node.members, subject, sample, keys);
}

function evaluateAnd(nodes: readonly ConditionNode[], subject: Subject, sample: Sampler, keys: Set<string>): NodeResult {
  const isSampling = (n: ConditionNode) => n.kind === "leaf" && n.condition.type === "Sampling";
  const others = nodes.map((n) => (isSampling(n) ? undefined : evaluateNode(n, subject, sample, keys)));
  const itemMembers = others.filter((m): m is NodeResult => m !== undefined && m.itemLevel);
  if (itemMembers.length === 0) {
    // Only request-level members: each is evaluated on its own, Sampling included.
    const members = nodes.map((n, i) => others[i] ?? evaluateNode(n, subject, sample, keys));
    const holds = members.every((m) => m.holds);
    return finish("And", members, holds, holds ? union(members) : EMPTY, holds && members.some((m) => m.all), false);
  }
  // The same inference must satisfy every item-level member; Sampling then samples those inferences.
  let items = [...itemMembers[0]!.items].filter((i) => itemMembers.every((m) => m.items.has(i)));
  const members = nodes.map((n, i) => {
    const done = others[i];
    if (done) return done;
    const { percentage } = (n as { condition: Extract<LeafCondition, { type: "Sampling" }> }).condition;
    items = items.filter((item) => sample(`inference:${item}`, percentage));
    const holds = items.length > 0;
    const raw = (n as { raw: Record<string, unknown> }).raw;
    return { holds, items: new Set(items), all: false, itemLevel: true, tree: leafTree(raw, holds) };
  });
  const holds = items.length > 0 && members.every((m) => m.holds);
  return finish("And", members, holds, holds ? new Set(items) : EMPTY, false, true);
}

function finish(kind: "And" | "Or", members: NodeResult[], holds: boolean, items: ReadonlySet<number>, all: boolean, itemLevel: boolean): NodeResult {
  // The members' trees are sorted already; "And" < "EvaluationResult" < "Or".
  const trees = members.map((m) => m.tree);
  const tree = kind === "And" ? { And: trees, EvaluationResult: holds } : { EvaluationResult: holds, Or: trees };
  return { holds, items, all, itemLevel, tree };
}

function union(results: readonly NodeResult[]): ReadonlySet<number> {
  const out = new Set<number>();
  for (const r of results) for (const i of r.items) out.add(i);
  return out;
}

function sampleRequest(percentage: number, sample: Sampler): Omit<NodeResult, "tree"> {
  const holds = sample("request", percentage);
  return { holds, items: EMPTY, all: holds, itemLevel: false };
}

const keyMatches = (keys: readonly string[], text: string) => keys[0] === "*" || keys.includes(text);

function evaluateLeaf(c: Exclude<LeafCondition, { type: "Sampling" }>, subject: Subject): Omit<NodeResult, "tree"> {
  const items = new Set<number>();
  switch (c.type) {
    case "ImportantFormKeyConfidenceCheck":
      if (subject.kind !== "form") break;
      subject.pairs.forEach((pair, i) => {
        if (!keyMatches(c.keys, pair.keyText)) return;
        if (!c.keyValueBlock.every((t) => compare(pair.keyConfidence, t))) return;
        if (c.wordBlock.length > 0 && !pair.wordConfidences.some((w) => c.wordBlock.every((t) => compare(w, t)))) return;
        items.add(i);
      });
      return { holds: items.size > 0, items, all: false, itemLevel: true };
    case "MissingImportantFormKey": {
      const present = subject.kind === "form" && subject.pairs.some((p) => keyMatches(c.keys, p.keyText));
      return { holds: !present, items: EMPTY, all: false, itemLevel: false };
    }
    case "ModerationLabelConfidenceCheck":
      if (subject.kind !== "labels") break;
      subject.labels.forEach((label, i) => {
        if (c.labelName !== "*" && label.name !== c.labelName) return;
        if (c.confidence.every((t) => compare(label.confidence, t))) items.add(i);
      });
      return { holds: items.size > 0, items, all: false, itemLevel: true };
  }
  return { holds: false, items: EMPTY, all: false, itemLevel: true };
}

/**
 * A condition's raw JSON with keys in alphabetical order at every level, "EvaluationResult" among them, worked out
 * once per condition. The sorted members are shared by every evaluation's tree (read only: the loop's input is
 * parsed from its text, or copied, never these objects).
 */
const sortedLeaves = new WeakMap<object, { readonly keys: readonly string[]; readonly values: readonly unknown[] }>();

function leafTree(raw: Record<string, unknown>, holds: boolean): Record<string, unknown> {
  let sorted = sortedLeaves.get(raw);
  if (!sorted) {
    const keys = [...new Set([...Object.keys(raw), "EvaluationResult"])].sort();
    sorted = { keys, values: keys.map((k) => (k === "EvaluationResult" ? undefined : sortedTree(raw[k]))) };
    sortedLeaves.set(raw, sorted);
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < sorted.keys.length; i++) {
    const key = sorted.keys[i]!;
    out[key] = key === "EvaluationResult" ? holds : sorted.values[i];
  }
  return out;
}

/** A copy with object keys in alphabetical order at every level, as A2I's own evaluation trees print them. */
function sortedTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedTree);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortedTree((value as Record<string, unknown>)[k]);
  return out;
}
