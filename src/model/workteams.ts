/**
 * Private work teams (spec §2.5). A missing team is a ValidationException whose message says
 * "The work team" (DescribeWorkteam models no ResourceNotFound; TF `findWorkteamByName`).
 * The public (Mechanical Turk) workforce ARN always exists and is not a team of the account.
 */
import { createHash } from "node:crypto";
import { parseArn, privateWorkteamArn, publicWorkforceArn, PUBLIC_WORKFORCE_ACCOUNT, workforceArn } from "./arns.js";
import { resourceInUse, resourceLimitExceeded, validationException } from "./errors.js";
import { SortedIndex } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import type { RegionBackend } from "./region-backend.js";

export interface Workteam extends Resource {
  /** The create input members echoed by DescribeWorkteam (MemberDefinitions, Description, ...). */
  readonly definition: Record<string, unknown>;
  readonly workforceArn: string;
  readonly subDomain: string;
  lastUpdated: number;
}

export type WorkteamKind = "private" | "public";

export class Workteams {
  private readonly byName = new Map<string, Workteam>();
  readonly index = new SortedIndex<Workteam>(byCreation);

  constructor(private readonly region: RegionBackend) {}

  create(name: string, definition: Record<string, unknown>, workforceName = "default"): Workteam {
    const existing = this.byName.get(name);
    if (existing) throw resourceInUse(`Cannot create a duplicate work team: ${existing.arn} already exists.`);
    if (this.byName.size >= this.region.backend.quotas.maxWorkteams) {
      throw resourceLimitExceeded(
        `You have reached the limit of ${this.region.backend.quotas.maxWorkteams} work teams in this account and Region.`,
      );
    }
    const now = this.region.now();
    const scope = this.region.scope;
    const team: Workteam = {
      name,
      arn: privateWorkteamArn(scope, name),
      creationTime: now,
      seq: this.region.nextSeq(),
      definition,
      workforceArn: workforceArn(scope, workforceName),
      subDomain: `${subDomainLabel(scope.accountId, scope.region)}.labeling.${scope.region}.sagemaker.aws`,
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
    const prefix = "private-crowd/";
    if (parsed.region !== this.region.scope.region || parsed.accountId !== this.region.scope.accountId) return undefined;
    if (!parsed.resourceId.startsWith(prefix)) return undefined;
    return this.byName.has(parsed.resourceId.slice(prefix.length)) ? "private" : undefined;
  }
}

function subDomainLabel(accountId: string, region: string): string {
  return createHash("sha256").update(`${accountId}/${region}`).digest("hex").slice(0, 10);
}
