/**
 * Time limits under jest modern fake timers (decisions.md "Time and workers", spec §4.2):
 * TaskTimeLimitInSeconds lapses a claim and returns the slot; TaskAvailabilityLifetimeInSeconds expires
 * unclaimed slots and fails the loop (Failed / Expired) once no claim is left; long waits beyond the
 * 24.8-day limit of one real timer still fire at exactly the right instant.
 */
import { HeadObjectCommand, NotFound } from "@aws-sdk/client-s3";
import type { HumanLoopStatusChangeEvent } from "../../src/index.js";
import {
  T0,
  clients,
  describeLoop,
  installFake,
  outputExists,
  readOutput,
  rejectionOf,
  s3Location,
  startLoop,
  statusOf,
  thrownBy,
  useJestFakeTimers,
} from "./support.js";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("time limits", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const { runtime, s3 } = clients();

  describe("TaskTimeLimitInSeconds", () => {
    it("lapses a claim after exactly TaskTimeLimitInSeconds and returns the slot to the pool", async () => {
      const taskTimeLimit = 60;
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskTimeLimitSeconds: taskTimeLimit });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "slow" });

      jest.advanceTimersByTime(taskTimeLimit * 1000 - 1);
      expect(a2i.workforce.tasks()[0]!.slots).toEqual([
        { status: "claimed", workerId: "slow", claimDeadline: new Date(T0 + taskTimeLimit * 1000) },
      ]);

      jest.advanceTimersByTime(1);
      expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

      const late = thrownBy(() => claim.submit({ answer: "too late" }));
      expect(late.message).toMatch(/^\[a2i-fake\] /);
      expect(late.message).toContain("lapsed");

      a2i.workforce.submit("loop-1", { answer: "in time" }, { workerId: "fast" });
      expect(await statusOf(runtime, "loop-1")).toBe("Completed");
      const doc = await readOutput(runtime, s3, "loop-1");
      expect(doc.humanAnswers.map((a) => [a.workerId, a.answerContent])).toEqual([["fast", { answer: "in time" }]]);
    });

    it("uses the default TaskTimeLimitInSeconds of 3600 when the flow definition gives none", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "w" });
      expect(claim.deadline).toEqual(new Date(T0 + 3_600_000));

      jest.advanceTimersByTime(3_600_000);
      expect(thrownBy(() => claim.submit({})).message).toMatch(/^\[a2i-fake\] /);
    });
  });

  describe("TaskAvailabilityLifetimeInSeconds", () => {
    it("fails the loop with FailureCode Expired right after the lifetime passes", async () => {
      const lifetime = 600;
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: lifetime });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      expect(a2i.workforce.tasks()[0]!.availableUntil).toEqual(new Date(T0 + lifetime * 1000));

      jest.advanceTimersByTime(lifetime * 1000 - 1);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

      jest.advanceTimersByTime(1);
      const described = await describeLoop(runtime, "loop-1");
      expect(described.HumanLoopStatus).toBe("Failed");
      expect(described.FailureCode).toBe("Expired");
      expect(typeof described.FailureReason).toBe("string");
      expect(described.FailureReason!.length).toBeGreaterThan(0);

      expect(a2i.workforce.tasks()).toEqual([]);
      expect(thrownBy(() => a2i.workforce.accept("loop-1")).message).toMatch(/^\[a2i-fake\] /);
      const head = await rejectionOf(s3.send(new HeadObjectCommand(s3Location(described.HumanLoopOutput!.OutputS3Uri!))));
      expect(head).toBeInstanceOf(NotFound);
    });

    it("an InProgress loop carries no FailureCode or FailureReason", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const described = await describeLoop(runtime, "loop-1");
      expect(described.FailureCode).toBeUndefined();
      expect(described.FailureReason).toBeUndefined();
    });

    it("expires a loop whose slot lapsed back into the pool", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({
        name: "fd",
        taskTimeLimitSeconds: 30,
        taskAvailabilityLifetimeSeconds: 100,
      });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.accept("loop-1", { workerId: "w" });
      jest.advanceTimersByTime(30_000);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
      jest.advanceTimersByTime(70_000);
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });

    it("keeps a loop InProgress while a claim is held at expiry; the submission then completes it", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 600 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      jest.advanceTimersByTime(500_000);
      const claim = a2i.workforce.accept("loop-1", { workerId: "holder" });

      jest.advanceTimersByTime(200_000);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

      claim.submit({ label: "dog" });
      expect(await statusOf(runtime, "loop-1")).toBe("Completed");
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers.map((a) => a.answerContent)).toEqual([{ label: "dog" }]);
    });

    it("with a claim held at expiry, open slots expire: no other worker may join", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2, taskAvailabilityLifetimeSeconds: 60 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.accept("loop-1", { workerId: "holder" });
      jest.advanceTimersByTime(60_000);

      expect(a2i.workforce.tasks()[0]!.slots.map((s) => s.status)).toEqual(["claimed"]);
      expect(thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "newcomer" })).message).toMatch(/^\[a2i-fake\] .*expired/);
    });

    it("a held claim that completes TaskCount at expiry gives Completed (TaskCount 2)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2, taskAvailabilityLifetimeSeconds: 60 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { n: 1 }, { workerId: "first" });
      const claim = a2i.workforce.accept("loop-1", { workerId: "second" });
      jest.advanceTimersByTime(120_000);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

      claim.submit({ n: 2 });
      expect(await statusOf(runtime, "loop-1")).toBe("Completed");
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers).toHaveLength(2);
    });

    it("a held claim that does not complete TaskCount gives Failed / Expired once it resolves (TaskCount 3)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3, taskAvailabilityLifetimeSeconds: 60 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { n: 1 }, { workerId: "first" });
      const claim = a2i.workforce.accept("loop-1", { workerId: "second" });
      jest.advanceTimersByTime(60_000);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

      claim.submit({ n: 2 });
      const described = await describeLoop(runtime, "loop-1");
      expect(described.HumanLoopStatus).toBe("Failed");
      expect(described.FailureCode).toBe("Expired");
      // Output is written only on completion (decisions.md); a Failed loop has none.
      expect(await outputExists(runtime, s3, "loop-1")).toBe(false);
    });

    it("a held claim at expiry that is abandoned fails the loop at once", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "w" });
      jest.advanceTimersByTime(90_000);
      claim.abandon();
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });

    it("a held claim at expiry that lapses fails the loop at the lapse instant", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({
        name: "fd",
        taskTimeLimitSeconds: 300,
        taskAvailabilityLifetimeSeconds: 60,
      });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      jest.advanceTimersByTime(50_000);
      a2i.workforce.accept("loop-1", { workerId: "w" });
      const failedAt: number[] = [];
      const off = a2i.onEvent((e) => {
        failedAt.push(Date.parse(e.time));
      });
      try {
        jest.advanceTimersByTime(300_000 - 1);
        expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
        jest.advanceTimersByTime(1);
      } finally {
        off();
      }
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
      // Event times are to the second (spec §6): the lapse is at T0 + 350 s.
      expect(failedAt).toEqual([Math.floor((T0 + 350_000) / 1000) * 1000]);
    });

    it("uses the default lifetime of 864000 s (10 days) for private work teams", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      jest.advanceTimersByTime(864_000_000 - 1);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
      jest.advanceTimersByTime(1);
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });
  });

  describe("long waits (beyond the 24.8-day limit of one real timer)", () => {
    const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

    /** A loop with a 30-day lifetime, and the events (with the clock's time at delivery) a listener sees. */
    async function startThirtyDayLoop(): Promise<{ seen: HumanLoopStatusChangeEvent[]; seenAt: number[] }> {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: THIRTY_DAYS_S });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const seen: HumanLoopStatusChangeEvent[] = [];
      const seenAt: number[] = [];
      unsubscribe = a2i.onEvent((e) => {
        seen.push(e);
        seenAt.push(Date.now());
      });
      return { seen, seenAt };
    }
    let unsubscribe: () => void = () => undefined;
    afterEach(() => unsubscribe());

    it("expires at exactly 30 days when advanced in one go", async () => {
      const { seen, seenAt } = await startThirtyDayLoop();
      jest.advanceTimersByTime(THIRTY_DAYS_S * 1000 - 1);
      expect(seen).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(seen.map((e) => e.detail.humanLoopStatus)).toEqual(["Failed"]);
      expect(seenAt).toEqual([T0 + THIRTY_DAYS_S * 1000]);
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });

    it("expires during a single advance that covers the whole 30 days and more", async () => {
      const { seen, seenAt } = await startThirtyDayLoop();
      jest.advanceTimersByTime(31 * DAY_MS);
      expect(seen).toHaveLength(1);
      // The listener ran as the clock passed the transition, not at the end of the advance.
      expect(seenAt).toEqual([T0 + THIRTY_DAYS_S * 1000]);
      expect(await statusOf(runtime, "loop-1")).toBe("Failed");
    });

    it("expires at exactly 30 days when advanced in daily steps", async () => {
      const { seen, seenAt } = await startThirtyDayLoop();
      for (let day = 1; day < 30; day++) {
        jest.advanceTimersByTime(DAY_MS);
        expect(seen).toEqual([]);
      }
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
      jest.advanceTimersByTime(DAY_MS - 1);
      expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
      jest.advanceTimersByTime(1);
      expect(seen).toHaveLength(1);
      expect(seenAt).toEqual([T0 + THIRTY_DAYS_S * 1000]);
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });

    it("a read at any instant is exact even if no timer fired (jest.setSystemTime past the lifetime)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: THIRTY_DAYS_S });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      jest.setSystemTime(T0 + THIRTY_DAYS_S * 1000);
      expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
    });
  });
});
