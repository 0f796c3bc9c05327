/**
 * Input shapes of the SageMaker operations the fake serves, with their Smithy constraints (spec §2). Patterns
 * are written as the model writes them (they appear in messages); validate.ts matches them against the whole value.
 */
import { int, list, str, struct, timestamp, type Shape } from "./validate.js";

const FlowDefinitionName = str({ min: 1, max: 63, pattern: "[a-z0-9](-*[a-z0-9]){0,62}" });
const HumanTaskUiName = str({ min: 1, max: 63, pattern: "[a-z0-9](-*[a-z0-9])*" });
const WorkteamName = str({ min: 1, max: 63, pattern: "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}" });
const HUMAN_TASK_UI_ARN_PATTERN = "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]+:[0-9]{12}:human-task-ui/.*";
const HumanTaskUiArn = str({ max: 1024, pattern: HUMAN_TASK_UI_ARN_PATTERN });
const WorkteamArn = str({ max: 256, pattern: "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:workteam/.*" });
const RoleArn = str({ min: 20, max: 2048, pattern: "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+" });
const S3Uri = str({ max: 1024, pattern: "(https|s3)://([^/]+)/?(.*)" });
const KmsKeyId = str({ max: 2048, pattern: "[a-zA-Z0-9:/_-]*" });
const ResourceArn = str({ max: 256, pattern: "arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+" });
const TagKey = str({ min: 1, max: 128, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)" });
const TagValue = str({ max: 256, pattern: "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)" });
const TagList = list(struct({ Key: TagKey, Value: TagValue }, ["Key", "Value"]), { max: 50 });
const SortOrder = str({ enum: ["Ascending", "Descending"] });
const NextToken = str({ max: 8192, pattern: ".*" });
const MaxResults = int({ min: 1, max: 100 });

const ListResources = struct({
  CreationTimeAfter: timestamp,
  CreationTimeBefore: timestamp,
  SortOrder,
  NextToken,
  MaxResults,
});

const HumanLoopConfig = struct(
  {
    WorkteamArn,
    HumanTaskUiArn,
    TaskTitle: str({ min: 1, max: 128, pattern: "^[\\t\\n\\r -\\uD7FF\\uE000-\\uFFFD]*$" }),
    TaskDescription: str({ min: 1, max: 255 }),
    TaskCount: int({ min: 1, max: 3 }),
    TaskAvailabilityLifetimeInSeconds: int({ min: 1 }),
    TaskTimeLimitInSeconds: int({ min: 30 }),
    TaskKeywords: list(str({ min: 1, max: 30, pattern: "^[A-Za-z0-9]+( [A-Za-z0-9]+)*$" }), { min: 1, max: 5 }),
    PublicWorkforceTaskPrice: struct({
      AmountInUsd: struct({
        Dollars: int({ min: 0, max: 2 }),
        Cents: int({ min: 0, max: 99 }),
        TenthFractionsOfACent: int({ min: 0, max: 9 }),
      }),
    }),
  },
  ["WorkteamArn", "HumanTaskUiArn", "TaskTitle", "TaskDescription", "TaskCount"],
);

const MemberDefinition = struct({
  CognitoMemberDefinition: struct(
    {
      UserPool: str({ min: 1, max: 55, pattern: "^[\\w-]+_[0-9a-zA-Z]+$" }),
      UserGroup: str({ min: 1, max: 128, pattern: "^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$" }),
      ClientId: str({ min: 1, max: 128, pattern: "^[\\w+]+$" }),
    },
    ["UserPool", "UserGroup", "ClientId"],
  ),
  OidcMemberDefinition: struct({ Groups: list(str({ min: 1, max: 63 }), { min: 1, max: 10 }) }),
});

export const SAGEMAKER_SHAPES: Readonly<Record<string, Shape>> = {
  CreateFlowDefinition: struct(
    {
      FlowDefinitionName,
      HumanLoopRequestSource: struct(
        {
          AwsManagedHumanLoopRequestSource: str({
            enum: ["AWS/Rekognition/DetectModerationLabels/Image/V3", "AWS/Textract/AnalyzeDocument/Forms/V1"],
          }),
        },
        ["AwsManagedHumanLoopRequestSource"],
      ),
      HumanLoopActivationConfig: struct(
        {
          HumanLoopActivationConditionsConfig: struct(
            { HumanLoopActivationConditions: str({ max: 10240 }) },
            ["HumanLoopActivationConditions"],
          ),
        },
        ["HumanLoopActivationConditionsConfig"],
      ),
      HumanLoopConfig,
      OutputConfig: struct({ S3OutputPath: S3Uri, KmsKeyId }, ["S3OutputPath"]),
      RoleArn,
      Tags: TagList,
    },
    ["FlowDefinitionName", "OutputConfig", "RoleArn"],
  ),
  DescribeFlowDefinition: struct({ FlowDefinitionName }, ["FlowDefinitionName"]),
  DeleteFlowDefinition: struct({ FlowDefinitionName }, ["FlowDefinitionName"]),
  ListFlowDefinitions: ListResources,

  CreateHumanTaskUi: struct(
    { HumanTaskUiName, UiTemplate: struct({ Content: str({ min: 1, max: 128000 }) }, ["Content"]), Tags: TagList },
    ["HumanTaskUiName", "UiTemplate"],
  ),
  DescribeHumanTaskUi: struct({ HumanTaskUiName }, ["HumanTaskUiName"]),
  // SM-MODEL RenderUiTemplateRequest (to be replaced by the generated shapes of issue 11).
  RenderUiTemplate: struct(
    {
      UiTemplate: struct({ Content: str({ min: 1, max: 128000, pattern: "[\\S\\s]+" }) }, ["Content"]),
      Task: struct({ Input: str({ min: 2, max: 128000, pattern: "[\\S\\s]+" }) }, ["Input"]),
      RoleArn,
      HumanTaskUiArn: str({ min: 0, max: 1024, pattern: HUMAN_TASK_UI_ARN_PATTERN }),
    },
    ["Task", "RoleArn"],
  ),
  DeleteHumanTaskUi: struct({ HumanTaskUiName }, ["HumanTaskUiName"]),
  ListHumanTaskUis: ListResources,

  CreateWorkteam: struct(
    {
      WorkteamName,
      WorkforceName: str({ min: 1, max: 63, pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$" }),
      MemberDefinitions: list(MemberDefinition, { min: 1, max: 10 }),
      Description: str({ min: 1, max: 200, pattern: ".+" }),
      NotificationConfiguration: struct({
        NotificationTopicArn: str({ pattern: "^arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]*$" }),
      }),
      WorkerAccessConfiguration: struct({}),
      Tags: TagList,
    },
    ["WorkteamName", "MemberDefinitions", "Description"],
  ),
  DescribeWorkteam: struct({ WorkteamName }, ["WorkteamName"]),
  DeleteWorkteam: struct({ WorkteamName }, ["WorkteamName"]),
  ListWorkteams: struct({
    SortBy: str({ enum: ["Name", "CreateDate"] }),
    SortOrder,
    NameContains: str({ max: 63, pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$" }),
    NextToken,
    MaxResults,
  }),

  AddTags: struct({ ResourceArn, Tags: TagList }, ["ResourceArn", "Tags"]),
  ListTags: struct({ ResourceArn, NextToken, MaxResults: int({ min: 50 }) }, ["ResourceArn"]),
  DeleteTags: struct({ ResourceArn, TagKeys: list(TagKey, { min: 1, max: 50 }) }, ["ResourceArn", "TagKeys"]),
};

