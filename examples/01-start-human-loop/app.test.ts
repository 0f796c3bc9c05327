/**
 * Example 1, the test: the README's quick start. Install the fake, seed a flow definition, let the app start
 * a loop through its own client, drive a worker, assert.
 */
import { CreateFlowDefinitionCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { reviewIfUnsure } from "./app.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

test("a low-confidence prediction goes to a human, who answers", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });

  const loopName = await reviewIfUnsure({ documentId: "doc-7", label: "cat", confidence: 0.42 }, flowDefinitionArn);

  expect(loopName).toBe("review-doc-7");
  const [task] = a2i.workforce.tasks({ humanLoopName: "review-doc-7" });
  expect(task!.input).toEqual({ documentId: "doc-7", label: "cat", confidence: 0.42 });

  a2i.workforce.submit("review-doc-7", { label: "dog" });

  const runtime = new SageMakerA2IRuntimeClient({});
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "review-doc-7" }));
  expect(loop.HumanLoopStatus).toBe("Completed");
  const output = a2i.output(loop.HumanLoopOutput!.OutputS3Uri!);
  expect(output!.document.humanAnswers.map((a) => a.answerContent)).toEqual([{ label: "dog" }]);
});

test("a confident prediction starts no loop", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "label-review" });
  await expect(reviewIfUnsure({ documentId: "doc-8", label: "cat", confidence: 0.97 }, flowDefinitionArn)).resolves.toBeUndefined();
  expect(a2i.workforce.tasks()).toEqual([]);
});

test("starting a loop on a flow definition that is still Initializing is the bug the fake catches", async () => {
  const seeded = a2i.seedFlowDefinition({ name: "seed" }); // gives us a work team and a task UI
  const sm = new SageMakerClient({});
  const { FlowDefinitionArn } = await sm.send(
    new CreateFlowDefinitionCommand({
      FlowDefinitionName: "fresh",
      RoleArn: "arn:aws:iam::123456789012:role/a2i",
      OutputConfig: { S3OutputPath: "s3://my-bucket/reviews" },
      HumanLoopConfig: {
        WorkteamArn: seeded.workteamArn,
        HumanTaskUiArn: seeded.humanTaskUiArn,
        TaskTitle: "Label",
        TaskDescription: "Check the label",
        TaskCount: 1,
      },
    }),
  );
  await expect(
    reviewIfUnsure({ documentId: "doc-9", label: "cat", confidence: 0.1 }, FlowDefinitionArn!),
  ).rejects.toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
});
