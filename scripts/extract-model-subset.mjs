#!/usr/bin/env node
/**
 * Cuts the subset of the official AWS service models that a2i-fake serves out of full model files, and writes
 * it to scripts/models/<service>.json (committed, so `generate-shapes.mjs` and the tests need no network).
 *
 * Run by a maintainer when the pinned model moves (see scripts/models/README.md):
 *
 *   node scripts/extract-model-subset.mjs --smithy <api-models-aws checkout> --botocore <botocore/data dir> \
 *        --smithy-commit <sha> --botocore-version <version>
 *
 * What it keeps, per service: the operations below, every shape their inputs, outputs and errors reach, and of
 * each shape only its type, members, targets and constraint traits (documentation dropped). From botocore it keeps
 * only each string shape's pattern as the service itself writes it in its messages (see README.md), and only where
 * that pattern has the meaning the Smithy model gives.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** What the fake serves, or will serve soon (keep in step with src/services/*.ts). */
export const SERVICES = {
  sagemaker: {
    smithy: "sagemaker/service/2017-07-24/sagemaker-2017-07-24.json",
    botocore: "sagemaker/2017-07-24/service-2.json",
    operations: [
      "CreateFlowDefinition", "DescribeFlowDefinition", "DeleteFlowDefinition", "ListFlowDefinitions",
      "CreateHumanTaskUi", "DescribeHumanTaskUi", "DeleteHumanTaskUi", "ListHumanTaskUis",
      "CreateWorkteam", "DescribeWorkteam", "DeleteWorkteam", "ListWorkteams", "UpdateWorkteam",
      "ListSubscribedWorkteams", "DescribeSubscribedWorkteam",
      "CreateWorkforce", "DescribeWorkforce", "ListWorkforces", "UpdateWorkforce", "DeleteWorkforce",
      "AddTags", "ListTags", "DeleteTags", "RenderUiTemplate",
    ],
  },
  "sagemaker-a2i-runtime": {
    smithy: "sagemaker-a2i-runtime/service/2019-11-07/sagemaker-a2i-runtime-2019-11-07.json",
    botocore: "sagemaker-a2i-runtime/2019-11-07/service-2.json",
    operations: ["StartHumanLoop", "DescribeHumanLoop", "ListHumanLoops", "StopHumanLoop", "DeleteHumanLoop"],
  },
  textract: {
    smithy: "textract/service/2018-06-27/textract-2018-06-27.json",
    botocore: "textract/2018-06-27/service-2.json",
    operations: ["AnalyzeDocument"],
  },
  rekognition: {
    smithy: "rekognition/service/2016-06-27/rekognition-2016-06-27.json",
    botocore: "rekognition/2016-06-27/service-2.json",
    operations: ["DetectModerationLabels"],
  },
};

const KEPT_TRAITS = [
  "smithy.api#required",
  "smithy.api#length",
  "smithy.api#pattern",
  "smithy.api#range",
  "smithy.api#enumValue",
  "smithy.api#error",
  "smithy.api#httpError",
  "smithy.api#timestampFormat",
  "smithy.api#jsonName",
  "smithy.api#httpLabel",
  "smithy.api#httpQuery",
  "smithy.api#httpPayload",
  "smithy.api#http",
];

const local = (id) => id.slice(id.indexOf("#") + 1);
const isPrelude = (id) => id.startsWith("smithy.api#");

function keepTraits(traits = {}) {
  const out = {};
  for (const t of KEPT_TRAITS) if (t in traits) out[t] = traits[t];
  return Object.keys(out).length ? out : undefined;
}

/**
 * The Smithy model translates the service's own patterns (matched against the whole value) into Smithy's
 * (matched anywhere): `X.*` becomes `^X`, `.*X.*` becomes `X`, and `X` becomes `^X$`. The service's messages quote its own form
 * (e.g. "arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+" in a 2023 ListTags error, whose Smithy form is
 * "^arn:...:.+$"). Returns the Smithy form of a whole-value pattern.
 */
export function smithyFormOf(pattern) {
  if (pattern === ".*") return pattern;
  let p = pattern;
  let anchorStart = true;
  let anchorEnd = true;
  if (p.startsWith(".*")) {
    p = p.slice(2);
    anchorStart = false;
  }
  if (p.endsWith(".*") && !p.endsWith("\\.*")) {
    p = p.slice(0, -2);
    anchorEnd = false;
  }
  if (anchorStart && !p.startsWith("^")) p = `^${p}`;
  if (anchorEnd && !p.endsWith("$")) p = `${p}$`;
  return p;
}

function subset(name, spec, smithyRoot, botocoreRoot) {
  const model = JSON.parse(readFileSync(join(smithyRoot, spec.smithy), "utf8"));
  const shapes = model.shapes;
  const [serviceId, service] = Object.entries(shapes).find(([, s]) => s.type === "service");
  const ns = serviceId.slice(0, serviceId.indexOf("#"));
  const protocol = Object.keys(service.traits).find((t) => t.startsWith("aws.protocols#"));
  const out = {};
  const operations = {};
  const visit = (id) => {
    if (isPrelude(id) || out[local(id)]) return;
    const shape = shapes[id];
    if (!shape) throw new Error(`${name}: no shape ${id}`);
    const kept = { type: shape.type };
    const traits = keepTraits(shape.traits);
    out[local(id)] = kept;
    for (const key of ["member", "key", "value"]) {
      if (shape[key]) {
        kept[key] = { target: local(shape[key].target) };
        const t = keepTraits(shape[key].traits);
        if (t) kept[key].traits = t;
        visit(shape[key].target);
      }
    }
    if (shape.members) {
      kept.members = {};
      for (const [m, member] of Object.entries(shape.members)) {
        kept.members[m] = { target: isPrelude(member.target) ? member.target : local(member.target) };
        const t = keepTraits(member.traits);
        if (t) kept.members[m].traits = t;
        visit(member.target);
      }
    }
    if (traits) kept.traits = traits;
  };
  for (const op of spec.operations) {
    const opShape = shapes[`${ns}#${op}`];
    if (!opShape || opShape.type !== "operation") throw new Error(`${name}: no operation ${op}`);
    operations[op] = {
      input: local(opShape.input.target),
      output: local(opShape.output.target),
      errors: (opShape.errors ?? []).map((e) => local(e.target)),
    };
    const http = keepTraits(opShape.traits);
    if (http) operations[op].traits = http;
    visit(opShape.input.target);
    visit(opShape.output.target);
    for (const e of opShape.errors ?? []) visit(e.target);
  }
  for (const e of service.errors ?? []) visit(e.target);

  // The service's own pattern wording, from botocore, where it means what the Smithy pattern means.
  const botocore = JSON.parse(readFileSync(join(botocoreRoot, spec.botocore), "utf8")).shapes;
  const messagePatterns = {};
  const stale = [];
  for (const [shapeName, shape] of Object.entries(out)) {
    const pattern = shape.traits?.["smithy.api#pattern"];
    if (pattern === undefined) continue;
    const own = botocore[shapeName]?.pattern;
    if (own !== undefined && smithyFormOf(own) === pattern) messagePatterns[shapeName] = own;
    else stale.push(shapeName);
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  return {
    service: {
      sdkId: service.traits["aws.api#service"].sdkId,
      shapeName: local(serviceId),
      protocol,
      errors: (service.errors ?? []).map((e) => local(e.target)),
    },
    operations,
    shapes: sorted,
    messagePatterns: Object.fromEntries(Object.keys(messagePatterns).sort().map((k) => [k, messagePatterns[k]])),
    patternsWithoutServiceWording: stale.sort(),
  };
}

function main() {
  const arg = (flag) => {
    const i = process.argv.indexOf(flag);
    if (i < 0 || !process.argv[i + 1]) throw new Error(`missing ${flag}`);
    return process.argv[i + 1];
  };
  const smithyRoot = arg("--smithy");
  const botocoreRoot = arg("--botocore");
  const dir = join(import.meta.dirname, "models");
  mkdirSync(dir, { recursive: true });
  for (const [name, spec] of Object.entries(SERVICES)) {
    const data = {
      source: {
        smithy: `aws/api-models-aws ${arg("--smithy-commit")} ${spec.smithy}`,
        botocore: `botocore ${arg("--botocore-version")} data/${spec.botocore} (patterns only)`,
        license: "Apache-2.0",
      },
      ...subset(name, spec, smithyRoot, botocoreRoot),
    };
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(data, null, 1)}\n`);
    console.log(`${name}: ${Object.keys(data.operations).length} operations, ${Object.keys(data.shapes).length} shapes, ` +
      `${Object.keys(data.messagePatterns).length} service-worded patterns, ${data.patternsWithoutServiceWording.length} without`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
