/**
 * Example 1, the app: send a low-confidence prediction to human review.
 *
 * Plain production code: it builds its client at import time and knows nothing of a2i-fake.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";

const runtime = new SageMakerA2IRuntimeClient({});

export interface Prediction {
  documentId: string;
  label: string;
  confidence: number;
}

/** Starts a human loop when the model is unsure; returns the loop's name, or undefined when it is sure. */
export async function reviewIfUnsure(prediction: Prediction, flowDefinitionArn: string): Promise<string | undefined> {
  if (prediction.confidence >= 0.8) return undefined;
  const humanLoopName = `review-${prediction.documentId}`;
  await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: humanLoopName,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify(prediction) },
      DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
    }),
  );
  return humanLoopName;
}

