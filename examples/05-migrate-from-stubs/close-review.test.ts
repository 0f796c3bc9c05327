/**
 * Example 5, the test, twice: first as it is written today with aws-sdk-client-mock stubs, which answer
 * whatever they were told and so pass the buggy version; then with a2i-fake, which knows A2I's lifecycle
 * and catches the bug.
 */
import {
  DeleteHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { A2IFake, a2iMatchers } from "../../src/index.js";

// a2i-fake/jest (setupFilesAfterEnv) registers the matchers for you; without it:
expect.extend(a2iMatchers);
import { closeReview, closeReviewNaive } from "./close-review.js";

describe("before: hand-written stubs", () => {
  const stub = mockClient(SageMakerA2IRuntimeClient);
  afterAll(() => stub.restore());

  test("the naive version passes: the stub says yes to anything", async () => {
    stub.on(DeleteHumanLoopCommand).resolves({});
    await expect(closeReviewNaive("review-1")).resolves.toBeUndefined(); // in production: ValidationException
  });
});

describe("after: a2i-fake", () => {
  const a2i = new A2IFake();
  const runtime = new SageMakerA2IRuntimeClient({});
  beforeAll(() => a2i.install());
  afterEach(() => a2i.reset());
  afterAll(() => a2i.uninstall());

  async function startReview(name: string) {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "withdrawals" });
    await runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
    );
  }

  test("the naive version fails as it would against AWS", async () => {
    await startReview("review-1");
    await expect(closeReviewNaive("review-1")).rejects.toBeInstanceOf(ValidationException);
    expect(a2i).toHaveHumanLoopInStatus("review-1", "InProgress");
  });

  test("the fixed version stops, then deletes", async () => {
    await startReview("review-1");
    await expect(closeReview("review-1")).resolves.toBe("deleted");
    expect(a2i).not.toHaveHumanLoop("review-1");
    expect(a2i).toHaveEmittedStatusChange("review-1", "Stopped");
  });

  test("the fixed version leaves a loop whose worker is busy Stopping", async () => {
    await startReview("review-1");
    a2i.workforce.accept("review-1");
    await expect(closeReview("review-1")).resolves.toBe("stopping");
    expect(a2i).toHaveHumanLoopInStatus("review-1", "Stopping");
  });
});
