/**
 * The check of `HumanLoopActivationConditions` on CreateFlowDefinition: JSON, the draft-07 schema of
 * a2i-next-spec.md §1.5 (Conditions → ComplexCondition = Condition | {And: [≥2]} | {Or: [≥2]}), the condition
 * types each request source allows, at most two levels of And/Or, and the parameters of each type
 * (decisions.md "Activation-conditions validation"). The grammar is tiny and fixed, so plain code rather than
 * a JSON-schema engine; every failure is a ValidationException that says where and what to write instead.
 */
import { validationException } from "../errors.js";
import {
  ALLOWED_TYPES,
  COMPARATORS,
  type ActivationConditions,
  type ConditionNode,
  type LeafCondition,
  type RequestSource,
  type Threshold,
} from "./conditions.js";

/** "Up to two levels of nesting are supported" (DG:a2i-human-fallback-conditions-json-schema). */
const MAX_NESTING = 2;

const PREFIX = "Invalid HumanLoopActivationConditions";

const fail = (where: string, message: string): never => {
  throw validationException(`${PREFIX} at ${where}: ${message}`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parse and check the activation conditions of a flow definition of `source`. */
export function parseActivationConditions(text: string, source: RequestSource): ActivationConditions {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw validationException(
      `${PREFIX}: the value is not valid JSON (${(err as Error).message}). Some examples in the Amazon A2I Developer ` +
        `Guide are not valid JSON (a missing comma, an extra '}'): check the document with a JSON parser before sending it.`,
    );
  }
  if (!isObject(json) || !("Conditions" in json)) {
    const bare = isObject(json) && ("ConditionType" in json || "And" in json || "Or" in json);
    return fail(
      "$",
      bare
        ? `a condition must sit inside a top-level "Conditions" array: write {"Conditions": [ <your condition> ]}.`
        : `the document must be a JSON object with a "Conditions" array, as {"Conditions": [{"ConditionType": "Sampling", "ConditionParameters": {"RandomSamplingPercentage": 5}}]}.`,
    );
  }
  const conditions = json.Conditions;
  if (!Array.isArray(conditions)) return fail("$.Conditions", `"Conditions" must be an array of conditions.`);
  return { conditions: conditions.map((c, i) => parseNode(c, `$.Conditions[${i}]`, 0, source)) };
}

function parseNode(value: unknown, where: string, depth: number, source: RequestSource): ConditionNode {
  if (!isObject(value)) return fail(where, `a condition must be a JSON object with "ConditionType" (or an "And" or "Or" array).`);
  if ("ConditionType" in value) return { kind: "leaf", condition: parseLeaf(value, where, source), raw: value };
  const kind = "And" in value ? "And" : "Or" in value ? "Or" : undefined;
  if (!kind) return fail(where, `a condition needs "ConditionType", or an "And" or "Or" array of conditions.`);
  if ("And" in value && "Or" in value) return fail(where, `a condition is either an "And" or an "Or", not both: nest one inside the other.`);
  if (depth >= MAX_NESTING) {
    return fail(where, `more than ${MAX_NESTING} levels of "And"/"Or" nesting; Amazon A2I supports up to two levels.`);
  }
  const members = value[kind];
  if (!Array.isArray(members) || members.length < 2) {
    return fail(`${where}.${kind}`, `"${kind}" must be an array of at least 2 conditions; use the condition itself when there is one.`);
  }
  return { kind, members: members.map((m, i) => parseNode(m, `${where}.${kind}[${i}]`, depth + 1, source)) };
}

const KEY_PARAMETERS = ["ImportantFormKey", "ImportantFormKeyAliases"];
const thresholdNames = (prefix: string) => COMPARATORS.map((c) => `${prefix}${c}`);

function parseLeaf(value: Record<string, unknown>, where: string, source: RequestSource): LeafCondition {
  const type = value.ConditionType;
  const allowed = ALLOWED_TYPES[source];
  if (typeof type !== "string" || !(allowed as readonly string[]).includes(type)) {
    return fail(
      `${where}.ConditionType`,
      `${JSON.stringify(type)} is not a condition type of ${source}; allowed: ${allowed.join(", ")}.`,
    );
  }
  const params = value.ConditionParameters;
  const at = `${where}.ConditionParameters`;
  if (!isObject(params)) return fail(at, `${type} needs a "ConditionParameters" object.`);
  switch (type as LeafCondition["type"]) {
    case "ImportantFormKeyConfidenceCheck": {
      onlyKnown(params, at, type, [...KEY_PARAMETERS, ...thresholdNames("KeyValueBlockConfidence"), ...thresholdNames("WordBlockConfidence")]);
      return {
        type: "ImportantFormKeyConfidenceCheck",
        keys: formKeys(params, at),
        keyValueBlock: thresholds(params, at, "KeyValueBlockConfidence"),
        wordBlock: thresholds(params, at, "WordBlockConfidence"),
      };
    }
    case "MissingImportantFormKey":
      onlyKnown(params, at, type, KEY_PARAMETERS);
      return { type: "MissingImportantFormKey", keys: formKeys(params, at) };
    case "ModerationLabelConfidenceCheck": {
      onlyKnown(params, at, type, ["ModerationLabelName", ...thresholdNames("Confidence")]);
      const name = params.ModerationLabelName;
      if (typeof name !== "string" || name === "") {
        return fail(`${at}.ModerationLabelName`, `a non-empty string is required (a label name such as "Suggestive", or "*" for any label).`);
      }
      return { type: "ModerationLabelConfidenceCheck", labelName: name, confidence: thresholds(params, at, "Confidence") };
    }
    case "Sampling": {
      onlyKnown(params, at, type, ["RandomSamplingPercentage"]);
      const p = params.RandomSamplingPercentage;
      if (typeof p !== "number" || !Number.isFinite(p) || p < 0.01 || p > 100) {
        return fail(`${at}.RandomSamplingPercentage`, `must be a number from 0.01 to 100; got ${JSON.stringify(p)}.`);
      }
      return { type: "Sampling", percentage: p };
    }
  }
}

function onlyKnown(params: Record<string, unknown>, at: string, type: string, known: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) fail(`${at}.${name}`, `${type} takes no parameter "${name}"; its parameters are ${known.join(", ")}.`);
  }
}

function formKeys(params: Record<string, unknown>, at: string): string[] {
  const key = params.ImportantFormKey;
  if (typeof key !== "string" || key === "") {
    return fail(`${at}.ImportantFormKey`, `a non-empty string is required (the form key, such as "Mail address:", or "*" for every key).`);
  }
  const aliases = params.ImportantFormKeyAliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== "string")) {
    return fail(`${at}.ImportantFormKeyAliases`, `must be an array of strings.`);
  }
  return [key, ...(aliases as string[])];
}

function thresholds(params: Record<string, unknown>, at: string, prefix: string): Threshold[] {
  const out: Threshold[] = [];
  for (const comparator of COMPARATORS) {
    const v = params[`${prefix}${comparator}`];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100) {
      fail(`${at}.${prefix}${comparator}`, `a confidence threshold must be a number from 0 to 100; got ${JSON.stringify(v)}.`);
    }
    out.push({ comparator, value: v as number });
  }
  return out;
}
