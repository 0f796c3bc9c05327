/**
 * Example 9, the app: moderate an uploaded image with Rekognition; when the flow definition's conditions hold
 * (a borderline label), A2I asks a human, and the upload is settled by the labels the reviewer selected.
 * Production code: it builds its own SDK clients and knows nothing of a2i-fake.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DetectModerationLabelsCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";

const rekognition = new RekognitionClient({});
const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

/** Categories the site never shows (top-level v7 categories). */
const BLOCKED = new Set(["Explicit", "Violence", "Hate Symbols"]);

export type Decision = { status: "approved" } | { status: "rejected"; labels: string[] } | { status: "pending"; humanLoopName: string };

export async function moderateUpload(bucket: string, key: string, uploadId: string, flowDefinitionArn: string): Promise<Decision> {
  const out = await rekognition.send(
    new DetectModerationLabelsCommand({
      Image: { S3Object: { Bucket: bucket, Name: key } },
      MinConfidence: 60,
      HumanLoopConfig: {
        HumanLoopName: `upload-${uploadId}`,
        FlowDefinitionArn: flowDefinitionArn,
        DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
      },
    }),
  );
  if (out.HumanLoopActivationOutput?.HumanLoopArn) return { status: "pending", humanLoopName: `upload-${uploadId}` };
  return decide((out.ModerationLabels ?? []).map((l) => ({ name: l.Name ?? "", parentName: l.ParentName ?? "" })));
}

/** The reviewer's verdict, once the loop is Completed: the labels they selected (none: the image is fine). */
export async function settle(humanLoopName: string): Promise<Decision> {
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
  if (loop.HumanLoopStatus !== "Completed") return { status: "pending", humanLoopName };
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(loop.HumanLoopOutput!.OutputS3Uri!)!;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const output = JSON.parse(await object.Body!.transformToString()) as {
    humanAnswers: Array<{ answerContent: Record<string, { moderationLabels: Array<{ name: string; parentName: string }> }> }>;
  };
  return decide(output.humanAnswers[0]!.answerContent["AWS/Rekognition/DetectModerationLabels/Image/V3"]!.moderationLabels);
}

function decide(labels: Array<{ name: string; parentName: string }>): Decision {
  const blocked = labels.filter((l) => BLOCKED.has(l.name) || BLOCKED.has(l.parentName)).map((l) => l.name);
  return blocked.length > 0 ? { status: "rejected", labels: blocked } : { status: "approved" };
}
