/**
 * Property-based test of the human loop state machine (spec §4, §5, §6; decisions.md "Time and workers").
 *
 * Random sequences of API calls through the real SDK clients (StartHumanLoop, StopHumanLoop, DeleteHumanLoop,
 * DeleteFlowDefinition), worker actions (accept, submit, abandon, an optional auto-responder) and clock
 * advances must never break these invariants:
 * - a loop's status only moves along InProgress → Completed | Failed | Stopping | Stopped, Stopping → Stopped;
 * - Completed ⇔ output.json written with exactly TaskCount answers from distinct workers; no output before
 *   that, except a Stopped loop with partial answers (decisions.md); Failed loops have none;
 * - every API call answers exactly as decisions.md says for the state it found (error class and status);
 * - a worker action succeeds exactly when the slot rules allow it, and fails with an [a2i-fake] error otherwise;
 * - deleted loops answer ResourceNotFoundException;
 * - a Deleting flow definition exists exactly while some loop of it is Stopping with a held claim;
 * - status-change events match transitions into Completed / Failed / Stopped one to one.
 * The clock is an explicit `@sinonjs/fake-timers` clock, so each run is deterministic. fast-check prints the seed
 * and the shrunk counterexample on failure; A2I_FAKE_PROPERTY_RUNS=2000 explores more (default 100 runs, ~3 s).
 */
import {
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ResourceInUse,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  ConflictException,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, HeadObjectCommand, NotFound, S3Client } from "@aws-sdk/client-s3";
import { createClock } from "@sinonjs/fake-timers";
import fc from "fast-check";
import {
  A2IFake,
  type FlowDefinitionSnapshot,
  type HumanLoopSnapshot,
  type HumanLoopStatus,
  type HumanLoopStatusChangeEvent,
  type WorkerClaim,
} from "../../src/index.js";
import { T0, deleteLoop, describeLoop, flowDefinitionArnOf, rejectionOf, s3Location, stopLoop } from "./support.js";

const FLOW_DEFINITIONS = [
  { name: "fd-three", taskCount: 3 },
  { name: "fd-one", taskCount: 1 },
] as const;
const LOOP_NAMES = ["loop-0", "loop-1", "loop-2"] as const;
const WORKERS = ["w0", "w1", "w2", "w3"] as const;
const TASK_TIME_LIMIT_S = 300;
const LIFETIME_S = 600;
const TERMINAL: ReadonlySet<HumanLoopStatus> = new Set(["Completed", "Failed", "Stopped"]);
const ALLOWED: Record<HumanLoopStatus, readonly HumanLoopStatus[]> = {
  InProgress: ["Completed", "Failed", "Stopping", "Stopped"],
  Stopping: ["Stopped"],
  Completed: [],
  Failed: [],
  Stopped: [],
};

type Action =
  | { kind: "start"; fd: number; loop: number }
  | { kind: "stop"; loop: number }
  | { kind: "delete"; loop: number }
  | { kind: "deleteFlowDefinition"; fd: number }
  | { kind: "reseedFlowDefinition"; fd: number }
  | { kind: "accept"; loop: number; worker: number }
  | { kind: "workerSubmit"; loop: number; worker: number }
  | { kind: "submit"; claim: number }
  | { kind: "abandon"; claim: number }
  | { kind: "tick"; ms: number };

const fdIndex = fc.integer({ min: 0, max: FLOW_DEFINITIONS.length - 1 });
const loopIndex = fc.integer({ min: 0, max: LOOP_NAMES.length - 1 });
const claimIndex = fc.nat({ max: 20 });
const workerIndex = fc.integer({ min: 0, max: WORKERS.length - 1 });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("start" as const), fd: fdIndex, loop: loopIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stop" as const), loop: loopIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), loop: loopIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteFlowDefinition" as const), fd: fdIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reseedFlowDefinition" as const), fd: fdIndex }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("accept" as const), loop: loopIndex, worker: workerIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("workerSubmit" as const), loop: loopIndex, worker: workerIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("submit" as const), claim: claimIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("abandon" as const), claim: claimIndex }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("tick" as const), ms: fc.constantFrom(1_000, 30_000, 60_000, 300_000, 600_000) }),
  },
);

const autoResponderArb = fc.option(
  fc.record({
    flowDefinition: fc.constantFrom(...FLOW_DEFINITIONS.map((f) => f.name)),
    acceptAfterMs: fc.constantFrom(0, 400_000),
    workMs: fc.constantFrom(1_000, 30_000, 400_000),
    workers: fc.integer({ min: 1, max: 3 }),
    action: fc.constantFrom("submit" as const, "abandon" as const),
  }),
  { nil: undefined },
);

interface State {
  loops: Map<string, HumanLoopSnapshot>;
  flowDefinitions: Map<string, FlowDefinitionSnapshot>;
  events: HumanLoopStatusChangeEvent[];
}

describe("human loop state machine (fast-check)", () => {
  const clock = createClock(T0);
  const a2i = new A2IFake({ clock });
  const runtime = new SageMakerA2IRuntimeClient({});
  const sagemaker = new SageMakerClient({});
  const s3 = new S3Client({});
  beforeAll(() => {
    a2i.install();
  });
  afterAll(() => {
    a2i.reset();
    a2i.uninstall();
  });

  const taskCountOf = (flowDefinitionName: string): number =>
    FLOW_DEFINITIONS.find((f) => f.name === flowDefinitionName)!.taskCount;

  const observe = (): State => ({
    loops: new Map(a2i.humanLoops().map((l) => [l.humanLoopName, l])),
    flowDefinitions: new Map(a2i.flowDefinitions().map((f) => [f.flowDefinitionName, f])),
    events: [...a2i.events],
  });

  function seed(fd: (typeof FLOW_DEFINITIONS)[number]): void {
    a2i.seedFlowDefinition({
      name: fd.name,
      taskCount: fd.taskCount,
      taskTimeLimitSeconds: TASK_TIME_LIMIT_S,
      taskAvailabilityLifetimeSeconds: LIFETIME_S,
    });
  }

  /** The invariants that hold between any two observations. */
  function checkStep(prev: State, cur: State, action: Action, staleUris: Set<string>): void {
    const label = JSON.stringify(action);
    // Events are only appended, never repeated or changed.
    expect(cur.events.slice(0, prev.events.length).map((e) => e.id)).toEqual(prev.events.map((e) => e.id));
    const newEvents = cur.events.slice(prev.events.length);
    const expectedEvents: string[] = [];

    for (const [name, before] of prev.loops) {
      const after = cur.loops.get(name);
      if (after) {
        expect({ label, name, moved: `${before.humanLoopStatus}->${after.humanLoopStatus}`, ok: true }).toEqual({
          label,
          name,
          moved: `${before.humanLoopStatus}->${after.humanLoopStatus}`,
          ok: before.humanLoopStatus === after.humanLoopStatus || ALLOWED[before.humanLoopStatus].includes(after.humanLoopStatus),
        });
        if (!TERMINAL.has(before.humanLoopStatus) && TERMINAL.has(after.humanLoopStatus)) {
          expectedEvents.push(`${name}:${after.humanLoopStatus}`);
        }
        continue;
      }
      // Gone: deleted by DeleteHumanLoop (finished loops) or by its flow definition's deletion.
      if (a2i.output(before.outputS3Uri)) staleUris.add(before.outputS3Uri);
      if (TERMINAL.has(before.humanLoopStatus)) continue;
      const fdBefore = prev.flowDefinitions.get(before.flowDefinitionName);
      const deletedNow = action.kind === "deleteFlowDefinition" && FLOW_DEFINITIONS[action.fd]!.name === before.flowDefinitionName;
      expect({ label, name, byFlowDefinitionDeletion: deletedNow || fdBefore?.flowDefinitionStatus === "Deleting" }).toEqual({
        label,
        name,
        byFlowDefinitionDeletion: true,
      });
      expectedEvents.push(`${name}:Stopped`);
    }
    for (const [name, after] of cur.loops) {
      if (prev.loops.has(name)) continue;
      expect({ label, name, status: after.humanLoopStatus }).toEqual({ label, name, status: "InProgress" });
    }

    // Events match transitions into Completed / Failed / Stopped one to one.
    expect({ label, events: newEvents.map((e) => `${e.detail.humanLoopName}:${e.detail.humanLoopStatus}`).sort() }).toEqual({
      label,
      events: expectedEvents.sort(),
    });
    for (const event of newEvents) {
      expect(TERMINAL.has(event.detail.humanLoopStatus)).toBe(true);
      expect(event.resources).toEqual([event.detail.humanLoopArn]);
      expect(event.detail.failureCode === null).toBe(event.detail.humanLoopStatus !== "Failed");
      expect(event.detail.failureReason === null).toBe(event.detail.humanLoopStatus !== "Failed");
      const now = cur.loops.get(event.detail.humanLoopName);
      if (now) {
        expect(event.detail.humanLoopOutput !== undefined).toBe(now.outputWritten);
      } else if (event.detail.humanLoopOutput) {
        expect(a2i.output(event.detail.humanLoopOutput.outputS3Uri)?.document.humanLoopName).toBe(event.detail.humanLoopName);
      }
    }

    for (const loop of cur.loops.values()) checkLoop(loop, label, staleUris);
    checkFlowDefinitions(prev, cur, label);
  }

  function checkLoop(loop: HumanLoopSnapshot, label: string, staleUris: Set<string>): void {
    const taskCount = taskCountOf(loop.flowDefinitionName);
    const status = loop.humanLoopStatus;
    const workers = [...loop.answers.map((a) => a.workerId), ...loop.claims.map((c) => c.workerId)];
    expect(new Set(workers).size).toBe(workers.length);
    expect(workers.length).toBeLessThanOrEqual(taskCount);
    if (loop.claims.length > 0) expect(["InProgress", "Stopping"]).toContain(status);
    for (const claim of loop.claims) {
      // A claim lasts TaskTimeLimitInSeconds and not a millisecond more.
      expect(claim.deadline.getTime()).toBe(claim.acceptedAt.getTime() + TASK_TIME_LIMIT_S * 1000);
      expect({ label, loop: loop.humanLoopName, live: claim.deadline.getTime() > clock.now }).toEqual({
        label,
        loop: loop.humanLoopName,
        live: true,
      });
    }
    if (status === "Stopping") expect(loop.claims.length).toBeGreaterThan(0);
    expect(loop.failureCode !== undefined).toBe(status === "Failed");

    const written = a2i.output(loop.outputS3Uri);
    if (status === "Completed") {
      expect({ label, loop: loop.humanLoopName, outputWritten: loop.outputWritten }).toEqual({
        label,
        loop: loop.humanLoopName,
        outputWritten: true,
      });
      expect(written!.document.humanLoopName).toBe(loop.humanLoopName);
      expect(written!.document.humanAnswers.map((a) => a.workerId)).toEqual(loop.answers.map((a) => a.workerId));
      expect(written!.document.humanAnswers).toHaveLength(taskCount);
      expect(written!.document.inputContent).toEqual(loop.input);
    } else if (status === "Stopped" && loop.answers.length > 0) {
      expect(loop.outputWritten).toBe(true);
      expect(written!.document.humanAnswers.map((a) => a.workerId)).toEqual(loop.answers.map((a) => a.workerId));
    } else {
      expect({ label, loop: loop.humanLoopName, status, outputWritten: loop.outputWritten }).toEqual({
        label,
        loop: loop.humanLoopName,
        status,
        outputWritten: false,
      });
      expect(loop.answers.length).toBeLessThan(taskCount);
      if (!staleUris.has(loop.outputS3Uri)) expect(written).toBeUndefined();
    }
  }

  function checkFlowDefinitions(prev: State, cur: State, label: string): void {
    for (const fd of cur.flowDefinitions.values()) {
      const loops = [...cur.loops.values()].filter((l) => l.flowDefinitionName === fd.flowDefinitionName);
      if (fd.flowDefinitionStatus === "Deleting") {
        // Deleting exactly while a worker still holds a task of one of its loops.
        expect({ label, fd: fd.flowDefinitionName, loops: loops.length > 0 }).toEqual({ label, fd: fd.flowDefinitionName, loops: true });
        for (const loop of loops) {
          expect(loop.humanLoopStatus).toBe("Stopping");
          expect(loop.claims.length).toBeGreaterThan(0);
        }
      } else {
        expect(fd.flowDefinitionStatus).toBe("Active");
      }
    }
    for (const name of prev.flowDefinitions.keys()) {
      if (cur.flowDefinitions.has(name)) continue;
      expect([...cur.loops.values()].filter((l) => l.flowDefinitionName === name)).toEqual([]);
    }
  }

  /** Whether the loop still offers a slot to `worker` at this instant (decisions.md "Time and workers"). */
  function mayAccept(loop: HumanLoopSnapshot | undefined, worker: string): boolean {
    if (!loop || loop.humanLoopStatus !== "InProgress") return false;
    if (clock.now >= loop.creationTime.getTime() + LIFETIME_S * 1000) return false;
    if (loop.claims.some((c) => c.workerId === worker) || loop.answers.some((a) => a.workerId === worker)) return false;
    return loop.claims.length + loop.answers.length < taskCountOf(loop.flowDefinitionName);
  }

  async function expectRejection(promise: Promise<unknown>, errorClass: new (...args: never[]) => Error, status: number, label: string) {
    const err = await rejectionOf(promise);
    expect({ label, name: err.name, isClass: err instanceof errorClass }).toEqual({ label, name: errorClass.name, isClass: true });
    expect((err.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(status);
  }

  async function perform(action: Action, prev: State, claims: Array<{ claim: WorkerClaim; resolved: boolean }>): Promise<void> {
    const label = JSON.stringify(action);
    switch (action.kind) {
      case "start": {
        const name = LOOP_NAMES[action.loop]!;
        const fd = FLOW_DEFINITIONS[action.fd]!;
        const existing = prev.loops.get(name);
        const fdState = prev.flowDefinitions.get(fd.name);
        const started = a2i.startedHumanLoopCount();
        const send = runtime.send(
          new StartHumanLoopCommand({
            HumanLoopName: name,
            FlowDefinitionArn: flowDefinitionArnOf(fd.name),
            HumanLoopInput: { InputContent: JSON.stringify({ item: action.loop }) },
          }),
        );
        if (existing && existing.humanLoopStatus === "InProgress") {
          if (existing.flowDefinitionName === fd.name) {
            expect((await send).HumanLoopArn).toBe(existing.humanLoopArn);
            expect(a2i.startedHumanLoopCount()).toBe(started);
          } else {
            await expectRejection(send, ConflictException, 409, label);
          }
        } else if (existing || fdState?.flowDefinitionStatus !== "Active") {
          await expectRejection(send, ValidationException, 400, label);
        } else {
          expect((await send).HumanLoopArn).toBe(`arn:aws:sagemaker:us-east-1:123456789012:human-loop/${name}`);
        }
        return;
      }
      case "stop": {
        const name = LOOP_NAMES[action.loop]!;
        const existing = prev.loops.get(name);
        if (!existing) return expectRejection(stopLoop(runtime, name), ResourceNotFoundException, 404, label);
        if (existing.humanLoopStatus !== "InProgress") return expectRejection(stopLoop(runtime, name), ValidationException, 400, label);
        await stopLoop(runtime, name);
        expect((await describeLoop(runtime, name)).HumanLoopStatus).toBe(existing.claims.length > 0 ? "Stopping" : "Stopped");
        return;
      }
      case "delete": {
        const name = LOOP_NAMES[action.loop]!;
        const existing = prev.loops.get(name);
        if (!existing) return expectRejection(deleteLoop(runtime, name), ResourceNotFoundException, 404, label);
        if (!TERMINAL.has(existing.humanLoopStatus)) return expectRejection(deleteLoop(runtime, name), ValidationException, 400, label);
        await deleteLoop(runtime, name);
        await expectRejection(describeLoop(runtime, name), ResourceNotFoundException, 404, label);
        return;
      }
      case "deleteFlowDefinition": {
        const name = FLOW_DEFINITIONS[action.fd]!.name;
        const fd = prev.flowDefinitions.get(name);
        const send = sagemaker.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: name }));
        if (!fd) return expectRejection(send, ResourceNotFound, 400, label);
        if (fd.flowDefinitionStatus !== "Active") return expectRejection(send, ResourceInUse, 400, label);
        await send;
        const held = [...prev.loops.values()].some((l) => l.flowDefinitionName === name && l.claims.length > 0);
        const describe = sagemaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }));
        if (held) expect((await describe).FlowDefinitionStatus).toBe("Deleting");
        else await expectRejection(describe, ResourceNotFound, 400, label);
        return;
      }
      case "reseedFlowDefinition": {
        const fd = FLOW_DEFINITIONS[action.fd]!;
        if (!prev.flowDefinitions.has(fd.name)) seed(fd);
        return;
      }
      case "accept": {
        const name = LOOP_NAMES[action.loop]!;
        const worker = WORKERS[action.worker]!;
        const allowed = mayAccept(prev.loops.get(name), worker);
        let claim: WorkerClaim | undefined;
        let error: Error | undefined;
        try {
          claim = a2i.workforce.accept(name, { workerId: worker });
        } catch (err) {
          error = err as Error;
        }
        expect({ label, accepted: claim !== undefined }).toEqual({ label, accepted: allowed });
        if (claim) claims.push({ claim, resolved: false });
        else expect(error!.message).toMatch(/^\[a2i-fake\] /);
        return;
      }
      case "workerSubmit": {
        const name = LOOP_NAMES[action.loop]!;
        const worker = WORKERS[action.worker]!;
        const allowed = mayAccept(prev.loops.get(name), worker);
        let error: Error | undefined;
        try {
          a2i.workforce.submit(name, { by: worker }, { workerId: worker });
        } catch (err) {
          error = err as Error;
        }
        expect({ label, submitted: error === undefined }).toEqual({ label, submitted: allowed });
        if (error) expect(error.message).toMatch(/^\[a2i-fake\] /);
        return;
      }
      case "submit":
      case "abandon": {
        if (claims.length === 0) return;
        const entry = claims[action.claim % claims.length]!;
        const loop = prev.loops.get(entry.claim.humanLoopName);
        const held =
          !entry.resolved &&
          loop?.claims.some((c) => c.workerId === entry.claim.workerId && c.acceptedAt.getTime() === entry.claim.acceptedAt.getTime()) ===
            true;
        let error: Error | undefined;
        try {
          if (action.kind === "submit") entry.claim.submit({ by: entry.claim.workerId });
          else entry.claim.abandon();
        } catch (err) {
          error = err as Error;
        }
        expect({ label, succeeded: error === undefined }).toEqual({ label, succeeded: held });
        if (error) expect(error.message).toMatch(/^\[a2i-fake\] /);
        else entry.resolved = true;
        return;
      }
      case "tick":
        clock.tick(action.ms);
        return;
    }
  }

  /** What the SDK says at the end of a run agrees with the fake's state. */
  async function checkThroughSdk(state: State, staleUris: Set<string>): Promise<void> {
    for (const name of LOOP_NAMES) {
      const loop = state.loops.get(name);
      if (!loop) {
        await expectRejection(describeLoop(runtime, name), ResourceNotFoundException, 404, `final ${name}`);
        continue;
      }
      const described = await describeLoop(runtime, name);
      expect(described.HumanLoopStatus).toBe(loop.humanLoopStatus);
      expect(described.FailureCode).toBe(loop.failureCode);
      const location = s3Location(described.HumanLoopOutput!.OutputS3Uri!);
      if (loop.outputWritten) {
        const object = await s3.send(new GetObjectCommand(location));
        const doc = JSON.parse(await object.Body!.transformToString()) as { humanAnswers: unknown[] };
        expect(doc.humanAnswers).toHaveLength(loop.answers.length);
        if (loop.humanLoopStatus === "Completed") expect(doc.humanAnswers).toHaveLength(taskCountOf(loop.flowDefinitionName));
      } else if (!staleUris.has(loop.outputS3Uri)) {
        const err = await rejectionOf(s3.send(new HeadObjectCommand(location)));
        expect(err).toBeInstanceOf(NotFound);
      }
    }
    for (const fd of FLOW_DEFINITIONS) {
      const describe = sagemaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: fd.name }));
      const known = state.flowDefinitions.get(fd.name);
      if (known) expect((await describe).FlowDefinitionStatus).toBe(known.flowDefinitionStatus);
      else await expectRejection(describe, ResourceNotFound, 400, `final ${fd.name}`);
    }
  }

  it("random API calls, worker actions and clock advances keep every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 25, size: "max" }), autoResponderArb, async (actions, auto) => {
        a2i.reset();
        FLOW_DEFINITIONS.forEach(seed);
        if (auto) {
          a2i.workforce.autoRespond({
            flowDefinition: auto.flowDefinition,
            action: auto.action,
            acceptAfterMs: auto.acceptAfterMs,
            workMs: auto.workMs,
            workers: auto.workers,
            answer: { auto: true },
          });
        }
        const claims: Array<{ claim: WorkerClaim; resolved: boolean }> = [];
        const staleUris = new Set<string>();
        let prev = observe();
        for (const action of actions) {
          await perform(action, prev, claims);
          const cur = observe();
          checkStep(prev, cur, action, staleUris);
          prev = cur;
        }
        await checkThroughSdk(prev, staleUris);
      }),
      { numRuns: Number(process.env.A2I_FAKE_PROPERTY_RUNS ?? 100) },
    );
  });

  it("leaves no timer behind between runs", () => {
    a2i.reset();
    expect(a2i.pendingTimers()).toBe(0);
    expect(clock.countTimers()).toBe(0);
  });
});
