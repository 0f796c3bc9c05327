/**
 * Example 10, the app: human review of scanned receipts with a custom worker task template.
 *
 * Plain production code: the template the infrastructure deploys with CreateHumanTaskUi, the call that sends a
 * receipt to review, and the code that reads a reviewer's answer from output.json. It knows nothing of a2i-fake.
 */
import { CreateHumanTaskUiCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";

/** The worker task template (Liquid, rendered by A2I with the loop's input as `task.input`). */
export const RECEIPT_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-image-classifier name="legibility" header="Can you read this receipt?"
    src="{{ task.input.receiptUri | grant_read_access }}"
    categories="{{ task.input.choices | to_json | escape }}" required>
    <full-instructions header="Receipts">Say whether the total is readable, then type it.</full-instructions>
    <short-instructions>Readable or not?</short-instructions>
  </crowd-image-classifier>
  <crowd-input name="total" label="Total ({{ task.input.currency }})" type="number"></crowd-input>
  <input type="hidden" name="receiptId" value="{{ task.input.receiptId }}">
</crowd-form>`;

const sagemaker = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});

export async function deployReceiptUi(name: string, template = RECEIPT_TEMPLATE): Promise<string> {
  const out = await sagemaker.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: name, UiTemplate: { Content: template } }));
  return out.HumanTaskUiArn!;
}

export async function sendToReview(flowDefinitionArn: string, receipt: { id: string; s3Uri: string; currency: string }): Promise<string> {
  const humanLoopName = `receipt-${receipt.id}`;
  await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: humanLoopName,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: {
        InputContent: JSON.stringify({ receiptId: receipt.id, receiptUri: receipt.s3Uri, currency: receipt.currency, choices: ["readable", "unreadable"] }),
      },
    }),
  );
  return humanLoopName;
}

/** What the app keeps from a reviewer's answer (one humanAnswers[].answerContent of output.json). */
export function readReview(answerContent: Record<string, unknown>): { receiptId: string; readable: boolean; total: number | undefined } {
  const legibility = answerContent.legibility as { label: string };
  const total = answerContent.total as string | undefined;
  return { receiptId: answerContent.receiptId as string, readable: legibility.label === "readable", total: total === undefined ? undefined : Number(total) };
}
