/**
 * The AWS page "Delete a Human Loop" (/work/shared/reference/aws-docs-delete-human-loop.txt), sentence by
 * sentence, through the real SageMakerA2IRuntimeClient, SageMakerClient and S3Client. Each test name (or a
 * comment in it) quotes the sentence it checks.
 *
 * The page says loops go through `Deleting` and end `Deleted` ("When you delete a human loop, the status
 * changes to `Deleting`.", "When the human loop has been deleted, the status changes to `Deleted`."), but
 * the API's HumanLoopStatus enum has no such values (A2I-MODEL). decisions.md: the fake never reports them;
 * DeleteHumanLoop removes the loop and the next Describe answers ResourceNotFoundException. The tests below
 * assert exactly that.
 *
 * Sentences out of scope, and why:
 * - "You might want to delete a human loop in one of the following circumstances:" and its three bullets:
 *   a user's motives, not behaviour.
 * - "If you delete the AWS account used to create the human loop, it is stopped and deleted automatically.":
 *   accounts are not created or closed through the faked APIs.
 * - "Additionally, Amazon A2I temporarily stores human loop input and output data internally for the following
 *   reasons:", "Amazon A2I stores partial answers ... internally so that it can write full results to your S3
 *   bucket.", "If you report a low-quality human review result, Amazon A2I can investigate and respond to your
 *   issue.", "If you lose access to or delete the output S3 bucket ..., Amazon A2I needs a place to temporarily
 *   store human review results.", "Amazon A2I deletes this data internally 30 days after a human loop's status
 *   changes to one of the following: `Deleted`, `Stopped`, or `Completed`.", "In other words, data is deleted
 *   30 days after the human loop has been completed, stopped, or deleted." and "Additionally, this data is
 *   deleted after 30 days if you close the AWS account used to create associated human loops.": A2I's internal
 *   copy is visible through no API (the fake models neither support cases nor bucket deletion nor account
 *   closure). Their observable consequences are tested: output is written only once all workers answered and
 *   then holds every worker's answer, and the S3 output is untouched 30+ days later.
 * - The console half of "You can stop and delete a human loop in the Augmented AI console or by using the
 *   SageMaker API." and the console steps 1-4: the console is not part of a fake of the API. Step 5's rule
 *   (Delete for Completed, Stopped or Failed; Stop first when InProgress) is tested through the API.
 * - The Boto3 and CLI examples and "For more information, see ...": other clients and cross-references. The same
 *   requests (HumanLoopName 'example-human-loop') are sent through the JavaScript SDK.
 */
import {
  DeleteHumanLoopCommand,
  HumanLoopStatus,
  ListHumanLoopsCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { createClock } from "@sinonjs/fake-timers";
import type { A2IFake } from "../../src/index.js";
import {
  describeLoop,
  installFake,
  readOutput,
  rejectionOf,
  s3Location,
  startLoop,
  statusOf,
  useJestFakeTimers,
} from "../a2i-runtime/helpers.js";

const OUTPUT = "s3://human-review-output/loops";
const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

const stop = (name: string) => runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }));
const del = (name: string) => runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: name }));
const outputUri = async (loop: string) => (await describeLoop(runtime, loop)).HumanLoopOutput!.OutputS3Uri!;

/** A runtime client that records each raw HTTP response (status and body text) before the SDK parses it. */
function recordingRuntime(): { client: SageMakerA2IRuntimeClient; raw: Array<{ statusCode: number; body: string }> } {
  const client = new SageMakerA2IRuntimeClient({});
  const raw: Array<{ statusCode: number; body: string }> = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode: number; body: Uint8Array };
      raw.push({ statusCode: response.statusCode, body: new TextDecoder().decode(response.body) });
      return result;
    },
    { step: "deserialize", priority: "low", name: "captureRawResponse" },
  );
  return { client, raw };
}

async function expectNoObject(a2i: A2IFake, uri: string): Promise<void> {
  expect(a2i.output(uri)).toBeUndefined();
  const err = await rejectionOf(s3.send(new GetObjectCommand(s3Location(uri))));
  expect(err).toBeInstanceOf(NoSuchKey);
  expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
}

describe("Delete a Human Loop (jest fake timers)", () => {
  const a2i = installFake();
  useJestFakeTimers();
  let flowDefinitionArn: string;
  beforeEach(() => {
    flowDefinitionArn = a2i.seedFlowDefinition({ name: "review-flow", outputPath: OUTPUT, taskTimeLimitSeconds: 600 })
      .flowDefinitionArn;
  });

  describe("When you delete a human loop, the status changes to `Deleting`. / When the human loop has been deleted, the status changes to `Deleted`.", () => {
    it("neither status is in the API's HumanLoopStatus enum", () => {
      expect(Object.values(HumanLoopStatus).sort()).toEqual(["Completed", "Failed", "InProgress", "Stopped", "Stopping"]);
    });

    it("the fake never reports them (decisions.md): a deleted loop is simply not found", async () => {
      const seen = new Set<string>();
      const observe = async (name: string) => {
        seen.add((await describeLoop(runtime, name)).HumanLoopStatus!);
        const list = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
        for (const s of list.HumanLoopSummaries ?? []) seen.add(s.HumanLoopStatus!);
        for (const t of a2i.workforce.tasks()) seen.add(t.humanLoopStatus);
      };
      await startLoop(runtime, "doomed", flowDefinitionArn);
      await observe("doomed");
      const claim = a2i.workforce.accept("doomed");
      await stop("doomed");
      await observe("doomed");
      jest.advanceTimersByTime(1000);
      claim.submit({ ok: true });
      await observe("doomed");
      await del("doomed");
      for (const ms of [0, 1, 60_000]) {
        jest.advanceTimersByTime(ms);
        const err = await rejectionOf(describeLoop(runtime, "doomed"));
        expect(err).toBeInstanceOf(ResourceNotFoundException);
        expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
        const list = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
        expect(list.HumanLoopSummaries).toEqual([]);
      }
      for (const e of a2i.events) seen.add(e.detail.humanLoopStatus);
      expect([...seen].sort()).toEqual(["InProgress", "Stopped", "Stopping"]);
      expect(seen.has("Deleting")).toBe(false);
      expect(seen.has("Deleted")).toBe(false);
    });
  });

  it("When the human loop is deleted, the associated human review task is no longer available to workers.", async () => {
    flowDefinitionArn = a2i.seedFlowDefinition({ name: "pairs", outputPath: OUTPUT, taskCount: 2 }).flowDefinitionArn;
    await startLoop(runtime, "retire-me", flowDefinitionArn);
    a2i.workforce.submit("retire-me", { first: true }, { workerId: "w-1" });
    expect(a2i.workforce.tasks({ humanLoopName: "retire-me" })).toHaveLength(1);
    await stop("retire-me");
    await del("retire-me");
    expect(a2i.workforce.tasks()).toEqual([]);
    expect(a2i.workforce.tasks({ humanLoopName: "retire-me" })).toEqual([]);
    expect(() => a2i.workforce.accept("retire-me", { workerId: "w-2" })).toThrow(/\[a2i-fake\].*no longer available/);
    expect(() => a2i.workforce.submit("retire-me", { late: true })).toThrow(/\[a2i-fake\]/);
  });

  it("If the status of a human loop is `InProgress`, you must stop the human loop before deleting it.", async () => {
    await startLoop(runtime, "running", flowDefinitionArn);
    const err = await rejectionOf(del("running"));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.$fault).toBe("client");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(await statusOf(runtime, "running")).toBe("InProgress");
    await stop("running");
    await expect(del("running")).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });

  it("When you stop a human loop, the status changes to `Stopping` while it is being stopped.", async () => {
    await startLoop(runtime, "being-stopped", flowDefinitionArn);
    a2i.workforce.accept("being-stopped");
    await stop("being-stopped");
    expect(await statusOf(runtime, "being-stopped")).toBe("Stopping");
    const list = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(list.HumanLoopSummaries!.map((s) => s.HumanLoopStatus)).toEqual(["Stopping"]);
    expect(a2i.events).toEqual([]); // Stopping is no terminal status: no status-change event yet
  });

  it("When the status changes to `Stopped`, you can delete the human loop.", async () => {
    await startLoop(runtime, "stop-then-delete", flowDefinitionArn);
    const claim = a2i.workforce.accept("stop-then-delete");
    await stop("stop-then-delete");
    const early = await rejectionOf(del("stop-then-delete"));
    expect(early).toBeInstanceOf(ValidationException);
    expect(early.message).toContain("Stopping");
    claim.abandon();
    expect(await statusOf(runtime, "stop-then-delete")).toBe("Stopped");
    await expect(del("stop-then-delete")).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });

  describe("If human workers are already working on a task when you stop the associated human loop, that task continues to be available until it is completed or expires.", () => {
    it("completed: the worker submits after the stop; the loop is then Stopped", async () => {
      await startLoop(runtime, "finish-it", flowDefinitionArn);
      const claim = a2i.workforce.accept("finish-it", { workerId: "w-busy" });
      await stop("finish-it");
      jest.advanceTimersByTime(300_000);
      expect(a2i.workforce.tasks({ humanLoopName: "finish-it" })[0]!.slots).toEqual([
        expect.objectContaining({ status: "claimed", workerId: "w-busy" }),
      ]);
      expect(() => claim.submit({ verdict: "done" })).not.toThrow();
      expect(await statusOf(runtime, "finish-it")).toBe("Stopped");
    });

    it("expires: TaskTimeLimitInSeconds lapses, the loop is Stopped and the late answer is refused", async () => {
      await startLoop(runtime, "too-slow", flowDefinitionArn);
      const claim = a2i.workforce.accept("too-slow");
      await stop("too-slow");
      jest.advanceTimersByTime(599_999);
      expect(await statusOf(runtime, "too-slow")).toBe("Stopping");
      jest.advanceTimersByTime(1);
      expect(await statusOf(runtime, "too-slow")).toBe("Stopped");
      expect(() => claim.submit({ late: true })).toThrow(/\[a2i-fake\].*TaskTimeLimitInSeconds/);
      await expectNoObject(a2i, await outputUri("too-slow"));
    });

    it("no new worker can take the stopped loop's open slots", async () => {
      flowDefinitionArn = a2i.seedFlowDefinition({ name: "pairs", outputPath: OUTPUT, taskCount: 2 }).flowDefinitionArn;
      await startLoop(runtime, "half-taken", flowDefinitionArn);
      a2i.workforce.accept("half-taken", { workerId: "w-1" });
      await stop("half-taken");
      expect(() => a2i.workforce.accept("half-taken", { workerId: "w-2" })).toThrow(/\[a2i-fake\].*Stopping/);
    });
  });

  it("As long as workers are still working on a task, your human loop's status is `Stopping`.", async () => {
    flowDefinitionArn = a2i.seedFlowDefinition({ name: "trio", outputPath: OUTPUT, taskCount: 3 }).flowDefinitionArn;
    await startLoop(runtime, "many-hands", flowDefinitionArn);
    const a = a2i.workforce.accept("many-hands", { workerId: "a" });
    const b = a2i.workforce.accept("many-hands", { workerId: "b" });
    await stop("many-hands");
    jest.advanceTimersByTime(10_000);
    a.submit({ from: "a" });
    expect(await statusOf(runtime, "many-hands")).toBe("Stopping");
    jest.advanceTimersByTime(10_000);
    expect(await statusOf(runtime, "many-hands")).toBe("Stopping");
    b.abandon();
    expect(await statusOf(runtime, "many-hands")).toBe("Stopped");
  });

  it("If these tasks are completed, the results are stored in the Amazon S3 bucket URI specified in your human review workflow.", async () => {
    await startLoop(runtime, "stopped-with-answer", flowDefinitionArn, { doc: "contract.pdf" });
    const uri = await outputUri("stopped-with-answer");
    expect(uri).toMatch(/^s3:\/\/human-review-output\/loops\/review-flow\//);
    const claim = a2i.workforce.accept("stopped-with-answer", { workerId: "w-7" });
    await stop("stopped-with-answer");
    await expectNoObject(a2i, uri);
    claim.submit({ signed: true });
    const doc = await readOutput(s3, uri);
    expect(doc).toMatchObject({
      flowDefinitionArn,
      humanLoopName: "stopped-with-answer",
      inputContent: { doc: "contract.pdf" },
      humanAnswers: [{ answerContent: { signed: true }, workerId: "w-7" }],
    });
  });

  it("If the worker leaves the task without submitting work, it is stopped and the worker can't return to the task.", async () => {
    await startLoop(runtime, "walked-away", flowDefinitionArn);
    const claim = a2i.workforce.accept("walked-away", { workerId: "w-leaver" });
    await stop("walked-away");
    claim.abandon();
    expect(await statusOf(runtime, "walked-away")).toBe("Stopped");
    expect(() => claim.submit({ back: true })).toThrow(/\[a2i-fake\].*abandoned/);
    expect(() => claim.abandon()).toThrow(/\[a2i-fake\]/);
    expect(() => a2i.workforce.accept("walked-away", { workerId: "w-leaver" })).toThrow(/\[a2i-fake\]/);
    expect(a2i.workforce.tasks()).toEqual([]);
    await expectNoObject(a2i, await outputUri("walked-away"));
  });

  it("If no worker has started working on the task, it is stopped immediately.", async () => {
    await startLoop(runtime, "untouched", flowDefinitionArn);
    const out = await stop("untouched");
    expect(out.$metadata.httpStatusCode).toBe(200);
    // No time has passed: already Stopped, never Stopping, and its event is out.
    expect(await statusOf(runtime, "untouched")).toBe("Stopped");
    expect(a2i.events.map((e) => [e.detail.humanLoopName, e.detail.humanLoopStatus, e.time])).toEqual([
      ["untouched", "Stopped", "2026-01-02T03:04:05Z"],
    ]);
    expect(a2i.workforce.tasks()).toEqual([]);
  });

  describe("Human Loop Data Retention and Deletion", () => {
    it("When a human worker completes a human review task, the results are stored in the Amazon S3 output bucket you specified in the human review workflow used to create the human loop.", async () => {
      const other = a2i.seedFlowDefinition({ name: "elsewhere", outputPath: "s3://another-bucket/x" });
      await startLoop(runtime, "reviewed", flowDefinitionArn, { id: 1 });
      await startLoop(runtime, "reviewed-elsewhere", other.flowDefinitionArn, { id: 2 });
      a2i.workforce.submit("reviewed", { label: "cat" });
      a2i.workforce.submit("reviewed-elsewhere", { label: "dog" });
      const here = await s3.send(new ListObjectsV2Command({ Bucket: "human-review-output" }));
      expect(here.Contents!.map((o) => o.Key)).toEqual([
        "loops/review-flow/2026/01/02/03/04/05/reviewed/output.json",
      ]);
      const there = await s3.send(new ListObjectsV2Command({ Bucket: "another-bucket" }));
      expect(there.Contents!.map((o) => o.Key)).toEqual(["x/elsewhere/2026/01/02/03/04/05/reviewed-elsewhere/output.json"]);
      expect((await readOutput(s3, await outputUri("reviewed"))).humanAnswers[0]!.answerContent).toEqual({ label: "cat" });
    });

    describe("Deleting or stopping a human loop does not remove any worker answers from your S3 bucket.", () => {
      it("deleting a Completed loop", async () => {
        await startLoop(runtime, "kept", flowDefinitionArn);
        a2i.workforce.submit("kept", { keep: "me" });
        const uri = await outputUri("kept");
        const before = await readOutput(s3, uri);
        await del("kept");
        expect(await readOutput(s3, uri)).toEqual(before);
        expect(a2i.output(uri)!.document.humanAnswers[0]!.answerContent).toEqual({ keep: "me" });
      });

      it("stopping a loop with answers, then deleting it", async () => {
        flowDefinitionArn = a2i.seedFlowDefinition({ name: "pairs", outputPath: OUTPUT, taskCount: 2 }).flowDefinitionArn;
        await startLoop(runtime, "partial", flowDefinitionArn);
        const uri = await outputUri("partial");
        a2i.workforce.submit("partial", { n: 1 }, { workerId: "w-1" });
        const second = a2i.workforce.accept("partial", { workerId: "w-2" });
        await stop("partial");
        second.submit({ n: 2 });
        expect(await statusOf(runtime, "partial")).toBe("Stopped");
        const stoppedDoc = await readOutput(s3, uri);
        expect(stoppedDoc.humanAnswers.map((a) => a.answerContent)).toEqual([{ n: 1 }, { n: 2 }]);
        await del("partial");
        expect(await readOutput(s3, uri)).toEqual(stoppedDoc);
      });

      it("and 30+ days later (A2I's internal copy expires; the S3 output does not)", async () => {
        await startLoop(runtime, "old-news", flowDefinitionArn);
        a2i.workforce.submit("old-news", { ok: 1 });
        const uri = await outputUri("old-news");
        await del("old-news");
        jest.advanceTimersByTime(31 * 24 * 3600 * 1000);
        expect((await readOutput(s3, uri)).humanAnswers[0]!.answerContent).toEqual({ ok: 1 });
      });
    });

    it.each([2, 3])(
      "If you configure your human loops so that a single data object is sent to multiple workers for review, Amazon A2I does not write output data to your S3 bucket until all workers have completed the review task. (TaskCount %i)",
      async (taskCount) => {
        flowDefinitionArn = a2i.seedFlowDefinition({ name: `multi-${taskCount}`, outputPath: OUTPUT, taskCount })
          .flowDefinitionArn;
        await startLoop(runtime, "multi", flowDefinitionArn, { object: "x" });
        const uri = await outputUri("multi");
        for (let i = 1; i < taskCount; i++) {
          jest.advanceTimersByTime(1000);
          a2i.workforce.submit("multi", { worker: i }, { workerId: `w-${i}` });
          expect(await statusOf(runtime, "multi")).toBe("InProgress");
          await expectNoObject(a2i, uri);
          const listed = await s3.send(new ListObjectsV2Command({ Bucket: "human-review-output" }));
          expect(listed.Contents ?? []).toEqual([]);
        }
        jest.advanceTimersByTime(1000);
        a2i.workforce.submit("multi", { worker: taskCount }, { workerId: `w-${taskCount}` });
        expect(await statusOf(runtime, "multi")).toBe("Completed");
        // ... full results: every worker's (partial) answer, kept until the last one came in.
        const doc = await readOutput(s3, uri);
        expect(doc.humanAnswers).toHaveLength(taskCount);
        expect(doc.humanAnswers.map((a) => a.workerId)).toEqual(Array.from({ length: taskCount }, (_, i) => `w-${i + 1}`));
        expect(doc.humanAnswers.map((a) => a.answerContent)).toEqual(
          Array.from({ length: taskCount }, (_, i) => ({ worker: i + 1 })),
        );
        expect(a2i.output(uri)!.lastModified.getTime()).toBe(Date.parse("2026-01-02T03:04:05.678Z") + taskCount * 1000);
      },
    );
  });

  describe("Delete a human loop (API)", () => {
    it("Check the status of your human loop using the Augmented AI Runtime API operation DescribeHumanLoop.", async () => {
      await startLoop(runtime, "example-human-loop", flowDefinitionArn);
      const response = await describeLoop(runtime, "example-human-loop");
      expect(response.HumanLoopStatus).toBe("InProgress");
    });

    // The page's API step says "If the flow definition status is ..." where it means the human loop's status.
    it.each(["Completed", "Stopped", "Failed"] as const)(
      "If the ... status is `Completed`, `Stopped`, or `Failed`, delete ... using DeleteHumanLoop (%s)",
      async (status) => {
        flowDefinitionArn = a2i.seedFlowDefinition({ name: "short-lived", outputPath: OUTPUT, taskAvailabilityLifetimeSeconds: 60 })
          .flowDefinitionArn;
        await startLoop(runtime, "example-human-loop", flowDefinitionArn);
        if (status === "Completed") a2i.workforce.submit("example-human-loop", {});
        if (status === "Stopped") await stop("example-human-loop");
        if (status === "Failed") jest.advanceTimersByTime(60_000); // availability lifetime passed: Failed/Expired
        expect(await statusOf(runtime, "example-human-loop")).toBe(status);
        const { client, raw } = recordingRuntime();
        const response = await client.send(new DeleteHumanLoopCommand({ HumanLoopName: "example-human-loop" }));
        expect(response.$metadata.httpStatusCode).toBe(200);
        expect(raw).toEqual([{ statusCode: 200, body: "" }]); // "HTTP 200 response with an empty HTTP body"
        await expect(describeLoop(runtime, "example-human-loop")).rejects.toBeInstanceOf(ResourceNotFoundException);
      },
    );

    it("If the human loop status is `InProgress`, stop the human loop using StopHumanLoop and then use DeleteHumanLoop to delete it.", async () => {
      await startLoop(runtime, "example-human-loop", flowDefinitionArn);
      const { client, raw } = recordingRuntime();
      const stopped = await client.send(new StopHumanLoopCommand({ HumanLoopName: "example-human-loop" }));
      expect(stopped.$metadata.httpStatusCode).toBe(200);
      expect(Object.keys(stopped)).toEqual(["$metadata"]);
      expect(await statusOf(runtime, "example-human-loop")).toBe("Stopped");
      const deleted = await client.send(new DeleteHumanLoopCommand({ HumanLoopName: "example-human-loop" }));
      expect(deleted.$metadata.httpStatusCode).toBe(200);
      expect(raw).toEqual([
        { statusCode: 200, body: "" },
        { statusCode: 200, body: "" },
      ]);
      await expect(describeLoop(runtime, "example-human-loop")).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });
});

describe("Delete a Human Loop (explicit @sinonjs/fake-timers clock)", () => {
  const clock = createClock(Date.parse("2026-01-02T03:04:05.678Z"));
  const a2i = installFake({ clock });

  it("Stopping while a worker works; Stopped when the task expires (clock.tick); then deletable; S3 untouched", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-flow", outputPath: OUTPUT, taskCount: 2, taskTimeLimitSeconds: 45 });
    await startLoop(runtime, "ticking", flowDefinitionArn);
    const uri = await outputUri("ticking");
    a2i.workforce.submit("ticking", { first: 1 }, { workerId: "w-1" });
    const slow = a2i.workforce.accept("ticking", { workerId: "w-2" });
    await stop("ticking");
    clock.tick(44_999);
    expect(await statusOf(runtime, "ticking")).toBe("Stopping");
    await expect(del("ticking")).rejects.toBeInstanceOf(ValidationException);
    clock.tick(1);
    expect(await statusOf(runtime, "ticking")).toBe("Stopped");
    expect(() => slow.submit({ second: 2 })).toThrow(/\[a2i-fake\]/);
    // The answer submitted before the stop is in S3 ...
    expect((await readOutput(s3, uri)).humanAnswers.map((a) => a.answerContent)).toEqual([{ first: 1 }]);
    await del("ticking");
    clock.tick(31 * 24 * 3600 * 1000);
    // ... and stays there after deletion.
    expect((await readOutput(s3, uri)).humanAnswers.map((a) => a.answerContent)).toEqual([{ first: 1 }]);
    await expect(describeLoop(runtime, "ticking")).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("TaskCount 3: no output until the third worker, with clock.tick between answers", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-trio", outputPath: OUTPUT, taskCount: 3 });
    await startLoop(runtime, "three", flowDefinitionArn);
    const uri = await outputUri("three");
    for (const w of ["a", "b"]) {
      clock.tick(5_000);
      a2i.workforce.submit("three", { w }, { workerId: w });
      await expectNoObject(a2i, uri);
    }
    clock.tick(5_000);
    a2i.workforce.submit("three", { w: "c" }, { workerId: "c" });
    expect((await readOutput(s3, uri)).humanAnswers).toHaveLength(3);
  });

  it("If no worker has started working on the task, it is stopped immediately (no tick needed).", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-idle", outputPath: OUTPUT });
    await startLoop(runtime, "idle", flowDefinitionArn);
    await stop("idle");
    expect(await statusOf(runtime, "idle")).toBe("Stopped");
  });
});
