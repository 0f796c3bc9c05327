/**
 * Example 3, the test: `a2i.onEvent` feeds the handler the same events EventBridge would deliver, as the fake
 * clock passes each transition.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake, type HumanLoopStatusChangeEvent } from "../../src/index.js";
import { makeHandler, type Store } from "./handler.js";

const a2i = new A2IFake();
const runtime = new SageMakerA2IRuntimeClient({});
let store: Store;
let pending: Promise<void>[];
let unsubscribe: () => void;

beforeAll(() => a2i.install());
beforeEach(() => {
  jest.useFakeTimers();
  store = { decisions: new Map(), retries: [] };
  pending = [];
  const handler = makeHandler(store);
  unsubscribe = a2i.onEvent((event: HumanLoopStatusChangeEvent) => {
    pending.push(handler(event));
  });
});
afterEach(() => {
  unsubscribe();
  a2i.reset();
  jest.useRealTimers();
});
afterAll(() => a2i.uninstall());

const start = (name: string, flowDefinitionArn: string) =>
  runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
  );

test("Completed: the handler stores the reviewer's answer read from S3", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "moderation" });
  a2i.workforce.autoRespond({ answer: { verdict: "safe" }, workMs: 30_000 });
  await start("post-1", flowDefinitionArn);

  jest.advanceTimersByTime(30_000);
  await Promise.all(pending);

  expect(store.decisions.get("post-1")).toEqual({ verdict: "safe" });
});

test("Failed (expired): the handler queues a retry; no event fired before expiry", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "moderation", taskAvailabilityLifetimeSeconds: 600 });
  await start("post-2", flowDefinitionArn);

  jest.advanceTimersByTime(599_000);
  expect(pending).toHaveLength(0);
  jest.advanceTimersByTime(1_000);
  await Promise.all(pending);

  expect(store.retries).toEqual(["post-2"]);
});
