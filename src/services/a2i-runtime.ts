/** The A2I runtime operations (spec §3): human loops. */
import type { HumanLoop } from "../model/human-loops.js";
import { A2I_RUNTIME_MODEL } from "./generated/index.js";
import { defined, inputShapes, pageRequest, type Handler, type JsonObject, type Service } from "./service.js";

/** ListHumanLoops pages 100 loops by default (decisions.md). */
const DEFAULT_PAGE = 100;

const failureReason = (loop: HumanLoop) => (loop.status === "Failed" ? loop.failure?.reason : undefined);

const handlers: Record<string, Handler> = {
  StartHumanLoop(region, input) {
    const { loop } = region.humanLoops.start({
      name: input.HumanLoopName as string,
      flowDefinitionArn: input.FlowDefinitionArn as string,
      inputContent: (input.HumanLoopInput as JsonObject).InputContent as string,
      contentClassifiers: ((input.DataAttributes as JsonObject | undefined)?.ContentClassifiers as string[]) ?? [],
    });
    return { HumanLoopArn: loop.arn };
  },
  DescribeHumanLoop(region, input) {
    const loop = region.humanLoops.describe(input.HumanLoopName as string);
    return defined({
      CreationTime: new Date(loop.creationTime),
      FailureReason: failureReason(loop),
      FailureCode: loop.status === "Failed" ? loop.failure?.code : undefined,
      HumanLoopStatus: loop.status,
      HumanLoopName: loop.name,
      HumanLoopArn: loop.arn,
      FlowDefinitionArn: loop.flowDefinition.arn,
      // The key is fixed at creation, so it is reported in every status (decisions.md).
      HumanLoopOutput: { OutputS3Uri: loop.output.uri },
    });
  },
  ListHumanLoops(region, input) {
    const page = region.humanLoops.list(input.FlowDefinitionArn as string, pageRequest(input, DEFAULT_PAGE));
    return defined({
      HumanLoopSummaries: page.items.map((loop) =>
        defined({
          HumanLoopName: loop.name,
          HumanLoopStatus: loop.status,
          CreationTime: new Date(loop.creationTime),
          FailureReason: failureReason(loop),
          FlowDefinitionArn: loop.flowDefinition.arn,
        }),
      ),
      NextToken: page.nextToken,
    });
  },
  StopHumanLoop(region, input) {
    region.humanLoops.stop(input.HumanLoopName as string);
    return {};
  },
  DeleteHumanLoop(region, input) {
    region.humanLoops.delete(input.HumanLoopName as string);
    return {};
  },
};

export const a2iRuntimeService: Service = {
  name: "SageMaker A2I Runtime",
  sdkPackage: "@aws-sdk/client-sagemaker-a2i-runtime",
  shapes: inputShapes(A2I_RUNTIME_MODEL),
  model: A2I_RUNTIME_MODEL,
  handlers,
};
