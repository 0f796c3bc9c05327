/**
 * Private work teams (spec §2.5). A missing team is a ValidationException whose message says
 * "The work team" (DescribeWorkteam models no ResourceNotFound; TF `findWorkteamByName`).
 * Every private team belongs to the Region's private workforce (workforces.ts) and shares its portal
 * (`SubDomain`). The public (Mechanical Turk) workforce ARN always exists and is not a team of the account;
 * vendor teams are subscriptions (subscribed-workteams.ts).
 */
import { parseArn, privateWorkteamArn, publicWorkforceArn, PUBLIC_WORKFORCE_ACCOUNT } from "./arns.js";
import { resourceInUse, resourceLimitExceeded, validationException } from "./errors.js";
import { SortedIndex } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import type { RegionBackend } from "./region-backend.js";

export interface Workteam extends Resource {
  /** The create input members echoed by DescribeWorkteam (MemberDefinitions, Description, ...). */
  definition: Record<string, unknown>;
  readonly workforceArn: string;
  readonly subDomain: string;
  lastUpdated: number;
}

export type WorkteamKind = "private" | "public" | "vendor";

/** The create or update members that change a team (MemberDefinitions replace the old ones: UpdateWorkteam doc). */
export type WorkteamChanges = Record<string, unknown>;

interface CognitoMember {
  UserPool: string;
  UserGroup: string;
  ClientId: string;
}

/**
 * How a team's members sign in. "You should not provide input for both" Cognito and OIDC, and "all of the
 * CognitoMemberDefinition objects … must have the same ClientId and UserPool values" (CreateWorkteam model doc).
 */
export function memberIdentity(memberDefinitions: unknown): { kind: "Cognito" | "Oidc"; cognito?: CognitoMember } {
  const defs = (Array.isArray(memberDefinitions) ? memberDefinitions : []) as Array<Record<string, unknown>>;
  const cognito = defs.map((d) => d.CognitoMemberDefinition as CognitoMember | undefined).filter((d) => d !== undefined);
  const oidc = defs.filter((d) => d.OidcMemberDefinition !== undefined).length;
  if (defs.some((d) => (d.CognitoMemberDefinition === undefined) === (d.OidcMemberDefinition === undefined))) {
    throw validationException("Each MemberDefinition must have exactly one of CognitoMemberDefinition or OidcMemberDefinition.");
  }
  if (cognito.length > 0 && oidc > 0) {
    throw validationException("MemberDefinitions cannot mix CognitoMemberDefinition and OidcMemberDefinition in one work team.");
  }
  const first = cognito[0];
  if (first && cognito.some((c) => c.UserPool !== first.UserPool || c.ClientId !== first.ClientId)) {
    throw validationException("All of the CognitoMemberDefinition objects of a work team must have the same ClientId and UserPool values.");
  }
  return first ? { kind: "Cognito", cognito: first } : { kind: "Oidc" };
}

/** The user groups (Cognito UserGroup, OIDC Groups) whose members work on the team's tasks. */
export function memberGroups(team: Workteam): string[] {
  const defs = (team.definition.MemberDefinitions ?? []) as Array<Record<string, { UserGroup?: string; Groups?: string[] }>>;
  return defs.flatMap((d) => [
    ...(d.CognitoMemberDefinition?.UserGroup === undefined ? [] : [d.CognitoMemberDefinition.UserGroup]),
    ...(d.OidcMemberDefinition?.Groups ?? []),
  ]);
}

export class Workteams {
  private readonly byName = new Map<string, Workteam>();
  readonly index = new SortedIndex<Workteam>(byCreation);

  constructor(private readonly region: RegionBackend) {}

  create(name: string, definition: Record<string, unknown>, workforceName?: string): Workteam {
    const existing = this.byName.get(name);
    if (existing) throw resourceInUse(`Cannot create a duplicate work team: ${existing.arn} already exists.`);
    if (this.byName.size >= this.region.backend.quotas.maxWorkteams) {
      throw resourceLimitExceeded(
        `You have reached the limit of ${this.region.backend.quotas.maxWorkteams} work teams in this account and Region.`,
      );
    }
    const members = memberIdentity(definition.MemberDefinitions);
    const workforce = this.region.workforces.forNewTeam(members.kind, members.cognito, workforceName);
    const now = this.region.now();
    const team: Workteam = {
      name,
      arn: privateWorkteamArn(this.region.scope, name),
      creationTime: now,
      seq: this.region.nextSeq(),
      definition,
      workforceArn: workforce.arn,
      subDomain: workforce.subDomain,
      lastUpdated: now,
    };
    this.byName.set(name, team);
    this.index.insert(team);
    return team;
  }

  describe(name: string): Workteam {
    const team = this.byName.get(name);
    if (!team) throw validationException(`The work team '${name}' does not exist.`);
    return team;
  }

  /** UpdateWorkteam: the members given replace the old ones (OIDC groups left out leave the team: model doc). */
  update(name: string, changes: WorkteamChanges): Workteam {
    const team = this.describe(name);
    if (changes.MemberDefinitions !== undefined) {
      const members = memberIdentity(changes.MemberDefinitions);
      const workforce = this.region.workforces.get();
      if (workforce) this.region.workforces.requireKind(workforce, members.kind);
    }
    const definition = { ...team.definition };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) definition[key] = value;
    team.definition = definition;
    team.lastUpdated = this.region.now();
    return team;
  }

  /** The private team an ARN names in this account and Region, if it exists. */
  byArn(arn: string): Workteam | undefined {
    const prefix = privateWorkteamArn(this.region.scope, "");
    return arn.startsWith(prefix) ? this.byName.get(arn.slice(prefix.length)) : undefined;
  }

  delete(name: string): void {
    const team = this.describe(name);
    this.byName.delete(name);
    this.index.remove(team);
    this.region.tags.forget(team.arn);
  }

  /** How many this account and Region holds. */
  count(): number {
    return this.byName.size;
  }

  all(): Workteam[] {
    return [...this.byName.values()];
  }

  /** Which workforce a flow definition's WorkteamArn names, or undefined when it names nothing that exists. */
  resolve(arn: string): WorkteamKind | undefined {
    if (arn === publicWorkforceArn(this.region.scope.region)) return "public";
    const parsed = parseArn(arn);
    if (!parsed || parsed.accountId === PUBLIC_WORKFORCE_ACCOUNT) return undefined;
    if (parsed.region !== this.region.scope.region || parsed.accountId !== this.region.scope.accountId) return undefined;
    if (this.region.subscribedWorkteams.get(arn)) return "vendor";
    return this.byArn(arn) ? "private" : undefined;
  }
}
