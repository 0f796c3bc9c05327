/**
 * Who a simulated worker is: the user groups they belong to, their stable `sub`, and the
 * `workerMetadata.identityData` A2I writes for them in output.json (DG:a2i-output-data; decisions.md "Workforces"):
 *
 *   Cognito team  { identityProviderType: "Cognito", issuer: "https://cognito-idp.<region>.amazonaws.com/<team's pool>", sub }
 *   OIDC team     { identityProviderType: "Oidc", issuer: <the workforce's OidcConfig.Issuer>, sub }
 *   public, vendor  no workerMetadata
 *
 * Workers a test names with `addWorker` belong to the teams whose groups they share; a worker the test does
 * not name is a member of whichever private team offers the task.
 */
import { createHash } from "node:crypto";
import type { ReviewerIdentity } from "./flow-definitions.js";
import type { HumanLoop } from "./human-loops.js";
import type { RegionBackend } from "./region-backend.js";
import { memberGroups, memberIdentity } from "./workteams.js";

export interface WorkerDefinition {
  /** The id output.json reports as `workerId` and the workforce's `workerId` option names. */
  workerId: string;
  /** The Cognito user groups or OIDC groups the worker is in. A work team's task goes only to its groups' members. */
  groups: readonly string[];
  /** The worker's `sub` in `identityData`. Default: a UUID derived from `workerId` (stable across runs). */
  sub?: string;
}

export class WorkerDirectory {
  private readonly workers = new Map<string, WorkerDefinition>();

  define(worker: WorkerDefinition): void {
    if (typeof worker.workerId !== "string" || worker.workerId === "") {
      throw new Error("[a2i-fake] addWorker needs a workerId (a non-empty string).");
    }
    if (!Array.isArray(worker.groups) || worker.groups.some((g) => typeof g !== "string")) {
      throw new Error(`[a2i-fake] addWorker({ workerId: '${worker.workerId}' }) needs groups: the names of the user groups the worker belongs to.`);
    }
    this.workers.set(worker.workerId, { ...worker, groups: [...worker.groups] });
  }

  get(workerId: string): WorkerDefinition | undefined {
    return this.workers.get(workerId);
  }

  clear(): void {
    this.workers.clear();
  }

  /** A named worker may take a private team's task only when one of their groups is in the team. */
  mayTake(loop: HumanLoop, workerId: string): boolean {
    return this.refusal(loop, workerId) === undefined;
  }

  requireMember(loop: HumanLoop, workerId: string): void {
    const refusal = this.refusal(loop, workerId);
    if (refusal) throw new Error(refusal);
  }

  private refusal(loop: HumanLoop, workerId: string): string | undefined {
    const worker = this.workers.get(workerId);
    const review = loop.flowDefinition.review;
    if (!worker || review.workforce !== "private") return undefined;
    const team = loop.region.workteams.byArn(review.workteamArn);
    if (!team) return undefined;
    const groups = memberGroups(team);
    if (worker.groups.some((g) => groups.includes(g))) return undefined;
    return `[a2i-fake] Worker '${workerId}' (groups: ${worker.groups.join(", ") || "none"}) is not a member of work team '${team.name}' (groups: ${groups.join(", ")}), so the task of human loop '${loop.name}' is not offered to them. Add one of the team's groups to the worker (addWorker), or let another worker take it.`;
  }

  /** output.json's `workerMetadata` for this worker on this loop, or undefined (public and vendor workers). */
  metadata(loop: HumanLoop, workerId: string): unknown {
    const review = loop.flowDefinition.review;
    if (review.workforce !== "private") return undefined;
    // The team as it is now; as it was when the flow definition was created if it has been deleted since.
    const identity = reviewerIdentity(loop.region, review.workteamArn) ?? review.reviewerIdentity;
    if (!identity) return undefined;
    const sub = this.workers.get(workerId)?.sub ?? subOf(workerId);
    return { identityData: { ...identity, sub } };
  }
}

/** The identity provider of a private team's workers: its Cognito user pool, or its workforce's OIDC issuer. */
export function reviewerIdentity(region: RegionBackend, workteamArn: string): ReviewerIdentity | undefined {
  const team = region.workteams.byArn(workteamArn);
  if (!team) return undefined;
  const members = memberIdentity(team.definition.MemberDefinitions);
  const workforce = region.workforces.get();
  if (members.kind === "Oidc") {
    return workforce?.identity.kind === "Oidc" ? { identityProviderType: "Oidc", issuer: workforce.identity.config.Issuer } : undefined;
  }
  const pool = members.cognito?.UserPool;
  return pool === undefined
    ? undefined
    : { identityProviderType: "Cognito", issuer: `https://cognito-idp.${region.scope.region}.amazonaws.com/${pool}` };
}

/** A UUID-shaped `sub` derived from the worker id: the same worker has the same `sub` in every answer. */
function subOf(workerId: string): string {
  const h = createHash("sha256").update(workerId).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
