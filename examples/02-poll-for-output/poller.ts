/**
 * Example 2, the app: wait for a human loop to finish, then read its output.json from S3.
 * Production code: polls DescribeHumanLoop every minute with setTimeout, then GetObject on OutputS3Uri.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";

const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type ReviewResult =
  | { status: "Completed"; answers: unknown[] }
  | { status: "Failed"; reason: string }
  | { status: "Stopped" };

export async function waitForReview(humanLoopName: string, pollMs = 60_000): Promise<ReviewResult> {
  for (;;) {
    const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
    switch (loop.HumanLoopStatus) {
      case "Completed": {
        const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(loop.HumanLoopOutput!.OutputS3Uri!)!;
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const output = JSON.parse(await object.Body!.transformToString());
        return { status: "Completed", answers: output.humanAnswers.map((a: { answerContent: unknown }) => a.answerContent) };
      }
      case "Failed":
        return { status: "Failed", reason: `${loop.FailureCode}: ${loop.FailureReason}` };
      case "Stopped":
        return { status: "Stopped" };
      default:
        await sleep(pollMs);
    }
  }
}
