/** ARN formats of spec §7. The partition is `aws` (the commercial partition). */

export interface Scope {
  readonly accountId: string;
  readonly region: string;
}

/** Mechanical Turk's public workforce: the same account in every Region (DG:sms-workforce-management-public). */
export const PUBLIC_WORKFORCE_ACCOUNT = "394669845002";

const base = (scope: Scope) => `arn:aws:sagemaker:${scope.region}:${scope.accountId}`;

export const flowDefinitionArn = (scope: Scope, name: string) => `${base(scope)}:flow-definition/${name}`;
/** One flat string (`join`), not a rope of template parts: a server may hold 100,000 loops (issue 13). */
export const humanLoopArn = (scope: Scope, name: string) => ["arn:aws:sagemaker:", scope.region, ":", scope.accountId, ":human-loop/", name].join("");
export const humanTaskUiArn = (scope: Scope, name: string) => `${base(scope)}:human-task-ui/${name}`;
export const privateWorkteamArn = (scope: Scope, name: string) => `${base(scope)}:workteam/private-crowd/${name}`;
export const vendorWorkteamArn = (scope: Scope, name: string) => `${base(scope)}:workteam/vendor-crowd/${name}`;
export const workforceArn = (scope: Scope, name: string) => `${base(scope)}:workforce/${name}`;
export const publicWorkforceArn = (region: string) =>
  `arn:aws:sagemaker:${region}:${PUBLIC_WORKFORCE_ACCOUNT}:workteam/public-crowd/default`;

export interface ParsedArn {
  partition: string;
  region: string;
  accountId: string;
  /** e.g. `flow-definition`, `workteam`, `human-task-ui`. */
  resourceType: string;
  /** What follows the resource type and its slash. */
  resourceId: string;
}

const ARN = /^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]*):(\d{12}):([a-z-]+)\/(.+)$/;

export function parseArn(arn: string): ParsedArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, accountId: m[3]!, resourceType: m[4]!, resourceId: m[5]! };
}
