/**
 * Example 6, the app: nightly cleanup that stops every InProgress loop of a flow definition and deletes
 * every finished one (the order A2I requires: stop, then delete).
 */
import {
  DeleteHumanLoopCommand,
  paginateListHumanLoops,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";

const runtime = new SageMakerA2IRuntimeClient({});

export async function cleanUp(flowDefinitionArn: string): Promise<{ stopped: string[]; deleted: string[] }> {
  const stopped: string[] = [];
  const deleted: string[] = [];
  for await (const page of paginateListHumanLoops({ client: runtime, pageSize: 50 }, { FlowDefinitionArn: flowDefinitionArn })) {
    for (const loop of page.HumanLoopSummaries ?? []) {
      const name = loop.HumanLoopName!;
      if (loop.HumanLoopStatus === "InProgress") {
        await runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }));
        stopped.push(name);
      } else if (loop.HumanLoopStatus !== "Stopping") {
        await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: name }));
        deleted.push(name);
      }
    }
  }
  return { stopped, deleted };
}
