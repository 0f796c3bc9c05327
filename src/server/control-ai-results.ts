/**
 * Control endpoints of the built-in task types (docs/server.md): declare what Textract and Rekognition "read"
 * (per document, or for every document), with the same builders an in-process test uses, and let a reviewer answer
 * a built-in task. For tests in any language that drive `a2i-fake serve`.
 */
import type { A2IFake } from "../fake.js";
import { textractForm, type FormField } from "../ai-results/textract-form.js";
import { moderationLabels, type ModerationLabelSpec } from "../ai-results/moderation-labels.js";
import type { AnalyzeDocumentResult, DetectModerationLabelsResult } from "../ai-results/types.js";
import { documentIdentity } from "../services/built-in-call.js";

type Body = Record<string, unknown>;

/** A caller's mistake: the control API answers it 400 with this message. */
export class AiResultsControlError extends Error {}

export class AiResultsControl {
  private readonly documents = new Map<string, AnalyzeDocumentResult>();
  private readonly images = new Map<string, DetectModerationLabelsResult>();
  private documentDefault: AnalyzeDocumentResult | undefined;
  private imageDefault: DetectModerationLabelsResult | undefined;

  constructor(private readonly fake: A2IFake) {}

  /**
   * `{"result": <AnalyzeDocument response>}` or `{"form": {"<key>": "<value>" | {"value", "keyConfidence"?, ...}}}`,
   * with `"document": "s3://bucket/key"` for one document (default: every document).
   */
  analyzeDocument(body: Body): unknown {
    const result = body.form !== undefined ? textractForm(body.form as Record<string, string | FormField>) : (body.result as AnalyzeDocumentResult);
    if (typeof result !== "object" || result === null) {
      throw new AiResultsControlError('ai-results/analyze-document takes {"result": <AnalyzeDocument response>} or {"form": {"<key>": "<value>"}}, and "document"?: "s3://bucket/key".');
    }
    this.declare(body, result, this.documents, (r) => (this.documentDefault = r));
    this.fake.aiResults.analyzeDocument(({ Document }) => this.documents.get(documentIdentity(Document)) ?? this.documentDefault);
    return { declared: typeof body.document === "string" ? body.document : "*" };
  }

  /** `{"result": <DetectModerationLabels response>}` or `{"labels": ["Weapons", {"name", "confidence"?}]}`, `"image"?`. */
  detectModerationLabels(body: Body): unknown {
    const result = Array.isArray(body.labels) ? moderationLabels(body.labels as Array<string | ModerationLabelSpec>) : (body.result as DetectModerationLabelsResult);
    if (typeof result !== "object" || result === null) {
      throw new AiResultsControlError('ai-results/detect-moderation-labels takes {"result": <DetectModerationLabels response>} or {"labels": [...]}, and "image"?: "s3://bucket/key".');
    }
    this.declare({ document: body.image }, result, this.images, (r) => (this.imageDefault = r));
    this.fake.aiResults.detectModerationLabels(({ Image }) => this.images.get(documentIdentity(Image)) ?? this.imageDefault);
    return { declared: typeof body.image === "string" ? body.image : "*" };
  }

  clear(): void {
    this.documents.clear();
    this.images.clear();
    this.documentDefault = undefined;
    this.imageDefault = undefined;
  }

  private declare<R>(body: Body, result: R, byDocument: Map<string, R>, setDefault: (r: R) => void): void {
    const doc = body.document;
    if (doc === undefined || doc === null) setDefault(result);
    else if (typeof doc === "string" && doc.startsWith("s3://")) byDocument.set(doc, result);
    else throw new AiResultsControlError(`"document"/"image" must be an s3://bucket/key URI; got ${JSON.stringify(doc)}.`);
  }
}
