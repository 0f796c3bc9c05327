/**
 * Example 4, the app: retire a human review workflow. Following both AWS pages: stop InProgress loops, delete
 * finished ones, delete the flow definition (only possible while Active), then wait until it is gone, which
 * takes as long as workers are still busy on tasks.
 */
import {
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  DeleteHumanLoopCommand,
  paginateListHumanLoops,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";

const sagemaker = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function retireWorkflow(flowDefinitionName: string, pollMs = 30_000): Promise<{ polls: number }> {
  const fd = await sagemaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: flowDefinitionName }));
  for await (const page of paginateListHumanLoops({ client: runtime }, { FlowDefinitionArn: fd.FlowDefinitionArn! })) {
    for (const loop of page.HumanLoopSummaries ?? []) {
      if (loop.HumanLoopStatus === "InProgress") {
        await runtime.send(new StopHumanLoopCommand({ HumanLoopName: loop.HumanLoopName! }));
      } else if (loop.HumanLoopStatus !== "Stopping") {
        await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: loop.HumanLoopName! }));
      }
    }
  }
  await sagemaker.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: flowDefinitionName }));
  for (let polls = 1; ; polls++) {
    try {
      await sagemaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: flowDefinitionName }));
    } catch (err) {
      if (err instanceof ResourceNotFound) return { polls };
      throw err;
    }
    await sleep(pollMs);
  }
}
