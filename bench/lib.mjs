// Shared helpers for the benches: timing with process.hrtime.bigint and table printing.
import { pathToFileURL } from "node:url";
import { TextEncoder } from "node:util";
import { resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The floor every per-call bench compares with: a real client of `Client` (static credentials, so SigV4 signing
 * runs), answered at the innermost middleware slot with `body` (a string) as canned HTTP 200 bytes.
 */
export function cannedFloorClient(Client, body, { region = "us-east-1", contentType = "application/json" } = {}) {
  const client = new Client({ region, credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" } });
  const bytes = new TextEncoder().encode(body);
  client.middlewareStack.add(() => async () => ({ response: { statusCode: 200, headers: { "content-type": contentType }, body: bytes } }), {
    step: "deserialize",
    priority: "low",
    name: "canned",
    override: true,
  });
  return client;
}

/** The built package (dist/esm), or A2I_FAKE_DIST if set (a directory holding index.js). */
export async function loadFake() {
  const dir = process.env.A2I_FAKE_DIST ? resolve(process.env.A2I_FAKE_DIST) : resolve(here, "../dist/esm");
  return import(pathToFileURL(resolve(dir, "index.js")).href);
}

/** Scale iteration counts down with BENCH_SCALE=0.1 for a quick smoke run. */
export const SCALE = Number(process.env.BENCH_SCALE ?? "1");
export const scaled = (n) => Math.max(1, Math.round(n * SCALE));

/**
 * Mean µs per call of `fn(i)` over `iterations` sequential awaited calls, after `warmup` calls: wall time
 * (process.hrtime.bigint, the figure) and this process's CPU time (process.cpuUsage, which other processes
 * competing for the cores do not inflate; it includes V8's helper threads, so it can exceed wall time).
 * `fn` receives a running index (unique across warm-up and measurement) for unique names.
 */
export async function timeCalls(fn, { warmup, iterations, start = 0 }) {
  let i = start;
  for (let w = 0; w < warmup; w++) await fn(i++);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < iterations; k++) await fn(i++);
  const t1 = process.hrtime.bigint();
  const cpu = process.cpuUsage(c0);
  return { usPerCall: Number(t1 - t0) / 1000 / iterations, cpuUsPerCall: (cpu.user + cpu.system) / iterations, next: i };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A distribution-free confidence interval for the median of the distribution `xs` were drawn from (order statistics
 * and the binomial distribution, no assumption about the shape of the noise): the narrowest pair of order statistics
 * x(k), x(n+1-k) that holds that median with probability >= `coverage`, and the probability it reaches. With too few
 * values for `coverage`, the whole range and its own probability (3 values: 75%; 5: 94%; 15: x(4)..x(12), 96%).
 */
export function medianInterval(xs, coverage = 0.9) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  // P(Binomial(n, 1/2) <= j) for j = 0..n
  const below = [];
  let term = 0.5 ** n;
  let sum = 0;
  for (let j = 0; j <= n; j++) {
    sum += term;
    below.push(sum);
    term = (term * (n - j)) / (j + 1);
  }
  let k = 1;
  while (k + 1 <= n + 1 - (k + 1) && 1 - 2 * below[k] >= coverage) k++;
  return { low: s[k - 1], high: s[n - k], coverage: n === 0 ? 0 : 1 - 2 * below[k - 1] };
}

export const fmt = (x, digits = 1) => (typeof x === "number" ? x.toFixed(digits) : String(x));

/** Print rows (arrays) under a header as an aligned text table. */
export function printTable(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of all.slice(1)) console.log(line(r));
}

export function header(name) {
  console.log(`\n=== ${name} (node ${process.version}, ${process.platform}/${process.arch}, scale ${SCALE}) ===`);
}

/**
 * A typical worker task template (the sample templates' features: grant_read_access on task.input.taskObject,
 * capture, for over labels, to_json | escape in attributes) and a StartHumanLoop input for it.
 */
export const TYPICAL_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  {% capture uri %}s3://{{ task.input.bucket }}/{{ task.input.key }}{% endcapture %}
  <crowd-image-classifier name="category" src="{{ task.input.taskObject | grant_read_access }}" header="{{ task.input.question }}"
    categories="{{ task.input.labels | to_json | escape }}" required>
    <full-instructions header="Instructions">{% for l in task.input.labels %}<p>{{ forloop.index }}. {{ l }}</p>{% endfor %}</full-instructions>
    <short-instructions>Original: <img src="{{ uri | grant_read_access }}"></short-instructions>
  </crowd-image-classifier>
  <input type="hidden" name="source" value="{{ task.input.key }}">
</crowd-form>`;
export const TYPICAL_TEMPLATE_INPUT = {
  InputContent: JSON.stringify({ taskObject: "s3://bench-photos/a/b.jpg", bucket: "bench-photos", key: "a/b.jpg", question: "What is it?", labels: ["cat", "dog", "bird", "other"] }),
};
