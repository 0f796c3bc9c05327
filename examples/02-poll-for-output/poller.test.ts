/**
 * Example 2, the test: jest's fake timers drive both the app's polling and the fake's workers and expiry.
 * `advanceTimersByTimeAsync` lets the app's awaited SDK calls run between timer steps.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { waitForReview } from "./poller.js";

const a2i = new A2IFake();
const runtime = new SageMakerA2IRuntimeClient({});
beforeAll(() => a2i.install());
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  a2i.reset();
  jest.useRealTimers();
});
afterAll(() => a2i.uninstall());

async function startLoop(name: string, flowDefinitionArn: string) {
  await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: name,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify({ invoice: 42 }) },
    }),
  );
}

test("two reviewers answer within ten minutes; the poller returns both answers from S3", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", taskCount: 2 });
  a2i.workforce.autoRespond({ answer: (input) => ({ approved: (input as { invoice: number }).invoice < 100 }), workMs: 10 * 60_000 });
  await startLoop("invoice-42", flowDefinitionArn);

  const result = waitForReview("invoice-42");
  await jest.advanceTimersByTimeAsync(11 * 60_000);

  await expect(result).resolves.toEqual({ status: "Completed", answers: [{ approved: true }, { approved: true }] });
});

test("nobody picks the task up: the loop expires and the poller reports why", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", taskAvailabilityLifetimeSeconds: 3600 });
  await startLoop("invoice-43", flowDefinitionArn);

  const result = waitForReview("invoice-43");
  await jest.advanceTimersByTimeAsync(61 * 60_000);

  await expect(result).resolves.toMatchObject({ status: "Failed", reason: expect.stringMatching(/^Expired: /) });
});
