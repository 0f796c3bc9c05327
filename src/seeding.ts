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
  /** A work team ARN (private or vendor), or `"public"` for the Mechanical Turk workforce. Default: a seeded private team. */
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

/**
 * A private team of the Region's workforce: OIDC groups when the workforce is OIDC, else groups of the workforce's
 * Cognito user pool (`<region>_a2iFake00` when the team creates the workforce). Groups default to `reviewers`.
 */
export function seedWorkteam(region: RegionBackend, name: string, description = "Seeded by a2i-fake", groups: readonly string[] = ["reviewers"]): string {
  const workforce = region.workforces.get();
  const cognito =
    workforce?.identity.kind === "Cognito"
      ? workforce.identity.config
      : { UserPool: `${region.scope.region}_a2iFake00`, ClientId: "a2ifakeclient" };
  const out = invoke(sageMakerService, "CreateWorkteam", region, {
    WorkteamName: name,
    Description: description,
    MemberDefinitions:
      workforce?.identity.kind === "Oidc"
        ? [{ OidcMemberDefinition: { Groups: [...groups] } }]
        : groups.map((g) => ({ CognitoMemberDefinition: { UserPool: cognito.UserPool, UserGroup: g, ClientId: cognito.ClientId } })),
  });
  return out.WorkteamArn as string;
}

export interface SeedWorkforceOptions extends SeedScope {
  /** Default `default`. */
  name?: string;
  /** An Amazon Cognito workforce (the default, with user pool `<region>_a2iFake00`). */
  cognito?: { userPool: string; clientId?: string };
  /** A workforce of your own OIDC identity provider; endpoints default to paths under `issuer`. */
  oidc?: { issuer: string; clientId?: string; scope?: string };
  sourceIpCidrs?: string[];
}

/** The Region's private workforce, Active at once; goes through CreateWorkforce's own checks. */
export function seedWorkforce(region: RegionBackend, options: SeedWorkforceOptions): string {
  const name = options.name ?? "default";
  const input: JsonObject = { WorkforceName: name };
  if (options.oidc) {
    const issuer = options.oidc.issuer.replace(/\/+$/, "");
    input.OidcConfig = {
      ClientId: options.oidc.clientId ?? "a2i-fake-client",
      ClientSecret: "a2i-fake-client-secret",
      Issuer: options.oidc.issuer,
      AuthorizationEndpoint: `${issuer}/authorize`,
      TokenEndpoint: `${issuer}/token`,
      UserInfoEndpoint: `${issuer}/userinfo`,
      LogoutEndpoint: `${issuer}/logout`,
      JwksUri: `${issuer}/.well-known/jwks.json`,
      ...(options.oidc.scope === undefined ? {} : { Scope: options.oidc.scope }),
    };
  }
  if (options.cognito || !options.oidc) {
    input.CognitoConfig = {
      UserPool: options.cognito?.userPool ?? `${region.scope.region}_a2iFake00`,
      ClientId: options.cognito?.clientId ?? "a2ifakeclient",
    };
  }
  if (options.sourceIpCidrs) input.SourceIpConfig = { Cidrs: options.sourceIpCidrs };
  const out = invoke(sageMakerService, "CreateWorkforce", region, input);
  region.workforces.activateNow(region.workforces.describe(name));
  return out.WorkforceArn as string;
}

export interface SeedVendorWorkteamOptions extends SeedScope {
  /** The last part of the ARN, `…:workteam/vendor-crowd/<name>`. */
  name: string;
  marketplaceTitle?: string;
  sellerName?: string;
  marketplaceDescription?: string;
  listingId?: string;
}

/** An AWS Marketplace vendor team the account subscribes to (only the console does this in AWS). */
export function seedVendorWorkteam(region: RegionBackend, options: SeedVendorWorkteamOptions): string {
  return region.subscribedWorkteams.subscribe(options.name, options).arn;
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
