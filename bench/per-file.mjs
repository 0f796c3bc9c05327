// What a test FILE costs (issue 13): a 40-file jest project and its vitest twin, run three ways:
//   a2i-fake  setupFilesAfterEnv / setupFiles: ["a2i-fake/jest" | "a2i-fake/vitest"], the test seeds and runs the app
//   mock      the same tests hand-stubbed with aws-sdk-client-mock (+ aws-sdk-client-mock-jest matchers under jest;
//             under vitest its /vitest entry fails to load here (chalk), so the test reads commandCalls())
//   plain     the same app imported with no fake and no mock (the floor: what the SDK import alone costs)
// Each variant's whole run is timed; runs are interleaved (A/B/C, then rotated) and repeated, medians printed,
// with ratios. The package is used as a consumer uses it: dist/ and package.json copied into
// <tmp>/node_modules/a2i-fake, every other dependency a symlink into this repository's node_modules.
// Also: the require cost of the package's entry points in a fresh process, by module.
// Usage: node bench/per-file.mjs   (PER_FILE_ROUNDS=5, PER_FILE_FILES=40; BENCH_SCALE<1 lowers both)
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { median, SCALE } from "./lib.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.PER_FILE_ROUNDS ?? (SCALE < 1 ? 2 : 5));
const FILES = Number(process.env.PER_FILE_FILES ?? (SCALE < 1 ? 10 : 40));

function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), "a2i-fake-per-file-"));
  const nm = join(dir, "node_modules");
  mkdirSync(nm);
  for (const entry of readdirSync(join(repo, "node_modules"))) {
    if (entry.startsWith(".") || entry === "a2i-fake") continue;
    if (entry.startsWith("@")) {
      mkdirSync(join(nm, entry));
      for (const sub of readdirSync(join(repo, "node_modules", entry))) symlinkSync(join(repo, "node_modules", entry, sub), join(nm, entry, sub));
    } else symlinkSync(join(repo, "node_modules", entry), join(nm, entry));
  }
  mkdirSync(join(nm, "a2i-fake"));
  cpSync(join(repo, "package.json"), join(nm, "a2i-fake", "package.json"));
  cpSync(join(repo, "dist"), join(nm, "a2i-fake", "dist"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "per-file-bench", private: true }));

  // The app under test: starts a loop and reads its status, through the A2I runtime client only.
  const app = (ext, esm) =>
    `${esm ? 'import { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";' : 'const { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } = require("@aws-sdk/client-sagemaker-a2i-runtime");'}
const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
${esm ? "export " : ""}async function review(flowDefinitionArn, name, doc) {
  await client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(doc) } }));
  const out = await client.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));
  return out.HumanLoopStatus;
}
${esm ? "" : "module.exports = { review };"}
`;
  const ARN = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/review";
  const tests = {
    fake: (esm, i) => `${esm ? 'import { test, expect } from "vitest";\nimport { a2i } from "a2i-fake/vitest";\nimport { review } from "../app.mjs";' : 'const { a2i } = require("a2i-fake/jest");\nconst { review } = require("../app.js");'}
test("review ${i}", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "review" });
  expect(await review(flowDefinitionArn, "loop-${i}", { n: ${i} })).toBe("InProgress");
  expect(a2i.calls("StartHumanLoop")).toHaveLength(1);
});
`,
    mock: (esm, i) => `${esm ? 'import { test, expect } from "vitest";\nimport { mockClient } from "aws-sdk-client-mock";\nimport { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";\nimport { review } from "../app.mjs";' : 'const { mockClient } = require("aws-sdk-client-mock");\nrequire("aws-sdk-client-mock-jest");\nconst { SageMakerA2IRuntimeClient, StartHumanLoopCommand, DescribeHumanLoopCommand } = require("@aws-sdk/client-sagemaker-a2i-runtime");\nconst { review } = require("../app.js");'}
test("review ${i}", async () => {
  const runtime = mockClient(SageMakerA2IRuntimeClient);
  runtime.on(StartHumanLoopCommand).resolves({ HumanLoopArn: "arn:aws:sagemaker:us-east-1:123456789012:human-loop/loop-${i}" });
  runtime.on(DescribeHumanLoopCommand).resolves({ HumanLoopStatus: "InProgress", HumanLoopName: "loop-${i}", FlowDefinitionArn: "${ARN}" });
  expect(await review("${ARN}", "loop-${i}", { n: ${i} })).toBe("InProgress");
  ${esm ? "expect(runtime.commandCalls(StartHumanLoopCommand)).toHaveLength(1);" : "expect(runtime).toHaveReceivedCommandTimes(StartHumanLoopCommand, 1);"}
  runtime.restore();
});
`,
    plain: (esm, i) => `${esm ? 'import { test, expect } from "vitest";\nimport { review } from "../app.mjs";' : 'const { review } = require("../app.js");'}
test("review ${i}", () => {
  expect(typeof review).toBe("function");
});
`,
  };
  writeFileSync(join(dir, "app.js"), app("js", false));
  writeFileSync(join(dir, "app.mjs"), app("mjs", true));
  for (const variant of Object.keys(tests)) {
    for (const fw of ["jest", "vitest"]) {
      const tdir = join(dir, `${fw}-${variant}`);
      mkdirSync(tdir);
      for (let i = 0; i < FILES; i++) {
        writeFileSync(join(tdir, `t${String(i).padStart(2, "0")}.test.${fw === "jest" ? "js" : "mjs"}`), tests[variant](fw === "vitest", i));
      }
    }
    writeFileSync(
      join(dir, `jest.${variant}.config.cjs`),
      `module.exports = { testEnvironment: "node", roots: ["<rootDir>/jest-${variant}"], transform: {}, ${variant === "fake" ? 'setupFilesAfterEnv: ["a2i-fake/jest"], ' : ""}};\n`,
    );
    writeFileSync(
      join(dir, `vitest.${variant}.config.mjs`),
      `export default { test: { include: ["vitest-${variant}/**/*.test.mjs"], ${variant === "fake" ? 'setupFiles: ["a2i-fake/vitest"], ' : ""}} };\n`,
    );
  }
  return dir;
}

function run(dir, fw, variant) {
  const args =
    fw === "jest"
      ? [join(repo, "node_modules/jest/bin/jest.js"), "--config", `jest.${variant}.config.cjs`, "--silent"]
      : [join(repo, "node_modules/vitest/vitest.mjs"), "run", "--config", `vitest.${variant}.config.mjs`, "--silent"];
  const env = { ...process.env, AWS_REGION: "us-east-1", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  // bash's `time` also gives the CPU time of the whole process tree (jest's and vitest's workers included), which
  // load from other processes inflates far less than the wall time.
  const t0 = process.hrtime.bigint();
  const r = spawnSync("bash", ["-c", 'TIMEFORMAT="%U %S"; { time "$@" >/dev/null 2>"$A2I_BENCH_ERR"; } 2>&1', "bench", process.execPath, ...args], {
    cwd: dir,
    env: { ...env, A2I_BENCH_ERR: join(dir, "last-run.err") },
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(readFileSync(join(dir, "last-run.err"), "utf8").slice(-3000));
    throw new Error(`[a2i-fake bench] ${fw} ${variant} failed (exit ${r.status}).`);
  }
  const [user, sys] = r.stdout.trim().split("\n").pop().split(" ").map(Number);
  return { ms, cpuMs: (user + sys) * 1000 };
}

const dir = makeProject();
const variants = ["fake", "mock", "plain"];
console.log(`\n=== bench/per-file: ${FILES} test files, jest and vitest, three ways (node ${process.version}, ${ROUNDS} rounds, medians) ===\n`);
try {
  for (const fw of (process.env.PER_FILE_FRAMEWORKS ?? "jest,vitest").split(",")) {
    for (const v of variants) run(dir, fw, v); // warm-up: transform caches, disk cache
    const times = Object.fromEntries(variants.map((v) => [v, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = variants.map((_, k) => variants[(k + round) % variants.length]);
      for (const v of order) times[v].push(run(dir, fw, v));
    }
    const m = Object.fromEntries(variants.map((v) => [v, median(times[v].map((t) => t.ms))]));
    const c = Object.fromEntries(variants.map((v) => [v, median(times[v].map((t) => t.cpuMs))]));
    const perFile = (x, a, b) => ((x[a] - x[b]) / FILES).toFixed(1);
    console.log(
      `${fw.padEnd(6)}  wall  a2i-fake ${(m.fake / 1000).toFixed(2)} s  mock ${(m.mock / 1000).toFixed(2)} s  plain ${(m.plain / 1000).toFixed(2)} s` +
        `  | a2i-fake/mock ${(m.fake / m.mock).toFixed(2)}  a2i-fake/plain ${(m.fake / m.plain).toFixed(2)}  mock/plain ${(m.mock / m.plain).toFixed(2)}` +
        `  | per file vs mock ${perFile(m, "fake", "mock")} ms, vs plain ${perFile(m, "fake", "plain")} ms`,
    );
    console.log(
      `${"".padEnd(6)}  cpu   a2i-fake ${(c.fake / 1000).toFixed(2)} s  mock ${(c.mock / 1000).toFixed(2)} s  plain ${(c.plain / 1000).toFixed(2)} s` +
        `  | a2i-fake/mock ${(c.fake / c.mock).toFixed(2)}  a2i-fake/plain ${(c.fake / c.plain).toFixed(2)}  mock/plain ${(c.mock / c.plain).toFixed(2)}` +
        `  | per file vs mock ${perFile(c, "fake", "mock")} ms, vs plain ${perFile(c, "fake", "plain")} ms`,
    );
  }
  console.log("\nGoal (issue 13): a2i-fake/mock <= 1.0 for jest and for vitest.");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Require cost of the entry points, each in a fresh node process (median of 5), with the heaviest modules.
console.log("\n=== require cost of the entry points in a fresh process (median of 5; self time of the heaviest modules) ===\n");
const probe = join(repo, "bench", "require-cost.mjs");
for (const entry of ["dist/cjs/index.js", "dist/cjs/testing/jest-setup.js"]) {
  const runs = [];
  for (let k = 0; k < 5; k++) {
    const r = spawnSync(process.execPath, [probe, join(repo, entry)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  runs.sort((a, b) => a.totalMs - b.totalMs);
  const mid = runs[2];
  console.log(`${entry}: ${mid.totalMs.toFixed(1)} ms, ${mid.modules} modules (${mid.ownModules} of a2i-fake)`);
  for (const [file, ms] of mid.top) console.log(`  ${ms.toFixed(1).padStart(6)} ms  ${file}`);
}
