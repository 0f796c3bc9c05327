/**
 * Issue 10, items 1 and 2: a clock jump never re-times the simulated workers, and a call held by a
 * `latencyMs` fault always settles.
 *
 * The property: the same random schedule (flow definitions, auto-responders, loops started and stopped,
 * manual workers) run twice on two fakes, one whose sinon clock ticks through every timer, one whose clock
 * only jumps (`setSystemTime`), gives identical answers, loop snapshots, output.json documents and events.
 * A2I_FAKE_PROPERTY_RUNS raises the number of runs (default 25).
 */
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { SageMakerClient, ListFlowDefinitionsCommand } from "@aws-sdk/client-sagemaker";
import { createClock } from "@sinonjs/fake-timers";
import fc from "fast-check";
import { A2IFake } from "../../src/index.js";
import { installFake } from "../support/setup.js";

const START = Date.parse("2026-05-06T07:08:09.000Z");
const RUNS = Number(process.env.A2I_FAKE_PROPERTY_RUNS ?? 25);
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

type Op =
  | { kind: "start"; fd: number }
  | { kind: "stop"; loop: number }
  | { kind: "submit"; loop: number; worker: number }
  | { kind: "none" };

const schedule = fc.record({
  fds: fc.array(
    fc.record({
      taskCount: fc.integer({ min: 1, max: 3 }),
      taskTimeLimitSeconds: fc.integer({ min: 30, max: 900 }),
      taskAvailabilityLifetimeSeconds: fc.integer({ min: 60, max: 7200 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  responders: fc.array(
    fc.record({
      fd: fc.integer({ min: 0, max: 1 }),
      acceptAfterMs: fc.integer({ min: 0, max: 600_000 }),
      workMs: fc.integer({ min: 0, max: 1_200_000 }),
      action: fc.constantFrom("submit" as const, "abandon" as const),
      workers: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 3 },
  ),
  steps: fc.array(
    fc.record({
      gapMs: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 3_000_000 })),
      op: fc.oneof(
        fc.record({ kind: fc.constant("start" as const), fd: fc.integer({ min: 0, max: 1 }) }),
        fc.record({ kind: fc.constant("stop" as const), loop: fc.integer({ min: 0, max: 5 }) }),
        fc.record({ kind: fc.constant("submit" as const), loop: fc.integer({ min: 0, max: 5 }), worker: fc.integer({ min: 0, max: 2 }) }),
        fc.constant({ kind: "none" as const }),
      ) as fc.Arbitrary<Op>,
    }),
    { minLength: 1, maxLength: 8 },
  ),
  finalGapMs: fc.integer({ min: 0, max: 8_000_000 }),
});

type Schedule = typeof schedule extends fc.Arbitrary<infer T> ? T : never;

/** One run of the schedule; `move` is how its clock goes forward. */
async function run(plan: Schedule, move: "tick" | "jump"): Promise<unknown> {
  const clock = createClock(START);
  const a2i = new A2IFake({ clock });
  const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1", credentials });
  const detach = a2i.attach(runtime);
  const forward = (ms: number) => (move === "tick" ? clock.tick(ms) : clock.setSystemTime(clock.now + ms));
  const answers: unknown[] = [];
  const fds = plan.fds.map((fd, i) => a2i.seedFlowDefinition({ name: `fd-${i}`, ...fd }).flowDefinitionArn);
  for (const [i, { fd, ...policy }] of plan.responders.entries()) {
    a2i.workforce.autoRespond({ ...policy, flowDefinition: `fd-${fd % fds.length}`, workerIdPrefix: `auto-${i}`, answer: { r: i } });
  }
  let loops = 0;
  try {
    for (const { gapMs, op } of plan.steps) {
      forward(gapMs);
      try {
        if (op.kind === "start") {
          const name = `loop-${loops++}`;
          const out = await runtime.send(
            new StartHumanLoopCommand({
              HumanLoopName: name,
              FlowDefinitionArn: fds[op.fd % fds.length],
              HumanLoopInput: { InputContent: JSON.stringify({ n: loops }) },
            }),
          );
          answers.push(out.HumanLoopArn);
        } else if (op.kind === "stop") {
          await runtime.send(new StopHumanLoopCommand({ HumanLoopName: `loop-${op.loop}` }));
          answers.push("stopped");
        } else if (op.kind === "submit") {
          a2i.workforce.submit(`loop-${op.loop}`, { manual: op.worker }, { workerId: `manual-${op.worker}` });
          answers.push("submitted");
        } else {
          answers.push(a2i.workforce.tasks().map((t) => t.slots));
        }
      } catch (err) {
        answers.push((err as Error).name + ": " + (err as Error).message);
      }
    }
    forward(plan.finalGapMs);
    for (let i = 0; i < loops; i++) {
      const d = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: `loop-${i}` }));
      answers.push({ status: d.HumanLoopStatus, failure: d.FailureCode, output: d.HumanLoopOutput });
    }
    return { answers, loops: a2i.humanLoops(), outputs: a2i.outputs(), events: a2i.events, pending: a2i.pendingTimers() };
  } finally {
    detach();
    a2i.uninstall();
  }
}

describe("a clock jump runs every overdue action at its own due time", () => {
  it("property: jumping the clock gives what ticking through every timer gives", async () => {
    await fc.assert(
      fc.asyncProperty(schedule, async (plan) => {
        const ticked = await run(plan, "tick");
        const jumped = await run(plan, "jump");
        expect(jumped).toEqual(ticked);
      }),
      { numRuns: RUNS, seed: 10_001 },
    );
  });

});

describe("a call held by a latencyMs fault always settles", () => {
  const credentialsFree = { region: "us-east-1" };

  it("answered when the clock passes its latency", async () => {
    const clock = createClock(START);
    const a2i = new A2IFake({ clock }).install();
    try {
      const sm = new SageMakerClient(credentialsFree);
      a2i.faults.inject({ operation: "ListFlowDefinitions", latencyMs: 5000 });
      let settled = false;
      const call = sm.send(new ListFlowDefinitionsCommand({})).then((o) => ((settled = true), o));
      await new Promise((r) => setImmediate(r));
      clock.tick(4999);
      await new Promise((r) => setImmediate(r));
      expect(settled).toBe(false);
      clock.tick(1);
      await expect(call).resolves.toMatchObject({ FlowDefinitionSummaries: [] });
    } finally {
      a2i.uninstall();
    }
  });

  it.each(["reset", "uninstall", "useRealTimers"] as const)("rejected with an [a2i-fake] error on %s", async (how) => {
    if (how === "useRealTimers") jest.useFakeTimers({ now: START, doNotFake: ["setImmediate", "nextTick", "queueMicrotask"] });
    const a2i = how === "useRealTimers" ? new A2IFake().install() : new A2IFake({ clock: createClock(START) }).install();
    try {
      const sm = new SageMakerClient(credentialsFree);
      a2i.faults.inject({ operation: "ListFlowDefinitions", latencyMs: 60_000, times: 3 });
      const calls = [1, 2, 3].map(() => sm.send(new ListFlowDefinitionsCommand({})));
      for (const c of calls) c.catch(() => undefined);
      // Until the three calls reached the fake and are held.
      while (a2i.pendingTimers() < 3) await new Promise((r) => setImmediate(r));
      if (how === "reset") a2i.reset();
      else if (how === "uninstall") a2i.uninstall();
      else {
        jest.useRealTimers();
        await new Promise((r) => setImmediate(r));
        // The next entry to the fake notices the switch.
        expect(a2i.pendingTimers()).toBeGreaterThanOrEqual(0);
        await sm.send(new ListFlowDefinitionsCommand({}));
      }
      for (const c of calls) {
        await expect(c).rejects.toThrow(/^\[a2i-fake\] The ListFlowDefinitions call held by a latencyMs fault was dropped/);
      }
      expect(a2i.pendingTimers()).toBe(0);
    } finally {
      jest.useRealTimers();
      a2i.uninstall();
    }
  });
});

describe("a clock jump under jest fake timers", () => {
    const a2i = installFake();
    const runtime = new SageMakerA2IRuntimeClient({});
    beforeEach(() => jest.useFakeTimers({ now: START }));
    afterEach(() => jest.useRealTimers());

    it("jest.setSystemTime(+10 min): the auto-responder's loop Completed with acceptance at +0 and submission at +60 s", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "jump", taskTimeLimitSeconds: 3600 });
      a2i.workforce.autoRespond({ workMs: 60_000, answer: { ok: true } });
      await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "j-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      jest.setSystemTime(START + 10 * 60_000);
      const d = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "j-1" }));
      expect(d.HumanLoopStatus).toBe("Completed");
      const [answer] = a2i.outputs()[0]!.document.humanAnswers;
      expect(answer!.acceptanceTime).toBe(new Date(START).toISOString());
      expect(answer!.submissionTime).toBe(new Date(START + 60_000).toISOString());
      expect(a2i.events.map((e) => e.time)).toEqual([new Date(START + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z")]);
    });

    it("a claim's deadline after a jump is TaskTimeLimitInSeconds after its own acceptance", async () => {
      a2i.seedFlowDefinition({ name: "lapse", taskTimeLimitSeconds: 60, taskAvailabilityLifetimeSeconds: 86_400 });
      a2i.workforce.autoRespond({ workMs: 3_600_000, acceptAfterMs: 1000, action: "submit", workerIdPrefix: "slow" });
      await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: "j-2",
          FlowDefinitionArn: a2i.flowDefinitions()[0]!.flowDefinitionArn,
          HumanLoopInput: { InputContent: "{}" },
        }),
      );
      jest.setSystemTime(START + 30 * 60_000);
      // The claim taken at +1 s lapsed at +61 s; the slot is open again, and the worker never submitted.
      expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
      expect(a2i.humanLoop("j-2")!.humanLoopStatus).toBe("InProgress");
    });
});
