/**
 * The human loop lifecycle under an explicit @sinonjs/fake-timers clock (`new A2IFake({ clock })`), which
 * touches no globals: the SDK runs on real timers while the fake's time moves only with `clock.tick()`.
 */
import { createClock } from "@sinonjs/fake-timers";
import {
  DeleteHumanLoopCommand,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { S3Client } from "@aws-sdk/client-s3";
import { A2IFake } from "../../src/index.js";
import { describeLoop, readOutput, rejectionOf, startLoop, statusOf } from "./helpers.js";

const START = Date.parse("2026-01-02T03:04:05.678Z");

describe("human loop lifecycle on a sinon clock", () => {
  let clock: ReturnType<typeof createClock>;
  let a2i: A2IFake;
  const runtime = new SageMakerA2IRuntimeClient({});
  const sm = new SageMakerClient({});
  const s3 = new S3Client({});

  beforeEach(() => {
    clock = createClock(START);
    a2i = new A2IFake({ clock }).install();
  });
  afterEach(() => {
    a2i.uninstall();
  });

  it("CreationTime and the output key come from the injected clock, not from Date.now()", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-fd", outputPath: "s3://sinon-bucket/out" });
    clock.tick(3_000);
    await startLoop(runtime, "on-clock", flowDefinitionArn);
    const d = await describeLoop(runtime, "on-clock");
    expect(d.CreationTime!.getTime()).toBe(START + 3_000);
    expect(d.HumanLoopOutput!.OutputS3Uri).toBe("s3://sinon-bucket/out/sinon-fd/2026/01/02/03/04/08/on-clock/output.json");
  });

  it("a created flow definition is Initializing until clock.tick(2000), then starts loops", async () => {
    const { workteamArn } = a2i.seedWorkteam({ name: "team" });
    const { humanTaskUiArn } = a2i.seedHumanTaskUi({ name: "ui" });
    const { FlowDefinitionArn } = await sm.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: "created",
        RoleArn: "arn:aws:iam::123456789012:role/a2i",
        OutputConfig: { S3OutputPath: "s3://created-out/p" },
        HumanLoopConfig: { WorkteamArn: workteamArn, HumanTaskUiArn: humanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
      }),
    );
    clock.tick(1_999);
    expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "created" }))).FlowDefinitionStatus).toBe(
      "Initializing",
    );
    await expect(startLoop(runtime, "early", FlowDefinitionArn!)).rejects.toBeInstanceOf(ValidationException);
    clock.tick(1);
    expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "created" }))).FlowDefinitionStatus).toBe(
      "Active",
    );
    await startLoop(runtime, "on-time", FlowDefinitionArn!);
    expect(await statusOf(runtime, "on-time")).toBe("InProgress");
  });

  it("Stopping lasts until the worker's TaskTimeLimitInSeconds lapses, then Stopped and deletable", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskTimeLimitSeconds: 120 });
    await startLoop(runtime, "slow-worker", flowDefinitionArn);
    const claim = a2i.workforce.accept("slow-worker", { workerId: "w-slow" });
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "slow-worker" }));
    clock.tick(119_999);
    expect(await statusOf(runtime, "slow-worker")).toBe("Stopping");
    clock.tick(1);
    expect(await statusOf(runtime, "slow-worker")).toBe("Stopped");
    expect(() => claim.submit({ late: true })).toThrow(/\[a2i-fake\].*lapsed/);
    const out = await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "slow-worker" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it("TaskCount 2 completes with both answers; output.json carries the clock's times", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "pair", taskCount: 2 });
    await startLoop(runtime, "two-workers", flowDefinitionArn, { doc: 7 });
    const uri = (await describeLoop(runtime, "two-workers")).HumanLoopOutput!.OutputS3Uri!;
    const first = a2i.workforce.accept("two-workers", { workerId: "w-a" });
    clock.tick(10_000);
    first.submit({ label: "a" });
    expect(await statusOf(runtime, "two-workers")).toBe("InProgress");
    expect(a2i.output(uri)).toBeUndefined();
    const second = a2i.workforce.accept("two-workers", { workerId: "w-b" });
    clock.tick(5_000);
    second.submit({ label: "b" });
    expect(await statusOf(runtime, "two-workers")).toBe("Completed");
    const doc = await readOutput(s3, uri);
    expect(doc.humanAnswers.map((a) => a.answerContent)).toEqual([{ label: "a" }, { label: "b" }]);
    expect(a2i.output(uri)!.document.humanAnswers[0]).toMatchObject({
      acceptanceTime: "2026-01-02T03:04:05.678Z",
      submissionTime: "2026-01-02T03:04:15.678Z",
      timeSpentInSeconds: 10,
    });
  });

  it("an unanswered loop is Failed/Expired once clock.tick passes the availability lifetime", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 3_600 });
    await startLoop(runtime, "expiring", flowDefinitionArn);
    clock.tick(3_600_000);
    const d = await describeLoop(runtime, "expiring");
    expect(d.HumanLoopStatus).toBe("Failed");
    expect(d.FailureCode).toBe("Expired");
    const list = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(list.HumanLoopSummaries![0]).toMatchObject({ HumanLoopName: "expiring", HumanLoopStatus: "Failed" });
    expect(list.HumanLoopSummaries![0]!.FailureReason).toEqual(expect.any(String));
  });

  it("StopHumanLoop on the Failed loop -> ValidationException naming Failed", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
    await startLoop(runtime, "gone-stale", flowDefinitionArn);
    clock.tick(60_000);
    const err = await rejectionOf(runtime.send(new StopHumanLoopCommand({ HumanLoopName: "gone-stale" })));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toContain("Failed");
  });

  it("reset() leaves nothing scheduled on the clock", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "pending", flowDefinitionArn);
    expect(a2i.pendingTimers()).toBeGreaterThan(0);
    a2i.reset();
    expect(a2i.pendingTimers()).toBe(0);
    expect(clock.countTimers()).toBe(0);
  });
});
