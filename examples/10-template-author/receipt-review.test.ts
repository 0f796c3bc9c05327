/**
 * Example 10, the test: a template author's checks before deploying. The fake renders the template as A2I does and
 * builds answers from its real form, so a typo in the template, or a test answer with a field name the form does not
 * have, fails here instead of in production (where the loop would fail, or the app would read `undefined`).
 */
import { RenderUiTemplateCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { deployReceiptUi, readReview, RECEIPT_TEMPLATE, sendToReview } from "./receipt-review.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

const receipt = { id: "r42", s3Uri: "s3://receipts-inbox/2026/r42.jpg", currency: "EUR" };
const ROLE_ARN = "arn:aws:iam::123456789012:role/a2i-preview";

test("the template renders with a representative input (RenderUiTemplate, as the console's preview)", async () => {
  const preview = await new SageMakerClient({}).send(
    new RenderUiTemplateCommand({
      UiTemplate: { Content: RECEIPT_TEMPLATE },
      Task: { Input: JSON.stringify({ receiptId: "r1", receiptUri: "s3://receipts-inbox/r1.jpg", currency: "EUR", choices: ["readable", "unreadable"] }) },
      RoleArn: ROLE_ARN,
    }),
  );
  expect(preview.Errors).toEqual([]);
  expect(preview.RenderedContent).toContain('src="https://receipts-inbox.s3.us-east-1.amazonaws.com/r1.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256');
  expect(preview.RenderedContent).toContain('label="Total (EUR)"');
});

test("a typo in the template: the loop fails to render, with the line and column", async () => {
  const typo = RECEIPT_TEMPLATE.replace("grant_read_access", "grant_read_acess");
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "receipts", humanTaskUiArn: await deployReceiptUi("receipt-ui", typo) });

  await sendToReview(flowDefinitionArn, receipt); // StartHumanLoop itself succeeds, as in production

  const loop = await new SageMakerA2IRuntimeClient({}).send(new DescribeHumanLoopCommand({ HumanLoopName: "receipt-r42" }));
  expect(loop.HumanLoopStatus).toBe("Failed");
  expect(loop.FailureReason).toBe("Task failed to render: [ TemplateSyntaxError: 'undefined filter: grant_read_acess, line:4, col:10' ]");
});

test("a reviewer answers through the real form; a wrong field name is caught with the form's fields listed", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "receipts", humanTaskUiArn: await deployReceiptUi("receipt-ui") });
  const loopName = await sendToReview(flowDefinitionArn, receipt);

  expect(a2i.workforce.form(loopName).fields.map((f) => f.name)).toEqual(["legibility", "total", "receiptId"]);
  // A hand-written stub answer could say anything; the form has no `amount` field:
  expect(() => a2i.workforce.submitForm(loopName, { legibility: "readable", amount: "12.50" })).toThrow(
    /the task's form has no field named 'amount'\. Its fields: legibility \(crowd-image-classifier: one of "readable", "unreadable", or \{ label, workerComment\? \}\); total \(crowd-input: a string\); receiptId \(input type=hidden: a string\)/,
  );

  a2i.workforce.submitForm(loopName, { legibility: "readable", total: "12.50" });

  const [output] = a2i.outputs();
  const answer = output!.document.humanAnswers[0]!.answerContent as Record<string, unknown>;
  expect(answer).toEqual({ legibility: { label: "readable" }, total: "12.50", receiptId: "r42" });
  expect(readReview(answer)).toEqual({ receiptId: "r42", readable: true, total: 12.5 });
});
