/**
 * Activation conditions of a built-in task type (a2i-next-spec.md §1.5, DG:a2i-human-fallback-conditions-json-schema):
 * the parsed, checked form of `HumanLoopActivationConditions`. A tagged union per node, so the engine never
 * re-reads raw JSON.
 */

/** The two request sources of built-in task types (SM-MODEL `AwsManagedHumanLoopRequestSource`). */
export const TEXTRACT_SOURCE = "AWS/Textract/AnalyzeDocument/Forms/V1";
export const REKOGNITION_SOURCE = "AWS/Rekognition/DetectModerationLabels/Image/V3";
export type RequestSource = typeof TEXTRACT_SOURCE | typeof REKOGNITION_SOURCE;

/** The five comparisons a confidence threshold may use (DG example pages). */
export const COMPARATORS = ["Equals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface Threshold {
  readonly comparator: Comparator;
  readonly value: number;
}

export type LeafCondition =
  | {
      readonly type: "ImportantFormKeyConfidenceCheck";
      /** The key and its aliases; `["*"]` matches every key. */
      readonly keys: readonly string[];
      readonly keyValueBlock: readonly Threshold[];
      readonly wordBlock: readonly Threshold[];
    }
  | { readonly type: "MissingImportantFormKey"; readonly keys: readonly string[] }
  | { readonly type: "ModerationLabelConfidenceCheck"; readonly labelName: string; readonly confidence: readonly Threshold[] }
  | { readonly type: "Sampling"; readonly percentage: number };

export type ConditionNode =
  | { readonly kind: "leaf"; readonly condition: LeafCondition; readonly raw: Record<string, unknown> }
  | { readonly kind: "And" | "Or"; readonly members: readonly ConditionNode[] };

/** A flow definition's activation conditions: the top-level `Conditions` array is an OR. */
export interface ActivationConditions {
  readonly conditions: readonly ConditionNode[];
}

/** The condition types each request source allows (DG:a2i-human-fallback-conditions-json-schema). */
export const ALLOWED_TYPES: Readonly<Record<RequestSource, readonly LeafCondition["type"][]>> = {
  [TEXTRACT_SOURCE]: ["ImportantFormKeyConfidenceCheck", "MissingImportantFormKey", "Sampling"],
  [REKOGNITION_SOURCE]: ["ModerationLabelConfidenceCheck", "Sampling"],
};

export function compare(value: number, t: Threshold): boolean {
  switch (t.comparator) {
    case "Equals":
      return value === t.value;
    case "LessThan":
      return value < t.value;
    case "LessThanEquals":
      return value <= t.value;
    case "GreaterThan":
      return value > t.value;
    case "GreaterThanEquals":
      return value >= t.value;
  }
}
