// Runs the benches one after another, each in its own node process (with --expose-gc), and stops.
// Usage: node bench/run.mjs [per-call] [list] [auto-respond] [per-file] [memory] [http-wrk] [template-render] [built-in]   (default: all). BENCH_SCALE=0.1 for a quick run.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const all = ["per-call", "list", "auto-respond", "per-file", "memory", "http-wrk", "template-render", "built-in"];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
const unknown = chosen.filter((b) => !all.includes(b));
if (unknown.length > 0) {
  console.error(`[a2i-fake bench] unknown bench ${unknown.join(", ")}; choose from ${all.join(", ")}.`);
  process.exit(2);
}
let failed = 0;
const t0 = Date.now();
for (const bench of chosen) {
  const r = spawnSync(process.execPath, ["--expose-gc", join(here, `${bench}.mjs`)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`[a2i-fake bench] ${bench} failed (exit ${r.status ?? r.signal}).`);
  }
}
console.log(`\n[a2i-fake bench] ${chosen.length - failed}/${chosen.length} benches done in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
process.exit(failed > 0 ? 1 : 0);
