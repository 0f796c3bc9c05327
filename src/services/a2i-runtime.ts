/** The A2I runtime operations (spec §3): human loops. */
import type { HumanLoop } from "../model/human-loops.js";
import { A2I_RUNTIME_MODEL } from "./generated/index.js";
import { defined, inputShapes, pageRequest, withEncodedMembers, type Handler, type JsonObject, type Service } from "./service.js";

/** ListHumanLoops pages 100 loops by default (decisions.md). */
const DEFAULT_PAGE = 100;

const failureReason = (loop: HumanLoop) => (loop.status === "Failed" ? loop.failure?.reason : undefined);

/** Slots of the loops whose fixed members' JSON text is kept (a loop's slot: its seq modulo their number). */
const DESCRIBED_SLOTS = 64;
/** Weak: a slot must not keep a loop (and its Region's state) alive after it is deleted or the fake is reset. */
const describedLoops: (WeakRef<HumanLoop> | undefined)[] = new Array<WeakRef<HumanLoop> | undefined>(DESCRIBED_SLOTS).fill(undefined);
const describedJson: string[] = new Array<string>(DESCRIBED_SLOTS).fill("");

/**
 * The JSON text of what DescribeHumanLoop answers for `loop` and never changes (its name, ARNs and output URI),
 * kept while no other loop takes its slot: an app polls a few loops at a time, again and again, and the text is not
 * written again on every poll (issue 13: the server's DescribeHumanLoop). Status, failure and the timestamp go on
 * as members. A handful of slots, no map: a loop met once costs what writing its text costs.
 * `fixed`: the output while it holds only those members.
 */
function fixedMembersJson(loop: HumanLoop, fixed: JsonObject): string {
  const slot = loop.seq % DESCRIBED_SLOTS;
  if (describedLoops[slot]?.deref() === loop) return describedJson[slot]!;
  const json = JSON.stringify(fixed);
  describedLoops[slot] = new WeakRef(loop);
  describedJson[slot] = json;
  return json;
}

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
    const output: JsonObject = {
      HumanLoopName: loop.name,
      HumanLoopArn: loop.arn,
      FlowDefinitionArn: loop.flowDefinition.arn,
      // The key is fixed at creation, so it is reported in every status (decisions.md).
      HumanLoopOutput: { OutputS3Uri: loop.output.uri },
    };
    // Its text is taken now, while the output holds only the members that never change.
    const json = fixedMembersJson(loop, output);
    // The members that change, and the timestamp each protocol writes its own way (set one by one: a loop over
    // them was a megamorphic store on every call).
    const failure = loop.status === "Failed" ? loop.failure : undefined;
    const creationTime = new Date(loop.creationTime);
    output.CreationTime = creationTime;
    if (failure) {
      output.FailureReason = failure.reason;
      output.FailureCode = failure.code;
    }
    output.HumanLoopStatus = loop.status;
    const changing: JsonObject = failure
      ? { CreationTime: creationTime, FailureReason: failure.reason, FailureCode: failure.code, HumanLoopStatus: loop.status }
      : { CreationTime: creationTime, HumanLoopStatus: loop.status };
    return withEncodedMembers(output, { json, rest: changing });
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
