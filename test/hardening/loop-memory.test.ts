/**
 * What a started loop keeps (issue 13): a server may hold 100,000 loops, and each one's heap is paid again by
 * every garbage collection. An InProgress loop with a small input keeps under 1 KiB: its ARN and output key as
 * flat strings (a template literal of many parts is a rope of 32-byte nodes that lives as long as the loop), no
 * claims Map before its first claim, its output URI made when read. Before, the same loop kept about 1.45 KiB.
 * The input's parsed data is not kept either (it is parsed again when read): 4 KiB of JSON parse into more than
 * that again. `npm run memory` gives the figures with the call history and a 200-character input.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapUsed = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

describe("heap kept by a started loop", () => {
  it("is under 1 KiB for an InProgress loop with a small input, and its answers are unchanged", async () => {
    const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 100_000 } }).install();
    try {
      const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "memory" });
      const start = (name: string, i: number) =>
        runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: `{"item":${i}}` } }));
      for (let i = 0; i < 200; i++) await start(`warm-${i}`, i); // the client's and the fake's caches
      a2i.resetHistory();
      // Enough loops that a megabyte another test file frees meanwhile moves the figure by little (a full run flaked at 4000).
      const n = 8000;
      for (let i = 0; i < n; i++) await start(`loop-${i}`, i);
      // Described loops are among those DescribeHumanLoop keeps text for: that must not keep them after reset().
      for (let i = 0; i < 128; i++) await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: `loop-${i}` }));
      a2i.resetHistory();
      // The strings built flat and the URI made when read are the same as ever.
      const snapshot = a2i.humanLoop("loop-7")!;
      expect(snapshot.humanLoopArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:human-loop/loop-7");
      expect(snapshot.outputS3Uri).toMatch(/^s3:\/\/[^/]+\/(?:[^/]+\/)*memory\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/loop-7\/output\.json$/);
      expect(snapshot.input).toEqual({ item: 7 });

      // The heap with the loops, then without them (reset() drops them), back to back: what else the worker frees
      // meanwhile (another test file's module registry) cannot land between the two.
      // A new job first: V8 keeps a WeakRef's target until the job that made the WeakRef ends. Then the two
      // measures back to back, with nothing in between that could let another test file's garbage go.
      await new Promise((resolve) => setImmediate(resolve));
      const withLoops = heapUsed();
      a2i.reset();
      const perLoop = (withLoops - heapUsed()) / n;
      expect(perLoop).toBeGreaterThan(100); // the loops were held: the measure measures them
      expect(perLoop).toBeLessThan(1024);
    } finally {
      a2i.uninstall();
    }
  });

  it("keeps a larger input as its text only, not also as parsed data, and reads the same input after", async () => {
    const a2i = new A2IFake({ quotas: { maxInProgressHumanLoops: 100_000 } }).install();
    try {
      const runtime = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "memory" });
      const inputOf = (i: number) => Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`field${k}`, `value ${i} ${k} ${"x".repeat(20)}`]));
      const text = JSON.stringify(inputOf(0));
      expect(text.length).toBeGreaterThan(4000);
      const start = (name: string, i: number) =>
        runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(inputOf(i)) } }));
      for (let i = 0; i < 100; i++) await start(`warm-${i}`, i);
      a2i.resetHistory();
      const n = 2000;
      for (let i = 0; i < n; i++) await start(`loop-${i}`, i);
      a2i.resetHistory();
      const withLoops = heapUsed();
      expect(a2i.humanLoop("loop-7")!.input).toEqual(inputOf(7));
      a2i.reset();
      const perLoop = (withLoops - heapUsed()) / n;
      expect(perLoop).toBeGreaterThan(text.length); // the text is held: the measure measures the loops
      expect(perLoop).toBeLessThan(text.length + 1536); // the parsed data (several KiB more) is not
    } finally {
      a2i.uninstall();
    }
  });
});
