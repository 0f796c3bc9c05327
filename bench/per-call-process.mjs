// Per call, one variant per process: DescribeHumanLoop, StartHumanLoop, and StartHumanLoop with a typical worker task
// template rendered at start (issue 15; bench/lib.mjs TYPICAL_TEMPLATE) through the installed fake, and the signed
// floor (the same client class, SigV4, a canned answer at the innermost slot), each alone in a fresh node process, as
// a test process holds only faked clients. bench/per-call.mjs runs every variant in one process: the SDK's shared
// code then sees both kinds of client config and runs slower for both (its `{ ...config }` copies go megamorphic).
// Rounds alternate floor and fake; medians of the paired ratio. Usage: node bench/per-call-process.mjs
// (PER_CALL_ROUNDS=3, BENCH_SCALE scales the 30,000 calls per process).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cannedFloorClient, fmt, header, loadFake, median, printTable, scaled, TYPICAL_TEMPLATE, TYPICAL_TEMPLATE_INPUT } from "./lib.mjs";

const [variant, op] = process.argv.slice(2);
if (variant) await child(variant, op);
else main();

function main() {
  header("bench/per-call-process: one variant per process, µs per call");
  const rounds = Number(process.env.PER_CALL_ROUNDS ?? 3);
  const rows = [];
  for (const [name, op] of [["DescribeHumanLoop", "d"], ["StartHumanLoop", "s"], ["StartHumanLoop, typical template", "t"]]) {
    const r = { floor: [], fake: [], ratio: [], cpuRatio: [] };
    for (let k = 0; k < rounds; k++) {
      const [a, b] = k % 2 ? ["fake", "floor"] : ["floor", "fake"];
      const out = Object.fromEntries([a, b].map((v) => [v, run(v, op)]));
      r.floor.push(out.floor.us);
      r.fake.push(out.fake.us);
      r.ratio.push(out.fake.us / out.floor.us);
      r.cpuRatio.push(out.fake.cpuUs / out.floor.cpuUs);
    }
    rows.push([name, fmt(median(r.floor)), fmt(median(r.fake)), fmt(median(r.ratio), 2), fmt(median(r.cpuRatio), 2)]);
  }
  printTable(`${rounds} rounds, each variant in its own process (30,000 calls after 5,000 of warm-up, x BENCH_SCALE)`, ["operation", "floor µs", "fake µs", "fake/floor", "(cpu)"], rows);
  console.log("Goals: fake/floor <= 0.40 (issue 13: Describe, Start; issue 15: Start with a typical template rendered).");
}

function run(v, op) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), v, op], { encoding: "utf8", env: process.env });
  if (r.status !== 0) throw new Error(`[a2i-fake bench] ${v} ${op}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

async function child(v, op) {
  const { SageMakerA2IRuntimeClient, DescribeHumanLoopCommand, StartHumanLoopCommand } = await import("@aws-sdk/client-sagemaker-a2i-runtime");
  const { A2IFake } = await loadFake();
  const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
  const { flowDefinitionArn } =
    op === "t"
      ? a2i.seedFlowDefinition({ name: "bench-fd", humanTaskUiArn: a2i.seedHumanTaskUi({ name: "bench-typical", content: TYPICAL_TEMPLATE }).humanTaskUiArn })
      : a2i.seedFlowDefinition({ name: "bench-fd" });
  const INPUT = op === "t" ? TYPICAL_TEMPLATE_INPUT : { InputContent: JSON.stringify({ question: "Is this an invoice?" }) };
  const start = (client, name) => client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: INPUT }));
  a2i.install();
  let client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
  await start(client, "bench-describe");
  if (op === "t" && !a2i.workforce.tasks({ humanLoopName: "bench-describe" })[0]?.html.includes("X-Amz-Signature=")) {
    throw new Error("[a2i-fake bench] the typical template did not render");
  }
  if (v === "floor") {
    // The floor answers with the very JSON the fake answers.
    const wire = { method: "GET", path: "/human-loops/bench-describe", query: {}, headers: {}, body: undefined };
    const body = op === "d" ? a2i.handleWire("SageMaker A2I Runtime", wire, "us-east-1").body : JSON.stringify({ HumanLoopArn: "arn:aws:sagemaker:us-east-1:123456789012:human-loop/floor" });
    a2i.uninstall();
    client = cannedFloorClient(SageMakerA2IRuntimeClient, body);
  }
  const call = (i) => (op === "d" ? client.send(new DescribeHumanLoopCommand({ HumanLoopName: "bench-describe" })) : start(client, `n-${i}`));
  const warmup = scaled(5000);
  const n = scaled(30000);
  for (let i = 0; i < warmup; i++) await call(i);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = warmup; i < warmup + n; i++) {
    await call(i);
    if (i % 5000 === 0) a2i.resetHistory(); // a suite's afterEach(reset) forgets the call history
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ us: Number(process.hrtime.bigint() - t0) / 1e3 / n, cpuUs: (cpu.user + cpu.system) / n }));
}
