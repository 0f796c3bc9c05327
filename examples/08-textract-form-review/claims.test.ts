/**
 * Example 8, the test: the claim pipeline against a2i-fake. The test declares what Textract "read" (textractForm),
 * the flow definition's activation conditions decide whether a reviewer sees the form, and a simulated reviewer
 * corrects a value; the app reads the correction from output.json.
 */
import { A2IFake, textractForm } from "../../src/index.js";
import { collectReview, readClaim } from "./claims.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

/** Review a claim when the policy number is unsure (key confidence under 80) or the signature is missing. */
function seedClaimsReview(): string {
  return a2i.seedFlowDefinition({
    name: "claims-review",
    requestSource: "AWS/Textract/AnalyzeDocument/Forms/V1",
    activationConditions: {
      Conditions: [
        { ConditionType: "ImportantFormKeyConfidenceCheck", ConditionParameters: { ImportantFormKey: "Policy number:", KeyValueBlockConfidenceLessThan: 80 } },
        { ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: "Signature:" } },
      ],
    },
  }).flowDefinitionArn;
}

test("a clear, signed form is read without review", async () => {
  const arn = seedClaimsReview();
  a2i.aiResults.analyzeDocument(textractForm({ "Policy number:": "P-1234", "Signature:": "J. Doe" }));
  await expect(readClaim("claims", "2026/claim-7.png", arn)).resolves.toEqual({
    status: "read",
    fields: { "Policy number:": "P-1234", "Signature:": "J. Doe" },
  });
  expect(a2i.humanLoops()).toEqual([]);
});

test("an unsure policy number goes to a reviewer, whose correction the app reads from output.json", async () => {
  const arn = seedClaimsReview();
  a2i.aiResults.analyzeDocument(textractForm({ "Policy number:": { value: "P-I234", keyConfidence: 62 }, "Signature:": "J. Doe" }));
  const result = await readClaim("claims", "2026/claim-8.png", arn);
  expect(result).toEqual({ status: "in-review", humanLoopName: "claim-2026-claim-8-png" });
  await expect(collectReview("claim-2026-claim-8-png")).resolves.toBeUndefined();

  a2i.workforce.reviewForm("claim-2026-claim-8-png", { "Policy number:": "P-1234" });
  await expect(collectReview("claim-2026-claim-8-png")).resolves.toEqual({ "Policy number:": "P-1234" });
});

test("A2I refuses the account (maintenance mode): the claim goes to the manual queue with what Textract read", async () => {
  const arn = seedClaimsReview();
  a2i.aiResults.analyzeDocument(textractForm({ "Policy number:": "P-1234" }));
  a2i.faults.maintenanceMode();
  await expect(readClaim("claims", "claim-9.png", arn)).resolves.toEqual({
    status: "manual",
    fields: { "Policy number:": "P-1234" },
    reason: expect.stringContaining("not an existing Amazon A2I customer"),
  });
});
