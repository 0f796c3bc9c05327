/**
 * What the built-in task types' models "read": the results a test declares for Textract `AnalyzeDocument` and
 * Rekognition `DetectModerationLabels` (a2i-next-spec.md §1.11: no recognition, the test declares each result),
 * and the test's say on `Sampling`. Defaults when nothing is declared (decisions.md): Textract a one-page
 * document with only its PAGE block; Rekognition no labels, `ModerationModelVersion: "7.0"`.
 */
import type {
  AnalyzeDocumentRequest,
  AnalyzeDocumentResult,
  DetectModerationLabelsRequest,
  DetectModerationLabelsResult,
} from "../ai-results/types.js";
import type { SamplingOverride } from "./activation/sampling.js";
import { CamelResponses } from "./activation/camel-responses.js";

/** A fixed result, or one computed from the request (return undefined for the default). */
export type Declared<I, R> = R | ((input: I) => R | undefined);

export class AiServices {
  private analyzeDocumentResult: Declared<AnalyzeDocumentRequest, AnalyzeDocumentResult> | undefined;
  private detectModerationLabelsResult: Declared<DetectModerationLabelsRequest, DetectModerationLabelsResult> | undefined;
  samplingOverride: SamplingOverride | undefined;
  /** The fake's seed: Sampling decisions hash it (decisions.md). */
  seed = 1;
  /** The camelCase form of the results answered lately, for the loops they start (camel-responses.ts). */
  readonly camelResponses = new CamelResponses();

  declareAnalyzeDocument(result: Declared<AnalyzeDocumentRequest, AnalyzeDocumentResult>): void {
    this.analyzeDocumentResult = result;
  }

  declareDetectModerationLabels(result: Declared<DetectModerationLabelsRequest, DetectModerationLabelsResult>): void {
    this.detectModerationLabelsResult = result;
  }

  analyzeDocument(input: AnalyzeDocumentRequest): AnalyzeDocumentResult {
    const d = this.analyzeDocumentResult;
    const declared = typeof d === "function" ? d(input) : d;
    return declared ?? defaultDocument();
  }

  detectModerationLabels(input: DetectModerationLabelsRequest): DetectModerationLabelsResult {
    const d = this.detectModerationLabelsResult;
    const declared = typeof d === "function" ? d(input) : d;
    return declared ?? { ModerationLabels: [], ModerationModelVersion: "7.0" };
  }

  /** reset(): declarations and the sampling override go, like auto-responders. */
  clear(): void {
    this.analyzeDocumentResult = undefined;
    this.detectModerationLabelsResult = undefined;
    this.samplingOverride = undefined;
    this.camelResponses.clear();
  }
}

function defaultDocument(): AnalyzeDocumentResult {
  return {
    DocumentMetadata: { Pages: 1 },
    Blocks: [
      {
        BlockType: "PAGE",
        Geometry: {
          BoundingBox: { Width: 1, Height: 1, Left: 0, Top: 0 },
          Polygon: [{ X: 0, Y: 0 }, { X: 1, Y: 0 }, { X: 1, Y: 1 }, { X: 0, Y: 1 }],
        },
        Id: "00000000-0000-4000-8000-000000000001",
        Page: 1,
      },
    ],
    AnalyzeDocumentModelVersion: "1.0",
  };
}
