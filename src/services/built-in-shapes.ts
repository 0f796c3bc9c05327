/**
 * The members of AnalyzeDocument and DetectModerationLabels the fake reads, with their TX-MODEL/RK-MODEL
 * constraints (a2i-next-spec.md §1.3). Interim: to be replaced by the shapes generated from the official models.
 */
import { list, str, struct, type Shape } from "./validate.js";

const HumanLoopConfig = struct(
  {
    // No `$` in the model's pattern (unlike A2I's); the validator matches the whole value anyway.
    HumanLoopName: str({ min: 1, max: 63, pattern: "^[a-z0-9](-*[a-z0-9])*" }),
    FlowDefinitionArn: str({ max: 256 }),
    DataAttributes: struct({
      ContentClassifiers: list(str({ enum: ["FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"] }), { max: 256 }),
    }),
  },
  ["HumanLoopName", "FlowDefinitionArn"],
);

const S3Object = struct({
  Bucket: str({ min: 3, max: 255 }),
  Name: str({ min: 1, max: 1024 }),
  Version: str({ min: 1, max: 1024 }),
});

export const TEXTRACT_SHAPES: Readonly<Record<string, Shape>> = {
  AnalyzeDocument: struct(
    {
      Document: struct({ S3Object }),
      FeatureTypes: list(str({ enum: ["TABLES", "FORMS", "QUERIES", "SIGNATURES", "LAYOUT"] })),
      HumanLoopConfig,
    },
    ["Document", "FeatureTypes"],
  ),
};

export const REKOGNITION_SHAPES: Readonly<Record<string, Shape>> = {
  DetectModerationLabels: struct(
    {
      Image: struct({ S3Object }),
      MinConfidence: { type: "document" },
      HumanLoopConfig,
    },
    ["Image"],
  ),
};
