#!/usr/bin/env node
/**
 * Writes src/services/generated/*.ts from the official model subset in scripts/models/*.json: every operation's
 * input and output shape with its members, required members, lengths, patterns, ranges and enums, nested
 * structures, lists and maps, and the errors each operation declares.
 *
 *   node scripts/generate-shapes.mjs           # write the files
 *   node scripts/generate-shapes.mjs --check   # exit 1 when a file differs from what the script writes
 *
 * Never edit the generated files: change the model subset (scripts/extract-model-subset.mjs) or this script.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const MODELS = join(import.meta.dirname, "models");
const OUT = join(ROOT, "src", "services", "generated");

/** The generated module of each model file, and the name of its export. */
const TARGETS = {
  sagemaker: { file: "sagemaker.ts", constant: "SAGEMAKER_MODEL" },
  "sagemaker-a2i-runtime": { file: "a2i-runtime.ts", constant: "A2I_RUNTIME_MODEL" },
  textract: { file: "textract.ts", constant: "TEXTRACT_MODEL" },
  rekognition: { file: "rekognition.ts", constant: "REKOGNITION_MODEL" },
};

const PRELUDE = {
  "smithy.api#String": { type: "string" },
  "smithy.api#Boolean": { type: "boolean" },
  "smithy.api#PrimitiveBoolean": { type: "boolean" },
  "smithy.api#Integer": { type: "integer" },
  "smithy.api#PrimitiveInteger": { type: "integer" },
  "smithy.api#Long": { type: "integer" },
  "smithy.api#PrimitiveLong": { type: "integer" },
  "smithy.api#Float": { type: "number" },
  "smithy.api#PrimitiveFloat": { type: "number" },
  "smithy.api#Double": { type: "number" },
  "smithy.api#PrimitiveDouble": { type: "number" },
  "smithy.api#Timestamp": { type: "timestamp" },
  "smithy.api#Blob": { type: "blob" },
  "smithy.api#Document": { type: "document" },
  "smithy.api#Unit": { type: "structure", members: {} },
};

const TYPES = {
  string: "string", enum: "string", integer: "integer", long: "integer", short: "integer", byte: "integer",
  intEnum: "integer", float: "number", double: "number", bigDecimal: "number", bigInteger: "integer",
  boolean: "boolean", timestamp: "timestamp", blob: "blob", document: "document",
  structure: "structure", union: "structure", list: "list", map: "map",
};

/**
 * The pattern the service writes in its messages: the service's own wording kept by the subset (from botocore)
 * when it still means what the Smithy pattern means; else, for a Smithy `^X` (the translation of the service's
 * `X.*`), `X.*`; else the Smithy pattern as written.
 */
function messagePattern(model, shapeName, regex) {
  const own = model.messagePatterns[shapeName];
  if (own !== undefined) return own;
  if (regex.startsWith("^") && !regex.endsWith("$")) return `${regex.slice(1)}.*`;
  return regex;
}

/**
 * The model's patterns are Java regular expressions; JavaScript's `u` mode refuses Java's escapes of plain
 * punctuation (`\#`, `\,`, `\ `), which mean the character itself: drop those backslashes. Throws (the
 * generation fails, not a request) when a pattern still cannot be read.
 */
function javaScriptRegex(pattern) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      out += /[A-Za-z0-9^$\\.*+?()[\]{}|/-]/.test(next) ? `\\${next}` : next;
      i++;
    } else out += c;
  }
  new RegExp(out, "u");
  return out;
}

/** The constraint fields a shape's (or member's) traits give. */
function constraints(model, shapeName, traits = {}) {
  const c = {};
  const length = traits["smithy.api#length"];
  if (length?.min !== undefined) c.min = length.min;
  if (length?.max !== undefined) c.max = length.max;
  const range = traits["smithy.api#range"];
  if (range?.min !== undefined) c.min = Number(range.min);
  if (range?.max !== undefined) c.max = Number(range.max);
  const smithy = traits["smithy.api#pattern"];
  if (smithy !== undefined) {
    c.pattern = messagePattern(model, shapeName, smithy);
    c.regex = javaScriptRegex(smithy);
  }
  const oldEnum = traits["smithy.api#enum"];
  if (oldEnum) c.enum = oldEnum.map((e) => e.value);
  return c;
}

function generate(name, model) {
  const { constant } = TARGETS[name];
  const order = [];
  const ids = new Map();
  const visiting = new Set();
  const id = (shapeName) => `$${shapeName}`;

  /** A TypeScript expression for a member: the target's constant, or a literal when the member adds constraints. */
  const ref = (target, memberTraits, context) => {
    if (PRELUDE[target]) {
      const extra = constraints(model, target, memberTraits);
      return literal({ ...PRELUDE[target], ...extra });
    }
    visit(target, context);
    const extra = constraints(model, target, memberTraits);
    if (Object.keys(extra).length === 0) return id(target);
    return `{ ...${id(target)}, ${Object.entries(extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")} }`;
  };

  const literal = (obj) =>
    `{ ${Object.entries(obj).map(([k, v]) => `${k}: ${typeof v === "string" && v.startsWith("$") ? v : JSON.stringify(v)}`).join(", ")} }`;

  function visit(shapeName, context) {
    if (ids.has(shapeName)) return;
    if (visiting.has(shapeName)) throw new Error(`${name}: recursive shape ${shapeName} (via ${context}): not supported`);
    const shape = model.shapes[shapeName];
    if (!shape) throw new Error(`${name}: no shape ${shapeName}`);
    visiting.add(shapeName);
    const type = TYPES[shape.type];
    if (!type) throw new Error(`${name}: shape ${shapeName} has unsupported type ${shape.type}`);
    let body;
    if (type === "structure") {
      const members = Object.entries(shape.members ?? {}).map(
        ([m, member]) => `    ${m}: ${ref(member.target, member.traits, `${shapeName}.${m}`)},`,
      );
      const required = Object.entries(shape.members ?? {})
        .filter(([, member]) => member.traits?.["smithy.api#required"] !== undefined)
        .map(([m]) => m);
      body =
        `{\n  type: "structure",\n  members: {\n${members.join("\n")}${members.length ? "\n" : ""}  },\n` +
        (required.length ? `  required: ${JSON.stringify(required)},\n` : "") +
        (shape.type === "union" ? "  union: true,\n" : "") +
        "}";
    } else if (type === "list") {
      const c = constraints(model, shapeName, shape.traits);
      body = `{ type: "list", member: ${ref(shape.member.target, shape.member.traits, `${shapeName}.member`)}${fields(c)} }`;
    } else if (type === "map") {
      const c = constraints(model, shapeName, shape.traits);
      body =
        `{ type: "map", key: ${ref(shape.key.target, shape.key.traits, `${shapeName}.key`)}, ` +
        `value: ${ref(shape.value.target, shape.value.traits, `${shapeName}.value`)}${fields(c)} }`;
    } else {
      const c = constraints(model, shapeName, shape.traits);
      if (shape.type === "enum" || shape.type === "intEnum") {
        c.enum = Object.values(shape.members).map((m) => m.traits["smithy.api#enumValue"]);
      }
      body = `{ type: "${type}"${fields(c)} }`;
    }
    visiting.delete(shapeName);
    ids.set(shapeName, id(shapeName));
    order.push(`const ${id(shapeName)}: Shape = ${body};`);
  }

  const fields = (c) => Object.entries(c).map(([k, v]) => `, ${k}: ${JSON.stringify(v)}`).join("");

  const operations = [];
  for (const [op, spec] of Object.entries(model.operations)) {
    visit(spec.input, op);
    visit(spec.output, op);
    operations.push(
      `    ${op}: {\n      input: ${id(spec.input)} as StructureShape,\n      output: ${id(spec.output)} as StructureShape,\n` +
        `      errors: ${JSON.stringify(spec.errors)},\n    },`,
    );
  }
  const errors = [];
  for (const [shapeName, shape] of Object.entries(model.shapes)) {
    const fault = shape.traits?.["smithy.api#error"];
    if (!fault) continue;
    const messageTarget = shape.members?.Message?.target ?? shape.members?.message?.target;
    const messageMax = messageTarget ? model.shapes[messageTarget]?.traits?.["smithy.api#length"]?.max : undefined;
    const httpStatus = shape.traits["smithy.api#httpError"];
    errors.push(
      `    ${shapeName}: { fault: "${fault}"${httpStatus !== undefined ? `, httpStatus: ${httpStatus}` : ""}` +
        `${messageMax !== undefined ? `, messageMax: ${messageMax}` : ""} },`,
    );
  }
  const protocol = model.service.protocol.replace("aws.protocols#", "");
  return [
    `// Generated by scripts/generate-shapes.mjs from scripts/models/${name}.json. Do not edit: regenerate.`,
    `// Source: ${model.source.smithy}; message patterns: ${model.source.botocore}. ${model.source.license}.`,
    `import type { ServiceModel, Shape, StructureShape } from "../shape.js";`,
    "",
    ...order,
    "",
    `export const ${constant}: ServiceModel = {`,
    `  sdkId: ${JSON.stringify(model.service.sdkId)},`,
    `  protocol: "${protocol}",`,
    ...(protocol === "awsJson1_1" ? [`  targetPrefix: ${JSON.stringify(model.service.shapeName)},`] : []),
    "  operations: {",
    ...operations,
    "  },",
    "  errors: {",
    ...errors,
    "  },",
    "};",
    "",
  ].join("\n");
}

function index() {
  const entries = Object.entries(TARGETS);
  return [
    "// Generated by scripts/generate-shapes.mjs. Do not edit: regenerate.",
    `import type { ServiceModel } from "../shape.js";`,
    ...entries.map(([, t]) => `import { ${t.constant} } from "./${t.file.replace(/\.ts$/, ".js")}";`),
    "",
    "export { " + entries.map(([, t]) => t.constant).join(", ") + " };",
    "",
    "/** Every served model by its SDK serviceId. */",
    "export const SERVICE_MODELS: Readonly<Record<string, ServiceModel>> = {",
    ...entries.map(([, t]) => `  [${t.constant}.sdkId]: ${t.constant},`),
    "};",
    "",
  ].join("\n");
}

/** Every generated file: path → content. */
export function generatedFiles() {
  const files = {};
  for (const file of readdirSync(MODELS).filter((f) => f.endsWith(".json")).sort()) {
    const name = file.replace(/\.json$/, "");
    if (!TARGETS[name]) throw new Error(`scripts/models/${file}: no target in generate-shapes.mjs`);
    const model = JSON.parse(readFileSync(join(MODELS, file), "utf8"));
    files[join(OUT, TARGETS[name].file)] = generate(name, model);
  }
  files[join(OUT, "index.ts")] = index();
  return files;
}

function main() {
  const check = process.argv.includes("--check");
  const stale = [];
  mkdirSync(OUT, { recursive: true });
  for (const [path, content] of Object.entries(generatedFiles())) {
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === content) continue;
    if (check) stale.push(path);
    else writeFileSync(path, content);
  }
  if (stale.length) {
    console.error(`[a2i-fake] generated shapes differ from scripts/models (run node scripts/generate-shapes.mjs):\n${stale.join("\n")}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
