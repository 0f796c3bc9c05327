/** DescribeHumanLoop through the real SageMakerA2IRuntimeClient (spec §3.2, §5; decisions.md). */
import {
  DeleteHumanLoopCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { describeLoop, installFake, readOutput, rejectionOf, s3Location, startLoop, T0, useJestFakeTimers } from "./helpers.js";

describe("DescribeHumanLoop", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});
  const s3 = new S3Client({});

  it("returns every field of an InProgress loop, CreationTime as the fake clock's Date", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "receipts", outputPath: "s3://review-out/a2i" });
    const { HumanLoopArn } = await startLoop(runtime, "receipt-42", flowDefinitionArn, { total: 12.5 });
    const d = await describeLoop(runtime, "receipt-42");
    expect(d.$metadata.httpStatusCode).toBe(200);
    const { $metadata: _m, ...fields } = d;
    expect(fields).toEqual({
      CreationTime: new Date(T0),
      HumanLoopStatus: "InProgress",
      HumanLoopName: "receipt-42",
      HumanLoopArn,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopOutput: { OutputS3Uri: "s3://review-out/a2i/receipts/2026/01/02/03/04/05/receipt-42/output.json" },
    });
    expect(d.CreationTime).toBeInstanceOf(Date);
    expect(d.CreationTime!.getTime()).toBe(T0); // milliseconds survive the ISO 8601 wire format
  });

  it("CreationTime follows the clock: a loop started later carries the later time", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    jest.advanceTimersByTime(90_061_001); // 1 day, 1 h, 1 min, 1.001 s
    await startLoop(runtime, "later", flowDefinitionArn);
    const d = await describeLoop(runtime, "later");
    expect(d.CreationTime!.toISOString()).toBe("2026-01-03T04:05:06.679Z");
    expect(d.HumanLoopOutput!.OutputS3Uri).toBe(
      `s3://a2i-fake-output-123456789012-us-east-1/a2i-output/fd/2026/01/03/04/05/06/later/output.json`,
    );
  });

  it("OutputS3Uri uses the creation time in UTC (YYYY/MM/DD/hh/mm/ss, zero-padded, seconds truncated)", async () => {
    jest.setSystemTime(Date.parse("2027-11-09T23:58:07.001Z"));
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "tz", outputPath: "s3://bkt/deep/nested/prefix" });
    await startLoop(runtime, "late-night", flowDefinitionArn);
    expect((await describeLoop(runtime, "late-night")).HumanLoopOutput!.OutputS3Uri).toBe(
      "s3://bkt/deep/nested/prefix/tz/2027/11/09/23/58/07/late-night/output.json",
    );
  });

  it("OutputS3Uri for an output path at the bucket root or with a trailing slash has no empty segment", async () => {
    const root = a2i.seedFlowDefinition({ name: "root", outputPath: "s3://root-bucket" });
    const slash = a2i.seedFlowDefinition({ name: "slash", outputPath: "s3://slash-bucket/out/" });
    await startLoop(runtime, "at-root", root.flowDefinitionArn);
    await startLoop(runtime, "with-slash", slash.flowDefinitionArn);
    expect((await describeLoop(runtime, "at-root")).HumanLoopOutput!.OutputS3Uri).toBe(
      "s3://root-bucket/root/2026/01/02/03/04/05/at-root/output.json",
    );
    expect((await describeLoop(runtime, "with-slash")).HumanLoopOutput!.OutputS3Uri).toBe(
      "s3://slash-bucket/out/slash/2026/01/02/03/04/05/with-slash/output.json",
    );
  });

  it("OutputS3Uri is reported while InProgress, but the object exists only once the loop completes", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://bkt/p" });
    await startLoop(runtime, "pending", flowDefinitionArn, { q: "?" });
    const uri = (await describeLoop(runtime, "pending")).HumanLoopOutput!.OutputS3Uri!;
    expect(a2i.output(uri)).toBeUndefined();
    const missing = await rejectionOf(s3.send(new GetObjectCommand(s3Location(uri))));
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect((missing.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);

    jest.advanceTimersByTime(30_000);
    a2i.workforce.submit("pending", { answer: "42" }, { workerId: "worker-1" });
    const d = await describeLoop(runtime, "pending");
    expect(d.HumanLoopStatus).toBe("Completed");
    expect(d.HumanLoopOutput!.OutputS3Uri).toBe(uri); // same URI: the key is fixed at creation
    const doc = await readOutput(s3, uri);
    expect(doc).toMatchObject({
      flowDefinitionArn,
      humanLoopName: "pending",
      inputContent: { q: "?" },
      humanAnswers: [{ answerContent: { answer: "42" }, workerId: "worker-1" }],
    });
  });

  it("FailureCode and FailureReason appear only when the loop is Failed", async () => {
    const privateFd = a2i.seedFlowDefinition({ name: "private" });
    const publicFd = a2i.seedFlowDefinition({ name: "public", workteamArn: "public" });
    await startLoop(runtime, "in-progress", privateFd.flowDefinitionArn);
    await startLoop(runtime, "completed", privateFd.flowDefinitionArn);
    a2i.workforce.submit("completed", {});
    await startLoop(runtime, "stopped", privateFd.flowDefinitionArn);
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "stopped" }));
    await startLoop(runtime, "failed", publicFd.flowDefinitionArn);

    for (const name of ["in-progress", "completed", "stopped"]) {
      const d = await describeLoop(runtime, name);
      expect(d.HumanLoopStatus).not.toBe("Failed");
      expect(d).not.toHaveProperty("FailureCode");
      expect(d).not.toHaveProperty("FailureReason");
    }
    const failed = await describeLoop(runtime, "failed");
    expect(failed.HumanLoopStatus).toBe("Failed");
    expect(failed.FailureCode).toBe("ValidationError");
    expect(failed.FailureReason).toEqual(expect.any(String));
    expect(failed.FailureReason!.length).toBeGreaterThan(0);
    expect(failed.FailureReason!.length).toBeLessThanOrEqual(1024);
  });

  it("a loop whose availability lifetime passed with no answer is Failed with FailureCode Expired", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "short", taskAvailabilityLifetimeSeconds: 600 });
    await startLoop(runtime, "unanswered", flowDefinitionArn);
    jest.advanceTimersByTime(599_999);
    expect((await describeLoop(runtime, "unanswered")).HumanLoopStatus).toBe("InProgress");
    jest.advanceTimersByTime(1);
    const d = await describeLoop(runtime, "unanswered");
    expect(d.HumanLoopStatus).toBe("Failed");
    expect(d.FailureCode).toBe("Expired");
    expect(d.FailureReason).toEqual(expect.stringContaining("TaskAvailabilityLifetimeInSeconds"));
  });

  it("a loop first described hours after it started reports the output URI of its creation time", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "slow", outputPath: "s3://bkt/p" });
    await startLoop(runtime, "old", flowDefinitionArn);
    jest.advanceTimersByTime(2 * 3600_000 + 61_000);
    const d = await describeLoop(runtime, "old");
    expect(d.CreationTime!.getTime()).toBe(T0);
    expect(d.HumanLoopOutput!.OutputS3Uri).toBe("s3://bkt/p/slow/2026/01/02/03/04/05/old/output.json");
  });

  it("polling shows each change of status, and a loop started again under the same name is described as the new one", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "poll", outputPath: "s3://bkt/p" });
    await startLoop(runtime, "again", flowDefinitionArn);
    expect((await describeLoop(runtime, "again")).HumanLoopStatus).toBe("InProgress");
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "again" }));
    const stopped = await describeLoop(runtime, "again");
    expect(stopped.HumanLoopStatus).toBe("Stopped");
    expect(stopped).not.toHaveProperty("FailureCode");
    await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "again" }));
    jest.advanceTimersByTime(3_000);
    await startLoop(runtime, "again", flowDefinitionArn);
    const d = await describeLoop(runtime, "again");
    const { $metadata: _m, ...fields } = d;
    expect(fields).toEqual({
      CreationTime: new Date(T0 + 3_000),
      HumanLoopStatus: "InProgress",
      HumanLoopName: "again",
      HumanLoopArn: stopped.HumanLoopArn,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopOutput: { OutputS3Uri: "s3://bkt/p/poll/2026/01/02/03/04/08/again/output.json" },
    });
  });

  it("loops of the same name in two Regions, described in turn, are each described as themselves", async () => {
    const east = a2i.seedFlowDefinition({ name: "fd" });
    const west = a2i.seedFlowDefinition({ name: "fd", region: "us-west-2" });
    const westRuntime = new SageMakerA2IRuntimeClient({ region: "us-west-2" });
    await startLoop(runtime, "twin", east.flowDefinitionArn);
    await startLoop(westRuntime, "twin", west.flowDefinitionArn);
    for (let i = 0; i < 3; i++) {
      expect((await describeLoop(runtime, "twin")).HumanLoopArn).toContain(":us-east-1:");
      expect((await describeLoop(westRuntime, "twin")).HumanLoopArn).toContain(":us-west-2:");
      expect((await describeLoop(westRuntime, "twin")).HumanLoopOutput!.OutputS3Uri).toContain("-us-west-2/");
    }
  });

  it("an unknown loop -> ResourceNotFoundException (404)", async () => {
    const err = await rejectionOf(describeLoop(runtime, "never-started"));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.$fault).toBe("client");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    expect(err.message).toContain("never-started");
  });

  it("a loop of another Region is not found from this Region's client", async () => {
    const west = a2i.seedFlowDefinition({ name: "fd", region: "us-west-2" });
    await startLoop(new SageMakerA2IRuntimeClient({ region: "us-west-2" }), "west-only", west.flowDefinitionArn);
    await expect(describeLoop(runtime, "west-only")).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
