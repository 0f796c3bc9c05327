/** Read-only views of the fake's state for tests and matchers: plain objects, `Date`s, no live references. */
import type { FlowDefinition, FlowDefinitionStatus } from "./model/flow-definitions.js";
import { loopIdentity, type FailureCode, type HumanLoop, type HumanLoopStatus } from "./model/human-loops.js";
import type { RegionBackend } from "./model/region-backend.js";
import type { WorkforceStatus } from "./model/workforces.js";
import { memberGroups } from "./model/workteams.js";

export interface HumanLoopSnapshot {
  humanLoopName: string;
  humanLoopArn: string;
  humanLoopStatus: HumanLoopStatus;
  flowDefinitionName: string;
  flowDefinitionArn: string;
  accountId: string;
  region: string;
  creationTime: Date;
  failureCode?: FailureCode;
  failureReason?: string;
  /** Where output.json is (or will be) written. */
  outputS3Uri: string;
  outputWritten: boolean;
  /**
   * The loop's input: `HumanLoopInput.InputContent` (a JSON string on the wire) parsed with `JSON.parse`, so
   * `{ InputContent: JSON.stringify({ a: 1 }) }` reads `{ a: 1 }` here.
   */
  input: unknown;
  answers: Array<{ workerId: string; answerContent: unknown; acceptanceTime: Date; submissionTime: Date }>;
  claims: Array<{ workerId: string; acceptedAt: Date; deadline: Date }>;
}

export interface FlowDefinitionSnapshot {
  flowDefinitionName: string;
  flowDefinitionArn: string;
  flowDefinitionStatus: FlowDefinitionStatus;
  accountId: string;
  region: string;
  creationTime: Date;
  taskCount: number;
  outputPath: string;
  /** Loops not deleted. */
  humanLoopCount: number;
}

export function humanLoopSnapshot(loop: HumanLoop): HumanLoopSnapshot {
  return {
    ...loopIdentity(loop),
    creationTime: new Date(loop.creationTime),
    ...(loop.status === "Failed" && loop.failure
      ? { failureCode: loop.failure.code, failureReason: loop.failure.reason }
      : {}),
    outputS3Uri: loop.output.uri,
    outputWritten: loop.outputWritten,
    input: loop.input,
    answers: loop.answers.map((a) => ({
      workerId: a.workerId,
      answerContent: a.answerContent,
      acceptanceTime: new Date(a.acceptanceTime),
      submissionTime: new Date(a.submissionTime),
    })),
    claims: [...loop.claims.values()].map((c) => ({
      workerId: c.workerId,
      acceptedAt: new Date(c.acceptedAt),
      deadline: new Date(c.deadline),
    })),
  };
}

export function flowDefinitionSnapshot(fd: FlowDefinition, accountId: string, region: string): FlowDefinitionSnapshot {
  const prefix = fd.output.prefix === "" ? "" : `/${fd.output.prefix}`;
  return {
    flowDefinitionName: fd.name,
    flowDefinitionArn: fd.arn,
    flowDefinitionStatus: fd.status,
    accountId,
    region,
    creationTime: new Date(fd.creationTime),
    taskCount: fd.review.taskCount,
    outputPath: `s3://${fd.output.bucket}${prefix}`,
    humanLoopCount: fd.loops.size,
  };
}

export interface WorkforceSnapshot {
  workforceName: string;
  workforceArn: string;
  status: WorkforceStatus;
  accountId: string;
  region: string;
  createDate: Date;
  /** The worker portal (`https://<subDomain>`), shared by its teams. */
  subDomain: string;
  identityProviderType: "Cognito" | "Oidc";
  /** Cognito: the user pool. */
  userPool?: string;
  /** OIDC: the issuer output.json reports. */
  issuer?: string;
  /** Its private work teams and their user groups, oldest first. */
  workteams: Array<{ workteamName: string; workteamArn: string; groups: string[] }>;
}

export function workforceSnapshot(region: RegionBackend): WorkforceSnapshot | undefined {
  const wf = region.workforces.get();
  if (!wf) return undefined;
  return {
    workforceName: wf.name,
    workforceArn: wf.arn,
    status: wf.status,
    accountId: region.scope.accountId,
    region: region.scope.region,
    createDate: new Date(wf.creationTime),
    subDomain: wf.subDomain,
    identityProviderType: wf.identity.kind,
    ...(wf.identity.kind === "Cognito" ? { userPool: wf.identity.config.UserPool } : { issuer: wf.identity.config.Issuer }),
    workteams: region.workteams.index.items.map((t) => ({ workteamName: t.name, workteamArn: t.arn, groups: memberGroups(t) })),
  };
}
