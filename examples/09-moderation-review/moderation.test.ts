/**
 * Example 9, the test: the moderation pipeline against a2i-fake. The test declares the labels Rekognition
 * "detects" (moderationLabels, parents from the v7 taxonomy); a borderline weapon goes to a reviewer, whose selected
 * labels settle the upload.
 */
import { A2IFake, moderationLabels } from "../../src/index.js";
import { moderateUpload, settle } from "./moderation.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

/** Ask a human when a Violence label is borderline (60 to 90), and for 2 % of all uploads. */
function seedModerationReview(): string {
  return a2i.seedFlowDefinition({
    name: "upload-moderation",
    requestSource: "AWS/Rekognition/DetectModerationLabels/Image/V3",
    activationConditions: {
      Conditions: [
        {
          Or: [
            { ConditionType: "ModerationLabelConfidenceCheck", ConditionParameters: { ModerationLabelName: "Weapons", ConfidenceLessThan: 90 } },
            { ConditionType: "ModerationLabelConfidenceCheck", ConditionParameters: { ModerationLabelName: "Graphic Violence", ConfidenceLessThan: 90 } },
          ],
        },
        { ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: 2 } },
      ],
    },
  }).flowDefinitionArn;
}

test("a clean image is approved, and a clear weapon rejected, without review", async () => {
  const arn = seedModerationReview();
  a2i.aiResults.sampling(() => false); // this test is not about the 2 % sample
  a2i.aiResults.detectModerationLabels(({ Image }) =>
    Image.S3Object?.Name === "knife.jpg" ? moderationLabels([{ name: "Weapons", confidence: 97 }]) : moderationLabels([]),
  );
  await expect(moderateUpload("uploads", "cat.jpg", "1", arn)).resolves.toEqual({ status: "approved" });
  await expect(moderateUpload("uploads", "knife.jpg", "2", arn)).resolves.toEqual({ status: "rejected", labels: ["Weapons", "Violence"] });
  expect(a2i.humanLoops()).toEqual([]);
});

test("a borderline weapon goes to a reviewer; the app settles by the labels they select", async () => {
  const arn = seedModerationReview();
  a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 71 }]));
  await expect(moderateUpload("uploads", "toy-gun.jpg", "3", arn)).resolves.toEqual({ status: "pending", humanLoopName: "upload-3" });
  await moderateUpload("uploads", "prop.jpg", "4", arn);

  a2i.workforce.reviewModerationLabels("upload-3", []); // "no content": a toy
  a2i.workforce.reviewModerationLabels("upload-4"); // confirms what Rekognition flagged
  await expect(settle("upload-3")).resolves.toEqual({ status: "approved" });
  await expect(settle("upload-4")).resolves.toEqual({ status: "rejected", labels: ["Weapons"] });
});
