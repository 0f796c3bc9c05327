/**
 * Auto-responders: simulated workers that answer every new task on the fake clock
 * (decisions.md "Time and workers": nothing answers unless the test drives workers or sets one).
 */
import {
  T0,
  clients,
  describeLoop,
  installFake,
  readOutput,
  startLoop,
  statusOf,
  useJestFakeTimers,
} from "./support.js";

describe("workforce.autoRespond", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const { runtime, s3 } = clients();

  it("answers every new task with a fixed answer after workMs", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    a2i.workforce.autoRespond({ answer: { label: "cat" }, workMs: 5_000 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    await startLoop(runtime, "loop-2", flowDefinitionArn);

    expect(a2i.workforce.tasks().map((t) => t.slots)).toEqual([
      [{ status: "claimed", workerId: "auto-worker-1", claimDeadline: new Date(T0 + 3_600_000) }],
      [{ status: "claimed", workerId: "auto-worker-1", claimDeadline: new Date(T0 + 3_600_000) }],
    ]);
    jest.advanceTimersByTime(4_999);
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
    jest.advanceTimersByTime(1);
    expect(await statusOf(runtime, "loop-1")).toBe("Completed");
    expect(await statusOf(runtime, "loop-2")).toBe("Completed");

    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers).toHaveLength(1);
    expect(doc.humanAnswers[0]).toMatchObject({
      answerContent: { label: "cat" },
      workerId: "auto-worker-1",
      acceptanceTime: new Date(T0).toISOString(),
      submissionTime: new Date(T0 + 5_000).toISOString(),
      timeSpentInSeconds: 5,
    });
  });

  it("computes the answer from the loop's input (InputContent, parsed) and its task", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    a2i.workforce.autoRespond({
      answer: (input, task) => ({ shout: (input as { text: string }).text.toUpperCase(), loop: task.humanLoopName }),
      workMs: 100,
    });
    await startLoop(runtime, "loop-1", flowDefinitionArn, { text: "hello" });
    await startLoop(runtime, "loop-2", flowDefinitionArn, { text: "bye" });
    jest.advanceTimersByTime(100);

    expect((await readOutput(runtime, s3, "loop-1")).humanAnswers[0]!.answerContent).toEqual({ shout: "HELLO", loop: "loop-1" });
    expect((await readOutput(runtime, s3, "loop-2")).humanAnswers[0]!.answerContent).toEqual({ shout: "BYE", loop: "loop-2" });
  });

  it("uses the default workMs of 1000 and accepts after acceptAfterMs", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    a2i.workforce.autoRespond({ answer: { ok: true }, acceptAfterMs: 30_000 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);

    jest.advanceTimersByTime(29_999);
    expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
    jest.advanceTimersByTime(1);
    expect(a2i.workforce.tasks()[0]!.slots[0]!.status).toBe("claimed");
    jest.advanceTimersByTime(999);
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
    jest.advanceTimersByTime(1);
    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers[0]!.acceptanceTime).toBe(new Date(T0 + 30_000).toISOString());
    expect(doc.humanAnswers[0]!.timeSpentInSeconds).toBe(1);
  });

  it("answers only loops of the flow definition it is given (by name or ARN)", async () => {
    const a = a2i.seedFlowDefinition({ name: "fd-a" });
    const b = a2i.seedFlowDefinition({ name: "fd-b" });
    const c = a2i.seedFlowDefinition({ name: "fd-c" });
    a2i.workforce.autoRespond({ flowDefinition: "fd-a", answer: { by: "name" }, workMs: 10 });
    a2i.workforce.autoRespond({ flowDefinition: c.flowDefinitionArn, answer: { by: "arn" }, workMs: 10 });
    await startLoop(runtime, "a-1", a.flowDefinitionArn);
    await startLoop(runtime, "b-1", b.flowDefinitionArn);
    await startLoop(runtime, "c-1", c.flowDefinitionArn);
    jest.advanceTimersByTime(60 * 60 * 1000);

    expect(await statusOf(runtime, "a-1")).toBe("Completed");
    expect(await statusOf(runtime, "b-1")).toBe("InProgress");
    expect(await statusOf(runtime, "c-1")).toBe("Completed");
    expect((await readOutput(runtime, s3, "a-1")).humanAnswers[0]!.answerContent).toEqual({ by: "name" });
    expect((await readOutput(runtime, s3, "c-1")).humanAnswers[0]!.answerContent).toEqual({ by: "arn" });
    expect(a2i.workforce.tasks().map((t) => t.humanLoopName)).toEqual(["b-1"]);
  });

  it("sends TaskCount distinct workers to each loop (TaskCount 3)", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
    a2i.workforce.autoRespond({ answer: { vote: "yes" }, workMs: 2_000, workerIdPrefix: "crowd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    expect(a2i.workforce.tasks()[0]!.slots.map((s) => s.workerId)).toEqual(["crowd-1", "crowd-2", "crowd-3"]);

    jest.advanceTimersByTime(2_000);
    expect(await statusOf(runtime, "loop-1")).toBe("Completed");
    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers.map((a) => a.workerId)).toEqual(["crowd-1", "crowd-2", "crowd-3"]);
    expect(doc.humanAnswers.map((a) => a.answerContent)).toEqual([{ vote: "yes" }, { vote: "yes" }, { vote: "yes" }]);
  });

  it("with fewer workers than TaskCount leaves the loop InProgress for a human to finish", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskCount: 3 });
    a2i.workforce.autoRespond({ answer: { vote: "auto" }, workMs: 1_000, workers: 2 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(10_000);

    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
    expect(a2i.workforce.tasks()[0]!.slots.map((s) => s.status)).toEqual(["submitted", "submitted", "open"]);
    a2i.workforce.submit("loop-1", { vote: "human" }, { workerId: "human" });
    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers.map((a) => a.workerId)).toEqual(["auto-worker-1", "auto-worker-2", "human"]);
  });

  it("picks up loops already InProgress when it is set", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(60_000);
    a2i.workforce.autoRespond({ answer: { late: true }, workMs: 500 });
    jest.advanceTimersByTime(500);

    const doc = await readOutput(runtime, s3, "loop-1");
    expect(doc.humanAnswers[0]!.acceptanceTime).toBe(new Date(T0 + 60_000).toISOString());
    expect(doc.humanAnswers[0]!.answerContent).toEqual({ late: true });
  });

  it('action "abandon": workers leave the task, which then expires (Failed / Expired)', async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 600 });
    a2i.workforce.autoRespond({ action: "abandon", workMs: 1_000 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    expect(a2i.workforce.tasks()[0]!.slots[0]!.status).toBe("claimed");

    jest.advanceTimersByTime(1_000);
    expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");

    jest.advanceTimersByTime(599_000);
    const described = await describeLoop(runtime, "loop-1");
    expect(described.HumanLoopStatus).toBe("Failed");
    expect(described.FailureCode).toBe("Expired");
  });

  it('action "ignore": nobody takes the task, which then expires', async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskAvailabilityLifetimeSeconds: 60 });
    a2i.workforce.autoRespond({ action: "ignore", answer: { never: true } });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(59_999);
    expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
    jest.advanceTimersByTime(1);
    expect((await describeLoop(runtime, "loop-1")).FailureCode).toBe("Expired");
  });

  it("a worker who takes longer than TaskTimeLimitInSeconds lapses; the loop is not answered", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskTimeLimitSeconds: 30 });
    a2i.workforce.autoRespond({ answer: { slow: true }, workMs: 45_000 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(45_000);
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
    expect(a2i.workforce.tasks()[0]!.slots).toEqual([{ status: "open" }]);
  });

  it("cancel(): new loops are not answered and work in progress is dropped", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", taskTimeLimitSeconds: 60 });
    const responder = a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 5_000 });
    await startLoop(runtime, "before-cancel", flowDefinitionArn);
    jest.advanceTimersByTime(1_000);
    responder.cancel();
    await startLoop(runtime, "after-cancel", flowDefinitionArn);
    jest.advanceTimersByTime(10_000);

    expect(await statusOf(runtime, "before-cancel")).toBe("InProgress");
    expect(await statusOf(runtime, "after-cancel")).toBe("InProgress");
    expect(a2i.workforce.tasks({ humanLoopName: "after-cancel" })[0]!.slots).toEqual([{ status: "open" }]);
    // The dropped worker's claim lapses like any other: its slot is open again after TaskTimeLimitInSeconds.
    jest.advanceTimersByTime(60_000);
    expect(a2i.workforce.tasks({ humanLoopName: "before-cancel" })[0]!.slots).toEqual([{ status: "open" }]);
  });

  it("reset() removes auto-responders", async () => {
    a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 10 });
    a2i.reset();
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(60_000);
    expect(await statusOf(runtime, "loop-1")).toBe("InProgress");
  });

  it("leaves no timer behind once every loop is answered and nothing else is due", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 10 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    jest.advanceTimersByTime(10);
    expect(await statusOf(runtime, "loop-1")).toBe("Completed");
    expect(a2i.pendingTimers()).toBe(0);
    a2i.reset();
    expect(a2i.pendingTimers()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
