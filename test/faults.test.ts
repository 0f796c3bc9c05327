/** Fault injection through the real SDK clients: the SDK's own retry strategy runs against injected errors. */
import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  SageMakerClient,
  SageMakerServiceException,
} from "@aws-sdk/client-sagemaker";
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  InternalServerException,
  SageMakerA2IRuntimeClient,
  ServiceQuotaExceededException,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
  ThrottlingException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { A2IFake, type HumanLoopStatusChangeEvent } from "../src/index.js";

const a2i = new A2IFake();
const runtime = new SageMakerA2IRuntimeClient({});
const sm = new SageMakerClient({});

beforeAll(() => a2i.install());
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  a2i.reset();
  jest.useRealTimers();
});
afterAll(() => a2i.uninstall());

const start = (name: string, arn: string, client = runtime) =>
  client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: arn, HumanLoopInput: { InputContent: "{}" } }));

test("a throttled StartHumanLoop is retried by the SDK and succeeds; the loop is created once", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  const fault = a2i.faults.failNext("StartHumanLoop", "ThrottlingException", 2);

  const pending = start("loop-1", flowDefinitionArn);
  await jest.advanceTimersByTimeAsync(60_000); // the SDK's retry back-off runs on the fake clock
  const out = await pending;

  expect(out.$metadata.attempts).toBe(3);
  expect(fault.hits).toBe(2);
  expect(a2i.calls("StartHumanLoop").map((c) => (c.ok ? "ok" : `${c.error.name} ${c.error.httpStatusCode}`))).toEqual([
    "ThrottlingException 429",
    "ThrottlingException 429",
    "ok",
  ]);
  expect(a2i.humanLoops().map((l) => l.humanLoopName)).toEqual(["loop-1"]);
  expect(a2i.startedHumanLoopCount()).toBe(1);
});

test("a throttled call that runs out of attempts surfaces the SDK's ThrottlingException", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  a2i.faults.failNext("StartHumanLoop", "ThrottlingException", 3);

  const pending = start("loop-1", flowDefinitionArn).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(60_000);
  const err = await pending;

  expect(err).toBeInstanceOf(ThrottlingException);
  expect(err).toMatchObject({ $metadata: { httpStatusCode: 429, attempts: 3 } });
  expect(a2i.humanLoops()).toEqual([]); // a failed call changed nothing
});

test("an injected error changes nothing: DeleteHumanLoop failing with InternalServerException leaves the loop", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  await start("loop-1", flowDefinitionArn);
  await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-1" }));
  const once = new SageMakerA2IRuntimeClient({ maxAttempts: 1 });
  a2i.faults.failNext("DeleteHumanLoop", "InternalServerException");

  const err = await once.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-1" })).catch((e: unknown) => e);

  expect(err).toBeInstanceOf(InternalServerException);
  expect(err).toMatchObject({ $fault: "server", $metadata: { httpStatusCode: 500 } });
  expect(a2i.humanLoop("loop-1")?.humanLoopStatus).toBe("Stopped");
  // The rule was spent: the next call goes through.
  await once.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-1" }));
  expect(a2i.humanLoop("loop-1")).toBeUndefined();
});

test("modeled errors of each service keep their SDK classes and statuses", async () => {
  a2i.seedFlowDefinition({ name: "fd" });
  const smOnce = new SageMakerClient({ maxAttempts: 1 });
  const rtOnce = new SageMakerA2IRuntimeClient({ maxAttempts: 1 });

  a2i.faults.failNext("DescribeFlowDefinition", "ResourceLimitExceeded");
  await expect(smOnce.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
    ResourceLimitExceeded,
  );

  a2i.faults.failNext("DescribeFlowDefinition", "InternalFailure");
  const internal = await smOnce.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" })).catch((e: unknown) => e);
  expect(internal).toBeInstanceOf(SageMakerServiceException);
  expect(internal).toMatchObject({ name: "InternalFailure", $fault: "server", $metadata: { httpStatusCode: 500 } });

  a2i.faults.failNext("StartHumanLoop", "ServiceQuotaExceededException");
  const quota = await start("x", a2i.flowDefinitions()[0]!.flowDefinitionArn, rtOnce).catch((e: unknown) => e);
  expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
  expect(quota).toMatchObject({ $metadata: { httpStatusCode: 402 } });
});

test("SageMaker throttling is retried too", async () => {
  a2i.seedFlowDefinition({ name: "fd" });
  a2i.faults.inject({ operation: "DescribeFlowDefinition", error: "ThrottlingException", times: 1 });
  const pending = sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
  await jest.advanceTimersByTimeAsync(60_000);
  await expect(pending).resolves.toMatchObject({ FlowDefinitionStatus: "Active", $metadata: { attempts: 2 } });
});

test("rates are deterministic for a seed", async () => {
  async function pattern(seed: number): Promise<string> {
    const fake = new A2IFake({ seed });
    const client = new SageMakerA2IRuntimeClient({ maxAttempts: 1 });
    const detach = fake.attach(client);
    try {
      fake.faults.inject({ operation: "DescribeHumanLoop", error: "InternalServerException", rate: 0.5 });
      let out = "";
      for (let i = 0; i < 24; i++) {
        const r = await client.send(new DescribeHumanLoopCommand({ HumanLoopName: "none" })).catch((e: { name: string }) => e);
        out += (r as { name: string }).name === "InternalServerException" ? "x" : ".";
      }
      return out;
    } finally {
      detach();
    }
  }
  const first = await pattern(7);
  expect(await pattern(7)).toBe(first);
  expect(first).toMatch(/x/);
  expect(first).toMatch(/\./);
  expect(await pattern(8)).not.toBe(first);
});

test("latency: the answer comes after the given time on the fake clock, computed then", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  await start("loop-1", flowDefinitionArn);
  a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 3000 });
  a2i.faults.inject({ operation: "DescribeHumanLoop", latencyMs: 5000 });

  let settled = false;
  const pending = runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-1" })).finally(() => {
    settled = true;
  });
  await jest.advanceTimersByTimeAsync(4999);
  expect(settled).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  await expect(pending).resolves.toMatchObject({ HumanLoopStatus: "Completed" });
});

test("events: duplicates and late, reordered delivery to listeners; a2i.events keeps one of each, in order", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  const delivered: Array<{ name: string; at: number }> = [];
  const off = a2i.onEvent((e: HumanLoopStatusChangeEvent) => {
    delivered.push({ name: e.detail.humanLoopName, at: Date.now() });
  });
  try {
    a2i.faults.events({ duplicateRate: 1 });
    await start("loop-1", flowDefinitionArn);
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-1" }));
    expect(delivered.map((d) => d.name)).toEqual(["loop-1", "loop-1"]);
    expect(a2i.events.map((e) => e.detail.humanLoopName)).toEqual(["loop-1"]);

    delivered.length = 0;
    a2i.faults.events({ maxDelayMs: 10_000 });
    const t0 = Date.now();
    for (const name of ["a", "b", "c", "d", "e", "f"]) {
      await start(name, flowDefinitionArn);
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }));
    }
    jest.advanceTimersByTime(10_000);
    expect(delivered.map((d) => d.name).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(delivered.every((d) => d.at >= t0 && d.at <= t0 + 10_000)).toBe(true);
    expect(delivered.map((d) => d.name)).not.toEqual(["a", "b", "c", "d", "e", "f"]); // seed 1 reorders these
    expect(a2i.events.slice(1).map((e) => e.detail.humanLoopName)).toEqual(["a", "b", "c", "d", "e", "f"]);
  } finally {
    off();
  }
});

test("bad fault rules are refused with a clear message", () => {
  expect(() => a2i.faults.inject({ rate: 2 })).toThrow(/\[a2i-fake\] faults.inject: rate must be between 0 and 1/);
  expect(() => a2i.faults.inject({ times: 0 })).toThrow(/times must be a positive integer/);
});

test("a flow definition whose activation fails is Failed with its reason; it can neither be deleted nor start loops", async () => {
  const { workteamArn, humanTaskUiArn } = a2i.seedFlowDefinition({ name: "seed" });
  a2i.faults.failFlowDefinitionActivation({ flowDefinitionName: "broken", failureReason: "The role cannot be assumed." });
  const create = (name: string) =>
    sm.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: name,
        RoleArn: "arn:aws:iam::123456789012:role/a2i",
        OutputConfig: { S3OutputPath: "s3://bucket/out" },
        HumanLoopConfig: { WorkteamArn: workteamArn, HumanTaskUiArn: humanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
      }),
    );
  const { FlowDefinitionArn } = await create("broken");
  await create("fine");
  jest.advanceTimersByTime(2000);

  await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "broken" }))).resolves.toMatchObject({
    FlowDefinitionStatus: "Failed",
    FailureReason: "The role cannot be assumed.",
  });
  await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fine" }))).resolves.toMatchObject({
    FlowDefinitionStatus: "Active",
  });
  const listed = await sm.send(new ListFlowDefinitionsCommand({}));
  expect(listed.FlowDefinitionSummaries?.find((s) => s.FlowDefinitionName === "broken")).toMatchObject({
    FlowDefinitionStatus: "Failed",
    FailureReason: "The role cannot be assumed.",
  });
  await expect(sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "broken" }))).rejects.toBeInstanceOf(ResourceInUse);
  await expect(start("loop", FlowDefinitionArn!)).rejects.toMatchObject({
    name: "ValidationException",
    $metadata: { httpStatusCode: 400 },
  });
});

describe("every operation the fake serves can be faulted; unknown names are refused (issue 9)", () => {
  const s3 = new S3Client({});
  /** Settle a call whose SDK retries wait on the fake clock. */
  const settled = async <T>(p: Promise<T>): Promise<T> => {
    const outcome = p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await jest.advanceTimersByTimeAsync(60_000);
    const o = await outcome;
    if ("error" in o) throw o.error;
    return o.value;
  };

  test("S3 reads and writes answer S3's own errors", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://out/a2i" });
    await start("l1", flowDefinitionArn);
    a2i.workforce.submit("l1", { ok: true });
    const uri = a2i.outputs()[0]!;
    a2i.faults.failNext("GetObject", "InternalError", 3); // the SDK's standard retries: 3 attempts
    const err = await settled(s3.send(new GetObjectCommand({ Bucket: uri.bucket, Key: uri.key }))).catch((e: S3ServiceException) => e);
    expect(err).toBeInstanceOf(S3ServiceException);
    expect(err).toMatchObject({ name: "InternalError", $metadata: { httpStatusCode: 500, attempts: 3 } });
    a2i.faults.failNext("HeadObject", "AccessDenied");
    await expect(s3.send(new HeadObjectCommand({ Bucket: uri.bucket, Key: uri.key }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    a2i.faults.failNext("PutObject", "AccessDenied");
    await expect(s3.send(new PutObjectCommand({ Bucket: "out", Key: "mine.json", Body: "{}" }))).rejects.toMatchObject({ name: "AccessDenied" });
    a2i.faults.failNext("ListObjectsV2"); // default for S3: SlowDown, retried by the SDK
    expect((await settled(s3.send(new ListObjectsV2Command({ Bucket: "out" })))).$metadata.attempts).toBe(2);
    expect(a2i.calls("GetObject").map((c) => (c.ok ? "ok" : `${c.error.name} ${c.error.httpStatusCode}`))).toEqual([
      "InternalError 500",
      "InternalError 500",
      "InternalError 500",
    ]);
    // "*" rules stay on SageMaker and the A2I runtime: S3 reads are faulted only when named.
    a2i.faults.inject({ operation: "*", error: "InternalServerException", times: 5 });
    const ok = await s3.send(new GetObjectCommand({ Bucket: uri.bucket, Key: uri.key }));
    expect(JSON.parse(await ok.Body!.transformToString()).humanLoopName).toBe("l1");
  });

  test("an AccessDeniedException fault", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    a2i.faults.failNext("StartHumanLoop", "AccessDeniedException");
    const err = await start("l1", flowDefinitionArn).catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
    expect(err).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
    a2i.faults.failNext("DescribeFlowDefinition", "AccessDeniedException");
    await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toMatchObject({ name: "AccessDeniedException" });
    expect(a2i.humanLoops()).toEqual([]);
  });

  test("misspelt operations, unknown errors and unknown rule keys are refused, naming the valid ones", () => {
    expect(() => a2i.faults.failNext("StartHumanloop" as never, "InternalServerException")).toThrow(
      /^\[a2i-fake\] faults\.inject: 'StartHumanloop' is not an operation the fake serves \(did you mean 'StartHumanLoop'\?\)\. Valid: "\*" .*CreateFlowDefinition.*StartHumanLoop.*GetObject/,
    );
    // Within two edits (a swap of neighbours counts as one), case ignored; nothing suggested further away.
    expect(() => a2i.faults.failNext("AnalyzeDocumnet" as never)).toThrow(/'AnalyzeDocumnet' is not an operation the fake serves \(did you mean 'AnalyzeDocument'\?\)/);
    expect(() => a2i.faults.failNext("describehumanlop" as never)).toThrow(/\(did you mean 'DescribeHumanLoop'\?\)/);
    expect(() => a2i.faults.failNext("DescribeLoop" as never)).toThrow(/^\[a2i-fake\] faults\.inject: 'DescribeLoop' is not an operation the fake serves\. Valid:/);
    expect(() => a2i.faults.failNext("StartHumanLoop", "Boom" as never)).toThrow(
      /^\[a2i-fake\] faults\.inject: 'Boom' is not an error StartHumanLoop can be faulted with\. Valid: ThrottlingException, .*AccessDeniedException/,
    );
    expect(() => a2i.faults.failNext("GetObject", "ThrottlingException")).toThrow(/not an error S3 GetObject can be faulted with\. Valid: .*AccessDenied, InternalError, SlowDown/);
    expect(() => a2i.faults.inject({ operaton: "StartHumanLoop", error: "ThrottlingException" } as never)).toThrow(
      "[a2i-fake] faults.inject: unknown rule key(s) 'operaton'. Valid keys: operation, error, message, latencyMs, times, rate.",
    );
    expect(() => a2i.faults.inject({ operation: "DescribeHumanLoop", latencyMs: -1 })).toThrow(/latencyMs must be/);
  });
});
