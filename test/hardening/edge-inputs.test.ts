/**
 * Issue 10, items 3, 4 and 5: numbers out of range are refused where they are given, deep JSON is refused up
 * front (never half-stored), and names that are JavaScript object members are unknown names like any other.
 * In-process through the real SDK clients, and over HTTP against one server.
 */
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { ListFlowDefinitionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake } from "../../src/index.js";
import { connect } from "node:net";
import { control, raw, serveForDescribe } from "../server/harness.js";

const START = Date.parse("2026-07-08T09:10:11.000Z");
const deep = (levels: number): unknown => {
  let v: unknown = { leaf: true };
  for (let i = 0; i < levels; i++) v = { d: v };
  return v;
};
const deepText = (levels: number) => `${'{"d":'.repeat(levels)}1${"}".repeat(levels)}`;

describe("in-process", () => {
  const clock = createClock(START);
  const a2i = new A2IFake({ clock });
  const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  const sm = new SageMakerClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
  beforeAll(() => {
    a2i.attach(runtime);
    a2i.attach(sm);
  });
  afterEach(() => a2i.reset());

  it.each([
    ["faults.inject latencyMs 1e16", () => a2i.faults.inject({ latencyMs: 1e16 }), /faults.inject: latencyMs must be a number from 0 to 315360000000 ms; got 10000000000000000\./],
    ["faults.inject latencyMs NaN", () => a2i.faults.inject({ latencyMs: NaN }), /latencyMs must be a number/],
    ["faults.events maxDelayMs -1", () => a2i.faults.events({ maxDelayMs: -1 }), /faults.events: maxDelayMs must be a number from 0/],
    ["faults.events duplicateRate 2", () => a2i.faults.events({ duplicateRate: 2 }), /duplicateRate must be a number from 0 to 1; got 2/],
    ["autoRespond workMs Infinity", () => a2i.workforce.autoRespond({ workMs: Infinity }), /workforce.autoRespond: workMs must be a number from 0 to 315360000000 ms/],
    ["autoRespond acceptAfterMs -5", () => a2i.workforce.autoRespond({ acceptAfterMs: -5 }), /acceptAfterMs must be a number/],
    ["autoRespond workers 1.5", () => a2i.workforce.autoRespond({ workers: 1.5 }), /workers must be a whole number/],
    ["timing.flowDefinitionActivationMs 1e300", () => new A2IFake({ timing: { flowDefinitionActivationMs: 1e300 } }), /options.timing: flowDefinitionActivationMs must be/],
    ["timing.defaultTaskTimeLimitSeconds 0", () => new A2IFake({ timing: { defaultTaskTimeLimitSeconds: 0 } }), /defaultTaskTimeLimitSeconds must be a whole number from 1/],
    ["quotas.maxWorkteams -1", () => new A2IFake({ quotas: { maxWorkteams: -1 } }), /options.quotas: maxWorkteams must be a whole number/],
    ["seed 2^40", () => new A2IFake({ seed: 2 ** 40 }), /seed must be a whole number from 0 to 4294967295/],
  ])("%s throws a clear error at the call", (_what, call, message) => {
    expect(call).toThrow(message);
    expect(call).toThrow(/^\[a2i-fake\] /);
    expect(a2i.pendingTimers()).toBe(0);
  });

  it("a clock set past the Date range is a clear error at the next call, and the fake works again once it is back", async () => {
    clock.setSystemTime(1e16);
    await expect(sm.send(new ListFlowDefinitionsCommand({}))).rejects.toThrow(/^\[a2i-fake\] The clock reads 10000000000000000 ms/);
    clock.setSystemTime(START);
    await expect(sm.send(new ListFlowDefinitionsCommand({}))).resolves.toMatchObject({ FlowDefinitionSummaries: [] });
  });

  it("InputContent nested 5,000 levels: ValidationException, no loop created", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "deep" });
    const err = await runtime
      .send(new StartHumanLoopCommand({ HumanLoopName: "deep-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: deepText(5000) } }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as Error).message).toMatch(/nests deeper than 1000 levels/);
    expect(a2i.humanLoops()).toEqual([]);
    // 1000 levels is accepted and written to output.json.
    await runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: "deep-2", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: deepText(999) } }),
    );
    a2i.workforce.submit("deep-2", deep(990));
    expect((await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "deep-2" }))).HumanLoopStatus).toBe("Completed");
  });

  it("a worker answer nested 5,000 levels is refused at submit(); the loop is not left half-done", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "deep-answer" });
    await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "ans-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    expect(() => a2i.workforce.submit("ans-1", deep(5000))).toThrow(/^\[a2i-fake\] workforce.submit\('ans-1'\): the answer cannot be stored: .*Nothing was changed/);
    const claim = a2i.workforce.accept("ans-1", { workerId: "w-1" });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => claim.submit(cyclic)).toThrow(/cannot be written as JSON[\s\S]*the worker still holds the task/);
    claim.submit({ ok: true });
    expect((await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "ans-1" }))).HumanLoopStatus).toBe("Completed");
    expect(a2i.outputs()[0]!.document.humanAnswers.map((a) => a.workerId)).toEqual(["w-1"]);
  });
});

describe("over HTTP", () => {
  const h = serveForDescribe();
  const json11 = (op: string) => ({ "content-type": "application/x-amz-json-1.1", "x-amz-target": `SageMaker.${op}` });

  it('POST /_a2i/clock/advance {"ms": 1e16} is a 400 naming the limit, and the server keeps working', async () => {
    const res = await control(h.server.url, "POST", "/clock/advance", { ms: 1e16 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^\[a2i-fake\] clock\/advance \{"ms"\}: ms must be a number from 0 to 315360000000 ms; got 10000000000000000\./);
    for (const ms of [-1, "5", null, 1.5e15]) {
      expect((await control(h.server.url, "POST", "/clock/advance", { ms })).status).toBe(400);
    }
    const seeded = await control(h.server.url, "POST", "/seed/flow-definition", { name: "after-advance" });
    expect(seeded.status).toBe(200);
    await expect(h.clients.sm.send(new ListFlowDefinitionsCommand({}))).resolves.toMatchObject({ FlowDefinitionSummaries: [expect.anything()] });
    expect(() => h.server.advanceClock(1e16)).toThrow(/server.advanceClock: ms must be a number from 0 to 315360000000 ms/);
  });

  it.each([
    ["faults latencyMs", "/faults", { latencyMs: 1e20 }, /latencyMs must be a number from 0 to/],
    ["faults rate", "/faults", { rate: 7 }, /rate must be between 0 and 1/],
    ["auto-respond workMs", "/workers/auto-respond", { workMs: 1e300 }, /workMs must be a number from 0 to/],
  ])("control %s out of range: 400 naming the limit", async (_what, path, body, message) => {
    const res = await control(h.server.url, "POST", path, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it("deep JSON bodies: SerializationException from the services, 400 from the control endpoints", async () => {
    const sm = await raw(h.server.url, "POST", "/", json11("ListFlowDefinitions"), `{"x":${deepText(5000)}}`);
    expect(sm.status).toBe(400);
    expect(sm.json()).toMatchObject({ __type: "SerializationException", Message: expect.stringMatching(/deeper than 1000 levels/) });
    const res = await raw(h.server.url, "POST", "/_a2i/workers/auto-respond", { "content-type": "application/json" }, `{"answer":${deepText(5000)}}`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: expect.stringMatching(/deeper than 1000 levels/) });
    expect((await control(h.server.url, "GET", "/calls")).status).toBe(200);
    expect((await control(h.server.url, "GET", "/human-loops")).status).toBe(200);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])(
    "X-Amz-Target: SageMaker.%s is UnknownOperationException, and the server keeps answering",
    async (name) => {
      const res = await raw(h.server.url, "POST", "/", json11(name), "{}");
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ __type: "UnknownOperationException" });
      expect((await control(h.server.url, "GET", "/calls")).status).toBe(200);
      // An access key, a query parameter, a control path and a fault error named after Object members.
      const signed = await raw(h.server.url, "POST", `/?${name}=1&${name}=2`, {
        ...json11("ListFlowDefinitions"),
        authorization: `AWS4-HMAC-SHA256 Credential=${name}/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=x`,
      }, "{}");
      expect(signed.status).toBe(200);
      expect((await control(h.server.url, "GET", `/${name}`)).status).toBe(404);
      const fault = await control(h.server.url, "POST", "/faults", { operation: "ListFlowDefinitions", error: name });
      if (fault.status === 200) {
        const faulted = await raw(h.server.url, "POST", "/", json11("ListFlowDefinitions"), "{}");
        expect(faulted.status).toBeLessThan(500);
      } else {
        expect(fault.status).toBe(400);
      }
      await control(h.server.url, "POST", "/reset");
    },
  );
});

describe("bounded memory and held answers over HTTP (items 2, 6, 8)", () => {
  const h = serveForDescribe({ maxBodyBytesInFlight: 3 * 1024 * 1024 });
  const listFlowDefinitions = (akid = "AKIDEXAMPLE") =>
    `POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: SageMaker.ListFlowDefinitions\r\nContent-Type: application/x-amz-json-1.1\r\n` +
    `Authorization: AWS4-HMAC-SHA256 Credential=${akid}/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: 2\r\n\r\n{}`;
  const exchange = (bytes: string, until: () => Promise<unknown>) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(h.server.port, "127.0.0.1", () => {
        socket.end(bytes); // the client half-closes at once
        void until().catch(reject);
      });
      let got = "";
      socket.on("data", (d: Buffer) => (got += d.toString("utf8")));
      socket.on("close", () => resolve(got));
      socket.on("error", reject);
    });

  it("a client that half-closes while a latencyMs fault holds its answer still gets the answer", async () => {
    await control(h.server.url, "POST", "/faults", { operation: "ListFlowDefinitions", latencyMs: 5000 });
    const text = await exchange(listFlowDefinitions(), async () => {
      while (h.server.fake.pendingTimers() === 0) await new Promise((r) => setImmediate(r));
      await control(h.server.url, "POST", "/clock/advance", { ms: 5000 });
    });
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(text).toContain('{"FlowDefinitionSummaries":[]}');
  });

  it("POST /_a2i/reset answers a held request 409 A2IFakeCallDropped", async () => {
    await control(h.server.url, "POST", "/faults", { operation: "ListFlowDefinitions", latencyMs: 60_000 });
    const text = await exchange(listFlowDefinitions(), async () => {
      while (h.server.fake.pendingTimers() === 0) await new Promise((r) => setImmediate(r));
      expect((await control(h.server.url, "POST", "/reset")).status).toBe(200);
    });
    expect(text).toMatch(/^HTTP\/1\.1 409 /);
    expect(text).toMatch(/"__type":"A2IFakeCallDropped","Message":"\[a2i-fake\] The ListFlowDefinitions call held by a latencyMs fault was dropped/);
  });

  it("reads from 200 access keys of accounts that never wrote leave no per-account state behind", async () => {
    const before = (h.server.fake as unknown as { backend: { allRegions(): unknown[] } }).backend.allRegions().length;
    for (let i = 0; i < 200; i++) {
      const res = await raw(h.server.url, "POST", "/", {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "SageMaker.ListFlowDefinitions",
        authorization: `AWS4-HMAC-SHA256 Credential=${String(100000000000 + i)}/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0`,
      }, "{}");
      expect(res.status).toBe(200);
    }
    // White-box on purpose: what this checks is memory, which no API shows.
    expect((h.server.fake as unknown as { backend: { allRegions(): unknown[] } }).backend.allRegions().length).toBe(before);
  });

  it("concurrent large bodies over the in-flight budget wait their turn and are all answered", async () => {
    const big = JSON.stringify({ HumanLoopName: "big", FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/none", HumanLoopInput: { InputContent: "x".repeat(2 * 1024 * 1024) } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => raw(h.server.url, "POST", "/human-loops", { "content-type": "application/json" }, big)));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(new Set(answers.map((a) => a.headers["x-amzn-errortype"]))).toEqual(new Set(["ValidationException"]));
  });
});

describe("call history limits (item 6)", () => {
  it("callHistoryLimit keeps the newest calls; a refused call's long strings are not kept", async () => {
    const a2i = new A2IFake({ callHistoryLimit: 3 });
    const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    const detach = a2i.attach(runtime);
    try {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "history" });
      for (let i = 0; i < 4; i++) {
        await runtime.send(new StartHumanLoopCommand({ HumanLoopName: `h-${i}`, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
      }
      const tooLong = JSON.stringify({ text: "y".repeat(3 * 1024 * 1024 + 10) });
      await expect(
        runtime.send(new StartHumanLoopCommand({ HumanLoopName: "h-big", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: tooLong } })),
      ).rejects.toBeInstanceOf(ValidationException);
      const calls = a2i.calls("StartHumanLoop");
      expect(calls.map((c) => c.input.HumanLoopName)).toEqual(["h-2", "h-3", "h-big"]);
      const refused = calls[2]!;
      expect(refused.ok).toBe(false);
      expect(refused.input.HumanLoopInput!.InputContent).toMatch(/^\{"text":"y+\.\.\. \[a2i-fake: 3145749 characters, not kept: the request was refused\]$/);
      expect(() => new A2IFake({ callHistoryLimit: -1 })).toThrow(/callHistoryLimit must be a whole number from 0/);
    } finally {
      detach();
    }
  });
});
