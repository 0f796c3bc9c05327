/**
 * Seeds: resources made `Active` at once for tests of apps that only start loops. They go through the same
 * service handlers (and so the same checks) as CreateWorkteam, CreateHumanTaskUi and CreateFlowDefinition.
 */
import { humanTaskUiArn, privateWorkteamArn, publicWorkforceArn } from "./model/arns.js";
import type { RegionBackend } from "./model/region-backend.js";
import { sageMakerService } from "./services/sagemaker.js";
import { invoke, type JsonObject } from "./services/service.js";

export interface SeedScope {
  region?: string;
  accountId?: string;
}

export interface SeedFlowDefinitionOptions extends SeedScope {
  name: string;
  /** S3OutputPath. Default `s3://a2i-fake-output-<account>-<region>/a2i-output`. */
  outputPath?: string;
  /** 1 to 3. Default 1. */
  taskCount?: number;
  taskTimeLimitSeconds?: number;
  taskAvailabilityLifetimeSeconds?: number;
  /** A work team ARN, or `"public"` for the Mechanical Turk workforce. Default: a seeded private team. */
  workteamArn?: string;
  /** Default: a seeded task UI. */
  humanTaskUiArn?: string;
  taskTitle?: string;
  taskDescription?: string;
  roleArn?: string;
  tags?: Record<string, string>;
  /**
   * A built-in task type's `HumanLoopRequestSource.AwsManagedHumanLoopRequestSource`:
   * `"AWS/Textract/AnalyzeDocument/Forms/V1"` or `"AWS/Rekognition/DetectModerationLabels/Image/V3"`.
   * Default: none (a custom task type, started with StartHumanLoop).
   */
  requestSource?: "AWS/Textract/AnalyzeDocument/Forms/V1" | "AWS/Rekognition/DetectModerationLabels/Image/V3";
  /**
   * `HumanLoopActivationConditions` of a built-in task type: the JSON text, or an object written as JSON
   * (`{ Conditions: [...] }`). Checked as CreateFlowDefinition checks it. Default: none (every request is reviewed).
   */
  activationConditions?: string | { Conditions: unknown[] };
}

export interface SeededFlowDefinition {
  flowDefinitionArn: string;
  flowDefinitionName: string;
  humanTaskUiArn: string;
  workteamArn: string;
  outputPath: string;
}

const SEED_TEAM = "a2i-fake-team";
const SEED_UI = "a2i-fake-task-ui";
const SEED_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form><crowd-text-area name="answer" label="{{ task.input.question }}"></crowd-text-area></crowd-form>`;

export function seedWorkteam(region: RegionBackend, name: string, description = "Seeded by a2i-fake"): string {
  const out = invoke(sageMakerService, "CreateWorkteam", region, {
    WorkteamName: name,
    Description: description,
    MemberDefinitions: [
      {
        CognitoMemberDefinition: {
          UserPool: `${region.scope.region}_a2iFake00`,
          UserGroup: "reviewers",
          ClientId: "a2ifakeclient",
        },
      },
    ],
  });
  return out.WorkteamArn as string;
}

export function seedHumanTaskUi(region: RegionBackend, name: string, content = SEED_TEMPLATE): string {
  const out = invoke(sageMakerService, "CreateHumanTaskUi", region, { HumanTaskUiName: name, UiTemplate: { Content: content } });
  return out.HumanTaskUiArn as string;
}

export function seedFlowDefinition(region: RegionBackend, options: SeedFlowDefinitionOptions): SeededFlowDefinition {
  const scope = region.scope;
  let workteamArn = options.workteamArn === "public" ? publicWorkforceArn(scope.region) : options.workteamArn;
  if (workteamArn === undefined) {
    workteamArn = privateWorkteamArn(scope, SEED_TEAM);
    if (!region.workteams.resolve(workteamArn)) seedWorkteam(region, SEED_TEAM);
  }
  let uiArn = options.humanTaskUiArn;
  if (uiArn === undefined) {
    uiArn = humanTaskUiArn(scope, SEED_UI);
    if (!region.humanTaskUis.get(SEED_UI)) seedHumanTaskUi(region, SEED_UI);
  }
  const outputPath = options.outputPath ?? `s3://a2i-fake-output-${scope.accountId}-${scope.region}/a2i-output`;
  const input: JsonObject = {
    FlowDefinitionName: options.name,
    HumanLoopConfig: {
      WorkteamArn: workteamArn,
      HumanTaskUiArn: uiArn,
      TaskTitle: options.taskTitle ?? "Review",
      TaskDescription: options.taskDescription ?? "Review the item",
      TaskCount: options.taskCount ?? 1,
      ...(options.taskTimeLimitSeconds === undefined ? {} : { TaskTimeLimitInSeconds: options.taskTimeLimitSeconds }),
      ...(options.taskAvailabilityLifetimeSeconds === undefined
        ? {}
        : { TaskAvailabilityLifetimeInSeconds: options.taskAvailabilityLifetimeSeconds }),
    },
    OutputConfig: { S3OutputPath: outputPath },
    RoleArn: options.roleArn ?? `arn:aws:iam::${scope.accountId}:role/a2i-fake-execution-role`,
    ...(options.requestSource ? { HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: options.requestSource } } : {}),
    ...(options.activationConditions === undefined
      ? {}
      : {
          HumanLoopActivationConfig: {
            HumanLoopActivationConditionsConfig: {
              HumanLoopActivationConditions:
                typeof options.activationConditions === "string" ? options.activationConditions : JSON.stringify(options.activationConditions),
            },
          },
        }),
    ...(options.tags ? { Tags: Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
  const out = invoke(sageMakerService, "CreateFlowDefinition", region, input);
  region.flowDefinitions.activateNow(region.flowDefinitions.get(options.name)!);
  return {
    flowDefinitionArn: out.FlowDefinitionArn as string,
    flowDefinitionName: options.name,
    humanTaskUiArn: uiArn,
    workteamArn,
    outputPath,
  };
}
