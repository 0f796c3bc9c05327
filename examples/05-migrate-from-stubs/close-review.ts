/**
 * Example 5, the app: close a review when the customer withdraws the request. Two versions: the first is
 * what people write from memory, the second what A2I requires.
 */
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";

const runtime = new SageMakerA2IRuntimeClient({});

/** BUG: A2I refuses to delete an InProgress loop ("you must stop the human loop before deleting it"). */
export async function closeReviewNaive(humanLoopName: string): Promise<void> {
  await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: humanLoopName }));
}

/**
 * Stop first; delete once it is Stopped. A loop whose worker is busy stays Stopping: report that and let a
 * later run delete it.
 */
export async function closeReview(humanLoopName: string): Promise<"deleted" | "stopping"> {
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
  if (loop.HumanLoopStatus === "InProgress") {
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: humanLoopName }));
  }
  const after = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: humanLoopName }));
  if (after.HumanLoopStatus === "Stopping") return "stopping";
  await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: humanLoopName }));
  return "deleted";
}
