// Bench 2: ListHumanLoops, a page of 10 (MaxResults 10), under a flow definition holding 100,000 loops
// vs one holding 100: first page and second page (NextToken). Loops are created through the SDK
// (StartHumanLoop via the installed fake, sequentially), the way a test would.
import {
  SageMakerA2IRuntimeClient,
  ListHumanLoopsCommand,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { fmt, header, loadFake, median, printTable, scaled, timeCalls } from "./lib.mjs";

const { A2IFake } = await loadFake();
const REGION = "us-east-1";
const BIG = scaled(100_000);
const SMALL = 100;
const ROUNDS = Math.max(3, scaled(9));
const ITERATIONS = scaled(1000);

header(`bench/list: ListHumanLoops MaxResults 10, ${BIG} loops vs ${SMALL} loops under one flow definition`);

const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
const big = a2i.seedFlowDefinition({ name: "bench-big" }).flowDefinitionArn;
const small = a2i.seedFlowDefinition({ name: "bench-small" }).flowDefinitionArn;
a2i.install();
const client = new SageMakerA2IRuntimeClient({ region: REGION });
const INPUT = { InputContent: JSON.stringify({ n: 1 }) };

async function create(fd, prefix, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await client.send(new StartHumanLoopCommand({ HumanLoopName: `${prefix}-${i}`, FlowDefinitionArn: fd, HumanLoopInput: INPUT }));
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const createBigS = await create(big, "big", BIG);
await create(small, "small", SMALL);
console.log(`created ${BIG} loops through the SDK (StartHumanLoop, sequential) in ${fmt(createBigS)} s (${fmt((createBigS * 1e6) / BIG)} µs each)`);
a2i.resetHistory?.(); // the creation calls are not what is measured

const list = (fd, token) => new ListHumanLoopsCommand({ FlowDefinitionArn: fd, MaxResults: 10, ...(token ? { NextToken: token } : {}) });
const firstPage = { big: await client.send(list(big)), small: await client.send(list(small)) };
for (const [k, page] of Object.entries(firstPage)) {
  if (page.HumanLoopSummaries.length !== 10 || !page.NextToken) throw new Error(`${k}: expected a full page with a NextToken`);
}
const second = await client.send(list(big, firstPage.big.NextToken));
if (second.HumanLoopSummaries.length !== 10 || second.HumanLoopSummaries[0].HumanLoopName !== `big-${BIG - 11}`) {
  throw new Error("second page of the big list is not the next 10 loops");
}

// The fake's own share: the same requests through a2i.handleWire, without the SDK.
const wire = (fd, token) => ({
  method: "GET",
  path: "/human-loops",
  query: { FlowDefinitionArn: fd, MaxResults: "10", ...(token ? { NextToken: token } : {}) },
  headers: {},
  body: undefined,
});

const cases = [
  ["page 1", "big", () => client.send(list(big)), wire(big)],
  ["page 1", "small", () => client.send(list(small)), wire(small)],
  ["page 2 (NextToken)", "big", () => client.send(list(big, firstPage.big.NextToken)), wire(big, firstPage.big.NextToken)],
  ["page 2 (NextToken)", "small", () => client.send(list(small, firstPage.small.NextToken)), wire(small, firstPage.small.NextToken)],
];
const sdk = cases.map(() => []);
const own = cases.map(() => []);
const t0 = process.hrtime.bigint();
for (let round = 0; round < ROUNDS; round++) {
  const warmup = round === 0 ? ITERATIONS : Math.ceil(ITERATIONS / 10);
  for (let c = 0; c < cases.length; c++) {
    sdk[c].push((await timeCalls(cases[c][2], { warmup, iterations: ITERATIONS })).usPerCall);
    const req = cases[c][3];
    own[c].push((await timeCalls(() => a2i.handleWire("SageMaker A2I Runtime", req, REGION), { warmup, iterations: ITERATIONS })).usPerCall);
  }
  a2i.resetHistory?.();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
a2i.uninstall();

const rows = [];
for (const page of ["page 1", "page 2 (NextToken)"]) {
  const b = cases.findIndex((c) => c[0] === page && c[1] === "big");
  const s = cases.findIndex((c) => c[0] === page && c[1] === "small");
  rows.push([
    page,
    fmt(median(sdk[b])),
    fmt(median(sdk[s])),
    fmt(median(sdk[b]) / median(sdk[s]), 2),
    fmt(median(own[b])),
    fmt(median(own[s])),
    fmt(median(own[b]) / median(own[s]), 2),
  ]);
}
printTable(
  `µs per ListHumanLoops call, median of ${ROUNDS} rounds x ${ITERATIONS} calls; ${fmt(seconds)} s measuring`,
  ["request", `SDK ${BIG}`, `SDK ${SMALL}`, "ratio", `fake-own ${BIG}`, `fake-own ${SMALL}`, "ratio"],
  rows,
);
console.log(`
SDK      = client.send(ListHumanLoopsCommand) through the installed fake (full SDK stack, what a test pays)
fake-own = a2i.handleWire alone (route, validate, binary search, page, render): the part that could grow with the list
ratio    = ${BIG} loops / ${SMALL} loops (1.0 = independent of the list's size)`);
