/**
 * `moderationLabels`: what Rekognition `DetectModerationLabels` answers for an image, from label names and
 * confidences. Parent names and taxonomy levels come from the version 7.0 taxonomy; like Rekognition, a detected
 * label comes back with the labels above it (RK-DG:moderation), unless `withParents: false`.
 */
import { ancestorsOf, MODERATION_MODEL_VERSION, parentOf } from "../model/moderation-taxonomy.js";
import type { DetectModerationLabelsResult, ModerationLabel } from "./types.js";

export interface ModerationLabelSpec {
  name: string;
  /** Default 99. */
  confidence?: number;
  /**
   * The parent's name ("" for a top-level category). Default: from the v7 taxonomy, or "" for a name it does not
   * have (older taxonomies, such as the Developer Guide's `Suggestive`).
   */
  parentName?: string;
}

export interface ModerationLabelsOptions {
  /** Add each label's ancestors (same confidence) unless declared themselves. Default true. */
  withParents?: boolean;
  /** ModerationModelVersion. Default "7.0". */
  modelVersion?: string;
}

/**
 * @example
 * a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87.5 }]));
 * // ModerationLabels: Weapons (ParentName "Violence", level 2) and Violence (ParentName "", level 1)
 */
export function moderationLabels(
  labels: ReadonlyArray<string | ModerationLabelSpec>,
  options: ModerationLabelsOptions = {},
): DetectModerationLabelsResult {
  const specs = labels.map((l) => (typeof l === "string" ? { name: l } : l));
  const out: ModerationLabel[] = [];
  const seen = new Set(specs.map((s) => s.name));
  const add = (name: string, confidence: number, parentName: string) => {
    out.push({ Confidence: confidence, Name: name, ParentName: parentName, TaxonomyLevel: levelOf(name, parentName) });
  };
  for (const spec of specs) {
    const confidence = spec.confidence ?? 99;
    add(spec.name, confidence, spec.parentName ?? parentOf(spec.name) ?? "");
    if (options.withParents === false || spec.parentName !== undefined) continue;
    for (const ancestor of ancestorsOf(spec.name)) {
      if (seen.has(ancestor)) continue;
      seen.add(ancestor);
      add(ancestor, confidence, parentOf(ancestor) ?? "");
    }
  }
  return { ModerationLabels: out, ModerationModelVersion: options.modelVersion ?? MODERATION_MODEL_VERSION };
}

function levelOf(name: string, parentName: string): number {
  if (parentName === "") return 1;
  return parentOf(name) === parentName ? ancestorsOf(name).length + 1 : 2;
}
