/**
 * Amazon Textract, as far as A2I's built-in task type needs it (a2i-next-spec.md §1): `AnalyzeDocument`
 * (awsJson1_1, `X-Amz-Target: Textract.AnalyzeDocument`), answering the result the test declared
 * (`a2i.aiResults.analyzeDocument`) plus `HumanLoopActivationOutput` when `HumanLoopConfig` is sent.
 * Every other Textract operation is an `[a2i-fake]` error, never a call to AWS.
 */
import type { AnalyzeDocumentRequest } from "../ai-results/types.js";
import { TEXTRACT_SOURCE } from "../model/activation/conditions.js";
import { formPairs } from "../model/activation/textract-form.js";
import { activationOutput, builtInOutput, declaredResult, documentIdentity, validateBuiltIn, withBytes } from "./built-in-call.js";
import { TEXTRACT_MODEL } from "./generated/index.js";
import type { Handler, JsonObject, Service } from "./service.js";
import { document } from "./validate.js";

const handlers: Record<string, Handler> = {
  AnalyzeDocument(region, input) {
    validateBuiltIn("Textract", "AnalyzeDocument", input);
    const request = { ...input, Document: withBytes(input.Document as JsonObject) } as AnalyzeDocumentRequest;
    const result = declaredResult(region.backend.aiServices.analyzeDocument(request));
    const blocks = result.Blocks ?? [];
    const pairs = formPairs(blocks);
    const shared = region.backend.aiServices.camelResponses.get(result as JsonObject);
    const activation = activationOutput(region, input, {
      source: TEXTRACT_SOURCE,
      request,
      response: result,
      shared,
      subject: { kind: "form", pairs },
      document: documentIdentity(request.Document),
      select: (selected, response) => {
        const camelBlocks = (response.blocks ?? []) as Array<{ id?: string }>;
        if (selected === "all") return { blocks: camelBlocks };
        const ids = new Set([...selected].flatMap((i) => pairs[i]!.blockIds));
        return { blocks: camelBlocks.filter((b) => b.id !== undefined && ids.has(b.id)) };
      },
    });
    return builtInOutput(result as JsonObject, shared, activation);
  },
};

export const textractService: Service = {
  name: "Textract",
  sdkPackage: "@aws-sdk/client-textract",
  // Checked by the handler: Textract answers constraint failures with InvalidParameterException.
  shapes: { AnalyzeDocument: document },
  model: TEXTRACT_MODEL,
  handlers,
};
