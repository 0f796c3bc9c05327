// Bench 1: per-call cost of DescribeHumanLoop and StartHumanLoop through the installed fake, against
//  (a) the FLOOR: the same real client class, unmodified, SigV4 signing included (static credentials), answered
//      by a one-line canned-response middleware at the innermost slot: what any in-process fake would pay;
//  (b) aws-sdk-client-mock, which stubs `send` and skips the SDK stack entirely.
// Two breakdown columns: "unsigned" = the floor client with a no-op signer (the SDK stack the fake keeps), and
// "fake-own" = a2i.handleWire alone (route, validate, model, render, call history: the fake's own work).
// Many short rounds alternate the variants so that JIT, GC and load from other processes hit all alike;
// the median round is the figure, the best round is shown too.
import {
  SageMakerA2IRuntimeClient,
  DescribeHumanLoopCommand,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { TextEncoder } from "node:util";
import { cannedFloorClient, fmt, header, loadFake, median, printTable, scaled, timeCalls } from "./lib.mjs";

const { A2IFake } = await loadFake();

const REGION = "us-east-1";
const ROUNDS = Math.max(3, scaled(21));
const WARMUP = scaled(1500);
const ITERATIONS = scaled(700);

header("bench/per-call: DescribeHumanLoop and StartHumanLoop, µs per call");

const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "bench-fd" });
const DESCRIBE_NAME = "bench-describe";
const INPUT = { InputContent: JSON.stringify({ question: "Is this an invoice?" }) };
const arnOf = (name) => `arn:aws:sagemaker:${REGION}:123456789012:human-loop/${name}`;

// The fake's client: a real client with a region and nothing else (install() fakes it on its first send).
const fakeClient = new SageMakerA2IRuntimeClient({ region: REGION });
a2i.install();
await fakeClient.send(
  new StartHumanLoopCommand({ HumanLoopName: DESCRIBE_NAME, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: INPUT }),
);
const wireDescribe = { method: "GET", path: `/human-loops/${DESCRIBE_NAME}`, query: {}, headers: {}, body: undefined };
// The exact JSON the fake answers this Describe with: the floor's canned response.
const CANNED_DESCRIBE = a2i.handleWire("SageMaker A2I Runtime", wireDescribe, REGION).body;
const CANNED_START = JSON.stringify({ HumanLoopArn: arnOf("floor") });
a2i.uninstall();

function floorClient(CANNED_JSON, { unsigned = false } = {}) {
  const client = cannedFloorClient(SageMakerA2IRuntimeClient, CANNED_JSON, { region: REGION });
  if (unsigned) {
    // Breakdown only: the same stack with a no-op signer, as the fake configures its clients.
    client.config.httpAuthSchemes = client.config.httpAuthSchemes.map((s) => ({
      schemeId: s.schemeId,
      identityProvider: () => async () => ({ accessKeyId: "AKID", secretAccessKey: "SECRET" }),
      signer: { sign: async (request) => request },
    }));
  }
  return client;
}
const floor = { d: floorClient(CANNED_DESCRIBE), s: floorClient(CANNED_START) };
const unsigned = { d: floorClient(CANNED_DESCRIBE, { unsigned: true }), s: floorClient(CANNED_START, { unsigned: true }) };
const mockedClient = new SageMakerA2IRuntimeClient({ region: REGION });

const describeCmd = () => new DescribeHumanLoopCommand({ HumanLoopName: DESCRIBE_NAME });
const startCmd = (prefix, i) =>
  new StartHumanLoopCommand({ HumanLoopName: `${prefix}-${i}`, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: INPUT });
const encoder = new TextEncoder();
const wireStart = (i) => ({
  method: "POST",
  path: "/human-loops",
  query: {},
  headers: { "content-type": "application/json" },
  body: encoder.encode(JSON.stringify({ HumanLoopName: `wire-${i}`, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: INPUT })),
});

// Sanity: the floor and the fake give the same Describe output; the fake really answers Start.
{
  const f = await floor.d.send(describeCmd());
  a2i.install();
  const k = await fakeClient.send(describeCmd());
  const s = await fakeClient.send(startCmd("check", 0));
  a2i.uninstall();
  if (f.HumanLoopArn !== k.HumanLoopArn || f.CreationTime.getTime() !== k.CreationTime.getTime() || s.HumanLoopArn !== arnOf("check-0")) {
    throw new Error("floor and fake disagree");
  }
}

const variants = ["floor", "unsigned", "fake", "fakeOwn", "mock"];
const results = Object.fromEntries(variants.map((v) => [v, { d: [], s: [] }]));
const cpuResults = Object.fromEntries(variants.map((v) => [v, { d: [], s: [] }]));
let next = 0; // unique loop names across every round
const measure = async (variant, op, warmup) => {
  const r = await timeCalls(calls[op][variant], { warmup, iterations: ITERATIONS, start: next });
  next = r.next;
  results[variant][op].push(r.usPerCall);
  cpuResults[variant][op].push(r.cpuUsPerCall);
};
const calls = {
  d: {
    floor: () => floor.d.send(describeCmd()),
    unsigned: () => unsigned.d.send(describeCmd()),
    fake: () => fakeClient.send(describeCmd()),
    fakeOwn: () => a2i.handleWire("SageMaker A2I Runtime", wireDescribe, REGION),
    mock: () => mockedClient.send(describeCmd()),
  },
  s: {
    floor: (i) => floor.s.send(startCmd("floor", i)),
    unsigned: (i) => unsigned.s.send(startCmd("unsigned", i)),
    fake: (i) => fakeClient.send(startCmd("fake", i)),
    fakeOwn: (i) => a2i.handleWire("SageMaker A2I Runtime", wireStart(i), REGION),
    mock: (i) => mockedClient.send(startCmd("mock", i)),
  },
};

const t0 = process.hrtime.bigint();
for (let round = 0; round < ROUNDS; round++) {
  const warmup = round === 0 ? WARMUP : Math.ceil(ITERATIONS / 10);
  for (const op of ["d", "s"]) {
    // floor and fake back to back, so that each round's ratio compares like with like.
    await measure("floor", op, warmup);
    a2i.install();
    await measure("fake", op, warmup);
    await measure("fakeOwn", op, warmup);
    a2i.uninstall();
    // A test suite's afterEach(reset) would forget the call history too; keep it from growing across rounds.
    a2i.resetHistory?.();
    await measure("unsigned", op, warmup);

    const mock = mockClient(SageMakerA2IRuntimeClient);
    mock.on(DescribeHumanLoopCommand).resolves({
      CreationTime: new Date(),
      HumanLoopStatus: "InProgress",
      HumanLoopName: DESCRIBE_NAME,
      HumanLoopArn: arnOf(DESCRIBE_NAME),
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopOutput: { OutputS3Uri: "s3://bucket/a2i-output/output.json" },
    });
    mock.on(StartHumanLoopCommand).resolves({ HumanLoopArn: arnOf("mock") });
    await measure("mock", op, warmup);
    mock.restore();
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

/** Median over rounds of the ratio of two variants measured back to back in the same round. */
const pairedRatio = (a, b, op, r = results) => median(r[a][op].map((x, i) => x / r[b][op][i]));
const headline = {};
const rows = [];
for (const [op, key] of [
  ["DescribeHumanLoop", "d"],
  ["StartHumanLoop", "s"],
]) {
  const v = Object.fromEntries(variants.map((name) => [name, median(results[name][key])]));
  const best = Object.fromEntries(variants.map((name) => [name, Math.min(...results[name][key])]));
  headline[key] = pairedRatio("fake", "floor", key);
  rows.push([
    op,
    fmt(v.floor),
    fmt(v.fake),
    fmt(v.mock),
    fmt(headline[key], 2),
    fmt(pairedRatio("fake", "floor", key, cpuResults), 2),
    fmt(pairedRatio("fake", "mock", key), 1),
    `${fmt(best.floor)} / ${fmt(best.fake)} / ${fmt(best.mock)}`,
    fmt(v.unsigned),
    fmt(v.fakeOwn),
  ]);
}
printTable(
  `${ROUNDS} rounds x ${ITERATIONS} sequential awaited calls per variant (after warm-up); medians over rounds; ${fmt(seconds)} s in all`,
  ["operation", "floor µs", "fake µs", "mock µs", "fake/floor", "(cpu)", "fake/mock", "best floor/fake/mock", "unsigned µs", "fake-own µs"],
  rows,
);
console.log(`
floor    = real client, SigV4 signing, canned HTTP response at the innermost middleware slot
fake     = the same client class under a2i.install() (signing skipped, real serde/endpoint/retry/deserializer)
mock     = aws-sdk-client-mock (no SDK stack at all)
unsigned = the floor client with a no-op signer: the SDK work the fake keeps (breakdown)
fake-own = a2i.handleWire alone: routing, validation, model, rendering, call history (breakdown)
ratios   = median over rounds of fake/floor (and fake/mock) measured back to back within each round;
           (cpu) = the same ratio from process CPU time, which load from other processes does not inflate
Goal (issue 13): fake/floor <= 0.40 -> ${headline.d <= 0.4 && headline.s <= 0.4 ? "MET" : "NOT MET"}`);
