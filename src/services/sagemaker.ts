/**
 * The SageMaker control plane operations A2I uses: flow definitions, human task UIs, work teams and
 * their tags (spec §2). Handlers read parameters, call the model and shape the output; status rules
 * live in the model.
 */
import { humanTaskUiArn, parseArn } from "../model/arns.js";
import { paginate } from "../model/pagination.js";
import { parseS3OutputPath } from "../model/output-store.js";
import { byCreation, byName, type Tag } from "../model/resource.js";
import type { FlowDefinition, FlowDefinitionConfig } from "../model/flow-definitions.js";
import type { RegionBackend } from "../model/region-backend.js";
import type { Workteam } from "../model/workteams.js";
import { reviewerIdentity } from "../model/worker-identity.js";
import { builtInTaskType } from "../model/activation/built-in-task-type.js";
import { SAGEMAKER_MODEL } from "./generated/index.js";
import { workforceHandlers } from "./sagemaker-workforces.js";
import { renderUiTemplate } from "./render-ui-template.js";
import { defined, inputShapes, pageRequest, validationError, type Handler, type JsonObject, type Service } from "./service.js";

/** SageMaker list operations page 10 items by default (decisions.md). */
const DEFAULT_PAGE = 10;

const date = (ms: number) => new Date(ms);

function addCreateTags(region: RegionBackend, arn: string, tags: unknown): void {
  if (Array.isArray(tags) && tags.length > 0) region.tags.add(arn, tags as Tag[]);
}

/** Cross-resource checks of CreateFlowDefinition and the review settings its loops use. */
function flowDefinitionConfig(region: RegionBackend, input: JsonObject): FlowDefinitionConfig {
  const loopConfig = input.HumanLoopConfig as JsonObject | undefined;
  if (!loopConfig) {
    throw validationError(
      "HumanLoopConfig is required: a2i-fake needs its work team, task UI and TaskCount to simulate human review.",
    );
  }
  if (input.HumanLoopActivationConfig !== undefined && input.HumanLoopRequestSource === undefined) {
    throw validationError(
      "HumanLoopActivationConfig can only be used with a HumanLoopRequestSource (built-in task types); custom task types do not use activation conditions.",
    );
  }
  const builtIn = builtInTaskType(
    (input.HumanLoopRequestSource as JsonObject | undefined)?.AwsManagedHumanLoopRequestSource as string | undefined,
    ((input.HumanLoopActivationConfig as JsonObject | undefined)?.HumanLoopActivationConditionsConfig as JsonObject | undefined)
      ?.HumanLoopActivationConditions as string | undefined,
  );
  const workteamArn = loopConfig.WorkteamArn as string;
  const workforce = region.workteams.resolve(workteamArn);
  if (!workforce) {
    // AWS's wording (data-science-on-aws/data-science-on-aws#37).
    throw validationError(`The specified Workteam '${workteamArn}' does not exist or you do not have access to it.`);
  }
  const uiArn = loopConfig.HumanTaskUiArn as string;
  const parsedUi = parseArn(uiArn);
  const uiName = parsedUi?.resourceType === "human-task-ui" ? parsedUi.resourceId : undefined;
  if (uiName === undefined || uiArn !== humanTaskUiArn(region.scope, uiName) || !region.humanTaskUis.get(uiName)) {
    throw validationError(`The human task UI ${uiArn} does not exist in this account and Region.`);
  }
  const output = input.OutputConfig as JsonObject;
  const timing = region.backend.timing;
  return {
    definition: defined({
      HumanLoopRequestSource: input.HumanLoopRequestSource,
      HumanLoopActivationConfig: input.HumanLoopActivationConfig,
      HumanLoopConfig: loopConfig,
      OutputConfig: output,
      RoleArn: input.RoleArn,
    }),
    review: {
      taskCount: loopConfig.TaskCount as number,
      taskTimeLimitSeconds: (loopConfig.TaskTimeLimitInSeconds as number | undefined) ?? timing.defaultTaskTimeLimitSeconds,
      taskAvailabilityLifetimeSeconds:
        (loopConfig.TaskAvailabilityLifetimeInSeconds as number | undefined) ??
        (workforce === "public"
          ? timing.defaultPublicTaskAvailabilityLifetimeSeconds
          : timing.defaultTaskAvailabilityLifetimeSeconds),
      workteamArn,
      workforce,
      humanTaskUiName: uiName,
      taskTitle: loopConfig.TaskTitle as string,
      reviewerIdentity: workforce === "private" ? reviewerIdentity(region, workteamArn) : undefined,
    },
    output: parseS3OutputPath(output.S3OutputPath as string),
    builtIn,
  };
}

function describeFlowDefinition(fd: FlowDefinition): JsonObject {
  return defined({
    FlowDefinitionArn: fd.arn,
    FlowDefinitionName: fd.name,
    FlowDefinitionStatus: fd.status,
    CreationTime: date(fd.creationTime),
    ...fd.definition,
    FailureReason: fd.status === "Failed" ? fd.failureReason : undefined,
  });
}

function describeWorkteam(team: Workteam): JsonObject {
  const d = team.definition;
  return defined({
    WorkteamName: team.name,
    MemberDefinitions: d.MemberDefinitions,
    WorkteamArn: team.arn,
    WorkforceArn: team.workforceArn,
    ProductListingIds: [],
    Description: d.Description,
    SubDomain: team.subDomain,
    CreateDate: date(team.creationTime),
    LastUpdatedDate: date(team.lastUpdated),
    NotificationConfiguration: d.NotificationConfiguration,
    WorkerAccessConfiguration: d.WorkerAccessConfiguration,
  });
}

const handlers: Record<string, Handler> = {
  CreateFlowDefinition(region, input) {
    const config = flowDefinitionConfig(region, input);
    const fd = region.flowDefinitions.create(input.FlowDefinitionName as string, config);
    addCreateTags(region, fd.arn, input.Tags);
    return { FlowDefinitionArn: fd.arn };
  },
  DescribeFlowDefinition(region, input) {
    return describeFlowDefinition(region.flowDefinitions.describe(input.FlowDefinitionName as string));
  },
  DeleteFlowDefinition(region, input) {
    region.flowDefinitions.delete(input.FlowDefinitionName as string);
    return {};
  },
  ListFlowDefinitions(region, input) {
    const page = paginate(region.flowDefinitions.index.items, byCreation, {
      ...pageRequest(input, DEFAULT_PAGE),
      list: "ListFlowDefinitions",
    });
    return defined({
      FlowDefinitionSummaries: page.items.map((fd) =>
        defined({
          FlowDefinitionName: fd.name,
          FlowDefinitionArn: fd.arn,
          FlowDefinitionStatus: fd.status,
          CreationTime: date(fd.creationTime),
          FailureReason: fd.status === "Failed" ? fd.failureReason : undefined,
        }),
      ),
      NextToken: page.nextToken,
    });
  },

  CreateHumanTaskUi(region, input) {
    const ui = region.humanTaskUis.create(input.HumanTaskUiName as string, (input.UiTemplate as JsonObject).Content as string);
    addCreateTags(region, ui.arn, input.Tags);
    return { HumanTaskUiArn: ui.arn };
  },
  DescribeHumanTaskUi(region, input) {
    const ui = region.humanTaskUis.describe(input.HumanTaskUiName as string);
    const { accountId, region: regionName } = region.scope;
    return {
      HumanTaskUiArn: ui.arn,
      HumanTaskUiName: ui.name,
      HumanTaskUiStatus: ui.status,
      CreationTime: date(ui.creationTime),
      UiTemplate: {
        Url: `https://sagemaker-human-task-ui-${regionName}.s3.${regionName}.amazonaws.com/${accountId}/${ui.name}/template.liquid`,
        ContentSha256: ui.contentSha256,
      },
    };
  },
  RenderUiTemplate(region, input) {
    return renderUiTemplate(region, input);
  },
  DeleteHumanTaskUi(region, input) {
    region.humanTaskUis.delete(input.HumanTaskUiName as string);
    return {};
  },
  ListHumanTaskUis(region, input) {
    const page = paginate(region.humanTaskUis.index.items, byCreation, {
      ...pageRequest(input, DEFAULT_PAGE),
      list: "ListHumanTaskUis",
    });
    return defined({
      HumanTaskUiSummaries: page.items.map((ui) => ({
        HumanTaskUiName: ui.name,
        HumanTaskUiArn: ui.arn,
        CreationTime: date(ui.creationTime),
      })),
      NextToken: page.nextToken,
    });
  },

  CreateWorkteam(region, input) {
    const definition = defined({
      MemberDefinitions: input.MemberDefinitions,
      Description: input.Description,
      NotificationConfiguration: input.NotificationConfiguration,
      WorkerAccessConfiguration: input.WorkerAccessConfiguration,
    });
    const team = region.workteams.create(input.WorkteamName as string, definition, input.WorkforceName as string | undefined);
    addCreateTags(region, team.arn, input.Tags);
    return { WorkteamArn: team.arn };
  },
  DescribeWorkteam(region, input) {
    return { Workteam: describeWorkteam(region.workteams.describe(input.WorkteamName as string)) };
  },
  UpdateWorkteam(region, input) {
    const changes = defined({
      MemberDefinitions: input.MemberDefinitions,
      Description: input.Description,
      NotificationConfiguration: input.NotificationConfiguration,
      WorkerAccessConfiguration: input.WorkerAccessConfiguration,
    });
    return { Workteam: describeWorkteam(region.workteams.update(input.WorkteamName as string, changes)) };
  },
  DeleteWorkteam(region, input) {
    region.workteams.delete(input.WorkteamName as string);
    return { Success: true };
  },
  ListWorkteams(region, input) {
    // ListWorkteams sorts by CreateDate, Ascending, unless told otherwise (SageMaker model doc).
    const sortByName = input.SortBy === "Name";
    const contains = input.NameContains as string | undefined;
    const teams = region.workteams
      .all()
      .filter((t) => contains === undefined || t.name.includes(contains))
      .sort((a, b) => (sortByName ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.creationTime - b.creationTime || a.seq - b.seq));
    const page = paginate(teams, sortByName ? byName : byCreation, {
      ...pageRequest(input, DEFAULT_PAGE, "Ascending"),
      from: undefined,
      until: undefined,
      list: `ListWorkteams:${sortByName ? "Name" : "CreateDate"}:${contains ?? ""}`,
    });
    return defined({ Workteams: page.items.map(describeWorkteam), NextToken: page.nextToken });
  },

  AddTags(region, input) {
    return { Tags: region.tags.add(input.ResourceArn as string, input.Tags as Tag[]) };
  },
  ListTags(region, input) {
    const tags = region.tags.list(input.ResourceArn as string);
    const start = input.NextToken ? decodeTagToken(input.NextToken as string) : 0;
    const max = (input.MaxResults as number | undefined) ?? 50;
    const slice = tags.slice(start, start + max);
    const next = start + max < tags.length ? Buffer.from(`ListTags:${start + max}`).toString("base64") : undefined;
    return defined({ Tags: slice, NextToken: next });
  },
  DeleteTags(region, input) {
    region.tags.delete(input.ResourceArn as string, input.TagKeys as string[]);
    return {};
  },
};

function decodeTagToken(token: string): number {
  const m = /^ListTags:(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
  if (!m) throw validationError("Invalid pagination token: the NextToken was not issued for this request.");
  return Number(m[1]);
}

export const sageMakerService: Service = {
  name: "SageMaker",
  sdkPackage: "@aws-sdk/client-sagemaker",
  shapes: inputShapes(SAGEMAKER_MODEL),
  model: SAGEMAKER_MODEL,
  handlers: { ...handlers, ...workforceHandlers },
};
