/**
 * What the SageMaker tests share: the default account and Region, a valid CreateFlowDefinition input, the
 * work team and task UI it needs (made through the SDK, as an app's setup would), and a way to catch a
 * rejected call so its class, name, message and status can be asserted.
 */
import {
  CreateHumanTaskUiCommand,
  CreateWorkteamCommand,
  SageMakerServiceException,
  type CreateFlowDefinitionCommandInput,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/a2i-review-role`;
export const PUBLIC_WORKFORCE_ARN = "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default";
export const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form><crowd-input name="total" label="Invoice total"></crowd-input></crowd-form>`;

export interface ReviewResources {
  workteamArn: string;
  humanTaskUiArn: string;
}

/** A private work team and a worker task template, created through the SDK. */
export async function createReviewResources(
  sm: SageMakerClient,
  names: { workteam?: string; ui?: string } = {},
): Promise<ReviewResources> {
  const team = await sm.send(
    new CreateWorkteamCommand({
      WorkteamName: names.workteam ?? "invoice-reviewers",
      Description: "Reviews invoices",
      MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_AbCdEf123", UserGroup: "reviewers", ClientId: "client1" } }],
    }),
  );
  const ui = await sm.send(
    new CreateHumanTaskUiCommand({ HumanTaskUiName: names.ui ?? "invoice-ui", UiTemplate: { Content: TEMPLATE } }),
  );
  return { workteamArn: team.WorkteamArn!, humanTaskUiArn: ui.HumanTaskUiArn! };
}

/** A valid CreateFlowDefinition input for a custom task type. */
export function flowDefinitionInput(
  name: string,
  refs: ReviewResources,
  overrides: Partial<CreateFlowDefinitionCommandInput> = {},
): CreateFlowDefinitionCommandInput {
  return {
    FlowDefinitionName: name,
    RoleArn: ROLE_ARN,
    OutputConfig: { S3OutputPath: "s3://invoice-review-output/a2i" },
    HumanLoopConfig: {
      WorkteamArn: refs.workteamArn,
      HumanTaskUiArn: refs.humanTaskUiArn,
      TaskTitle: "Check the invoice total",
      TaskDescription: "Read the invoice and type its total",
      TaskCount: 1,
    },
    ...overrides,
  };
}

/** The error a call was rejected with; fails the test if the call succeeded. */
export async function rejectionOf(call: Promise<unknown>): Promise<SageMakerServiceException> {
  let output: unknown;
  try {
    output = await call;
  } catch (err) {
    return err as SageMakerServiceException;
  }
  throw new Error(`expected the call to be rejected, but it answered ${JSON.stringify(output)}`);
}

/** Rejected with SageMaker's unmodeled ValidationException (HTTP 400); returns its message. */
export async function validationMessage(call: Promise<unknown>): Promise<string> {
  const err = await rejectionOf(call);
  expect(err).toBeInstanceOf(SageMakerServiceException);
  expect(err.name).toBe("ValidationException");
  expect(err.$fault).toBe("client");
  expect(err.$metadata.httpStatusCode).toBe(400);
  return err.message;
}
