/**
 * The key workforce scenarios under an explicit `@sinonjs/fake-timers` clock passed as
 * `new A2IFake({ clock })`: time moves only with `clock.tick`, and no global (Date, setTimeout) is touched.
 */
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake, type HumanLoopStatusChangeEvent } from "../../src/index.js";
import { clients, describeLoop, readOutput, startLoop, statusOf, thrownBy } from "./support.js";

/** Far from the real date, so any read of the real clock would show. */
const C0 = Date.parse("2001-02-03T04:05:06.789Z");
const DAY_MS = 24 * 60 * 60 * 1000;

describe("an explicit sinon clock", () => {
  const clock = createClock(C0);
  const a2i = new A2IFake({ clock });
  const { runtime, s3 } = clients();
  const realSetTimeout = globalThis.setTimeout;
  const realDateNow = Date.now;
  const unsubscribes: Array<() => void> = [];

  beforeAll(() => {
    a2i.install();
  });
  afterEach(() => {
    unsubscribes.splice(0).forEach((off) => off());
    a2i.reset();
    clock.setSystemTime(C0);
  });
  afterAll(() => a2i.uninstall());

  it("schedules on the clock and touches no global", async () => {
    const setTimeoutSpy = jest.spyOn(globalThis, "setTimeout");
    try {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 600 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.accept("loop-1", { workerId: "w" });

      expect(clock.countTimers()).toBeGreaterThan(0);
      // The SDK may use real timers of its own; the fake never arms a long one.
      expect(setTimeoutSpy.mock.calls.filter(([, delay]) => (delay ?? 0) >= 1_000)).toEqual([]);
    } finally {
      setTimeoutSpy.mockRestore();
    }
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(Date.now).toBe(realDateNow);
    expect(Date.now()).toBeGreaterThan(Date.parse("2020-01-01T00:00:00Z"));
    expect((await describeLoop(runtime, "loop-1")).CreationTime).toEqual(new Date(C0));

    a2i.reset();
    expect(clock.countTimers()).toBe(0);
  });

  it("completes a TaskCount 2 loop and writes output.json keyed by the clock's creation time", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2, outputPath: "s3://sinon-out/p" });
    await startLoop(runtime, "loop-1", flowDefinitionArn, { n: 1 });
    clock.tick(1_000);
    a2i.workforce.submit("loop-1", { a: 1 }, { workerId: "w1" });
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
    clock.tick(1_000);
    a2i.workforce.submit("loop-1", { a: 2 }, { workerId: "w2" });

    const described = await describeLoop(runtime, "loop-1");
    expect(described.HumanLoopStatus).toBe("Completed");
    expect(described.HumanLoopOutput!.OutputS3Uri).toBe("s3://sinon-out/p/fd/2001/02/03/04/05/06/loop-1/output.json");
    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers.map((a) => [a.workerId, a.submissionTime])).toEqual([
      ["w1", new Date(C0 + 1_000).toISOString()],
      ["w2", new Date(C0 + 2_000).toISOString()],
    ]);
  });

  it("lapses a claim after TaskTimeLimitInSeconds of clock.tick", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskTimeLimitSeconds: 45 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    const claim = a2i.workforce.accept("loop-1", { workerId: "w" });
    clock.tick(44_999);
    expect(a2i.workforce.tasks()[0]!.slots[0]!.status).toBe("claimed");
    clock.tick(1);
    expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
    expect(thrownBy(() => claim.submit({})).message).toMatch(/^\[a2i-fake\] /);
  });

  it("expires a loop after TaskAvailabilityLifetimeInSeconds, waiting for a held claim", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
    await startLoop(runtime, "idle", flowDefinitionArn);
    await startLoop(runtime, "held", flowDefinitionArn);
    const claim = a2i.workforce.accept("held", { workerId: "w" });
    clock.tick(60_000);

    const idle = await describeLoop(runtime, "idle");
    expect([idle.HumanLoopStatus, idle.FailureCode]).toEqual(["Failed", "Expired"]);
    expect(await statusOf(runtime, "held")).toBe("InProgress");
    claim.submit({ ok: true });
    expect(await statusOf(runtime, "held")).toBe("Completed");
  });

  it("runs auto-responders and calls onEvent listeners during clock.tick, at the transition's instant", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
    a2i.workforce.autoRespond({ answer: { auto: true }, acceptAfterMs: 500, workMs: 2_500 });
    const seen: Array<[string, number]> = [];
    unsubscribes.push(
      a2i.onEvent((e: HumanLoopStatusChangeEvent) => {
        seen.push([e.detail.humanLoopStatus, clock.now - C0]);
      }),
    );
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    clock.tick(10_000);

    expect(seen).toEqual([["Completed", 3_000]]);
    expect((await readOutput(runtime, s3, "loop-1")).humanAnswers).toHaveLength(3);
  });

  it("expires a 30-day loop at exactly 30 days, in one tick and in daily ticks", async () => {
    const thirtyDays = 30 * DAY_MS;
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: thirtyDays / 1000 });
    const at: Array<[string, number]> = [];
    unsubscribes.push(
      a2i.onEvent((e) => {
        at.push([e.detail.humanLoopName, clock.now]);
      }),
    );

    await startLoop(runtime, "one-go", flowDefinitionArn);
    const startOneGo = clock.now;
    clock.tick(thirtyDays - 1);
    expect(await statusOf(runtime, "one-go")).toBe("InProgress");
    clock.tick(1);
    expect(at).toEqual([["one-go", startOneGo + thirtyDays]]);

    await startLoop(runtime, "daily", flowDefinitionArn);
    const startDaily = clock.now;
    for (let day = 1; day < 30; day++) clock.tick(DAY_MS);
    expect(await statusOf(runtime, "daily")).toBe("InProgress");
    clock.tick(DAY_MS);
    expect(at).toEqual([
      ["one-go", startOneGo + thirtyDays],
      ["daily", startDaily + thirtyDays],
    ]);
    expect((await describeLoop(runtime, "daily")).FailureCode).toBe("Expired");
  });
});
