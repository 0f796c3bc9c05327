// Server mode over HTTP: requests per second and p50/p99 latency of DescribeHumanLoop (GET /human-loops/<name>)
// against `startServer()`, and against a minimal node:http server answering the same canned JSON (the floor).
// Each server runs in its own child process; this process is the load generator: CONCURRENCY keep-alive
// connections on loopback, each sending its next request when the last one is answered. Rounds alternate the
// two servers. Bounded: it stops itself after at most 30 s. Run after `npm run build`:
//   node bench/http-bench.mjs            (BENCH_SCALE=0.1 for a quick run; CONCURRENCY=<n>, default 16)
import { spawn } from "node:child_process";
import { createServer, request, Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { SCALE, fmt, header, loadFake, median, printTable } from "./lib.mjs";

const HARD_STOP_MS = 30_000;
const LOOP = "bench-loop";
const PATH = `/human-loops/${LOOP}`;
// What the JS SDK sends for DescribeHumanLoop, give or take the signature (never verified).
const HEADERS = {
  host: "127.0.0.1",
  "user-agent": "a2i-fake-bench",
  "x-amz-date": "20260101T000000Z",
  authorization:
    "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
};

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();

/** Child process: one server, its port on stdout; it stops when stdin closes. */
async function serve(kind) {
  let close;
  if (kind === "fake") {
    const { startServer } = await loadFake();
    const server = await startServer();
    const { flowDefinitionArn } = server.fake.seedFlowDefinition({ name: "bench-flow" });
    const started = await send(new Agent(), server.port, "/human-loops", "POST", {
      HumanLoopName: LOOP,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: "{}" },
    });
    if (started.status !== 200) throw new Error(`StartHumanLoop answered ${started.status}`);
    process.stdout.write(`${server.port}\n`);
    close = () => server.close();
  } else {
    const body = Buffer.from(process.env.BENCH_CANNED_BODY ?? "{}");
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, {
          "content-type": "application/json",
          "x-amzn-requestid": "a2f0fa4e-0000-4000-8000-000000000001",
          "content-length": String(body.length),
        });
        res.end(body);
      });
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.stdout.write(`${server.address().port}\n`);
    close = () => new Promise((resolve) => server.close(resolve)).then(() => undefined);
  }
  process.stdin.resume();
  process.stdin.on("end", () => close().then(() => process.exit(0)));
}

function startChild(kind, env = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve", kind], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve({ port: Number(line), stop: () => child.stdin.end(), child });
    });
    child.on("exit", (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
}

function get(agent, port, path, method = "GET") {
  return send(agent, port, path, method);
}

function send(agent, port, path, method, json) {
  const headers = json === undefined ? HEADERS : { ...HEADERS, "content-type": "application/json" };
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

/** CONCURRENCY closed-loop workers for `ms`: latencies (µs) of every answered request, and the elapsed time. */
async function load(port, ms, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const deadline = performance.now() + ms;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const s = process.hrtime.bigint();
        const r = await get(agent, port, PATH);
        if (r.status !== 200) throw new Error(`DescribeHumanLoop answered ${r.status}: ${r.body}`);
        latencies.push(Number(process.hrtime.bigint() - s) / 1000);
      }
    }),
  );
  const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return { latencies, elapsedS };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error(`[a2i-fake bench] http-bench ran past ${HARD_STOP_MS / 1000} s; stopping.`);
    process.exit(1);
  }, HARD_STOP_MS);
  hardStop.unref();
  header("http-bench: DescribeHumanLoop over HTTP, keep-alive, loopback");
  const concurrency = Number(process.env.CONCURRENCY ?? 16);
  const rounds = 3;
  const roundMs = Math.max(300, Math.round(3000 * SCALE));
  const warmupMs = Math.max(200, Math.round(1000 * SCALE));

  const fake = await startChild("fake");
  const canned = await get(new Agent({ keepAlive: false }), fake.port, PATH);
  if (canned.status !== 200) throw new Error(`DescribeHumanLoop answered ${canned.status}: ${canned.body}`);
  const floor = await startChild("floor", { BENCH_CANNED_BODY: canned.body });
  const floorCheck = await get(new Agent({ keepAlive: false }), floor.port, PATH);
  if (floorCheck.body !== canned.body) throw new Error("the floor server does not answer the fake's JSON");

  const servers = { fake, floor };
  const results = { fake: [], floor: [] };
  for (const kind of ["fake", "floor"]) await load(servers[kind].port, warmupMs, concurrency);
  for (let r = 0; r < rounds; r++) {
    for (const kind of r % 2 === 0 ? ["fake", "floor"] : ["floor", "fake"]) {
      if (kind === "fake") await get(new Agent({ keepAlive: false }), fake.port, "/_a2i/calls", "DELETE"); // history stays small
      results[kind].push(await load(servers[kind].port, roundMs, concurrency));
    }
  }
  fake.stop();
  floor.stop();

  const summary = {};
  for (const kind of ["fake", "floor"]) {
    const rps = median(results[kind].map((x) => x.latencies.length / x.elapsedS));
    const all = results[kind].flatMap((x) => x.latencies).sort((a, b) => a - b);
    summary[kind] = { rps, p50: percentile(all, 50), p99: percentile(all, 99), n: all.length };
  }
  printTable(
    `${concurrency} keep-alive connections, ${rounds} rounds of ${roundMs} ms per server (median round for req/s)`,
    ["server", "req/s", "p50 µs", "p99 µs", "requests"],
    ["fake", "floor"].map((k) => [k === "fake" ? "a2i-fake startServer()" : "floor: node:http, canned JSON", fmt(summary[k].rps, 0), fmt(summary[k].p50, 0), fmt(summary[k].p99, 0), summary[k].n]),
  );
  console.log(
    `\nratio fake/floor: throughput ${fmt(summary.fake.rps / summary.floor.rps, 2)}, ` +
      `p50 latency ${fmt(summary.fake.p50 / summary.floor.p50, 2)}x, p99 latency ${fmt(summary.fake.p99 / summary.floor.p99, 2)}x`,
  );
}
