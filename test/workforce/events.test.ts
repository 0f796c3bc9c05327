/**
 * "SageMaker A2I HumanLoop Status Change" events (spec §6, DG:a2i-cloudwatch-events): only on Completed,
 * Failed and Stopped; EventBridge envelope; camelCase detail; delivered in order, exactly once, as the
 * clock passes each transition.
 */
import { DeleteFlowDefinitionCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { HumanLoopStatusChangeEvent } from "../../src/index.js";
import {
  ACCOUNT,
  T0,
  clients,
  describeLoop,
  flowDefinitionArnOf,
  installFake,
  loopArn,
  s3Location,
  startLoop,
  stopLoop,
  useJestFakeTimers,
} from "./support.js";

const summary = (events: readonly HumanLoopStatusChangeEvent[]) =>
  events.map((e) => [e.detail.humanLoopName, e.detail.humanLoopStatus]);

describe("status-change events", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const { runtime, s3 } = clients();
  const unsubscribes: Array<() => void> = [];
  /** A listener removed after the test, so none outlives it (listeners survive reset()). */
  const listen = (listener: (e: HumanLoopStatusChangeEvent) => void | Promise<void>): (() => void) => {
    const off = a2i.onEvent(listener);
    unsubscribes.push(off);
    return off;
  };
  afterEach(() => {
    unsubscribes.splice(0).forEach((off) => off());
  });

  it("emits the documented EventBridge event when a loop completes", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "flowdef-nov-12", outputPath: "s3://customer-output-bucket" });
    await startLoop(runtime, "humanloop-nov-14-1", flowDefinitionArn);
    expect(a2i.events).toEqual([]);
    jest.advanceTimersByTime(11 * 60 * 1000 + 48_500);
    a2i.workforce.submit("humanloop-nov-14-1", { ok: true });

    const uri = (await describeLoop(runtime, "humanloop-nov-14-1")).HumanLoopOutput!.OutputS3Uri!;
    expect(a2i.events).toEqual([
      {
        version: "0",
        id: expect.any(String),
        "detail-type": "SageMaker A2I HumanLoop Status Change",
        source: "aws.sagemaker",
        account: ACCOUNT,
        time: new Date(T0 + 11 * 60 * 1000 + 48_500).toISOString().replace(/\.\d{3}Z$/, "Z"),
        region: "us-east-1",
        resources: [loopArn("humanloop-nov-14-1")],
        detail: {
          creationTime: new Date(T0).toISOString(),
          failureCode: null,
          failureReason: null,
          flowDefinitionArn: flowDefinitionArnOf("flowdef-nov-12"),
          humanLoopArn: loopArn("humanloop-nov-14-1"),
          humanLoopName: "humanloop-nov-14-1",
          humanLoopOutput: { outputS3Uri: uri },
          humanLoopStatus: "Completed",
        },
      },
    ]);
    const [event] = a2i.events;
    expect(event!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(event!.detail.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(uri).toMatch(/^s3:\/\/customer-output-bucket\/flowdef-nov-12\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/humanloop-nov-14-1\/output\.json$/);
  });

  it("emits nothing for InProgress or Stopping; Stopped without answers has no humanLoopOutput", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    const claim = a2i.workforce.accept("loop-1", { workerId: "w" });
    await stopLoop(runtime, "loop-1");
    expect((await describeLoop(runtime, "loop-1")).HumanLoopStatus).toBe("Stopping");
    expect(a2i.events).toEqual([]);

    claim.abandon();
    expect(summary(a2i.events)).toEqual([["loop-1", "Stopped"]]);
    const { detail } = a2i.events[0]!;
    expect(detail.failureCode).toBeNull();
    expect(detail.failureReason).toBeNull();
    expect(detail).not.toHaveProperty("humanLoopOutput");
  });

  it("a Stopped loop whose partial answers were written carries humanLoopOutput", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    a2i.workforce.submit("loop-1", { part: 1 }, { workerId: "w1" });
    await stopLoop(runtime, "loop-1");

    const uri = (await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!;
    expect(a2i.events.map((e) => e.detail)).toEqual([
      expect.objectContaining({ humanLoopStatus: "Stopped", humanLoopOutput: { outputS3Uri: uri }, failureCode: null }),
    ]);
  });

  it("a Failed loop carries failureCode and failureReason, and no humanLoopOutput", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 120 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(120_000);

    const described = await describeLoop(runtime, "loop-1");
    expect(a2i.events).toHaveLength(1);
    const event = a2i.events[0]!;
    expect(event.time).toBe(new Date(T0 + 120_000).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(event.detail).toEqual({
      creationTime: new Date(T0).toISOString(),
      failureCode: "Expired",
      failureReason: described.FailureReason,
      flowDefinitionArn: flowDefinitionArnOf("fd"),
      humanLoopArn: loopArn("loop-1"),
      humanLoopName: "loop-1",
      humanLoopStatus: "Failed",
    });
  });

  it("a public-workforce loop without the PII declaration fails at once (ValidationError) with an event", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "mturk", workteamArn: "public" });
    await startLoop(runtime, "no-pii", flowDefinitionArn);
    const described = await describeLoop(runtime, "no-pii");
    expect(described.HumanLoopStatus).toBe("Failed");
    expect(described.FailureCode).toBe("ValidationError");
    expect(a2i.events.map((e) => [e.detail.humanLoopStatus, e.detail.failureCode])).toEqual([["Failed", "ValidationError"]]);
  });

  it("records events in order across loops, exactly once each", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 300 });
    await startLoop(runtime, "expires", flowDefinitionArn);
    await startLoop(runtime, "completes", flowDefinitionArn);
    await startLoop(runtime, "stops", flowDefinitionArn);
    await startLoop(runtime, "idle-in-progress", flowDefinitionArn);
    jest.advanceTimersByTime(1_000);
    a2i.workforce.submit("completes", { ok: true });
    jest.advanceTimersByTime(1_000);
    await stopLoop(runtime, "stops");
    a2i.workforce.accept("idle-in-progress", { workerId: "holder" });
    jest.advanceTimersByTime(300_000);

    expect(summary(a2i.events)).toEqual([
      ["completes", "Completed"],
      ["stops", "Stopped"],
      ["expires", "Failed"],
    ]);
    expect(new Set(a2i.events.map((e) => e.id)).size).toBe(3);
    // Reading again neither repeats nor loses anything.
    expect(summary(a2i.events)).toHaveLength(3);
    a2i.reset();
    expect(a2i.events).toEqual([]);
  });

  it("deleting a flow definition stops its unstarted loops: one Stopped event each", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    await startLoop(runtime, "loop-2", flowDefinitionArn);
    await new SageMakerClient({}).send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
    expect(summary(a2i.events).sort()).toEqual([
      ["loop-1", "Stopped"],
      ["loop-2", "Stopped"],
    ]);
  });

  it("uses the account and Region of the loop", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", region: "eu-west-1" });
    const euRuntime = new SageMakerA2IRuntimeClient({ region: "eu-west-1" });
    await euRuntime.send(
      new StartHumanLoopCommand({
        HumanLoopName: "eu-loop",
        FlowDefinitionArn: flowDefinitionArn,
        HumanLoopInput: { InputContent: "{}" },
      }),
    );
    a2i.workforce.submit("eu-loop", { ok: true });
    const [event] = a2i.events;
    expect(event!.region).toBe("eu-west-1");
    expect(event!.account).toBe(ACCOUNT);
    expect(event!.resources).toEqual([`arn:aws:sagemaker:eu-west-1:${ACCOUNT}:human-loop/eu-loop`]);
    expect(event!.detail.flowDefinitionArn).toBe(`arn:aws:sagemaker:eu-west-1:${ACCOUNT}:flow-definition/fd`);
  });

  describe("onEvent", () => {
    it("calls the listener as the clock passes each transition within one advance", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 10 });
      const auto = a2i.seedFlowDefinition({ name: "auto", taskAvailabilityLifetimeSeconds: 600 });
      a2i.workforce.autoRespond({ flowDefinition: "auto", answer: { ok: true }, workMs: 3_000 });
      await startLoop(runtime, "answered", auto.flowDefinitionArn);
      await startLoop(runtime, "expires", flowDefinitionArn);
      const calls: Array<[string, string, number]> = [];
      listen((e) => {
        calls.push([e.detail.humanLoopName, e.detail.humanLoopStatus, Date.now() - T0]);
      });

      jest.advanceTimersByTime(60_000);
      expect(calls).toEqual([
        ["answered", "Completed", 3_000],
        ["expires", "Failed", 10_000],
      ]);
    });

    it("calls the listener after an API call or worker action that caused a transition, exactly once", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      await startLoop(runtime, "loop-2", flowDefinitionArn);
      const seen: string[] = [];
      listen((e) => {
        seen.push(`${e.detail.humanLoopName}:${e.detail.humanLoopStatus}`);
      });
      a2i.workforce.submit("loop-1", { ok: true });
      expect(seen).toEqual(["loop-1:Completed"]);
      await stopLoop(runtime, "loop-2");
      expect(seen).toEqual(["loop-1:Completed", "loop-2:Stopped"]);
      jest.advanceTimersByTime(30 * 24 * 60 * 60 * 1000);
      expect(seen).toHaveLength(2);
    });

    it("stops calling a listener once unsubscribed; a2i.events still records", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 1_000 });
      const seen: string[] = [];
      const off = listen((e) => {
        seen.push(e.detail.humanLoopName);
      });
      await startLoop(runtime, "first", flowDefinitionArn);
      jest.advanceTimersByTime(1_000);
      off();
      await startLoop(runtime, "second", flowDefinitionArn);
      jest.advanceTimersByTime(1_000);

      expect(seen).toEqual(["first"]);
      expect(summary(a2i.events)).toEqual([
        ["first", "Completed"],
        ["second", "Completed"],
      ]);
    });

    it("runs a Lambda-style handler that calls DescribeHumanLoop and GetObject from inside the listener", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2 });
      a2i.workforce.autoRespond({ answer: (input) => ({ echo: input }), workMs: 2_000 });

      // What the app deploys behind an EventBridge rule on source aws.sagemaker.
      const results: Array<{ name: string; status: string | undefined; answers: unknown[] }> = [];
      const handler = async (event: HumanLoopStatusChangeEvent): Promise<void> => {
        if (event.detail.humanLoopStatus !== "Completed") return;
        const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: event.detail.humanLoopName }));
        const object = await s3.send(new GetObjectCommand(s3Location(event.detail.humanLoopOutput!.outputS3Uri)));
        const doc = JSON.parse(await object.Body!.transformToString()) as { humanAnswers: Array<{ answerContent: unknown }> };
        results.push({ name: loop.HumanLoopName!, status: loop.HumanLoopStatus, answers: doc.humanAnswers.map((a) => a.answerContent) });
      };
      const running: Array<Promise<void>> = [];
      listen((event) => {
        running.push(handler(event));
      });

      await startLoop(runtime, "loop-1", flowDefinitionArn, { id: 1 });
      await startLoop(runtime, "loop-2", flowDefinitionArn, { id: 2 });
      jest.advanceTimersByTime(2_000);
      expect(running).toHaveLength(2);
      await Promise.all(running);

      expect(results.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
        { name: "loop-1", status: "Completed", answers: [{ echo: { id: 1 } }, { echo: { id: 1 } }] },
        { name: "loop-2", status: "Completed", answers: [{ echo: { id: 2 } }, { echo: { id: 2 } }] },
      ]);
    });

    it("a listener may start the next loop through the SDK", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 1_000 });
      const pending: Array<Promise<unknown>> = [];
      listen((e) => {
        if (e.detail.humanLoopName === "step-1") pending.push(startLoop(runtime, "step-2", flowDefinitionArn));
      });
      await startLoop(runtime, "step-1", flowDefinitionArn);
      jest.advanceTimersByTime(1_000);
      await Promise.all(pending);
      jest.advanceTimersByTime(1_000);

      expect(summary(a2i.events)).toEqual([
        ["step-1", "Completed"],
        ["step-2", "Completed"],
      ]);
    });
  });
});
