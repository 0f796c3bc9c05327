// Server mode under a native load generator (issue 13): requests per second and p99 of DescribeHumanLoop and
// StartHumanLoop against `startServer()`, and against a bare node:http server answering the same canned JSON (the
// floor), measured with wrk (Debian package `wrk`, installed here with apt-get when missing and possible), 16
// keep-alive connections on loopback. Each server runs in its own child process, restarted for each measurement
// (so the fake's loops and call history start empty) and warmed up by WRK_WARMUP s of the same load before it is
// measured; rounds alternate which server goes first.
// WRK_CANNED=1 adds a third server: the fake's HTTP transport answering a canned answer (its `handleWire` replaced),
// which is what the transport alone costs beside the floor, with no fake work at all.
// WRK_STATEFUL=1 adds another: the floor plus the least any stateful fake must do (a "stateful floor"): a Start reads
// and parses its body and keeps one small record per loop in a Map by name, a Describe looks its loop up and writes
// it; no validation, no timer, no history. It bounds what the goal can ask of a fake that keeps its loops.
// Each round's ratio fake/floor is printed, with their median and a distribution-free interval for it: on a shared
// 2-core machine one round can be off by a factor of two, so a verdict against the goal needs the interval, not a
// median alone. WRK_POOL=<file> appends this run's rounds to that file (JSON lines, never trimmed) and also prints the
// interval over every run there of the same commit, build directory, node version and settings, with each run's median.
// Usage: node bench/http-wrk.mjs   (WRK_SECONDS=3 per measurement, WRK_ROUNDS=5, WRK_WARMUP=3, CONCURRENCY=16,
// WRK_CANNED=1, WRK_STATEFUL=1, WRK_POOL=<file>)
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SCALE, loadFake, median, medianInterval } from "./lib.mjs";

const SECONDS = Number(process.env.WRK_SECONDS ?? (SCALE < 1 ? 1 : 3));
const ROUNDS = Number(process.env.WRK_ROUNDS ?? (SCALE < 1 ? 1 : 5));
/** Issue 13's goal for fake/floor, each operation. */
const GOAL = 0.7;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
// The fake has far more code than the floor for the JIT to optimize: on a busy 2-core machine its first seconds
// ran at a third of its steady rate (Start: ~270 µs of CPU per request in the first 3 s, ~150 µs after).
const WARMUP_SECONDS = Number(process.env.WRK_WARMUP ?? (SCALE < 1 ? 1 : 3));
for (const [name, value] of Object.entries({ WRK_SECONDS: SECONDS, WRK_ROUNDS: ROUNDS, WRK_WARMUP: WARMUP_SECONDS, CONCURRENCY })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`[a2i-fake bench] ${name} must be a whole number of at least 1, not ${process.env[name]}.`);
}
/** wrk runs so far: each passes its number to the Start script (declared before main() runs, below). */
let wrkRuns = 0;
const FLOW_ARN = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/bench-flow";
const AUTH = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();

/** Child process: one server, its port on stdout; it stops when stdin closes. */
async function serve(kind) {
  let close;
  if (kind === "fake" || kind === "canned") {
    const { startServer } = await loadFake();
    const server = await startServer({ quotas: { maxInProgressHumanLoops: 1e9 } });
    server.fake.seedFlowDefinition({ name: "bench-flow" });
    const res = await globalThis.fetch(`${server.url}/human-loops`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: AUTH },
      body: JSON.stringify({ HumanLoopName: "bench-loop", FlowDefinitionArn: FLOW_ARN, HumanLoopInput: { InputContent: "{}" } }),
    });
    if (res.status !== 200) throw new Error(`StartHumanLoop answered ${res.status}: ${await res.text()}`);
    const describe = await globalThis.fetch(`${server.url}/human-loops/bench-loop`, { headers: { authorization: AUTH } });
    const describeText = await describe.text();
    if (kind === "canned") {
      const startText = JSON.stringify({ HumanLoopArn: FLOW_ARN.replace("flow-definition/bench-flow", "human-loop/x") });
      const headers = { "content-type": "application/json", "x-amzn-requestid": "a2f0fa4e-0000-4000-8000-000000000001" };
      server.fake.handleWire = (_service, request) => ({ statusCode: 200, headers, body: request.method === "POST" ? startText : describeText });
    }
    process.stdout.write(`${server.port} ${Buffer.from(describeText).toString("base64")}\n`);
    close = () => server.close();
  } else if (kind === "stateful") {
    const { createServer } = await import("node:http");
    const loops = new Map();
    const arnOf = (name) => `${FLOW_ARN.replace("flow-definition/bench-flow", "human-loop/")}${name}`;
    const keep = (input) => {
      const loop = { name: input.HumanLoopName, arn: arnOf(input.HumanLoopName), flow: input.FlowDefinitionArn, input: input.HumanLoopInput.InputContent, creationTime: Date.now(), status: "InProgress" };
      loops.set(loop.name, loop);
      return loop;
    };
    keep({ HumanLoopName: "bench-loop", FlowDefinitionArn: FLOW_ARN, HumanLoopInput: { InputContent: "{}" } });
    const answer = (res, text) => {
      res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "a2f0fa4e-0000-4000-8000-000000000001", "content-length": String(Buffer.byteLength(text)) });
      res.end(text);
    };
    const server = createServer((req, res) => {
      if (req.method !== "POST") {
        req.resume();
        const loop = loops.get(decodeURIComponent(req.url.slice("/human-loops/".length)));
        const { name, arn, flow, status, creationTime } = loop;
        answer(res, JSON.stringify({ HumanLoopName: name, HumanLoopArn: arn, FlowDefinitionArn: flow, HumanLoopStatus: status, CreationTime: new Date(creationTime).toISOString() }));
        return;
      }
      const chunks = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (loops.has(input.HumanLoopName)) throw new Error(`loop ${input.HumanLoopName} started twice`);
        answer(res, JSON.stringify({ HumanLoopArn: keep(input).arn }));
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.stdout.write(`${server.address().port}\n`);
    close = () => new Promise((resolve) => server.close(resolve));
  } else {
    const { createServer } = await import("node:http");
    const describeBody = Buffer.from(process.env.CANNED_DESCRIBE, "base64");
    const startBody = Buffer.from(JSON.stringify({ HumanLoopArn: FLOW_ARN.replace("flow-definition/bench-flow", "human-loop/x") }));
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const body = req.method === "POST" ? startBody : describeBody;
        res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "a2f0fa4e-0000-4000-8000-000000000001", "content-length": String(body.length) });
        res.end(body);
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.stdout.write(`${server.address().port}\n`);
    close = () => new Promise((resolve) => server.close(resolve));
  }
  // "cpu" on stdin: this process's CPU time so far (µs), for the CPU cost per request (robust to other load).
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (line) => {
    if (line.includes("cpu")) {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`cpu ${user + system}\n`);
    }
  });
  process.stdin.on("end", () => close().then(() => process.exit(0)));
}

function startChild(kind, env = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve", kind], { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...env } });
  // wrk stops with requests in flight on every connection: the server's line about each dropped request is not news.
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text) => {
    const rest = text.split("\n").filter((line) => line !== "" && !line.includes("the client closed the connection"));
    if (rest.length > 0) process.stderr.write(`${rest.join("\n")}\n`);
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let cpuWaiter;
    child.stdout.on("data", (d) => {
      out += d;
      const cpu = /cpu (\d+)\n/.exec(out);
      if (cpu && cpuWaiter) {
        out = out.replace(cpu[0], "");
        const w = cpuWaiter;
        cpuWaiter = undefined;
        w(Number(cpu[1]));
      }
      if (!out.includes("\n") || resolved) return;
      resolved = true;
      const [port, canned] = out.split("\n")[0].split(" ");
      out = out.slice(out.indexOf("\n") + 1);
      resolve({
        port: Number(port),
        canned,
        /** The child's CPU time so far, µs (user + system). */
        cpuUs: () => new Promise((r) => { cpuWaiter = r; child.stdin.write("cpu\n"); }),
        stop: () => new Promise((r) => { child.once("exit", r); child.stdin.end(); }),
      });
    });
    let resolved = false;
    child.on("exit", (code) => { if (!resolved) reject(new Error(`${kind} server exited (${code}) before listening`)); });
  });
}

function ensureWrk() {
  if (spawnSync("wrk", ["-v"]).error === undefined) return;
  console.log("[a2i-fake bench] wrk is missing: installing the Debian package (apt-get install -y wrk)...");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const apt = (args) => execFileSync(asRoot[0] ?? "apt-get", [...asRoot.slice(1), ...(asRoot.length ? ["apt-get"] : []), ...args], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  try {
    apt(["install", "-y", "wrk"]);
  } catch {
    apt(["update"]);
    apt(["install", "-y", "wrk"]);
  }
}

function wrk(port, script, seconds = SECONDS) {
  // The run number goes to the script: Start's loop names must not repeat the warm-up's (a repeat is an idempotent
  // StartHumanLoop that creates nothing, and is cheaper).
  wrkRuns++;
  const out = execFileSync("wrk", ["-t1", `-c${CONCURRENCY}`, `-d${seconds}s`, "--latency", "-s", script, `http://127.0.0.1:${port}`, "--", `r${wrkRuns}`], { encoding: "utf8" });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const p99 = /\n\s+99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const toMs = (v, u) => Number(v) * (u === "us" ? 0.001 : u === "s" ? 1000 : 1);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  if (!rps || non2xx > 0) throw new Error(`[a2i-fake bench] wrk: ${non2xx} non-2xx answers or no rate:\n${out}`);
  return { rps, requests, p99: p99 ? toMs(p99[1], p99[2]) : NaN };
}

async function main() {
  ensureWrk();
  const dir = mkdtempSync(join(tmpdir(), "a2i-fake-wrk-"));
  const scripts = {
    Describe: join(dir, "describe.lua"),
    Start: join(dir, "start.lua"),
  };
  writeFileSync(scripts.Describe, `wrk.method = "GET"\nwrk.path = "/human-loops/bench-loop"\nwrk.headers["authorization"] = "${AUTH}"\nwrk.headers["x-amz-date"] = "20260101T000000Z"\n`);
  // A new loop name per request and per wrk run: a used name with the same input is an idempotent StartHumanLoop,
  // which creates nothing.
  writeFileSync(
    scripts.Start,
    `local n = 0
local run = "r"
init = function(args)
  run = args[1] or "r"
end
request = function()
  n = n + 1
  local body = '{"HumanLoopName":"loop-' .. run .. '-' .. n .. '","FlowDefinitionArn":"${FLOW_ARN}","HumanLoopInput":{"InputContent":"{\\\\"page\\\\":1}"}}'
  return wrk.format("POST", "/human-loops", { ["content-type"] = "application/json", ["authorization"] = "${AUTH}", ["x-amz-date"] = "20260101T000000Z" }, body)
end
`,
  );
  const probe = await startChild("fake");
  const canned = probe.canned;
  await probe.stop();
  console.log(`\n=== bench/http-wrk: wrk -t1 -c${CONCURRENCY} -d${SECONDS}s, ${ROUNDS} rounds, medians (node ${process.version}) ===\n`);
  const results = {};
  try {
    for (const op of ["Describe", "Start"]) {
      const r = { fake: [], floor: [], canned: [], stateful: [] };
      for (let round = 0; round < ROUNDS; round++) {
        const kinds = round % 2 ? ["floor", "fake"] : ["fake", "floor"];
        if (process.env.WRK_CANNED) kinds.push("canned");
        if (process.env.WRK_STATEFUL) kinds.push("stateful");
        for (const kind of kinds) {
          const server = await startChild(kind, { CANNED_DESCRIBE: canned });
          try {
            wrk(server.port, scripts[op], WARMUP_SECONDS); // warm-up (JIT), not counted: each server starts cold
            const cpu0 = await server.cpuUs();
            const run = wrk(server.port, scripts[op]);
            r[kind].push({ ...run, cpuPerRequest: ((await server.cpuUs()) - cpu0) / run.requests });
          } finally {
            await server.stop();
          }
        }
      }
      results[op] = r;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("operation          fake req/s  floor req/s  fake/floor  fake p99 ms  floor p99 ms  fake CPU µs/req  floor CPU µs/req  CPU floor/fake");
  console.log("-----------------  ----------  -----------  ----------  -----------  ------------  ---------------  ----------------  --------------");
  for (const [op, r] of Object.entries(results)) {
    const f = median(r.fake.map((x) => x.rps));
    const b = median(r.floor.map((x) => x.rps));
    const ratios = r.fake.map((x, i) => x.rps / r.floor[i].rps);
    const fakeCpu = median(r.fake.map((x) => x.cpuPerRequest));
    const floorCpu = median(r.floor.map((x) => x.cpuPerRequest));
    console.log(
      `${`${op}HumanLoop`.padEnd(17)}  ${f.toFixed(0).padStart(10)}  ${b.toFixed(0).padStart(11)}  ${median(ratios).toFixed(2).padStart(10)}  ${median(r.fake.map((x) => x.p99)).toFixed(2).padStart(11)}  ${median(r.floor.map((x) => x.p99)).toFixed(2).padStart(12)}` +
        `  ${fakeCpu.toFixed(0).padStart(15)}  ${floorCpu.toFixed(0).padStart(16)}  ${(floorCpu / fakeCpu).toFixed(2).padStart(14)}`,
    );
  }
  if (process.env.WRK_CANNED) {
    for (const [op, r] of Object.entries(results)) {
      const cannedCpu = median(r.canned.map((x) => x.cpuPerRequest));
      const floorCpu = median(r.floor.map((x) => x.cpuPerRequest));
      const ratio = median(r.canned.map((x, i) => x.rps / r.floor[i].rps));
      console.log(
        `${`${op}HumanLoop`.padEnd(17)}  transport alone (canned answer): ${median(r.canned.map((x) => x.rps)).toFixed(0)} req/s, ${ratio.toFixed(2)} of the floor; ` +
          `CPU ${cannedCpu.toFixed(0)} µs/req, floor/canned ${(floorCpu / cannedCpu).toFixed(2)}`,
      );
    }
  }
  if (process.env.WRK_STATEFUL) {
    for (const [op, r] of Object.entries(results)) {
      const statefulCpu = median(r.stateful.map((x) => x.cpuPerRequest));
      const ratio = median(r.stateful.map((x, i) => x.rps / r.floor[i].rps));
      const fakeRatio = median(r.fake.map((x, i) => x.rps / r.stateful[i].rps));
      console.log(
        `${`${op}HumanLoop`.padEnd(17)}  stateful floor (a Map of loops, nothing else): ${median(r.stateful.map((x) => x.rps)).toFixed(0)} req/s, ${ratio.toFixed(2)} of the floor; ` +
          `CPU ${statefulCpu.toFixed(0)} µs/req; the fake ${fakeRatio.toFixed(2)} of it`,
      );
    }
  }
  // Every round's ratio, sorted: on a shared machine one run's rounds spread by a quarter or more, and the spread
  // says how far the median can be trusted.
  const ratiosOf = (r) => r.fake.map((x, i) => x.rps / r.floor[i].rps);
  for (const [op, r] of Object.entries(results)) {
    const each = ratiosOf(r).sort((a, b) => a - b);
    console.log(`${`${op}HumanLoop`.padEnd(17)}  fake/floor of each round, sorted: ${each.map((x) => x.toFixed(2)).join(", ")}`);
    console.log(`${"".padEnd(17)}  ${verdict(each)}`);
  }
  if (process.env.WRK_POOL) pool(process.env.WRK_POOL, Object.fromEntries(Object.entries(results).map(([op, r]) => [op, ratiosOf(r)])));
  console.log(`\nfake/floor = median over rounds of the ratio measured back to back. Goal (issue 13): >= ${GOAL.toFixed(2)}.`);
  console.log("CPU µs/req = the server process's CPU time (user + system, kernel TCP work included) per request answered;");
  console.log("other load on the machine inflates it less than req/s (load average now: " + loadavg().map((l) => l.toFixed(2)).join(", ") + ").");
}

/** The median of the rounds' ratios, its interval, and what they say of the goal. */
function verdict(ratios) {
  const { low, high, coverage } = medianInterval(ratios);
  const said =
    coverage < 0.9
      ? "too few rounds for a verdict at 90% (WRK_ROUNDS=5 or more, or WRK_POOL)"
      : low >= GOAL
        ? "meets the goal"
        : high < GOAL
          ? "misses the goal"
          : "cannot tell from the goal at 90%";
  // Three decimals: at two, an end of 0.6996 would print as 0.70 beside a verdict that it is below.
  return `median ${median(ratios).toFixed(2)}, ${Math.round(coverage * 100)}% interval ${low.toFixed(3)}-${high.toFixed(3)} (${ratios.length} rounds): ${said}`;
}

/**
 * Appends this run's rounds to `file` and prints the verdict over every run there of the same commit, build directory,
 * node version and settings, and each run's own median: pooled rounds are one sample only if the runs measured the
 * same thing, and how far the runs' medians agree shows how far that holds.
 */
function pool(file, ratiosByOp) {
  const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["describe", "--always", "--dirty"], { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // not a git checkout: runs pool under "unknown"
  }
  const build = resolve(process.env.A2I_FAKE_DIST ?? join(repo, "dist/esm"));
  const settings = { seconds: SECONDS, warmup: WARMUP_SECONDS, concurrency: CONCURRENCY, canned: Boolean(process.env.WRK_CANNED), stateful: Boolean(process.env.WRK_STATEFUL) };
  const key = JSON.stringify({ commit, build, node: process.version, settings });
  appendFileSync(file, JSON.stringify({ commit, build, node: process.version, settings, at: new Date().toISOString(), ratios: ratiosByOp }) + "\n");
  const runs = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line))
    .filter((run) => JSON.stringify({ commit: run.commit, build: run.build, node: run.node, settings: run.settings }) === key);
  console.log(`\nPooled (${file}): ${runs.length} run(s) of ${commit} (${build}, node ${process.version}, these settings)`);
  for (const op of Object.keys(ratiosByOp)) {
    const all = runs.flatMap((run) => run.ratios[op] ?? []).sort((a, b) => a - b);
    const medians = runs.map((run) => median(run.ratios[op] ?? []));
    const above = medians.filter((m) => m >= GOAL).length;
    console.log(`${`${op}HumanLoop`.padEnd(17)}  ${verdict(all)}`);
    console.log(`${"".padEnd(17)}  each run's median: ${medians.map((m) => m.toFixed(2)).join(", ")} (${above} of ${runs.length} at or above ${GOAL.toFixed(2)})`);
  }
}
