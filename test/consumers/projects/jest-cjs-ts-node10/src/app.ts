import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

export interface Prediction {
  documentId: string;
  label: string;
  confidence: number;
}

const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

/** Sends a low-confidence prediction to a human; returns the loop's name, or undefined when sure enough. */
export async function reviewIfUnsure(prediction: Prediction, flowDefinitionArn: string): Promise<string | undefined> {
  if (prediction.confidence >= 0.9) return undefined;
  const humanLoopName = `review-${prediction.documentId}`;
  await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: humanLoopName,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify(prediction) },
    }),
  );
  return humanLoopName;
}

/** The first worker's answer, read from output.json through S3 as in production; undefined until Completed. */
export async function humanAnswer(humanLoopName: string): Promise<unknown> {
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
  if (loop.HumanLoopStatus !== "Completed") return undefined;
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(loop.HumanLoopOutput!.OutputS3Uri!)!;
  const object = await s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
  return JSON.parse(await object.Body!.transformToString()).humanAnswers[0].answerContent;
}

/** Polls every `pollMs` until a human answered. */
export async function waitForAnswer(humanLoopName: string, pollMs = 30_000): Promise<unknown> {
  for (;;) {
    const answer = await humanAnswer(humanLoopName);
    if (answer !== undefined) return answer;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
