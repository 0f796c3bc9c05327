const { createServer } = require("node:net");
const { a2i } = require("a2i-fake/jest");
const { ListenError, startServer } = require("a2i-fake");
const { humanAnswer, reviewIfUnsure, waitForAnswer } = require("../src/app");

const prediction = { documentId: "doc-7", label: "cat", confidence: 0.42 };

test("a worker's answer reaches the app through output.json", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" }); // Active at once
  const name = (await reviewIfUnsure(prediction, flowDefinitionArn));
  expect(a2i).toHaveHumanLoopInStatus(name, "InProgress");
  expect(a2i.humanLoop(name).input).toEqual(prediction);
  a2i.workforce.submit(name, { label: "dog" }); // a worker answers
  expect(await humanAnswer(name)).toEqual({ label: "dog" });
  expect(a2i).toHaveReceivedA2ICall("StartHumanLoop", { HumanLoopName: name });
  expect(a2i).toHaveWrittenHumanLoopOutput(name);
});

test("under fake timers, the app's poller sees the auto-responder's answer", async () => {
  jest.useFakeTimers();
  try {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });
    a2i.workforce.autoRespond({ answer: { label: "dog" }, workMs: 60_000 });
    const name = (await reviewIfUnsure(prediction, flowDefinitionArn));
    const answer = waitForAnswer(name);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(await answer).toEqual({ label: "dog" });
    expect(a2i).toHaveEmittedStatusChange(name, "Completed");
  } finally {
    jest.useRealTimers();
  }
});

test("each test starts from an empty fake", () => {
  expect(a2i).toHaveStartedHumanLoops(0);
  expect(a2i.flowDefinitions()).toHaveLength(0);
});

test("a failing matcher says what the fake holds", () => {
  expect(() => expect(a2i).toHaveHumanLoop("nobody")).toThrow(/holds 0 human loop/);
});

test("a server that cannot listen rejects with the package's ListenError (one class, loaded lazily with server mode)", async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = blocker.address();
    const err = await startServer({ port }).catch((e) => e);
    expect(err).toBeInstanceOf(ListenError);
    expect(err).toMatchObject({ code: "EADDRINUSE", message: expect.stringContaining(`port ${port} is in use`) });
  } finally {
    blocker.close();
  }
});
