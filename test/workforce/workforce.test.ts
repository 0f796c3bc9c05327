/**
 * The simulated workforce (decisions.md "Time and workers"): task slots, claims, distinct workers,
 * completion after TaskCount submissions, and output.json written then and never earlier (spec §4.2, §5).
 */
import { ResourceNotFoundException } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound } from "@aws-sdk/client-s3";
import {
  T0,
  clients,
  deleteLoop,
  describeLoop,
  flowDefinitionArnOf,
  installFake,
  loopArn,
  outputExists,
  readOutput,
  rejectionOf,
  s3Location,
  startLoop,
  statusOf,
  stopLoop,
  thrownBy,
  useJestFakeTimers,
} from "./support.js";

describe("workforce: task slots and workers", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const { runtime, s3 } = clients();

  describe("tasks()", () => {
    it("lists an InProgress loop with TaskCount open slots and its input", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "triage", taskCount: 3, taskTitle: "Triage the ticket" });
      await startLoop(runtime, "ticket-1", flowDefinitionArn, { text: "printer on fire" });

      const tasks = a2i.workforce.tasks();
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        humanLoopName: "ticket-1",
        humanLoopArn: loopArn("ticket-1"),
        humanLoopStatus: "InProgress",
        flowDefinitionName: "triage",
        flowDefinitionArn: flowDefinitionArnOf("triage"),
        accountId: "123456789012",
        region: "us-east-1",
        taskTitle: "Triage the ticket",
        taskCount: 3,
        input: { text: "printer on fire" },
        inputContent: JSON.stringify({ text: "printer on fire" }),
        createdAt: new Date(T0),
      });
      expect(tasks[0]!.slots).toEqual([{ status: "open" }, { status: "open" }, { status: "open" }]);
    });

    it("shows claimed slots with the worker and the claim deadline, then submitted ones", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "triage", taskCount: 3, taskTimeLimitSeconds: 120 });
      await startLoop(runtime, "ticket-1", flowDefinitionArn);
      jest.advanceTimersByTime(5_000);

      const claim = a2i.workforce.accept("ticket-1", { workerId: "alice" });
      expect(claim.workerId).toBe("alice");
      expect(claim.humanLoopName).toBe("ticket-1");
      expect(claim.acceptedAt).toEqual(new Date(T0 + 5_000));
      expect(claim.deadline).toEqual(new Date(T0 + 5_000 + 120_000));
      expect(a2i.workforce.tasks()[0]!.slots).toEqual([
        { status: "claimed", workerId: "alice", claimDeadline: new Date(T0 + 125_000) },
        { status: "open" },
        { status: "open" },
      ]);

      claim.submit({ priority: "high" });
      expect(a2i.workforce.tasks()[0]!.slots).toEqual([
        { status: "submitted", workerId: "alice" },
        { status: "open" },
        { status: "open" },
      ]);
    });

    it("filters by humanLoopName, flowDefinitionName and slotStatus", async () => {
      const a = a2i.seedFlowDefinition({ name: "fd-a", taskCount: 2 });
      const b = a2i.seedFlowDefinition({ name: "fd-b", taskCount: 1 });
      await startLoop(runtime, "a-1", a.flowDefinitionArn);
      await startLoop(runtime, "a-2", a.flowDefinitionArn);
      await startLoop(runtime, "b-1", b.flowDefinitionArn);
      a2i.workforce.accept("a-2", { workerId: "w1" });
      a2i.workforce.submit("a-1", { ok: true }, { workerId: "w2" });

      const names = (filter: Parameters<typeof a2i.workforce.tasks>[0]) =>
        a2i.workforce.tasks(filter).map((t) => t.humanLoopName);
      expect(names({})).toEqual(["a-1", "a-2", "b-1"]);
      expect(names({ humanLoopName: "a-2" })).toEqual(["a-2"]);
      expect(names({ humanLoopName: "nope" })).toEqual([]);
      expect(names({ flowDefinitionName: "fd-a" })).toEqual(["a-1", "a-2"]);
      expect(names({ flowDefinitionName: "fd-b" })).toEqual(["b-1"]);
      expect(names({ slotStatus: "claimed" })).toEqual(["a-2"]);
      expect(names({ slotStatus: "submitted" })).toEqual(["a-1"]);
      expect(names({ slotStatus: "open" })).toEqual(["a-1", "a-2", "b-1"]);
      expect(names({ flowDefinitionName: "fd-a", slotStatus: "submitted" })).toEqual(["a-1"]);
    });

    it("lists only loops workers can still see: not Completed, Stopped or deleted ones", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "done", flowDefinitionArn);
      await startLoop(runtime, "stopped", flowDefinitionArn);
      await startLoop(runtime, "open", flowDefinitionArn);
      a2i.workforce.submit("done", { ok: 1 });
      await stopLoop(runtime, "stopped");
      await deleteLoop(runtime, "stopped");

      expect(a2i.workforce.tasks().map((t) => t.humanLoopName)).toEqual(["open"]);
    });
  });

  describe("accept, submit, abandon", () => {
    it("does not let one worker take two slots of one loop, before or after submitting", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.accept("loop-1", { workerId: "bob" });

      const twice = thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "bob" }));
      expect(twice.message).toMatch(/^\[a2i-fake\] /);
      expect(twice.message).toContain("bob");

      a2i.workforce.submit("loop-1", { v: 1 }, { workerId: "carol" });
      const again = thrownBy(() => a2i.workforce.submit("loop-1", { v: 2 }, { workerId: "carol" }));
      expect(again.message).toMatch(/^\[a2i-fake\] /);
      expect(a2i.workforce.tasks()[0]!.slots.filter((s) => s.status === "submitted")).toHaveLength(1);
    });

    it("fills TaskCount slots with distinct workers and refuses one more", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.accept("loop-1", { workerId: "w1" });
      a2i.workforce.accept("loop-1", { workerId: "w2" });
      a2i.workforce.accept("loop-1", { workerId: "w3" });
      expect(a2i.workforce.tasks({ slotStatus: "open" })).toEqual([]);

      const full = thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "w4" }));
      expect(full.message).toMatch(/^\[a2i-fake\] /);
    });

    it("gives each worker a distinct id when none is given", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const ids = [a2i.workforce.accept("loop-1"), a2i.workforce.accept("loop-1"), a2i.workforce.accept("loop-1")].map(
        (c) => c.workerId,
      );
      expect(new Set(ids).size).toBe(3);
    });

    it("completes a TaskCount 3 loop only when the third distinct worker submits; output.json appears then", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
      await startLoop(runtime, "loop-1", flowDefinitionArn, { doc: 7 });
      const uri = (await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!;

      for (const [i, worker] of ["w1", "w2"].entries()) {
        jest.advanceTimersByTime(1_000);
        a2i.workforce.submit("loop-1", { vote: i }, { workerId: worker });
        expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

        const get = await rejectionOf(s3.send(new GetObjectCommand(s3Location(uri))));
        expect(get).toBeInstanceOf(NoSuchKey);
        expect(get.name).toBe("NoSuchKey");
        expect((get.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
        const head = await rejectionOf(s3.send(new HeadObjectCommand(s3Location(uri))));
        expect(head).toBeInstanceOf(NotFound);
        expect((head.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
      }

      jest.advanceTimersByTime(1_000);
      a2i.workforce.submit("loop-1", { vote: 2 }, { workerId: "w3" });
      const described = await describeLoop(runtime, "loop-1");
      expect(described.HumanLoopStatus).toBe("Completed");
      expect(described.HumanLoopOutput).toEqual({ OutputS3Uri: uri });

      const doc = await readOutput(runtime, s3, "loop-1");
      expect(doc.humanAnswers.map((a) => [a.workerId, a.answerContent])).toEqual([
        ["w1", { vote: 0 }],
        ["w2", { vote: 1 }],
        ["w3", { vote: 2 }],
      ]);
      expect(doc.inputContent).toEqual({ doc: 7 });
    });

    it("an abandoned slot returns to the pool and the worker cannot answer with the old claim", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 1 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "quitter" });
      claim.abandon();

      expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
      const late = thrownBy(() => claim.submit({ ok: true }));
      expect(late.message).toMatch(/^\[a2i-fake\] /);
      expect(late.message).toContain("abandoned");
      expect(thrownBy(() => claim.abandon()).message).toMatch(/^\[a2i-fake\] /);

      a2i.workforce.submit("loop-1", { ok: true }, { workerId: "finisher" });
      expect(await statusOf(runtime, "loop-1")).toBe("Completed");
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers.map((a) => a.workerId)).toEqual(["finisher"]);
    });

    it("a claim cannot be submitted twice, and a completed loop takes no new workers", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "w1" });
      claim.submit({ a: 1 });

      expect(thrownBy(() => claim.submit({ a: 2 })).message).toMatch(/^\[a2i-fake\] .*already submitted/);
      expect(thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "w2" })).message).toMatch(/^\[a2i-fake\] .*Completed/);
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers).toHaveLength(1);
    });

    it("answering a deleted loop's task throws an [a2i-fake] error; DescribeHumanLoop says ResourceNotFoundException", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      await stopLoop(runtime, "loop-1");
      await deleteLoop(runtime, "loop-1");

      const err = thrownBy(() => a2i.workforce.submit("loop-1", { ok: true }, { workerId: "w1" }));
      expect(err.message).toMatch(/^\[a2i-fake\] /);
      expect(err.message).toContain("loop-1");
      const described = await rejectionOf(describeLoop(runtime, "loop-1"));
      expect(described).toBeInstanceOf(ResourceNotFoundException);
      expect((described.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    });

    it("a worker can never answer a loop that was never started", () => {
      expect(thrownBy(() => a2i.workforce.accept("ghost")).message).toMatch(/^\[a2i-fake\] No human loop named 'ghost'/);
    });
  });

  describe("stopping with workers on the task (DG:a2i-delete-human-loop)", () => {
    it("stops at once when no worker holds a slot, and takes no more workers", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { part: 1 }, { workerId: "w1" });
      await stopLoop(runtime, "loop-1");

      expect(await statusOf(runtime, "loop-1")).toBe("Stopped");
      expect(thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "w2" })).message).toMatch(/^\[a2i-fake\] /);
      // Answers submitted before the stop are stored in S3 (decisions.md).
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers.map((a) => a.workerId)).toEqual(["w1"]);
    });

    it("stays Stopping while a worker holds a slot; the worker's submission is written when it stops", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 2 });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "busy" });
      await stopLoop(runtime, "loop-1");

      expect(await statusOf(runtime, "loop-1")).toBe("Stopping");
      expect(await outputExists(runtime, s3, "loop-1")).toBe(false);
      expect(thrownBy(() => a2i.workforce.accept("loop-1", { workerId: "late" })).message).toMatch(/^\[a2i-fake\] /);

      claim.submit({ verdict: "ok" });
      expect(await statusOf(runtime, "loop-1")).toBe("Stopped");
      expect((await readOutput(runtime, s3, "loop-1")).humanAnswers.map((a) => a.answerContent)).toEqual([{ verdict: "ok" }]);
    });

    it("a worker who leaves a Stopping task without submitting stops it and cannot return", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      const claim = a2i.workforce.accept("loop-1", { workerId: "leaver" });
      await stopLoop(runtime, "loop-1");
      claim.abandon();

      expect(await statusOf(runtime, "loop-1")).toBe("Stopped");
      expect(thrownBy(() => claim.submit({ x: 1 })).message).toMatch(/^\[a2i-fake\] /);
      expect(await outputExists(runtime, s3, "loop-1")).toBe(false);
    });
  });
});
