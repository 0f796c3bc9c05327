// Heap after 20,000 throwaway clients (issue 10 item 7): a handler that builds a SageMakerA2IRuntimeClient per call,
// as Lambda code often does, under an installed fake. Faked clients are held weakly, so the heap after gc should
// not grow with the number of clients the test dropped. Run with --expose-gc (bench/run.mjs does).
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { setImmediate } from "node:timers";
import { loadFake, scaled } from "./lib.mjs";

if (typeof globalThis.gc !== "function") throw new Error("[a2i-fake bench] run with node --expose-gc");
const { A2IFake } = await loadFake();
const N = scaled(20_000);
const mb = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

const a2i = new A2IFake().install();
a2i.seedFlowDefinition({ name: "fd" });
async function handler(i) {
  const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
  try {
    await client.send(new DescribeHumanLoopCommand({ HumanLoopName: `missing-${i}` }));
  } catch (err) {
    if (err.name !== "ResourceNotFoundException") throw err;
  }
}
await handler(-1); // the SDK's own lazy loads and caches
await settle();
const base = mb();
const t0 = Date.now();
for (let i = 0; i < N; i++) await handler(i);
const elapsed = Date.now() - t0;
await settle();
const after = mb();
a2i.reset();
await settle();
const afterReset = mb();
const live = a2i["transport"].liveClientCount();
a2i.uninstall();
console.log(`\n=== bench/memory: ${N} throwaway clients, one DescribeHumanLoop each, under install() (node ${process.version}) ===\n`);
console.log(`heapUsed after gc: baseline ${base.toFixed(1)} MB, after ${N} clients ${after.toFixed(1)} MB (+${(after - base).toFixed(1)} MB), after reset() ${afterReset.toFixed(1)} MB (+${(afterReset - base).toFixed(1)} MB)`);
console.log(`faked clients still alive after gc: ${live}; ${(elapsed / N * 1000).toFixed(0)} µs per client (build + first call)`);
