/**
 * Amazon Rekognition, as far as A2I's built-in task type needs it (a2i-next-spec.md §1): `DetectModerationLabels`
 * (awsJson1_1, `X-Amz-Target: RekognitionService.DetectModerationLabels`), answering the labels the test declared
 * (`a2i.aiResults.detectModerationLabels`) at or above `MinConfidence` (default 50, RK-MODEL), plus
 * `HumanLoopActivationOutput` when `HumanLoopConfig` is sent. Other operations are `[a2i-fake]` errors.
 */
import type { DetectModerationLabelsRequest } from "../ai-results/types.js";
import { REKOGNITION_SOURCE } from "../model/activation/conditions.js";
import { activationOutput, builtInOutput, declaredResult, documentIdentity, validateBuiltIn, withBytes } from "./built-in-call.js";
import { REKOGNITION_MODEL } from "./generated/index.js";
import type { Handler, JsonObject, Service } from "./service.js";
import { document } from "./validate.js";

const DEFAULT_MIN_CONFIDENCE = 50;

const handlers: Record<string, Handler> = {
  DetectModerationLabels(region, input) {
    validateBuiltIn("Rekognition", "DetectModerationLabels", input);
    const request = { ...input, Image: withBytes(input.Image as JsonObject) } as DetectModerationLabelsRequest;
    const declared = declaredResult(region.backend.aiServices.detectModerationLabels(request));
    const min = request.MinConfidence ?? DEFAULT_MIN_CONFIDENCE;
    // Conditions see the response, so labels under MinConfidence cannot trigger a review (a2i-next-spec.md §1.6).
    const labels = (declared.ModerationLabels ?? []).filter((l) => (l.Confidence ?? 0) >= min);
    // The declared members in order, ModerationLabels filtered (it stays where it was, or comes last).
    const result: JsonObject = declared;
    result.ModerationLabels = labels;
    const shared = region.backend.aiServices.camelResponses.get(result);
    const activation = activationOutput(region, input, {
      source: REKOGNITION_SOURCE,
      request,
      response: result,
      shared,
      subject: { kind: "labels", labels: labels.map((l) => ({ name: l.Name ?? "", confidence: l.Confidence ?? 0 })) },
      document: documentIdentity(request.Image),
      select: (selected, response) => {
        const camelLabels = (response.moderationLabels ?? []) as unknown[];
        return {
          moderationLabels: selected === "all" ? camelLabels : camelLabels.filter((_, i) => selected.has(i)),
          moderationModelVersion: response.moderationModelVersion,
        };
      },
    });
    return builtInOutput(result, shared, activation);
  },
};

export const rekognitionService: Service = {
  name: "Rekognition",
  sdkPackage: "@aws-sdk/client-rekognition",
  // Checked by the handler: Rekognition answers constraint failures with InvalidParameterException.
  shapes: { DetectModerationLabels: document },
  model: REKOGNITION_MODEL,
  handlers,
};
