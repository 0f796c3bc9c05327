// Bench: StartHumanLoop through the installed fake with a typical worker task template rendered at start (the
// sample templates' features: grant_read_access on task.input.taskObject, capture, for over labels,
// to_json | escape in attributes) vs a template with no Liquid, against the signed SDK floor (a real client answered
// by a canned response at the innermost middleware slot). The parsed template is cached per task UI, so each start
// costs one render. Goal (issue 15): fake/floor <= 0.4 with the typical template.
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { cannedFloorClient, fmt, header, loadFake, median, printTable, scaled, timeCalls, TYPICAL_TEMPLATE as TYPICAL, TYPICAL_TEMPLATE_INPUT as INPUT } from "./lib.mjs";

const { A2IFake } = await loadFake();
const REGION = "us-east-1";
const ROUNDS = Math.max(3, scaled(15));
const WARMUP = scaled(1000);
const ITERATIONS = scaled(500);

header("bench/template-render: StartHumanLoop with a typical template rendered vs none, µs per call");

const PLAIN = `<crowd-form><crowd-input name="answer"></crowd-input></crowd-form>`;

const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 10_000_000 } });
const arnFor = (name, content) =>
  a2i.seedFlowDefinition({ name, humanTaskUiArn: a2i.seedHumanTaskUi({ name: `${name}-ui`, content }).humanTaskUiArn }).flowDefinitionArn;
const fd = { typical: arnFor("typical", TYPICAL), plain: arnFor("plain", PLAIN) };
const fakeClient = new SageMakerA2IRuntimeClient({ region: REGION });
const floorClient = cannedFloorClient(SageMakerA2IRuntimeClient, JSON.stringify({ HumanLoopArn: `arn:aws:sagemaker:${REGION}:123456789012:human-loop/floor` }), {
  region: REGION,
});
const start = (client, arn, prefix) => (i) => client.send(new StartHumanLoopCommand({ HumanLoopName: `${prefix}-${i}`, FlowDefinitionArn: arn, HumanLoopInput: INPUT }));

// Sanity: the typical template renders (the loop is InProgress, its task shows the presigned URL).
a2i.install();
await start(fakeClient, fd.typical, "check")(0);
if (a2i.humanLoop("check-0")?.humanLoopStatus !== "InProgress" || !a2i.workforce.tasks({ humanLoopName: "check-0" })[0].html.includes("X-Amz-Signature=")) {
  throw new Error("the typical template did not render");
}
a2i.uninstall();

const results = { floor: [], typical: [], plain: [] };
let next = 0;
const measure = async (variant, fn, warmup) => {
  const r = await timeCalls(fn, { warmup, iterations: ITERATIONS, start: next });
  next = r.next;
  results[variant].push(r.usPerCall);
};
for (let round = 0; round < ROUNDS; round++) {
  const warmup = round === 0 ? WARMUP : Math.ceil(ITERATIONS / 10);
  await measure("floor", start(floorClient, undefined, "floor"), warmup);
  a2i.install();
  await measure("typical", start(fakeClient, fd.typical, "typical"), warmup);
  await measure("plain", start(fakeClient, fd.plain, "plain"), warmup);
  a2i.uninstall();
  a2i.resetHistory();
}
const ratio = (a, b) => median(results[a].map((x, i) => x / results[b][i]));
printTable(
  `${ROUNDS} rounds x ${ITERATIONS} sequential awaited StartHumanLoop calls per variant; medians over rounds`,
  ["variant", "µs per call", "/ floor"],
  [
    ["floor (signed SDK, canned answer)", fmt(median(results.floor)), "1.00"],
    ["fake, typical template rendered", fmt(median(results.typical)), fmt(ratio("typical", "floor"), 2)],
    ["fake, template with no Liquid", fmt(median(results.plain)), fmt(ratio("plain", "floor"), 2)],
  ],
);
console.log(`rendering cost per start: ${fmt(median(results.typical.map((x, i) => x - results.plain[i])))} µs; goal fake/floor <= 0.40 with the typical template -> ${ratio("typical", "floor") <= 0.4 ? "MET" : "NOT MET"}`);
