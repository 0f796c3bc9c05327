// Bench 3: 10,000 human loops with TaskCount 3 answered by an auto-responder on an explicit
// @sinonjs/fake-timers clock: started through the SDK, then driven to completion with clock.tick.
// Reports total time, time per loop and heap per loop (run with --expose-gc).
import { createClock } from "@sinonjs/fake-timers";
import {
  SageMakerA2IRuntimeClient,
  DescribeHumanLoopCommand,
  StartHumanLoopCommand,
  paginateListHumanLoops,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { fmt, header, loadFake, printTable, scaled } from "./lib.mjs";

if (typeof globalThis.gc !== "function") {
  console.error("bench/auto-respond needs node --expose-gc (npm run bench passes it).");
  process.exit(1);
}
const { A2IFake } = await loadFake();
const REGION = "us-east-1";
const LOOPS = scaled(10_000);
const WORK_MS = 1000;

header(`bench/auto-respond: ${LOOPS} loops, TaskCount 3, autoRespond({ workMs: ${WORK_MS} }), sinon clock`);

const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const clock = createClock();
const a2i = new A2IFake({ clock, quotas: { maxInProgressHumanLoops: Math.max(LOOPS, 10_000) } });
const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "bench-auto", taskCount: 3 });
a2i.install();
const client = new SageMakerA2IRuntimeClient({ region: REGION });
// Warm the client (first-call set-up is not per-loop cost): an unknown loop answers ResourceNotFoundException.
await client.send(new DescribeHumanLoopCommand({ HumanLoopName: "warm-up" })).catch(() => undefined);
a2i.resetHistory?.();

const heap0 = heap();
const t0 = process.hrtime.bigint();
const responder = a2i.workforce.autoRespond({ answer: { ok: true }, workMs: WORK_MS });
for (let i = 0; i < LOOPS; i++) {
  await client.send(
    new StartHumanLoopCommand({
      HumanLoopName: `auto-${i}`,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify({ item: i }) },
    }),
  );
}
const t1 = process.hrtime.bigint();
const heapStarted = heap();
// Workers accept at the loop's start and submit WORK_MS later: one tick of WORK_MS should finish every loop.
// The completion check (status-change events) is kept out of the timed section.
const completedEvents = () => a2i.events.filter((e) => e.detail.humanLoopStatus === "Completed").length;
let tickNs = 0n;
let ticks = 0;
while (ticks < 10 && (ticks === 0 || completedEvents() < LOOPS)) {
  const tick0 = process.hrtime.bigint();
  clock.tick(WORK_MS);
  tickNs += process.hrtime.bigint() - tick0;
  ticks++;
}
responder.cancel();
const heapDone = heap();
a2i.resetHistory?.();
const heapNoHistory = heap();

// Verify: every loop Completed, through the SDK's own paginator, and one output.json each.
let completed = 0;
let listed = 0;
for await (const page of paginateListHumanLoops({ client, pageSize: 100 }, { FlowDefinitionArn: flowDefinitionArn })) {
  for (const s of page.HumanLoopSummaries ?? []) {
    listed++;
    if (s.HumanLoopStatus === "Completed") completed++;
  }
}
const outputs = a2i.outputs();
const answers = outputs.every((o) => o.document.humanAnswers.length === 3);
a2i.uninstall();
if (completed !== LOOPS || listed !== LOOPS || outputs.length !== LOOPS || !answers) {
  throw new Error(`expected ${LOOPS} Completed loops with 3 answers each; listed ${listed}, Completed ${completed}, outputs ${outputs.length}`);
}

const ms = (a, b) => Number(b - a) / 1e6;
const startMs = ms(t0, t1);
const tickMs = Number(tickNs) / 1e6;
const totalMs = startMs + tickMs;
const kb = (bytes) => bytes / 1024;
printTable(
  `${LOOPS} loops x 3 tasks; clock.tick(${WORK_MS}) x ${ticks}; verified: ${completed} Completed (ListHumanLoops pages), ${outputs.length} outputs`,
  ["phase", "total ms", "µs per loop"],
  [
    ["start (SDK StartHumanLoop, sequential)", fmt(startMs), fmt((startMs * 1000) / LOOPS)],
    ["clock.tick to completion (3 accepts + 3 submits + output.json)", fmt(tickMs), fmt((tickMs * 1000) / LOOPS)],
    ["total", fmt(totalMs), fmt((totalMs * 1000) / LOOPS)],
  ],
);
printTable(
  "heap (process.memoryUsage().heapUsed after globalThis.gc())",
  ["state", "heap MB", "KB per loop over baseline"],
  [
    ["baseline (fake + client + responder set up)", fmt(heap0 / 2 ** 20), "-"],
    [`after ${LOOPS} starts (all InProgress)`, fmt(heapStarted / 2 ** 20), fmt(kb(heapStarted - heap0) / LOOPS, 2)],
    [`after completion (${LOOPS} Completed + output.json)`, fmt(heapDone / 2 ** 20), fmt(kb(heapDone - heap0) / LOOPS, 2)],
    ["... after a2i.resetHistory() (call history freed)", fmt(heapNoHistory / 2 ** 20), fmt(kb(heapNoHistory - heap0) / LOOPS, 2)],
  ],
);
