/**
 * Flow definitions (human review workflows) and their state machine (spec §4.1, DG:a2i-delete-flow-definition):
 *
 *   CreateFlowDefinition → Initializing ──(timing.flowDefinitionActivationMs)──► Active
 *   Active ──DeleteFlowDefinition──► Deleting ──(no claimed task left)──► gone
 *
 * Only Active flow definitions can be deleted or start loops. While Deleting, the flow definition is
 * still describable and listable; once gone: ResourceNotFound, not listed, name reusable.
 */
import { flowDefinitionArn, type Scope } from "./arns.js";
import { resourceInUse, resourceNotFound, validationException } from "./errors.js";
import { SortedIndex } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import type { ScheduledAction } from "./clock.js";
import type { HumanLoop } from "./human-loops.js";
import type { RegionBackend } from "./region-backend.js";
import type { WorkteamKind } from "./workteams.js";
import type { BuiltInTaskType } from "./activation/built-in-task-type.js";

export type FlowDefinitionStatus = "Initializing" | "Active" | "Failed" | "Deleting";

const ALLOWED: Record<FlowDefinitionStatus, readonly FlowDefinitionStatus[]> = {
  Initializing: ["Active", "Failed"],
  Active: ["Deleting"],
  Failed: [],
  Deleting: [],
};

/** What a human loop of this flow definition needs to know about its review work. */
export interface ReviewSettings {
  readonly taskCount: number;
  readonly taskTimeLimitSeconds: number;
  readonly taskAvailabilityLifetimeSeconds: number;
  readonly workteamArn: string;
  readonly workforce: WorkteamKind;
  readonly humanTaskUiName: string | undefined;
  readonly taskTitle: string;
  /** Who reviews, as the private team stood when the flow definition was created (worker-identity.ts). */
  readonly reviewerIdentity?: ReviewerIdentity | undefined;
}

/** output.json's `workerMetadata.identityData` without the worker's `sub`. */
export interface ReviewerIdentity {
  readonly identityProviderType: "Cognito" | "Oidc";
  readonly issuer: string;
}

export interface OutputLocation {
  readonly bucket: string;
  /** Key prefix without leading or trailing slash ("" for the bucket root). */
  readonly prefix: string;
}

export interface FlowDefinitionConfig {
  /** The create input members DescribeFlowDefinition echoes (OutputConfig, RoleArn, HumanLoopConfig, ...). */
  readonly definition: Record<string, unknown>;
  readonly review: ReviewSettings;
  readonly output: OutputLocation;
  /** Textract or Rekognition's own task type (HumanLoopRequestSource); undefined for a custom task type. */
  readonly builtIn?: BuiltInTaskType | undefined;
}

export interface FlowDefinition extends Resource, FlowDefinitionConfig {
  status: FlowDefinitionStatus;
  failureReason: string | undefined;
  /** Its human loops, by creation, for ListHumanLoops and deletion. */
  readonly loops: SortedIndex<HumanLoop>;
  activation: ScheduledAction | undefined;
}

export class FlowDefinitions {
  private readonly byName = new Map<string, FlowDefinition>();
  readonly index = new SortedIndex<FlowDefinition>(byCreation);

  /** `arn:aws:sagemaker:<region>:<account>:flow-definition/`, once asked. */
  private arnPrefix: string | undefined;

  constructor(private readonly region: RegionBackend) {}

  /** `Initializing`, then `Active` after `timing.flowDefinitionActivationMs`. */
  create(name: string, config: FlowDefinitionConfig): FlowDefinition {
    const existing = this.byName.get(name);
    if (existing) {
      throw resourceInUse(
        `Cannot create a duplicate flow definition: ${existing.arn} already exists (status ${existing.status}).`,
      );
    }
    const fd: FlowDefinition = {
      ...config,
      name,
      arn: flowDefinitionArn(this.region.scope, name),
      creationTime: this.region.now(),
      seq: this.region.nextSeq(),
      status: "Initializing",
      failureReason: undefined,
      loops: new SortedIndex<HumanLoop>(byCreation),
      activation: undefined,
    };
    this.byName.set(name, fd);
    this.index.insert(fd);
    this.region.backend.outputs.registerBucket(config.output.bucket, config.output.prefix);
    const backend = this.region.backend;
    fd.activation = backend.scheduler.after(backend.timing.flowDefinitionActivationMs, () => {
      fd.activation = undefined;
      if (fd.status !== "Initializing") return;
      const failureReason = backend.activationFailure?.(fd.name);
      if (failureReason === undefined) transition(fd, "Active");
      else this.fail(fd, failureReason);
    });
    return fd;
  }

  get(name: string): FlowDefinition | undefined {
    return this.byName.get(name);
  }

  describe(name: string): FlowDefinition {
    const fd = this.byName.get(name);
    if (!fd) throw resourceNotFound(`Flow definition ${flowDefinitionArn(this.region.scope, name)} does not exist.`);
    return fd;
  }

  /** The flow definition an ARN names in this account and Region, if it still exists. */
  byArn(arn: string): FlowDefinition | undefined {
    // Every StartHumanLoop and ListHumanLoops asks: the prefix is built once (the scope never changes).
    const prefix = (this.arnPrefix ??= flowDefinitionArn(this.region.scope, ""));
    if (!arn.startsWith(prefix)) return undefined;
    return this.byName.get(arn.slice(prefix.length));
  }

  /**
   * Deleting: loops no worker has started are stopped and deleted at once; loops whose tasks a worker
   * holds keep going (Stopping) until those tasks are submitted, abandoned or lapse; then the flow
   * definition is gone (DG:a2i-delete-flow-definition).
   */
  delete(name: string): void {
    const fd = this.describe(name);
    if (fd.status !== "Active") {
      throw resourceInUse(
        `Flow definition ${fd.arn} is ${fd.status}; flow definitions can only be deleted if their status is Active.`,
      );
    }
    transition(fd, "Deleting");
    for (const loop of [...fd.loops.items]) this.region.humanLoops.withdrawForDeletion(loop);
    this.removeIfDrained(fd);
  }

  /** Called whenever a loop of a Deleting flow definition is deleted. */
  removeIfDrained(fd: FlowDefinition): void {
    if (fd.status !== "Deleting" || fd.loops.size > 0) return;
    this.byName.delete(fd.name);
    this.index.remove(fd);
    this.region.tags.forget(fd.arn);
  }

  /** Seeding: Active now, without waiting for activation. */
  activateNow(fd: FlowDefinition): void {
    if (fd.status !== "Initializing") return;
    this.region.backend.scheduler.cancel(fd.activation);
    fd.activation = undefined;
    transition(fd, "Active");
  }

  /** Test seam: make an Initializing flow definition fail to activate, with a reason. */
  fail(fd: FlowDefinition, reason: string): void {
    this.region.backend.scheduler.cancel(fd.activation);
    fd.activation = undefined;
    transition(fd, "Failed");
    fd.failureReason = reason;
  }

  /** How many this account and Region holds. */
  count(): number {
    return this.byName.size;
  }

  all(): FlowDefinition[] {
    return [...this.byName.values()];
  }
}

function transition(fd: FlowDefinition, to: FlowDefinitionStatus): void {
  if (!ALLOWED[fd.status].includes(to)) {
    throw new Error(`[a2i-fake] internal error: flow definition ${fd.name} cannot move from ${fd.status} to ${to}.`);
  }
  fd.status = to;
}

/** StartHumanLoop's check: the flow definition exists and is Active (decisions.md: ValidationException). */
export function requireActive(fd: FlowDefinition | undefined, arn: string, scope: Scope): FlowDefinition {
  if (!fd) {
    throw validationException(
      `FlowDefinition ${arn} does not exist in account ${scope.accountId} and Region ${scope.region}.`,
    );
  }
  if (fd.status !== "Active") {
    throw validationException(
      `FlowDefinition ${fd.arn} is ${fd.status}; human loops can only be started with an Active flow definition.`,
    );
  }
  return fd;
}
