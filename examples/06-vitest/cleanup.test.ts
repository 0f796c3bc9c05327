/**
 * Example 6, the test, in vitest: `a2i-fake/vitest` in setupFiles gives the fake and the matchers;
 * `vi.useFakeTimers()` drives it.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { a2i } from "../../src/testing/vitest-setup.js";
import { cleanUp } from "./cleanup.js";

const runtime = new SageMakerA2IRuntimeClient({});
const start = (name: string, arn: string) =>
  runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: arn, HumanLoopInput: { InputContent: "{}" } }));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test("stops InProgress loops, deletes finished ones, leaves a loop whose worker is busy Stopping", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 600 });
  await start("done", flowDefinitionArn);
  a2i.workforce.submit("done", { ok: true });
  await start("expired", flowDefinitionArn);
  vi.advanceTimersByTime(600_000); // "expired" is Failed/Expired now
  await start("idle", flowDefinitionArn);
  await start("busy", flowDefinitionArn);
  a2i.workforce.accept("busy", { workerId: "w1" });

  const result = await cleanUp(flowDefinitionArn);

  expect(result.deleted.sort()).toEqual(["done", "expired"]);
  expect(result.stopped.sort()).toEqual(["busy", "idle"]);
  expect(a2i).toHaveHumanLoopInStatus("idle", "Stopped");
  expect(a2i).toHaveHumanLoopInStatus("busy", "Stopping");
  expect(a2i).not.toHaveHumanLoop("done");
  expect(a2i).toHaveWrittenHumanLoopOutput("done"); // deleting never removes output
  expect(a2i).toHaveEmittedStatusChange("expired", "Failed");
});

test("each test starts from an empty fake", () => {
  expect(a2i.humanLoops()).toEqual([]);
  expect(a2i).toHaveStartedHumanLoops(0);
});
