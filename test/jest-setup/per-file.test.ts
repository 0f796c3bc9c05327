/**
 * Under `a2i-fake/jest`: per-file options (`a2i.configure`), per-test `onEvent` subscriptions, and
 * `a2i.settled()` for async handlers (issue 9). Tests run in order: later ones prove what earlier ones left.
 */
import FakeTimers from "@sinonjs/fake-timers";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { Readable } from "node:stream";
import type { HttpRequest, HttpResponse } from "@smithy/types";
import { a2i } from "../../src/testing/jest-setup.js";
import type { HumanLoopStatusChangeEvent } from "../../src/index.js";
import { createFlowDefinition, flowDefinitionStatus } from "../support/setup.js";

// This file's own options, although the setup file made the fake (with configure.ts's options) before it ran.
const clock = FakeTimers.createClock(Date.parse("2030-01-01T00:00:00Z"));
a2i.configure({ accountId: "444455556666", seed: 7, clock, otherS3Requests: "passThrough", timing: { flowDefinitionActivationMs: 1000 } });

const fileWide: string[] = [];
a2i.onEvent((e) => void fileWide.push(e.detail.humanLoopName)); // top of the file: lasts for the file
const perTest: string[] = [];

test("per-file options: account, explicit clock, otherS3Requests", async () => {
  const sm = new SageMakerClient({});
  const seeded = a2i.seedFlowDefinition({ name: "seeded" });
  expect(seeded.flowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:444455556666:flow-definition/seeded");
  await createFlowDefinition(sm, "fresh", seeded, "444455556666");
  clock.tick(1000); // the explicit clock, not the global timers
  expect(await flowDefinitionStatus(sm, "fresh")).toBe("Active");

  const s3 = new S3Client({
    requestHandler: {
      handle: async (_request: HttpRequest): Promise<{ response: HttpResponse }> => ({
        response: { statusCode: 200, headers: { "content-length": "4" }, body: Readable.from([Buffer.from("mine")]) },
      }),
    },
  });
  const other = await s3.send(new GetObjectCommand({ Bucket: "my-bucket", Key: "k" }));
  expect(await other.Body!.transformToString()).toBe("mine");
});

test("a subscription made in a test receives that test's events", () => {
  a2i.onEvent((e) => void perTest.push(e.detail.humanLoopName));
  a2i.seedFlowDefinition({ name: "fd" });
  return startLoop("first").then(() => {
    expect(perTest).toEqual(["first"]);
    expect(fileWide).toEqual(["first"]);
  });
});

test("...and ends with it; the file's subscription stays", async () => {
  a2i.seedFlowDefinition({ name: "fd" });
  await startLoop("second");
  expect(perTest).toEqual(["first"]);
  expect(fileWide).toEqual(["first", "second"]);
});

test("await a2i.settled() waits for every async listener, and reports its failure", async () => {
  const written: string[] = [];
  a2i.onEvent(async (e: HumanLoopStatusChangeEvent) => {
    for (let i = 0; i < 3; i++) await Promise.resolve(); // an EventBridge handler's awaited writes
    written.push(e.detail.humanLoopName);
  });
  a2i.seedFlowDefinition({ name: "fd" });
  await startLoop("third");
  expect(written).toEqual([]);
  await a2i.settled();
  expect(written).toEqual(["third"]);

  a2i.onEvent(async () => {
    await Promise.resolve();
    throw new Error("the handler broke");
  });
  await startLoop("fourth");
  await expect(a2i.settled()).rejects.toThrow(/\[a2i-fake\] An onEvent listener failed on the Completed event of human loop 'fourth': the handler broke/);
  await a2i.settled(); // reported once
});

test("configure() refuses a fake that already holds something", () => {
  a2i.seedFlowDefinition({ name: "fd" });
  expect(() => a2i.configure({ seed: 2 })).toThrow(/^\[a2i-fake\] configure\(\) changes the options of a fake that holds nothing/);
});

async function startLoop(name: string): Promise<void> {
  await new SageMakerA2IRuntimeClient({}).send(
    new StartHumanLoopCommand({
      HumanLoopName: name,
      FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:444455556666:flow-definition/fd",
      HumanLoopInput: { InputContent: "{}" },
    }),
  );
  a2i.workforce.submit(name, { ok: true }); // Completed: the event reaches the listeners
}
