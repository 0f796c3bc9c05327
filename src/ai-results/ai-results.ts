/**
 * `a2i.aiResults`: what Textract and Rekognition "read" for the built-in task types. The fake recognizes nothing;
 * the test declares each model result, SDK-shaped (PascalCase), fixed or computed from the request
 * (a2i-next-spec.md §1.11, decisions.md "Built-in task types").
 */
import type { AiServices, Declared } from "../model/ai-services.js";
import type { SamplingOverride } from "../model/activation/sampling.js";
import type {
  AnalyzeDocumentRequest,
  AnalyzeDocumentResult,
  DetectModerationLabelsRequest,
  DetectModerationLabelsResult,
} from "./types.js";

export class AiResults {
  /** @internal */
  constructor(private readonly services: AiServices) {}

  /**
   * What Textract `AnalyzeDocument` answers from now on: a result, or a function of the request (its `Document`
   * with `S3Object` or `Bytes`) that returns one, or undefined for the default. Default: a one-page document with
   * only its PAGE block. `HumanLoopActivationOutput` is the fake's to add. Cleared by `reset()`.
   * @example
   * a2i.aiResults.analyzeDocument(({ Document }) =>
   *   Document.S3Object?.Name === "claim-7.png" ? textractForm({ "Policy number:": "P-12" }) : undefined);
   */
  analyzeDocument(result: Declared<AnalyzeDocumentRequest, AnalyzeDocumentResult>): void {
    this.services.declareAnalyzeDocument(result);
  }

  /**
   * What Rekognition `DetectModerationLabels` answers from now on (labels under the request's `MinConfidence`,
   * default 50, are left out as Rekognition leaves them out). Default: no labels, `ModerationModelVersion` "7.0".
   * @example
   * a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87 }]));
   */
  detectModerationLabels(result: Declared<DetectModerationLabelsRequest, DetectModerationLabelsResult>): void {
    this.services.declareDetectModerationLabels(result);
  }

  /**
   * Decide `Sampling` conditions yourself: return true (in the sample), false (not), or undefined (the fake's
   * seeded hash of flow definition and document decides, the default). Pass undefined to remove the override.
   * @example
   * a2i.aiResults.sampling(() => true); // every Sampling condition holds
   */
  sampling(decide: SamplingOverride | undefined): void {
    this.services.samplingOverride = decide;
  }
}
