// Memory checks (issue 10): not a test, nothing asserted; figures to paste into the issue note.
// Usage: npm run memory [-- <check> ...]   (builds dist/, then runs each check in its own node --expose-gc process)
//        node --expose-gc bench/memory.mjs <check>   (one check, in this process)
// Checks: heap-per-loop, heap-after-reset, server-rss-16mib, throwaway-clients. To add one, add an entry to CHECKS:
// an async function that returns rows of [figure, value]. bench/run.mjs runs them all (no argument).
import { spawnSync } from "node:child_process";
import { setImmediate, setInterval, clearInterval } from "node:timers";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { header, loadFake, printTable, scaled } from "./lib.mjs";

const MiB = 2 ** 20;
const gc = () => {
  if (!globalThis.gc) throw new Error("run with node --expose-gc");
  for (let i = 0; i < 3; i++) globalThis.gc();
};
const heap = () => (gc(), process.memoryUsage().heapUsed);
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;

/** An in-process fake with one seeded flow definition and `n` loops started through the real SDK client. */
async function startLoops(a2i, n, offset = 0) {
  const { SageMakerA2IRuntimeClient, StartHumanLoopCommand } = await import("@aws-sdk/client-sagemaker-a2i-runtime");
  const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
  const { flowDefinitionArn } = a2i.flowDefinitions()[0] ?? a2i.seedFlowDefinition({ name: "memory" });
  for (let i = 0; i < n; i++) {
    await runtime.send(
      new StartHumanLoopCommand({
        HumanLoopName: `loop-${offset + i}`,
        FlowDefinitionArn: flowDefinitionArn,
        HumanLoopInput: { InputContent: JSON.stringify({ item: offset + i, text: "x".repeat(200) }) },
      }),
    );
  }
}

export const CHECKS = {
  /** Heap per retained loop: InProgress loops with a 200-character input, kept in state and in the call history. */
  async "heap-per-loop"() {
    const { A2IFake } = await loadFake();
    const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 1_000_000 } }).install();
    await startLoops(a2i, 200); // warm-up: SDK client, caches
    const n = scaled(20_000);
    const before = heap();
    await startLoops(a2i, n, 1000);
    const after = heap();
    a2i.resetHistory();
    const withoutHistory = heap();
    a2i.uninstall();
    return [
      [`${n} loops started`, mib(after - before)],
      ["heap per loop (state + call history)", `${((after - before) / n / 1024).toFixed(2)} KiB`],
      ["heap per loop (state only, after resetHistory)", `${((withoutHistory - before) / n / 1024).toFixed(2)} KiB`],
    ];
  },

  /** Heap after reset(): what 20,000 loops and their calls leave behind once the fake is reset. */
  async "heap-after-reset"() {
    const { A2IFake } = await loadFake();
    const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 1_000_000 } }).install();
    await startLoops(a2i, 200);
    a2i.reset();
    const baseline = heap();
    const n = scaled(20_000);
    await startLoops(a2i, n);
    const full = heap();
    a2i.reset();
    const after = heap();
    a2i.uninstall();
    return [
      ["baseline (installed, reset)", mib(baseline)],
      [`after ${n} loops`, mib(full)],
      ["after reset()", `${mib(after)} (${mib(after - baseline)} above baseline)`],
      ["timers left", String(a2i.pendingTimers())],
    ];
  },

  /** Server RSS while 20 clients each send a 16 MiB StartHumanLoop body at once (refused: InputContent over 3 MiB). */
  async "server-rss-16mib"() {
    const { startServer } = await loadFake();
    const server = await startServer({ port: 0 });
    const body = Buffer.from(
      JSON.stringify({
        HumanLoopName: "big",
        FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/none",
        HumanLoopInput: { InputContent: "x".repeat(16 * MiB - 200) },
      }),
    );
    gc();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const send = () =>
      new Promise((resolve, reject) => {
        const req = request(`${server.url}/human-loops`, { method: "POST", headers: { "content-type": "application/json", "content-length": body.length } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode));
        });
        req.on("error", reject);
        req.end(body);
      });
    const statuses = await Promise.all(Array.from({ length: 20 }, send));
    clearInterval(sample);
    const calls = server.fake.calls().length;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    await server.close();
    return [
      ["body size", `${mib(body.length)} x 20 concurrent`],
      ["answers", [...new Set(statuses)].join(", ")],
      ["RSS before (client + server in one process; the bodies themselves are 320 MiB)", mib(rssBefore)],
      ["peak RSS", `${mib(peak)} (+${mib(peak - rssBefore)})`],
      ["heap after, calls recorded", `${mib(heapAfter)}, ${calls}`],
    ];
  },
};

/**
 * Heap after 20,000 throwaway clients (issue 10 item 7): a handler that builds a SageMakerA2IRuntimeClient per call,
 * as Lambda code often does, under an installed fake. Faked clients are held weakly, so the heap after gc should
 * not grow with the number of clients the test dropped.
 */
CHECKS["throwaway-clients"] = async () => {
  const { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } = await import("@aws-sdk/client-sagemaker-a2i-runtime");
  const { A2IFake } = await loadFake();
  const N = scaled(20_000);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const a2i = new A2IFake().install();
  a2i.seedFlowDefinition({ name: "fd" });
  async function handler(i) {
    const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
    try {
      await client.send(new DescribeHumanLoopCommand({ HumanLoopName: `missing-${i}` }));
    } catch (err) {
      if (err.name !== "ResourceNotFoundException") throw err;
    }
  }
  await handler(-1); // the SDK's own lazy loads and caches
  await settle();
  const base = heap();
  const t0 = Date.now();
  for (let i = 0; i < N; i++) await handler(i);
  const elapsed = Date.now() - t0;
  await settle();
  const after = heap();
  a2i.reset();
  await settle();
  const afterReset = heap();
  const live = a2i["transport"].liveClientCount();
  a2i.uninstall();
  return [
    ["baseline heap", mib(base)],
    [`after ${N} throwaway clients`, `${mib(after)} (+${mib(after - base)})`],
    ["after reset()", `${mib(afterReset)} (+${mib(afterReset - base)})`],
    ["faked clients still alive after gc", String(live)],
    ["per client (build + first call)", `${((elapsed / N) * 1000).toFixed(0)} µs`],
  ];
};

const chosen = process.argv.slice(2);
if (chosen.length === 1 && CHECKS[chosen[0]]) {
  header(`memory: ${chosen[0]}`);
  printTable(chosen[0], ["figure", "value"], await CHECKS[chosen[0]]());
  process.exit(0);
}
const names = chosen.length > 0 ? chosen : Object.keys(CHECKS);
const unknown = names.filter((n) => !CHECKS[n]);
if (unknown.length > 0) {
  console.error(`[a2i-fake memory] unknown check ${unknown.join(", ")}; choose from ${Object.keys(CHECKS).join(", ")}.`);
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), name], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
