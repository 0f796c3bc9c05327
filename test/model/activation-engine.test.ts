/**
 * The pure activation engine (a2i-next-spec.md §1.5–§1.6, decisions.md "Built-in task types"), without any SDK:
 * the conditions check, every condition type and comparator, nesting, and what reviewers are shown.
 */
import { AwsServiceError } from "../../src/model/errors.js";
import { REKOGNITION_SOURCE, TEXTRACT_SOURCE, type RequestSource } from "../../src/model/activation/conditions.js";
import { parseActivationConditions } from "../../src/model/activation/parse-conditions.js";
import { evaluate, type Sampler, type Subject } from "../../src/model/activation/evaluate.js";
import { formPairs } from "../../src/model/activation/textract-form.js";
import { sampler } from "../../src/model/activation/sampling.js";
import { textractForm } from "../../src/ai-results/textract-form.js";

const never: Sampler = () => false;
const always: Sampler = () => true;

const form = (fields: Parameters<typeof textractForm>[0]): Subject => ({ kind: "form", pairs: formPairs(textractForm(fields).Blocks!) });
const labels = (...l: Array<[string, number]>): Subject => ({ kind: "labels", labels: l.map(([name, confidence]) => ({ name, confidence })) });
const textract = (conditions: unknown[]) => parseActivationConditions(JSON.stringify({ Conditions: conditions }), TEXTRACT_SOURCE);
const rekognition = (conditions: unknown[]) => parseActivationConditions(JSON.stringify({ Conditions: conditions }), REKOGNITION_SOURCE);

const keyCheck = (key: string, params: Record<string, unknown>, aliases?: string[]) => ({
  ConditionType: "ImportantFormKeyConfidenceCheck",
  ConditionParameters: { ImportantFormKey: key, ...(aliases ? { ImportantFormKeyAliases: aliases } : {}), ...params },
});
const labelCheck = (name: string, params: Record<string, unknown>) => ({
  ConditionType: "ModerationLabelConfidenceCheck",
  ConditionParameters: { ModerationLabelName: name, ...params },
});
const sampling = (p: number) => ({ ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: p } });
const missing = (key: string, aliases?: string[]) => ({
  ConditionType: "MissingImportantFormKey",
  ConditionParameters: { ImportantFormKey: key, ...(aliases ? { ImportantFormKeyAliases: aliases } : {}) },
});

function refusal(text: string, source: RequestSource = TEXTRACT_SOURCE): string {
  try {
    parseActivationConditions(text, source);
  } catch (err) {
    expect(err).toBeInstanceOf(AwsServiceError);
    expect((err as AwsServiceError).code).toBe("ValidationException");
    return (err as Error).message;
  }
  throw new Error("expected a ValidationException");
}

describe("the activation-conditions check", () => {
  it("refuses documents that are not JSON, with a hint about the guide's broken examples", () => {
    // Textract Example 6 of the guide: no comma after a threshold.
    const msg = refusal('{"Conditions":[{"ConditionType":"ImportantFormKeyConfidenceCheck","ConditionParameters":{"ImportantFormKey":"a","KeyValueBlockConfidenceLessThan": 90 "WordBlockConfidenceLessThan": 90}}]}');
    expect(msg).toMatch(/^Invalid HumanLoopActivationConditions: the value is not valid JSON \(.+\)\. Some examples in the Amazon A2I Developer Guide/);
  });

  it("asks for the Conditions wrapper around a bare condition (the guide's Textract Example 4)", () => {
    expect(refusal(JSON.stringify(missing("Name:")))).toContain(`write {"Conditions": [ <your condition> ]}`);
    expect(refusal("[]")).toContain(`must be a JSON object with a "Conditions" array`);
    expect(refusal('{"Conditions": {}}')).toContain(`"Conditions" must be an array`);
  });

  it("allows each source its own condition types only", () => {
    expect(refusal(JSON.stringify({ Conditions: [labelCheck("*", { ConfidenceLessThan: 5 })] }))).toBe(
      `Invalid HumanLoopActivationConditions at $.Conditions[0].ConditionType: "ModerationLabelConfidenceCheck" is not a condition type of ${TEXTRACT_SOURCE}; allowed: ImportantFormKeyConfidenceCheck, MissingImportantFormKey, Sampling.`,
    );
    expect(refusal(JSON.stringify({ Conditions: [missing("a")] }), REKOGNITION_SOURCE)).toContain("allowed: ModerationLabelConfidenceCheck, Sampling");
    expect(() => rekognition([labelCheck("*", { ConfidenceGreaterThan: 50 }), sampling(5)])).not.toThrow();
  });

  it("allows two levels of And/Or, not three, and at least two members in each", () => {
    const two = { Or: [{ And: [sampling(1), sampling(2)] }, sampling(3)] };
    expect(() => textract([two])).not.toThrow();
    const three = { Or: [{ And: [{ Or: [sampling(1), sampling(2)] }, sampling(3)] }, sampling(4)] };
    expect(refusal(JSON.stringify({ Conditions: [three] }))).toBe(
      "Invalid HumanLoopActivationConditions at $.Conditions[0].Or[0].And[0]: more than 2 levels of \"And\"/\"Or\" nesting; Amazon A2I supports up to two levels.",
    );
    expect(refusal(JSON.stringify({ Conditions: [{ And: [sampling(1)] }] }))).toContain(`"And" must be an array of at least 2 conditions`);
    expect(refusal(JSON.stringify({ Conditions: [{ Or: "x" }] }))).toContain(`"Or" must be an array of at least 2 conditions`);
  });

  it("checks parameters: RandomSamplingPercentage 0.01 to 100, thresholds, known names, required keys", () => {
    for (const p of [0.01, 100, 50.5]) expect(() => textract([sampling(p)])).not.toThrow();
    for (const p of [0, 0.009, 100.01, "5"]) {
      expect(refusal(JSON.stringify({ Conditions: [sampling(p as number)] }))).toContain("RandomSamplingPercentage: must be a number from 0.01 to 100");
    }
    expect(refusal(JSON.stringify({ Conditions: [keyCheck("a", { KeyValueBlockConfidenceLessThen: 5 })] }))).toContain(
      `ImportantFormKeyConfidenceCheck takes no parameter "KeyValueBlockConfidenceLessThen"`,
    );
    expect(refusal(JSON.stringify({ Conditions: [keyCheck("a", { WordBlockConfidenceLessThan: 101 })] }))).toContain("from 0 to 100");
    expect(refusal(JSON.stringify({ Conditions: [keyCheck("", {})] }))).toContain("ImportantFormKey: a non-empty string is required");
    expect(refusal(JSON.stringify({ Conditions: [missing("a", "b" as unknown as string[])] }))).toContain("ImportantFormKeyAliases: must be an array of strings");
    expect(refusal(JSON.stringify({ Conditions: [{ ConditionType: "Sampling" }] }))).toContain(`Sampling needs a "ConditionParameters" object`);
    expect(refusal(JSON.stringify({ Conditions: [labelCheck("", {})] }), REKOGNITION_SOURCE)).toContain("ModerationLabelName");
  });
});

describe("evaluating ImportantFormKeyConfidenceCheck", () => {
  const doc = form({
    "Mail address:": { value: "12 Main St", keyConfidence: 55, wordConfidence: [99, 99, 80, 99, 99] },
    "Name:": { value: "Jane", keyConfidence: 95, wordConfidence: 99 },
  });

  it.each([
    ["KeyValueBlockConfidenceLessThan", 55, false],
    ["KeyValueBlockConfidenceLessThan", 55.01, true],
    ["KeyValueBlockConfidenceLessThanEquals", 55, true],
    ["KeyValueBlockConfidenceEquals", 55, true],
    ["KeyValueBlockConfidenceEquals", 56, false],
    ["KeyValueBlockConfidenceGreaterThan", 55, false],
    ["KeyValueBlockConfidenceGreaterThanEquals", 55, true],
    ["WordBlockConfidenceLessThan", 80, false],
    ["WordBlockConfidenceLessThan", 81, true],
    ["WordBlockConfidenceLessThanEquals", 80, true],
    ["WordBlockConfidenceEquals", 80, true],
    ["WordBlockConfidenceGreaterThan", 99, false],
    ["WordBlockConfidenceGreaterThanEquals", 99, true],
  ])("%s %d on a key of confidence 55 with one word at 80: %s", (param, value, holds) => {
    expect(evaluate(textract([keyCheck("Mail address:", { [param]: value })]), doc, never).activated).toBe(holds);
  });

  it("matches the key or an alias exactly (case, colon), or every key with *", () => {
    const lt = { KeyValueBlockConfidenceLessThan: 100 };
    expect(evaluate(textract([keyCheck("Mail Address:", lt)]), doc, never).activated).toBe(false);
    expect(evaluate(textract([keyCheck("Mail address", lt)]), doc, never).activated).toBe(false);
    expect(evaluate(textract([keyCheck("Address", lt, ["Mail address:"])]), doc, never).activated).toBe(true);
    const all = evaluate(textract([keyCheck("*", { KeyValueBlockConfidenceGreaterThan: 50 })]), doc, never);
    expect(all.selected).toEqual(new Set([0, 1]));
  });

  it("ANDs the thresholds of one condition on the same pair, never across pairs", () => {
    // Key confidence < 60 holds only for "Mail address:", word > 99.2 never on it.
    const c = keyCheck("*", { KeyValueBlockConfidenceLessThan: 60, WordBlockConfidenceGreaterThan: 99.2 });
    const d = form({ "A:": { value: "x", keyConfidence: 50, wordConfidence: 90 }, "B:": { value: "y", keyConfidence: 90, wordConfidence: 99.9 } });
    expect(evaluate(textract([c]), d, never).activated).toBe(false);
    // One word must meet every word comparison at once.
    const words = keyCheck("A:", { WordBlockConfidenceGreaterThan: 85, WordBlockConfidenceLessThan: 95 });
    const d2 = form({ "A:": { value: "x y", wordConfidence: [80, 99, 90] } });
    expect(evaluate(textract([words]), d2, never).activated).toBe(true);
    const d3 = form({ "A:": { value: "x y", wordConfidence: [80, 99, 99] } });
    expect(evaluate(textract([words]), d3, never).activated).toBe(false);
  });
});

describe("evaluating the other condition types and combinations", () => {
  const doc = form({ "Name:": { value: "Jane", keyConfidence: 95 }, "Date:": { value: "", keyConfidence: 70 } });

  it("MissingImportantFormKey holds when neither the key nor an alias was detected, and selects no pair", () => {
    const ev = evaluate(textract([missing("Signature:", ["Sign:"])]), doc, never);
    expect(ev).toMatchObject({ activated: true, importantFormKeys: ["Signature:"] });
    expect(ev.selected).toEqual(new Set());
    expect(evaluate(textract([missing("Signature:", ["Date:"])]), doc, never).activated).toBe(false);
  });

  it("ModerationLabelConfidenceCheck: exact Name (never ParentName) or *, every comparison", () => {
    const img = labels(["Weapons", 87], ["Violence", 87]);
    expect(evaluate(rekognition([labelCheck("weapons", { ConfidenceGreaterThan: 50 })]), img, never).activated).toBe(false);
    const ev = evaluate(rekognition([labelCheck("Weapons", { ConfidenceGreaterThan: 80, ConfidenceLessThanEquals: 87 })]), img, never);
    expect(ev.selected).toEqual(new Set([0]));
    expect(evaluate(rekognition([labelCheck("*", { ConfidenceEquals: 87 })]), img, never).selected).toEqual(new Set([0, 1]));
  });

  it("ORs the top level, evaluates every condition and reports EvaluationResult on every node, keys sorted", () => {
    const conditions = [
      { Or: [keyCheck("Name:", { KeyValueBlockConfidenceLessThan: 99 }), missing("Date:")] },
      { And: [keyCheck("Date:", { KeyValueBlockConfidenceLessThan: 80 }), keyCheck("*", { KeyValueBlockConfidenceGreaterThan: 75 })] },
    ];
    const ev = evaluate(textract(conditions), doc, never);
    expect(ev.activated).toBe(true);
    expect(ev.selected).toEqual(new Set([0]));
    expect(ev.results).toEqual({
      Conditions: [
        {
          EvaluationResult: true,
          Or: [
            { ConditionParameters: { ImportantFormKey: "Name:", KeyValueBlockConfidenceLessThan: 99 }, ConditionType: "ImportantFormKeyConfidenceCheck", EvaluationResult: true },
            { ConditionParameters: { ImportantFormKey: "Date:" }, ConditionType: "MissingImportantFormKey", EvaluationResult: false },
          ],
        },
        {
          // Date: holds the first, Name: the second: never the same pair.
          And: [
            { ConditionParameters: { ImportantFormKey: "Date:", KeyValueBlockConfidenceLessThan: 80 }, ConditionType: "ImportantFormKeyConfidenceCheck", EvaluationResult: true },
            { ConditionParameters: { ImportantFormKey: "*", KeyValueBlockConfidenceGreaterThan: 75 }, ConditionType: "ImportantFormKeyConfidenceCheck", EvaluationResult: true },
          ],
          EvaluationResult: false,
        },
      ],
    });
    expect(JSON.stringify(ev.results)).toMatch(
      /^\{"Conditions":\[\{"EvaluationResult":true,"Or":\[\{"ConditionParameters":\{"ImportantFormKey":"Name:","KeyValueBlockConfidenceLessThan":99\},"ConditionType":/,
    );
  });

  it("Sampling alone samples the request and sends every inference; inside And it samples the sibling's inferences", () => {
    expect(evaluate(textract([sampling(10)]), doc, always).selected).toBe("all");
    expect(evaluate(textract([sampling(10)]), doc, never).activated).toBe(false);
    const units: string[] = [];
    const ev = evaluate(textract([{ And: [keyCheck("*", { KeyValueBlockConfidenceLessThan: 100 }), sampling(50)] }]), doc, (unit) => {
      units.push(unit);
      return unit === "inference:1";
    });
    expect(units).toEqual(["inference:0", "inference:1"]);
    expect(ev.selected).toEqual(new Set([1]));
  });

  it("no condition holds with Conditions: []", () => {
    expect(evaluate(textract([]), doc, always).activated).toBe(false);
  });

  it("samples deterministically by seed, flow definition and document; about the given percentage", () => {
    const decide = (seed: number, docId: string) => sampler(seed, "arn:fd", docId, undefined)("request", 30);
    const docs = Array.from({ length: 2000 }, (_, i) => `s3://b/doc-${i}.png`);
    const first = docs.map((d) => decide(1, d));
    expect(docs.map((d) => decide(1, d))).toEqual(first);
    expect(docs.map((d) => decide(2, d))).not.toEqual(first);
    const rate = first.filter(Boolean).length / docs.length;
    expect(rate).toBeGreaterThan(0.26);
    expect(rate).toBeLessThan(0.34);
    expect(sampler(1, "arn:fd", "x", () => true)("request", 0.01)).toBe(true);
    expect(sampler(1, "arn:fd", "x", () => false)("request", 100)).toBe(false);
  });
});
