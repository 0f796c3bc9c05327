/**
 * Example 7, the app: ask a human to review an item, later collect the answer from output.json.
 *
 * Production code: it takes its AWS client config (endpoint, Region, credentials) from its caller, as apps
 * that run against LocalStack-style endpoints do, and knows nothing of a2i-fake.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";

export interface AwsConfig {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function reviewService(config: AwsConfig, flowDefinitionArn: string) {
  const runtime = new SageMakerA2IRuntimeClient(config);
  // Path-style addressing: the bucket in the path, as a single endpoint for every bucket needs.
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  return {
    async requestReview(itemId: string, item: unknown): Promise<string> {
      const humanLoopName = `review-${itemId}`;
      await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: humanLoopName,
          FlowDefinitionArn: flowDefinitionArn,
          HumanLoopInput: { InputContent: JSON.stringify(item) },
        }),
      );
      return humanLoopName;
    },
    /** The first worker's answer once the loop is Completed; undefined while it is not. */
    async collectAnswer(humanLoopName: string): Promise<unknown> {
      const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
      if (loop.HumanLoopStatus !== "Completed") return undefined;
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(loop.HumanLoopOutput!.OutputS3Uri!)!;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const output = JSON.parse(await object.Body!.transformToString()) as { humanAnswers: Array<{ answerContent: unknown }> };
      return output.humanAnswers[0]!.answerContent;
    },
    close(): void {
      runtime.destroy();
      s3.destroy();
    },
  };
}
