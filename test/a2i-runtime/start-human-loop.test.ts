/**
 * StartHumanLoop through the real SageMakerA2IRuntimeClient (spec §3, §4.2; decisions.md "Errors where the
 * spec is open").
 */
import {
  ConflictException,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  SageMakerA2IRuntimeServiceException,
  ServiceQuotaExceededException,
  StopHumanLoopCommand,
  DeleteHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { describeLoop, installFake, rejectionOf, startLoop, statusOf, useJestFakeTimers } from "./helpers.js";

const ACCOUNT = "123456789012";

describe("StartHumanLoop", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});
  const sm = new SageMakerClient({});

  it("returns the ARN arn:aws:sagemaker:<region>:<account>:human-loop/<name> and the loop is InProgress", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoices" });
    const out = await startLoop(runtime, "invoice-0001", flowDefinitionArn);
    expect(out.HumanLoopArn).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:human-loop/invoice-0001`);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await statusOf(runtime, "invoice-0001")).toBe("InProgress");
  });

  it("uses the client's Region and the fake's account in the ARN", async () => {
    const fake = a2i; // same fake, another Region
    const { flowDefinitionArn } = fake.seedFlowDefinition({ name: "eu-flow", region: "eu-west-1" });
    expect(flowDefinitionArn).toBe(`arn:aws:sagemaker:eu-west-1:${ACCOUNT}:flow-definition/eu-flow`);
    const eu = new SageMakerA2IRuntimeClient({ region: "eu-west-1" });
    const out = await startLoop(eu, "eu-loop", flowDefinitionArn);
    expect(out.HumanLoopArn).toBe(`arn:aws:sagemaker:eu-west-1:${ACCOUNT}:human-loop/eu-loop`);
  });

  describe("flow definition that cannot start loops -> ValidationException (400)", () => {
    it("does not exist", async () => {
      const err = await rejectionOf(
        startLoop(runtime, "l1", `arn:aws:sagemaker:us-east-1:${ACCOUNT}:flow-definition/never-created`),
      );
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.name).toBe("ValidationException");
      expect(err.$fault).toBe("client");
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      expect(err.message).toContain("never-created");
    });

    it("is Initializing (then works once Active)", async () => {
      const { workteamArn } = a2i.seedWorkteam({ name: "team" });
      const { humanTaskUiArn } = a2i.seedHumanTaskUi({ name: "ui" });
      const { FlowDefinitionArn } = await sm.send(
        new CreateFlowDefinitionCommand({
          FlowDefinitionName: "fresh",
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/a2i`,
          OutputConfig: { S3OutputPath: "s3://out-bucket/prefix" },
          HumanLoopConfig: {
            WorkteamArn: workteamArn,
            HumanTaskUiArn: humanTaskUiArn,
            TaskTitle: "t",
            TaskDescription: "d",
            TaskCount: 1,
          },
        }),
      );
      expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fresh" }))).FlowDefinitionStatus).toBe(
        "Initializing",
      );
      const err = await rejectionOf(startLoop(runtime, "too-early", FlowDefinitionArn!));
      expect(err).toBeInstanceOf(ValidationException);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      expect(err.message).toContain("Initializing");
      // No loop was created by the refused call: the name is free once the flow definition is Active.
      jest.advanceTimersByTime(2000);
      await expect(startLoop(runtime, "too-early", FlowDefinitionArn!)).resolves.toMatchObject({
        HumanLoopArn: expect.stringContaining("human-loop/too-early"),
      });
    });

    it("is Deleting", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "going" });
      await startLoop(runtime, "held", flowDefinitionArn);
      a2i.workforce.accept("held"); // keeps the flow definition Deleting
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "going" }));
      expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "going" }))).FlowDefinitionStatus).toBe(
        "Deleting",
      );
      const err = await rejectionOf(startLoop(runtime, "another", flowDefinitionArn));
      expect(err).toBeInstanceOf(ValidationException);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      expect(err.message).toContain("Deleting");
    });
  });

  describe("idempotency and name conflicts", () => {
    it("same name + flow definition + input returns the same ARN and creates no second loop or task", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const first = await startLoop(runtime, "same", flowDefinitionArn, { a: 1 });
      jest.advanceTimersByTime(5000);
      const second = await startLoop(runtime, "same", flowDefinitionArn, { a: 1 });
      expect(second.HumanLoopArn).toBe(first.HumanLoopArn);
      expect(second.$metadata.httpStatusCode).toBe(200);
      const list = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
      expect(list.HumanLoopSummaries).toHaveLength(1);
      expect(a2i.workforce.tasks({ humanLoopName: "same" })).toHaveLength(1);
      expect(a2i.workforce.tasks()).toHaveLength(1);
      // The loop kept its first creation time.
      expect((await describeLoop(runtime, "same")).CreationTime!.getTime()).toBe(Date.parse("2026-01-02T03:04:05.678Z"));
    });

    it("same name with a different input -> ConflictException (409)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "dup", flowDefinitionArn, { a: 1 });
      const err = await rejectionOf(startLoop(runtime, "dup", flowDefinitionArn, { a: 2 }));
      expect(err).toBeInstanceOf(ConflictException);
      expect(err.name).toBe("ConflictException");
      expect(err.$fault).toBe("client");
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(409);
      expect(a2i.workforce.tasks()).toHaveLength(1);
    });

    it("names are unique per account and Region across flow definitions (ConflictException)", async () => {
      const a = a2i.seedFlowDefinition({ name: "flow-a" });
      const b = a2i.seedFlowDefinition({ name: "flow-b" });
      await startLoop(runtime, "shared-name", a.flowDefinitionArn, { x: 1 });
      const err = await rejectionOf(startLoop(runtime, "shared-name", b.flowDefinitionArn, { x: 1 }));
      expect(err).toBeInstanceOf(ConflictException);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(409);
      // ...but another Region of the same account has its own names.
      const west = a2i.seedFlowDefinition({ name: "flow-a", region: "us-west-2" });
      const westRuntime = new SageMakerA2IRuntimeClient({ region: "us-west-2" });
      await expect(startLoop(westRuntime, "shared-name", west.flowDefinitionArn, { x: 1 })).resolves.toMatchObject({
        HumanLoopArn: `arn:aws:sagemaker:us-west-2:${ACCOUNT}:human-loop/shared-name`,
      });
    });

    it.each(["Completed", "Stopped", "Failed"] as const)(
      "same name as a %s loop -> ValidationException 'already exists and is finished'",
      async (status) => {
        const { flowDefinitionArn } = a2i.seedFlowDefinition({
          name: "fd",
          ...(status === "Failed" ? { workteamArn: "public" } : {}),
        });
        await startLoop(runtime, "done", flowDefinitionArn, { a: 1 });
        if (status === "Completed") a2i.workforce.submit("done", { ok: true });
        if (status === "Stopped") await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "done" }));
        expect(await statusOf(runtime, "done")).toBe(status);
        const err = await rejectionOf(startLoop(runtime, "done", flowDefinitionArn, { a: 1 }));
        expect(err).toBeInstanceOf(ValidationException);
        expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
        expect(err.message).toBe(
          "HumanLoop 'done' already exists and is finished. To start a new HumanLoop, you can try your request again with a different HumanLoopName.",
        );
      },
    );

    it("same name as a Stopping loop -> the same 'already exists and is finished' ValidationException", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "stopping", flowDefinitionArn);
      a2i.workforce.accept("stopping");
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "stopping" }));
      expect(await statusOf(runtime, "stopping")).toBe("Stopping");
      const err = await rejectionOf(startLoop(runtime, "stopping", flowDefinitionArn));
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.message).toContain("already exists and is finished");
    });

    it("the name of a deleted loop can be used again, for a new loop", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "reuse-me", flowDefinitionArn, { v: 1 });
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "reuse-me" }));
      await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "reuse-me" }));
      jest.advanceTimersByTime(60_000);
      const again = await startLoop(runtime, "reuse-me", flowDefinitionArn, { v: 2 });
      expect(again.HumanLoopArn).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:human-loop/reuse-me`);
      const d = await describeLoop(runtime, "reuse-me");
      expect(d.HumanLoopStatus).toBe("InProgress");
      expect(d.CreationTime!.getTime()).toBe(Date.parse("2026-01-02T03:04:05.678Z") + 60_000);
      expect(a2i.workforce.tasks({ humanLoopName: "reuse-me" })[0]!.input).toEqual({ v: 2 });
    });
  });

  describe("input", () => {
    it.each([["not json"], ["{unquoted: 1}"], [""]])("InputContent %j that is not JSON -> ValidationException", async (content) => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const err = await rejectionOf(
        startLoop(runtime, "bad-input", flowDefinitionArn, undefined, { HumanLoopInput: { InputContent: content } }),
      );
      expect(err).toBeInstanceOf(ValidationException);
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      await expect(describeLoop(runtime, "bad-input")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    });

    it("an unknown ContentClassifiers value -> ValidationException in AWS's format", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const err = await rejectionOf(
        startLoop(runtime, "bad-class", flowDefinitionArn, {}, {
          DataAttributes: { ContentClassifiers: ["FreeOfEverything" as "FreeOfAdultContent"] },
        }),
      );
      expect(err).toBeInstanceOf(ValidationException);
      expect(err.message).toBe(
        "1 validation error detected: Value 'FreeOfEverything' at 'dataAttributes.contentClassifiers.1.member' failed to satisfy constraint: " +
          "Member must satisfy enum value set: [FreeOfPersonallyIdentifiableInformation, FreeOfAdultContent]",
      );
    });
  });

  describe("public workforce (Mechanical Turk)", () => {
    it("without FreeOfPersonallyIdentifiableInformation the loop starts, then is Failed with ValidationError", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "mturk", workteamArn: "public" });
      const out = await startLoop(runtime, "no-pii-flag", flowDefinitionArn, { text: "hi" }, {
        DataAttributes: { ContentClassifiers: ["FreeOfAdultContent"] },
      });
      expect(out.HumanLoopArn).toContain("human-loop/no-pii-flag");
      const d = await describeLoop(runtime, "no-pii-flag");
      expect(d.HumanLoopStatus).toBe("Failed");
      expect(d.FailureCode).toBe("ValidationError");
      expect(typeof d.FailureReason).toBe("string");
      expect(d.FailureReason).toContain("FreeOfPersonallyIdentifiableInformation");
      expect(a2i.workforce.tasks()).toHaveLength(0);
    });

    it("with FreeOfPersonallyIdentifiableInformation the loop is InProgress and offered to workers", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "mturk", workteamArn: "public" });
      await startLoop(runtime, "pii-free", flowDefinitionArn, { text: "hi" }, {
        DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"] },
      });
      const d = await describeLoop(runtime, "pii-free");
      expect(d.HumanLoopStatus).toBe("InProgress");
      expect(d.FailureCode).toBeUndefined();
      expect(d.FailureReason).toBeUndefined();
      expect(a2i.workforce.tasks({ humanLoopName: "pii-free" })).toHaveLength(1);
    });

    it("a private work team needs no content classifier", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "private" });
      await startLoop(runtime, "private-loop", flowDefinitionArn);
      expect(await statusOf(runtime, "private-loop")).toBe("InProgress");
    });
  });

  it("a ValidationException is a SageMakerA2IRuntimeServiceException with $fault client and status 400", async () => {
    const err = await rejectionOf(
      startLoop(runtime, "Not_Valid", `arn:aws:sagemaker:us-east-1:${ACCOUNT}:flow-definition/x`),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err).toBeInstanceOf(SageMakerA2IRuntimeServiceException);
    expect(err.$fault).toBe("client");
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
  });
});

describe("StartHumanLoop beyond quotas.maxInProgressHumanLoops", () => {
  const a2i = installFake({ quotas: { maxInProgressHumanLoops: 2 } });
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});

  it("-> ServiceQuotaExceededException (402); room again once a loop leaves InProgress", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "q-1", flowDefinitionArn);
    await startLoop(runtime, "q-2", flowDefinitionArn);
    const err = await rejectionOf(startLoop(runtime, "q-3", flowDefinitionArn));
    expect(err).toBeInstanceOf(ServiceQuotaExceededException);
    expect(err.name).toBe("ServiceQuotaExceededException");
    expect(err.$fault).toBe("client");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(402);
    await expect(describeLoop(runtime, "q-3")).rejects.toMatchObject({ name: "ResourceNotFoundException" });

    // The idempotent retry of a loop already counted is not refused.
    await expect(startLoop(runtime, "q-2", flowDefinitionArn)).resolves.toMatchObject({
      HumanLoopArn: expect.stringContaining("human-loop/q-2"),
    });

    a2i.workforce.submit("q-1", { ok: true }); // Completed: no longer InProgress
    await expect(startLoop(runtime, "q-3", flowDefinitionArn)).resolves.toMatchObject({
      HumanLoopArn: expect.stringContaining("human-loop/q-3"),
    });
    await expect(startLoop(runtime, "q-4", flowDefinitionArn)).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "q-2" }));
    await expect(startLoop(runtime, "q-4", flowDefinitionArn)).resolves.toBeDefined();
  });

  it("a Failed loop (public workforce without the PII declaration) does not count", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "mturk", workteamArn: "public" });
    await startLoop(runtime, "f-1", flowDefinitionArn);
    await startLoop(runtime, "f-2", flowDefinitionArn);
    await startLoop(runtime, "f-3", flowDefinitionArn);
    expect(await statusOf(runtime, "f-3")).toBe("Failed");
  });
});
