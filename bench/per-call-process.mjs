// Per call, one variant per process: DescribeHumanLoop, StartHumanLoop, and StartHumanLoop with a typical worker task
// template rendered at start (issue 15; bench/lib.mjs TYPICAL_TEMPLATE) through the installed fake, and the signed
// floor (the same client class, SigV4, a canned answer at the innermost slot), each alone in a fresh node process, as
// a test process holds only faked clients. Also Textract AnalyzeDocument and Rekognition DetectModerationLabels with
// HumanLoopConfig (issue 14), a loop starting and not, against the same clients' floor answered with the fake's very
// JSON. bench/per-call.mjs and bench/built-in.mjs run every variant in one process: the SDK's shared code then sees
// both kinds of client config and runs slower for both (its `{ ...config }` copies go megamorphic).
// Rounds alternate floor and fake; medians of the paired ratio. Usage: node bench/per-call-process.mjs
// (PER_CALL_ROUNDS=3; PER_CALL_OPS=d,s,t,a,an,m,mn picks operations; BENCH_SCALE scales the calls per process).
import { spawnSync } from "node:child_process";
import { TextEncoder } from "node:util";
import { fileURLToPath } from "node:url";
import { cannedFloorClient, fmt, header, loadFake, median, printTable, scaled, TYPICAL_TEMPLATE, TYPICAL_TEMPLATE_INPUT } from "./lib.mjs";

/** Operation code → its row label and calls per process (warm-up, measured): built-in calls cost 2-9x more. */
const OPS = {
  d: { label: "DescribeHumanLoop", warmup: 5000, n: 30000 },
  s: { label: "StartHumanLoop", warmup: 5000, n: 30000 },
  t: { label: "StartHumanLoop, typical template", warmup: 5000, n: 30000 },
  a: { label: "AnalyzeDocument, a loop starts (19-block form)", warmup: 2000, n: 8000 },
  an: { label: "AnalyzeDocument, no loop", warmup: 2000, n: 8000 },
  m: { label: "DetectModerationLabels, a loop starts", warmup: 3000, n: 15000 },
  mn: { label: "DetectModerationLabels, no loop", warmup: 3000, n: 15000 },
};

const [variant, op] = process.argv.slice(2);
if (variant) await child(variant, op);
else main();

function main() {
  header("bench/per-call-process: one variant per process, µs per call");
  const rounds = Number(process.env.PER_CALL_ROUNDS ?? 3);
  const rows = [];
  const ops = (process.env.PER_CALL_OPS ?? Object.keys(OPS).join(",")).split(",");
  for (const op of ops) {
    if (!OPS[op]) throw new Error(`[a2i-fake bench] PER_CALL_OPS: unknown operation ${op} (one of ${Object.keys(OPS).join(", ")})`);
    const name = OPS[op].label;
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
  printTable(`${rounds} rounds, each variant in its own process (30,000 calls after 5,000 of warm-up; built-in calls 8,000-15,000; x BENCH_SCALE)`, ["operation", "floor µs", "fake µs", "fake/floor", "(cpu)"], rows);
  console.log("Goals: fake/floor <= 0.40 (issue 13: Describe, Start; issue 15: Start with a typical template rendered; issue 14: the built-in calls).");
}

function run(v, op) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), v, op], { encoding: "utf8", env: process.env });
  if (r.status !== 0) throw new Error(`[a2i-fake bench] ${v} ${op}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

async function child(v, op) {
  if (op === "a" || op === "an" || op === "m" || op === "mn") return builtInChild(v, op);
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
  await measure(call, op, () => a2i.resetHistory());
}

/** Textract AnalyzeDocument (a, an) or Rekognition DetectModerationLabels (m, mn), with HumanLoopConfig. */
async function builtInChild(v, op) {
  const textract = op === "a" || op === "an";
  const sdk = textract ? await import("@aws-sdk/client-textract") : await import("@aws-sdk/client-rekognition");
  const [Client, Command] = textract ? [sdk.TextractClient, sdk.AnalyzeDocumentCommand] : [sdk.RekognitionClient, sdk.DetectModerationLabelsCommand];
  const { A2IFake, textractForm, moderationLabels } = await loadFake();
  const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
  // As bench/built-in.mjs: a 19-block claim form; two moderation labels (Weapons under Violence, Suggestive).
  a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe", "Policy number:": "P-1234", "Mail address:": { value: "12 Main St", keyConfidence: 55 } }));
  a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87.5 }, { name: "Suggestive", confidence: 60 }]));
  const never = textract
    ? { ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: "Name:" } }
    : { ConditionType: "ModerationLabelConfidenceCheck", ConditionParameters: { ModerationLabelName: "Weapons", ConfidenceLessThan: 50 } };
  const requestSource = textract ? "AWS/Textract/AnalyzeDocument/Forms/V1" : "AWS/Rekognition/DetectModerationLabels/Image/V3";
  const loop = op === "a" || op === "m";
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "bench-fd", requestSource, ...(loop ? {} : { activationConditions: { Conditions: [never] } }) });
  const request = textract
    ? { Document: { S3Object: { Bucket: "claims", Name: "claim.png" } }, FeatureTypes: ["FORMS"] }
    : { Image: { S3Object: { Bucket: "uploads", Name: "photo.jpg" } } };
  const input = (name) => ({ ...request, HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn } });
  a2i.install();
  let client = new Client({ region: "us-east-1" });
  const sample = await client.send(new Command(input("bench-sample")));
  if (Boolean(sample.HumanLoopActivationOutput?.HumanLoopArn) !== loop) throw new Error(`[a2i-fake bench] ${op}: activation sanity check failed`);
  if (v === "floor") {
    // The floor answers with the very JSON the fake answers.
    const target = textract ? "Textract.AnalyzeDocument" : "RekognitionService.DetectModerationLabels";
    const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": target };
    const wire = { method: "POST", path: "/", query: {}, headers, body: new TextEncoder().encode(JSON.stringify(input("bench-floor"))) };
    const { body } = a2i.handleWire(textract ? "Textract" : "Rekognition", wire, "us-east-1");
    a2i.uninstall();
    client = cannedFloorClient(Client, body, { contentType: "application/x-amz-json-1.1" });
  }
  await measure((i) => client.send(new Command(input(`n-${i}`))), op, () => a2i.resetHistory());
}

/** Time `call(i)` after a warm-up; prints the child's JSON line. `forget` runs every 5,000 calls (a suite's reset). */
async function measure(call, op, forget) {
  const warmup = scaled(OPS[op].warmup);
  const n = scaled(OPS[op].n);
  for (let i = 0; i < warmup; i++) await call(i);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = warmup; i < warmup + n; i++) {
    await call(i);
    if (i % 5000 === 0) forget(); // a suite's afterEach(reset) forgets the call history
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ us: Number(process.hrtime.bigint() - t0) / 1e3 / n, cpuUs: (cpu.user + cpu.system) / n }));
}
