// Bench: the built-in task types.
//  1. Per call: Textract AnalyzeDocument with HumanLoopConfig through the installed fake (a loop starts on every
//     call: a flow definition without activation conditions), against the FLOOR: the same real TextractClient,
//     SigV4 signing included, answered by a canned-response middleware at the innermost slot with the very JSON
//     the fake answers. Also AnalyzeDocument with HumanLoopConfig whose condition does not hold (no loop).
//     Rounds alternate floor and fake back to back; the figure is the median over rounds of the paired ratio.
//  2. The activation engine alone over a 2,000-block form: key-value pairs read from the block graph, then four
//     conditions evaluated (ImportantFormKeyConfidenceCheck on "*" with key and word thresholds, a named key with
//     aliases, MissingImportantFormKey, And with Sampling).
import { AnalyzeDocumentCommand, TextractClient } from "@aws-sdk/client-textract";
import { pathToFileURL } from "node:url";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TextEncoder } from "node:util";
import { fmt, header, loadFake, median, printTable, scaled, timeCalls } from "./lib.mjs";

const { A2IFake, textractForm } = await loadFake();
const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.A2I_FAKE_DIST ? resolve(process.env.A2I_FAKE_DIST) : resolve(here, "../dist/esm");
const internal = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { formPairs } = await internal("model/activation/textract-form.js");
const { evaluate } = await internal("model/activation/evaluate.js");
const { parseActivationConditions } = await internal("model/activation/parse-conditions.js");
const { sampler } = await internal("model/activation/sampling.js");

const REGION = "us-east-1";
const ROUNDS = Math.max(3, scaled(15));
const WARMUP = scaled(800);
const ITERATIONS = scaled(400);
const SOURCE = "AWS/Textract/AnalyzeDocument/Forms/V1";

header("bench/built-in: Textract AnalyzeDocument with HumanLoopConfig, and the activation engine");

// ---- 1. per call -------------------------------------------------------------------------------------------
const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
const always = a2i.seedFlowDefinition({ name: "bench-always", requestSource: SOURCE }).flowDefinitionArn;
const never = a2i.seedFlowDefinition({
  name: "bench-never",
  requestSource: SOURCE,
  activationConditions: { Conditions: [{ ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: "Name:" } }] },
}).flowDefinitionArn;
// A small claim form: 3 key-value pairs, 19 blocks.
a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe", "Policy number:": "P-1234", "Mail address:": { value: "12 Main St", keyConfidence: 55 } }));
const fakeClient = new TextractClient({ region: REGION });
const cmd = (name, arn) =>
  new AnalyzeDocumentCommand({
    Document: { S3Object: { Bucket: "claims", Name: "claim.png" } },
    FeatureTypes: ["FORMS"],
    HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: arn },
  });

a2i.install();
const sample = await fakeClient.send(cmd("sample", always));
const sampleNoLoop = await fakeClient.send(cmd("sample-2", never));
a2i.uninstall();
if (!sample.HumanLoopActivationOutput?.HumanLoopArn || sampleNoLoop.HumanLoopActivationOutput?.HumanLoopArn) throw new Error("activation sanity check failed");
const { $metadata: _m1, ...cannedLoop } = sample;
const { $metadata: _m2, ...cannedNoLoop } = sampleNoLoop;

function floorClient(body) {
  const client = new TextractClient({ region: REGION, credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" } });
  const bytes = new TextEncoder().encode(JSON.stringify({ ...body, HumanLoopActivationOutput: { ...body.HumanLoopActivationOutput, HumanLoopActivationConditionsEvaluationResults: body.HumanLoopActivationOutput.HumanLoopActivationConditionsEvaluationResults?.toString() } }));
  client.middlewareStack.add(
    () => async () => ({ response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: bytes } }),
    { step: "deserialize", priority: "low", name: "canned", override: true },
  );
  return client;
}
const floor = { loop: floorClient(cannedLoop), noLoop: floorClient(cannedNoLoop) };

const results = { floor: { loop: [], noLoop: [] }, fake: { loop: [], noLoop: [] } };
const cpu = { floor: { loop: [], noLoop: [] }, fake: { loop: [], noLoop: [] } };
let next = 0;
const calls = {
  floor: { loop: (i) => floor.loop.send(cmd(`floor-${i}`, always)), noLoop: (i) => floor.noLoop.send(cmd(`floor-${i}`, never)) },
  fake: { loop: (i) => fakeClient.send(cmd(`fake-${i}`, always)), noLoop: (i) => fakeClient.send(cmd(`none-${i}`, never)) },
};
const measure = async (variant, op, warmup) => {
  const r = await timeCalls(calls[variant][op], { warmup, iterations: ITERATIONS, start: next });
  next = r.next;
  results[variant][op].push(r.usPerCall);
  cpu[variant][op].push(r.cpuUsPerCall);
};
const t0 = process.hrtime.bigint();
for (let round = 0; round < ROUNDS; round++) {
  const warmup = round === 0 ? WARMUP : Math.ceil(ITERATIONS / 10);
  for (const op of ["loop", "noLoop"]) {
    await measure("floor", op, warmup);
    a2i.install();
    await measure("fake", op, warmup);
    a2i.uninstall();
    a2i.resetHistory();
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const paired = (op, r) => median(r.fake[op].map((x, i) => x / r.floor[op][i]));
const ratios = { loop: paired("loop", results), noLoop: paired("noLoop", results) };
printTable(
  `${ROUNDS} rounds x ${ITERATIONS} sequential awaited calls per variant; medians over rounds; ${fmt(seconds)} s in all`,
  ["AnalyzeDocument + HumanLoopConfig", "floor µs", "fake µs", "fake/floor", "(cpu)"],
  [
    ["a loop starts (19-block form)", fmt(median(results.floor.loop)), fmt(median(results.fake.loop)), fmt(ratios.loop, 2), fmt(paired("loop", cpu), 2)],
    ["no loop (condition false)", fmt(median(results.floor.noLoop)), fmt(median(results.fake.noLoop)), fmt(ratios.noLoop, 2), fmt(paired("noLoop", cpu), 2)],
  ],
);
console.log(`
floor = real TextractClient, SigV4 signing, canned HTTP response (the fake's own answer) at the innermost slot
fake  = the same client class under a2i.install(): condition evaluation, camelCase loop input, StartHumanLoop's
        machinery (task slots, the seeded task UI rendered), call history
Goal (issue 14, as DescribeHumanLoop): fake/floor <= 0.4 -> ${ratios.loop <= 0.4 ? "MET" : "NOT MET"} (loop), ${ratios.noLoop <= 0.4 ? "MET" : "NOT MET"} (no loop)`);

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
