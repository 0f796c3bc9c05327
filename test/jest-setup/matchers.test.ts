/** The matchers a2i-fake/jest registers, passing and failing, with the state they print on failure. */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand, StopHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { a2i } from "../../src/testing/jest-setup.js";

const runtime = new SageMakerA2IRuntimeClient({});

async function start(name: string, flowDefinitionArn: string, input = { item: 1 }) {
  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(input) } }),
  );
}

test("toHaveHumanLoop / toHaveHumanLoopInStatus / toHaveStartedHumanLoops", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  await start("loop-a", flowDefinitionArn);
  await start("loop-a", flowDefinitionArn); // idempotent: not a second loop

  expect(a2i).toHaveHumanLoop("loop-a");
  expect(a2i).toHaveHumanLoop("loop-a", { humanLoopStatus: "InProgress", input: { item: 1 }, creationTime: expect.any(Date) });
  expect(a2i).not.toHaveHumanLoop("loop-b");
  expect(a2i).toHaveHumanLoopInStatus("loop-a", "InProgress");
  expect(a2i).toHaveStartedHumanLoops(1);

  expect(() => expect(a2i).toHaveHumanLoopInStatus("loop-a", "Completed")).toThrow(
    /Expected human loop 'loop-a' to be Completed, but it is InProgress[\s\S]*loop-a: InProgress, flow definition fd[\s\S]*1\. StartHumanLoop/,
  );
  expect(() => expect(a2i).toHaveHumanLoop("nope")).toThrow(/holds none of that name/);
  expect(() => expect(a2i).toHaveStartedHumanLoops(2)).toThrow(/it created 1/);
});

test("toHaveWrittenHumanLoopOutput and toHaveEmittedStatusChange follow the loop's life", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2 });
  await start("loop-c", flowDefinitionArn);
  a2i.workforce.submit("loop-c", { ok: 1 });

  expect(a2i).not.toHaveWrittenHumanLoopOutput("loop-c");
  expect(a2i).not.toHaveEmittedStatusChange("loop-c", "Completed");
  expect(() => expect(a2i).toHaveWrittenHumanLoopOutput("loop-c")).toThrow(/loop-c: InProgress.*1 answer\(s\)/);

  a2i.workforce.submit("loop-c", { ok: 2 });
  expect(a2i).toHaveWrittenHumanLoopOutput("loop-c");
  expect(a2i).toHaveEmittedStatusChange("loop-c", "Completed");
  expect(() => expect(a2i).toHaveEmittedStatusChange("loop-c", "Stopped")).toThrow(/events for it: Completed/);
});

test("toHaveReceivedA2ICall matches operation and partial input, and prints the calls", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  await start("loop-d", flowDefinitionArn);
  await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-d" }));

  expect(a2i).toHaveReceivedA2ICall("StartHumanLoop");
  expect(a2i).toHaveReceivedA2ICall("StopHumanLoop", { HumanLoopName: "loop-d" });
  expect(a2i).toHaveReceivedA2ICall("StartHumanLoop", { HumanLoopInput: { InputContent: expect.stringContaining("item") } });
  expect(a2i).not.toHaveReceivedA2ICall("DeleteHumanLoop");
  expect(() => expect(a2i).toHaveReceivedA2ICall("StopHumanLoop", { HumanLoopName: "other" })).toThrow(
    /Calls received \(2\):\n {2}1\. StartHumanLoop .*-> ok\n {2}2\. StopHumanLoop \{"HumanLoopName":"loop-d"\} -> ok/,
  );
});

test("a failing matcher lists failed calls with their error message", async () => {
  await expect(runtime.send(new StopHumanLoopCommand({ HumanLoopName: "missing" }))).rejects.toThrow();
  expect(() => expect(a2i).toHaveReceivedA2ICall("StartHumanLoop")).toThrow(
    /1\. StopHumanLoop \{"HumanLoopName":"missing"\} -> ResourceNotFoundException \(404\): .*missing/,
  );
});

test("a matcher given something other than the fake says what to do", () => {
  expect(() => expect({}).toHaveStartedHumanLoops(0)).toThrow(/\[a2i-fake\] toHaveStartedHumanLoops needs the fake itself: expect\(a2i\)/);
});
