import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import FakeTimers from "@sinonjs/fake-timers";
import { createServer } from "node:net";
import { A2IFake, ListenError, startServer } from "a2i-fake";
import { humanAnswer, reviewIfUnsure } from "../src/app.js";

const clock = FakeTimers.createClock(Date.parse("2026-01-01T00:00:00Z"));
const a2i = new A2IFake({ clock, seed: 7 });
before(() => a2i.install());
afterEach(() => a2i.reset());
after(() => a2i.uninstall());

const prediction = { documentId: "doc-7", label: "cat", confidence: 0.42 };

test("a worker's answer reaches the app through output.json", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });
  const name = await reviewIfUnsure(prediction, flowDefinitionArn);
  assert.equal(a2i.humanLoop(name).humanLoopStatus, "InProgress");
  a2i.workforce.submit(name, { label: "dog" });
  assert.deepEqual(await humanAnswer(name), { label: "dog" });
  assert.deepEqual(a2i.calls("StartHumanLoop").map((c) => c.input.HumanLoopName), [name]);
});

test("an explicit clock moves workers and expiry", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });
  a2i.workforce.autoRespond({ answer: { label: "dog" }, workMs: 60_000 });
  const name = await reviewIfUnsure(prediction, flowDefinitionArn);
  assert.equal(await humanAnswer(name), undefined);
  await clock.tickAsync(60_000);
  assert.deepEqual(await humanAnswer(name), { label: "dog" });
  assert.equal(a2i.events.at(-1).detail.humanLoopStatus, "Completed");
});

test("faults are refused when misspelt and fire on S3 reads", async () => {
  assert.throws(() => a2i.faults.failNext("StartHumanloop", "InternalServerException"), /\[a2i-fake\].*StartHumanLoop/);
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });
  const name = await reviewIfUnsure(prediction, flowDefinitionArn);
  a2i.workforce.submit(name, { label: "dog" });
  a2i.faults.failNext("GetObject", "AccessDenied");
  await assert.rejects(humanAnswer(name), (err) => err.name === "AccessDenied");
});

test("a server that cannot listen rejects with the package's ListenError (one class, loaded lazily with server mode)", async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = blocker.address();
    await assert.rejects(startServer({ port }), (err) => err instanceof ListenError && err.code === "EADDRINUSE" && err.message.includes(`port ${port} is in use`));
  } finally {
    blocker.close();
  }
});
