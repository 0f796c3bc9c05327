/**
 * `Sampling` decisions: "If you send the same request … multiple times, the result of Sampling does not change
 * for the inference of that input" (DG Textract and Rekognition example pages, "Note"). The fake draws each
 * decision from a hash of its seed, the flow definition and the document's identity (decisions.md), so the same
 * fake seed makes the same decisions for the same documents, run after run.
 */
import { createHash } from "node:crypto";
import type { Sampler } from "./evaluate.js";

/** What a test's sampling override is told; it returns true (sampled), false (not), or undefined (the hash decides). */
export interface SamplingContext {
  readonly flowDefinitionArn: string;
  /** `s3://bucket/key` (with `?versionId=` when given), or `bytes:sha256:<hex>` for inline bytes. */
  readonly document: string;
  /** `"request"`, or `"inference:<n>"` for the n-th key-value pair or label inside an `And`. */
  readonly unit: string;
  readonly percentage: number;
}

export type SamplingOverride = (context: SamplingContext) => boolean | undefined;

export function sampler(
  seed: number,
  flowDefinitionArn: string,
  document: string,
  override: SamplingOverride | undefined,
): Sampler {
  return (unit, percentage) => {
    const decided = override?.({ flowDefinitionArn, document, unit, percentage });
    if (decided !== undefined) return decided;
    const h = createHash("sha256").update(`${seed}\n${flowDefinitionArn}\n${document}\n${unit}`).digest();
    // A uniform draw in [0, 100) from the first 32 bits.
    return (h.readUInt32BE(0) / 0x1_0000_0000) * 100 < percentage;
  };
}
