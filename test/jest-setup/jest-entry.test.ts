/**
 * `a2i-fake/jest` as a user loads it: listed in setupFilesAfterEnv after a file calling configureA2IFake.
 * Tests in this file run in order: the second proves the first's state was reset.
 */
import { DescribeFlowDefinitionCommand, ResourceNotFound, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { a2i } from "../../src/testing/jest-setup.js";
import { configureA2IFake } from "../../src/index.js";
import { createFlowDefinition, flowDefinitionStatus } from "../support/setup.js";

const sm = new SageMakerClient({});

test("the fake is installed before the first test, with the configured options", async () => {
  jest.useFakeTimers();
  try {
    const seeded = a2i.seedFlowDefinition({ name: "review" });
    const { flowDefinitionArn } = seeded;
    expect(flowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/review");
    const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "review" }));
    expect(fd.FlowDefinitionStatus).toBe("Active");
    expect(a2i.pendingTimers()).toBe(0);

    // timing.flowDefinitionActivationMs: 500 from configureA2IFake
    await createFlowDefinition(sm, "fresh", seeded, "111122223333");
    jest.advanceTimersByTime(499);
    expect(await flowDefinitionStatus(sm, "fresh")).toBe("Initializing");
    jest.advanceTimersByTime(1);
    expect(await flowDefinitionStatus(sm, "fresh")).toBe("Active");
  } finally {
    jest.useRealTimers();
  }
});

test("state from the previous test was reset after it", async () => {
  await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "review" }))).rejects.toBeInstanceOf(
    ResourceNotFound,
  );
});

test("configured auto-responders answer in every test, set up again after each reset", async () => {
  jest.useFakeTimers();
  try {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "auto-answered" });
    const runtime = new SageMakerA2IRuntimeClient({});
    await runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: "auto-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
    );
    jest.advanceTimersByTime(60_000);
    expect(a2i).toHaveHumanLoopInStatus("auto-1", "Completed");
    expect(a2i.output(a2i.humanLoop("auto-1")!.outputS3Uri)!.document.humanAnswers[0]!.answerContent).toEqual({ approved: true });
  } finally {
    jest.useRealTimers();
  }
});

test("a second load of a2i-fake/jest (another module instance, as the ESM build next to the CJS setup file) exports the same fake", async () => {
  let again: typeof import("../../src/testing/jest-setup.js") | undefined;
  jest.isolateModules(() => {
    again = jest.requireActual("../../src/testing/jest-setup.js");
  });
  expect(again!.a2i).toBe(a2i);
  again!.a2i.seedFlowDefinition({ name: "seen-by-both" });
  const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "seen-by-both" }));
  expect(fd.FlowDefinitionStatus).toBe("Active");
  expect(a2i.calls("DescribeFlowDefinition")).toHaveLength(1);
});

test("configureA2IFake after the fake was made is an error that says where it goes, not options silently ignored", () => {
  expect(() => configureA2IFake({ accountId: "444455556666" })).toThrow(
    /^\[a2i-fake\] configureA2IFake came after a2i-fake\/jest \(or a2i-fake\/vitest\) made this test file's fake, so its options would be ignored: list the setup file that calls it BEFORE/,
  );
  expect(a2i.accountId).toBe("111122223333");
});

// Last in the file: configure() makes the fake afresh for the tests after it.
test("a2i.configure() in a test file changes the options it is given and keeps configureA2IFake's others", async () => {
  a2i.configure({ seed: 7, timing: { workforceActivationMs: 10 } });
  expect(a2i.accountId).toBe("111122223333");
  const seeded = a2i.seedFlowDefinition({ name: "after-configure" });
  jest.useFakeTimers();
  try {
    await createFlowDefinition(sm, "still-500-ms", seeded, "111122223333");
    jest.advanceTimersByTime(499);
    expect(await flowDefinitionStatus(sm, "still-500-ms")).toBe("Initializing");
    jest.advanceTimersByTime(1);
    expect(await flowDefinitionStatus(sm, "still-500-ms")).toBe("Active");
  } finally {
    jest.useRealTimers();
  }
});
