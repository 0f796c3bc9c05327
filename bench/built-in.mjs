// Bench: the built-in task types.
//  1. Per call: Textract AnalyzeDocument and Rekognition DetectModerationLabels with HumanLoopConfig through the
//     installed fake (a loop starts on every call: a flow definition without activation conditions), against the
//     FLOOR: the same real client class, SigV4 signing included, answered by a canned-response middleware at the
//     innermost slot with the very JSON the fake answers. Also each call with a condition that does not hold.
//     Rounds alternate floor and fake back to back; the figure is the median over rounds of the paired ratio.
//  2. The activation engine alone over a 2,000-block form: key-value pairs read from the block graph, then four
//     conditions evaluated (ImportantFormKeyConfidenceCheck on "*" with key and word thresholds, a named key with
//     aliases, MissingImportantFormKey, And with Sampling).
import { AnalyzeDocumentCommand, TextractClient } from "@aws-sdk/client-textract";
import { DetectModerationLabelsCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { pathToFileURL } from "node:url";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TextEncoder } from "node:util";
import { cannedFloorClient, fmt, header, loadFake, median, printTable, scaled, timeCalls } from "./lib.mjs";

const { A2IFake, textractForm, moderationLabels } = await loadFake();
const here = dirname(fileURLToPath(import.meta.url));
// The engine's own modules, from the build's tsc output (dist/ holds bundles: its modules are not files there).
const internals = resolve(here, "../build/tsc");
const internal = (path) => import(pathToFileURL(resolve(internals, path)).href);
const { formPairs } = await internal("model/activation/textract-form.js");
const { evaluate } = await internal("model/activation/evaluate.js");
const { parseActivationConditions } = await internal("model/activation/parse-conditions.js");
const { sampler } = await internal("model/activation/sampling.js");

const REGION = "us-east-1";
const ROUNDS = Math.max(3, scaled(15));
const WARMUP = scaled(800);
const ITERATIONS = scaled(400);
const SOURCE = "AWS/Textract/AnalyzeDocument/Forms/V1";
const REKOGNITION_SOURCE = "AWS/Rekognition/DetectModerationLabels/Image/V3";

header("bench/built-in: Textract AnalyzeDocument and Rekognition DetectModerationLabels with HumanLoopConfig, and the activation engine");

// ---- 1. per call -------------------------------------------------------------------------------------------
const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
// A small claim form: 3 key-value pairs, 19 blocks.
a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe", "Policy number:": "P-1234", "Mail address:": { value: "12 Main St", keyConfidence: 55 } }));
// Three labels: Weapons (with its parent Violence) and Suggestive.
a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87.5 }, { name: "Suggestive", confidence: 60 }]));

/** One AI service's call with HumanLoopConfig: a flow definition that always starts a loop, one that never does. */
function service({ Client, Command, source, never, request, label, loopLabel, serviceId, target }) {
  const always = a2i.seedFlowDefinition({ name: `bench-${label}-always`, requestSource: source }).flowDefinitionArn;
  const neverArn = a2i.seedFlowDefinition({ name: `bench-${label}-never`, requestSource: source, activationConditions: { Conditions: [never] } }).flowDefinitionArn;
  const input = (name, arn) => ({ ...request, HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: arn } });
  const cmd = (name, arn) => new Command(input(name, arn));
  // The request as the fake's middleware hands it on (breakdown only: the fake's own work, no SDK).
  const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": target };
  const wire = (name, arn) => ({ method: "POST", path: "/", query: {}, headers, body: new TextEncoder().encode(JSON.stringify(input(name, arn))) });
  return { Client, cmd, wire, serviceId, arns: { loop: always, noLoop: neverArn }, label, loopLabel };
}
const services = [
  service({
    Client: TextractClient,
    Command: AnalyzeDocumentCommand,
    source: SOURCE,
    never: { ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: "Name:" } },
    request: { Document: { S3Object: { Bucket: "claims", Name: "claim.png" } }, FeatureTypes: ["FORMS"] },
    label: "textract",
    serviceId: "Textract",
    target: "Textract.AnalyzeDocument",
    loopLabel: "AnalyzeDocument, a loop starts (19-block form)",
  }),
  service({
    Client: RekognitionClient,
    Command: DetectModerationLabelsCommand,
    source: REKOGNITION_SOURCE,
    never: { ConditionType: "ModerationLabelConfidenceCheck", ConditionParameters: { ModerationLabelName: "Weapons", ConfidenceLessThan: 50 } },
    request: { Image: { S3Object: { Bucket: "uploads", Name: "photo.jpg" } } },
    label: "rekognition",
    serviceId: "Rekognition",
    target: "RekognitionService.DetectModerationLabels",
    loopLabel: "DetectModerationLabels, a loop starts (3 labels)",
  }),
];

function floorClient(Client, body) {
  const activation = body.HumanLoopActivationOutput;
  const json = JSON.stringify({ ...body, HumanLoopActivationOutput: { ...activation, HumanLoopActivationConditionsEvaluationResults: activation.HumanLoopActivationConditionsEvaluationResults?.toString() } });
  return cannedFloorClient(Client, json, { region: REGION, contentType: "application/x-amz-json-1.1" });
}

// The fake's clients (a region and nothing else), the floor's (the fake's very answers, canned), sanity checks.
a2i.install();
for (const s of services) {
  s.fake = new s.Client({ region: REGION });
  const { $metadata: _m1, ...loop } = await s.fake.send(s.cmd(`sample-${s.label}-1`, s.arns.loop));
  const { $metadata: _m2, ...noLoop } = await s.fake.send(s.cmd(`sample-${s.label}-2`, s.arns.noLoop));
  if (!loop.HumanLoopActivationOutput?.HumanLoopArn || noLoop.HumanLoopActivationOutput?.HumanLoopArn) throw new Error(`${s.label}: activation sanity check failed`);
  s.floor = { loop: floorClient(s.Client, loop), noLoop: floorClient(s.Client, noLoop) };
  // Breakdown: the floor answered with HumanLoopActivationOutput alone (floor - bare = reading the model's result).
  s.bare = { loop: floorClient(s.Client, { HumanLoopActivationOutput: loop.HumanLoopActivationOutput }), noLoop: floorClient(s.Client, { HumanLoopActivationOutput: noLoop.HumanLoopActivationOutput }) };
}
a2i.uninstall();

const OPS = ["loop", "noLoop"];
let next = 0;
const t0 = process.hrtime.bigint();
for (const s of services) {
  s.results = { floor: { loop: [], noLoop: [] }, fake: { loop: [], noLoop: [] }, bare: { loop: [], noLoop: [] }, own: { loop: [], noLoop: [] } };
  s.cpu = { floor: { loop: [], noLoop: [] }, fake: { loop: [], noLoop: [] }, bare: { loop: [], noLoop: [] }, own: { loop: [], noLoop: [] } };
  const own = (name, arn) => {
    const answer = a2i.handleWire(s.serviceId, s.wire(name, arn), REGION);
    if (answer.statusCode !== 200) throw new Error(`${s.label}: ${answer.body}`);
    return answer;
  };
  const calls = {
    floor: { loop: (i) => s.floor.loop.send(s.cmd(`floor-${i}`, s.arns.loop)), noLoop: (i) => s.floor.noLoop.send(s.cmd(`floor-${i}`, s.arns.noLoop)) },
    fake: { loop: (i) => s.fake.send(s.cmd(`fake-${i}`, s.arns.loop)), noLoop: (i) => s.fake.send(s.cmd(`none-${i}`, s.arns.noLoop)) },
    bare: { loop: (i) => s.bare.loop.send(s.cmd(`bare-${i}`, s.arns.loop)), noLoop: (i) => s.bare.noLoop.send(s.cmd(`bare-${i}`, s.arns.noLoop)) },
    own: { loop: async (i) => own(`own-${i}`, s.arns.loop), noLoop: async (i) => own(`own-none-${i}`, s.arns.noLoop) },
  };
  const measure = async (variant, op, warmup) => {
    const r = await timeCalls(calls[variant][op], { warmup, iterations: ITERATIONS, start: next });
    next = r.next;
    s.results[variant][op].push(r.usPerCall);
    s.cpu[variant][op].push(r.cpuUsPerCall);
  };
  for (let round = 0; round < ROUNDS; round++) {
    const warmup = round === 0 ? WARMUP : Math.ceil(ITERATIONS / 10);
    for (const op of OPS) {
      await measure("floor", op, warmup);
      a2i.install();
      await measure("fake", op, warmup);
      a2i.uninstall();
      a2i.resetHistory();
      await measure("bare", op, warmup);
      await measure("own", op, warmup);
      a2i.resetHistory();
    }
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const paired = (op, r) => median(r.fake[op].map((x, i) => x / r.floor[op][i]));
const rows = [];
const verdicts = [];
for (const s of services) {
  for (const op of OPS) {
    const ratio = paired(op, s.results);
    const r = s.results;
    const c = s.cpu;
    rows.push([
      op === "loop" ? s.loopLabel : `  no loop (condition false)`,
      fmt(median(r.floor[op])),
      fmt(median(r.fake[op])),
      fmt(ratio, 2),
      fmt(paired(op, s.cpu), 2),
      fmt(median(c.floor[op].map((x, i) => x - c.bare[op][i]))),
      fmt(median(c.own[op])),
      fmt(median(c.fake[op].map((x, i) => x - c.own[op][i]))),
    ]);
    verdicts.push(`${ratio <= 0.4 ? "MET" : "NOT MET"} (${s.label}, ${op === "loop" ? "loop" : "no loop"})`);
  }
}
printTable(
  `${ROUNDS} rounds x ${ITERATIONS} sequential awaited calls per variant; medians over rounds; ${fmt(seconds)} s in all`,
  ["call with HumanLoopConfig", "floor µs", "fake µs", "fake/floor", "(cpu)", "reading", "own", "SDK"],
  rows,
);
console.log(`
floor = the real client (TextractClient, RekognitionClient), SigV4 signing, canned HTTP response (the fake's own
        answer) at the innermost slot
fake  = the same client class under a2i.install(): condition evaluation, camelCase loop input, StartHumanLoop's
        machinery (task slots, the seeded task UI rendered), call history
Breakdown in CPU µs per call (medians of per-round differences; CPU time is what load disturbs least): reading = floor minus the same floor answered with
HumanLoopActivationOutput alone: the SDK reading the model's result (deserializer and log filter), which a faked
client reads once per declared result (src/transport/answer-parts.ts) and a fake
answering over HTTP pays on every call; own = a2i.handleWire alone (parse, validate, evaluate, loop input, StartHumanLoop,
render, response JSON); SDK = fake minus own: the client's stack under the fake (no signing, cached chain).
Goal (issue 14, as DescribeHumanLoop): fake/floor <= 0.4 -> ${verdicts.join(", ")}`);

// ---- 2. the engine over 2,000 blocks ---------------------------------------------------------------------
const fields = {};
for (let i = 0; i < 285; i++) fields[`Field ${i}:`] = { value: `value ${i}`, keyConfidence: 50 + (i % 50), wordConfidence: [99, 98, 70 + (i % 30), 99] };
const big = textractForm(fields);
const conditions = parseActivationConditions(
  JSON.stringify({
    Conditions: [
      { ConditionType: "ImportantFormKeyConfidenceCheck", ConditionParameters: { ImportantFormKey: "*", KeyValueBlockConfidenceLessThan: 60, WordBlockConfidenceLessThan: 80 } },
      { ConditionType: "ImportantFormKeyConfidenceCheck", ConditionParameters: { ImportantFormKey: "Field 200:", ImportantFormKeyAliases: ["Field 201:", "Field 202:"], KeyValueBlockConfidenceGreaterThan: 10 } },
      { ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: "Signature:" } },
      { And: [{ ConditionType: "ImportantFormKeyConfidenceCheck", ConditionParameters: { ImportantFormKey: "*", WordBlockConfidenceLessThan: 90 } }, { ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: 10 } }] },
    ],
  }),
  SOURCE,
);
const decide = sampler(1, "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/bench", "s3://claims/big.png", undefined);
const engine = () => evaluate(conditions, { kind: "form", pairs: formPairs(big.Blocks) }, decide);
const ev = engine();
const n = scaled(300);
for (let i = 0; i < 20; i++) engine();
const runs = [];
for (let r = 0; r < 7; r++) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) engine();
  runs.push(Number(process.hrtime.bigint() - t) / 1e6 / n);
}
printTable(
  `the engine: ${big.Blocks.length} blocks, ${formPairs(big.Blocks).length} key-value pairs, 4 conditions (${ev.selected === "all" ? "all" : ev.selected.size} pairs selected); ${n} evaluations x 7 runs`,
  ["step", "median ms", "best ms"],
  [["formPairs + evaluate", fmt(median(runs), 3), fmt(Math.min(...runs), 3)]],
);
