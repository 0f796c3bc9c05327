/**
 * reset() and uninstall() leave no timer behind, and the fake follows a switch from real to fake timers
 * made after it scheduled something (decisions.md "Long waits"; style.md principle 4).
 */
import FakeTimers, { createClock } from "@sinonjs/fake-timers";
import {
  CreateFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake, publicWorkforceArn } from "../../src/index.js";

const sageMaker = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});

/** CreateFlowDefinition through the SDK: the flow definition is Initializing and activation is scheduled. */
async function createFlowDefinition(a2i: A2IFake, name: string) {
  const { humanTaskUiArn } = a2i.seedHumanTaskUi({ name: `ui-${name}` });
  await sageMaker.send(
    new CreateFlowDefinitionCommand({
      FlowDefinitionName: name,
      RoleArn: "arn:aws:iam::123456789012:role/a2i",
      OutputConfig: { S3OutputPath: "s3://my-bucket/out" },
      HumanLoopConfig: {
        WorkteamArn: publicWorkforceArn("us-east-1"),
        HumanTaskUiArn: humanTaskUiArn,
        TaskTitle: "t",
        TaskDescription: "d",
        TaskCount: 1,
      },
    }),
  );
}

const status = async (name: string) =>
  (await sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }))).FlowDefinitionStatus;

/** Flow definitions being activated, loops waiting for workers, an auto-responder: plenty of scheduled work. */
async function scheduleWork(a2i: A2IFake) {
  await createFlowDefinition(a2i, "activating-1");
  await createFlowDefinition(a2i, "activating-2");
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "active" });
  for (const name of ["loop-1", "loop-2"]) {
    await runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
  }
  a2i.workforce.autoRespond({ flowDefinition: "active", answer: { ok: true }, acceptAfterMs: 60_000 });
  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: "loop-3", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
  );
}

/** The fake's timer for a 2000 ms activation (a few ms may have passed between scheduling and arming). */
const isActivationTimer = ([, delay]: readonly unknown[]) => typeof delay === "number" && delay > 1000 && delay <= 2000;

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe("no timer left behind", () => {
  it("reset() cancels every scheduled action (real timers)", async () => {
    const a2i = new A2IFake().install();
    try {
      await scheduleWork(a2i);
      expect(a2i.pendingTimers()).toBeGreaterThanOrEqual(5);
      a2i.reset();
      expect(a2i.pendingTimers()).toBe(0);
      expect((await sageMaker.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries).toEqual([]);
      expect(a2i.pendingTimers()).toBe(0);
    } finally {
      a2i.uninstall();
    }
  });

  it("reset() leaves jest.getTimerCount() at 0 under jest fake timers", async () => {
    jest.useFakeTimers();
    const a2i = new A2IFake().install();
    try {
      expect(jest.getTimerCount()).toBe(0);
      await scheduleWork(a2i);
      expect(a2i.pendingTimers()).toBeGreaterThanOrEqual(5);
      expect(jest.getTimerCount()).toBeGreaterThan(0);
      a2i.reset();
      expect(a2i.pendingTimers()).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      a2i.uninstall();
    }
  });

  it("uninstall() leaves jest.getTimerCount() at 0 under jest fake timers", async () => {
    jest.useFakeTimers();
    const a2i = new A2IFake().install();
    await scheduleWork(a2i);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    a2i.uninstall();
    expect(jest.getTimerCount()).toBe(0);
  });

  it("reset() and uninstall() leave an explicit @sinonjs/fake-timers clock empty", async () => {
    const clock = createClock();
    const a2i = new A2IFake({ clock }).install();
    try {
      await createFlowDefinition(a2i, "fd");
      expect(clock.countTimers()).toBe(1);
      clock.tick(2000);
      expect(await status("fd")).toBe("Active");
      await scheduleWork(a2i);
      expect(clock.countTimers()).toBeGreaterThan(0);
      a2i.reset();
      expect(clock.countTimers()).toBe(0);
      await scheduleWork(a2i);
      expect(clock.countTimers()).toBeGreaterThan(0);
    } finally {
      a2i.uninstall();
    }
    expect(clock.countTimers()).toBe(0);
  });
});

describe("switching from real to fake timers after the fake scheduled work", () => {
  it("activates a flow definition created under real timers once fake time has passed 2000 ms", async () => {
    const a2i = new A2IFake().install();
    try {
      await createFlowDefinition(a2i, "created-on-real-time");
      expect(await status("created-on-real-time")).toBe("Initializing");
      jest.useFakeTimers();
      jest.advanceTimersByTime(2000);
      expect(await status("created-on-real-time")).toBe("Active");
    } finally {
      a2i.uninstall();
    }
  });

  it("moves its pending timer to the fake timers at the next call, clearing the real one", async () => {
    const realSetTimeout = jest.spyOn(globalThis, "setTimeout");
    const realClearTimeout = jest.spyOn(globalThis, "clearTimeout");
    const a2i = new A2IFake().install();
    try {
      await createFlowDefinition(a2i, "fd");
      const armedOnRealTimers = realSetTimeout.mock.calls.findIndex(isActivationTimer);
      expect(armedOnRealTimers).toBeGreaterThanOrEqual(0);
      const realHandle = realSetTimeout.mock.results[armedOnRealTimers]!.value as unknown;

      jest.useFakeTimers();
      expect(await status("fd")).toBe("Initializing");
      // Re-armed on the fake timers, and the real timer cleared with the real clearTimeout.
      expect(jest.getTimerCount()).toBe(1);
      expect(realClearTimeout).toHaveBeenCalledWith(realHandle);

      jest.advanceTimersByTime(2000);
      // The fake timer ran the activation by itself, before anything read the state.
      expect(a2i.pendingTimers()).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
      expect(await status("fd")).toBe("Active");
    } finally {
      a2i.uninstall();
    }
  });

  it("does the same under @sinonjs/fake-timers install(), which does not clear native timers by itself", async () => {
    const realSetTimeout = jest.spyOn(globalThis, "setTimeout");
    const realClearTimeout = jest.spyOn(globalThis, "clearTimeout");
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const a2i = new A2IFake().install();
    await createFlowDefinition(a2i, "fd");
    const armed = realSetTimeout.mock.calls.findIndex(isActivationTimer);
    expect(armed).toBeGreaterThanOrEqual(0);
    const realHandle = realSetTimeout.mock.results[armed]!.value as unknown;

    // `now` continues from the real clock: the fake schedules by absolute due time.
    const clock = FakeTimers.install({ now: Date.now(), toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      expect(await status("fd")).toBe("Initializing");
      expect(clock.countTimers()).toBe(1);
      expect(realClearTimeout).toHaveBeenCalledWith(realHandle);
      expect(warn).not.toHaveBeenCalled();
      clock.tick(2000);
      expect(a2i.pendingTimers()).toBe(0);
      expect(await status("fd")).toBe("Active");
    } finally {
      a2i.uninstall();
      clock.uninstall();
    }
  });
});

describe("uninstall() then install() again", () => {
  it("keeps what was due: a loop started before uninstall still expires on time afterwards", async () => {
    const clock = createClock(Date.parse("2026-05-01T00:00:00Z"));
    const a2i = new A2IFake({ clock }).install();
    const runtime = new SageMakerA2IRuntimeClient({});
    try {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
      await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      a2i.uninstall();
      expect(clock.countTimers()).toBe(0);
      a2i.install();
      clock.tick(60_000);
      await expect(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "l1" }))).resolves.toMatchObject({
        HumanLoopStatus: "Failed",
        FailureCode: "Expired",
      });
    } finally {
      a2i.uninstall();
    }
  });
});

describe("every fake-timer mode moves the fake, or fails at once (issue 9)", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });
  afterAll(() => a2i.uninstall());

  /** A loop answered by an auto-responder after 60 s; the events a listener got. */
  async function startAnsweredLater(name: string) {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: `fd-${name}` });
    a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 60_000 });
    await runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
  }
  const loopStatus = async (name: string) => (await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }))).HumanLoopStatus;

  it.each([
    ["jest.useFakeTimers({ doNotFake: ['Date'] })", () => jest.useFakeTimers({ doNotFake: ["Date"] })],
    ["only Date faked (doNotFake every timer)", () => jest.useFakeTimers({ doNotFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "nextTick", "queueMicrotask"] })],
    ["jest.useFakeTimers({ advanceTimers: true })", () => jest.useFakeTimers({ advanceTimers: true })],
  ])("%s: advancing the timers activates, answers and delivers events without a read", async (_mode, enable) => {
    enable();
    const events: string[] = [];
    a2i.onEvent((e) => void events.push(`${e.detail.humanLoopName} ${e.detail.humanLoopStatus}`));
    await createFlowDefinition(a2i, "activating");
    await startAnsweredLater("r1");
    jest.advanceTimersByTime(2000);
    expect(await status("activating")).toBe("Active");
    expect(events).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(events).toEqual(["r1 Completed"]); // the fake's own timer fired on the clock the test advanced
    expect(await loopStatus("r1")).toBe("Completed");
  });

  it("@sinonjs/fake-timers install({ toFake: ['setTimeout', 'clearTimeout'] }) (Date real) drives it too", async () => {
    const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      await startAnsweredLater("r2");
      await clock.tickAsync(60_000);
      expect(await loopStatus("r2")).toBe("Completed");
    } finally {
      clock.uninstall();
    }
  });

  it("jest.useFakeTimers({ legacyFakeTimers: true }): the first advance fails with what to do, and so does every call until reset", async () => {
    jest.useFakeTimers({ legacyFakeTimers: true });
    await startAnsweredLater("r3");
    expect(() => jest.advanceTimersByTime(60_000)).toThrow(
      /^\[a2i-fake\] The timers in force fired the fake's timer \d+ ms before Date\.now\(\) reached it: .*legacyFakeTimers.*Use jest's modern fake timers/,
    );
    await expect(loopStatus("r3")).rejects.toThrow(/^\[a2i-fake\] The timers in force fired the fake's timer/);
    a2i.reset();
    jest.useRealTimers();
    a2i.seedFlowDefinition({ name: "after" });
    expect(a2i.flowDefinitions()).toHaveLength(1);
  });
});
