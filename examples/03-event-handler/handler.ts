/**
 * Example 3, the app: a Lambda function triggered by EventBridge on "SageMaker A2I HumanLoop Status Change".
 * On Completed it reads output.json from S3 and records the decision; on Failed it re-queues the item.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

const s3 = new S3Client({});

export interface A2IStatusChangeEvent {
  "detail-type": string;
  detail: {
    humanLoopName: string;
    humanLoopStatus: "Completed" | "Failed" | "Stopped";
    failureCode: string | null;
    humanLoopOutput?: { outputS3Uri: string };
  };
}

export interface Store {
  decisions: Map<string, unknown>;
  retries: string[];
}

export function makeHandler(store: Store) {
  return async function handler(event: A2IStatusChangeEvent): Promise<void> {
    const { detail } = event;
    if (detail.humanLoopStatus === "Failed") {
      store.retries.push(detail.humanLoopName);
      return;
    }
    if (detail.humanLoopStatus !== "Completed" || !detail.humanLoopOutput) return;
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(detail.humanLoopOutput.outputS3Uri)!;
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const output = JSON.parse(await object.Body!.transformToString());
    store.decisions.set(detail.humanLoopName, output.humanAnswers[0].answerContent);
  };
}
