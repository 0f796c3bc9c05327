/**
 * The whole simulated A2I: one RegionBackend per (account, Region), plus what spans them: the clock, the
 * S3 output objects and the status-change events (moto's backend registry, in spirit).
 */
import type { Scope } from "./arns.js";
import { Scheduler, type ClockLike } from "./clock.js";
import { EventLog } from "./events.js";
import { OutputStore } from "./output-store.js";
import { DEFAULT_QUOTAS, DEFAULT_TIMING, type Quotas, type Timing } from "./options.js";
import { RegionBackend } from "./region-backend.js";
import type { HumanLoop } from "./human-loops.js";
import { AiServices } from "./ai-services.js";
import { WorkerDirectory } from "./worker-identity.js";
import { checkClock, checkOptionalNumber, COUNT, DURATION_MS, DURATION_S } from "../limits.js";
import { checkKnownKeys } from "../known-names.js";

export interface BackendOptions {
  clock?: ClockLike | undefined;
  timing?: Partial<Timing> | undefined;
  quotas?: Partial<Quotas> | undefined;
}

export class A2IBackend {
  readonly scheduler: Scheduler;
  readonly timing: Timing;
  readonly quotas: Quotas;
  readonly outputs = new OutputStore();
  readonly events = new EventLog();
  /** The built-in task types' declared model results and sampling say. */
  readonly aiServices = new AiServices();
  /** The workers a test named, with their groups and `sub`s. */
  readonly workers = new WorkerDirectory();
  private readonly regions = new Map<string, RegionBackend>();
  /** The Region `region()` returned last, while it is still in `regions`. */
  private lastRegion: RegionBackend | undefined;
  private readonly loopStartedHooks = new Set<(loop: HumanLoop) => void>();
  private seq = 0;
  /** Fault injection's say on a flow definition's activation: a FailureReason makes it Failed instead of Active. */
  activationFailure: ((flowDefinitionName: string) => string | undefined) | undefined;
  /** Loops created by StartHumanLoop since the last reset (idempotent repeats not counted). */
  humanLoopsStarted = 0;

  constructor(options: BackendOptions = {}) {
    checkKnownKeys("options.timing", options.timing, Object.keys(DEFAULT_TIMING));
    checkKnownKeys("options.quotas", options.quotas, Object.keys(DEFAULT_QUOTAS));
    this.scheduler = new Scheduler(options.clock);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
    checkOptionalNumber("options.timing", "flowDefinitionActivationMs", options.timing?.flowDefinitionActivationMs, DURATION_MS);
    checkOptionalNumber("options.timing", "workforceActivationMs", options.timing?.workforceActivationMs, DURATION_MS);
    for (const name of ["defaultTaskAvailabilityLifetimeSeconds", "defaultPublicTaskAvailabilityLifetimeSeconds", "defaultTaskTimeLimitSeconds"] as const) {
      checkOptionalNumber("options.timing", name, options.timing?.[name], { ...DURATION_S, min: 1, integer: true });
    }
    checkOptionalNumber("options.quotas", "maxInProgressHumanLoops", options.quotas?.maxInProgressHumanLoops, COUNT);
    checkOptionalNumber("options.quotas", "maxWorkteams", options.quotas?.maxWorkteams, COUNT);
    this.scheduler.onAfterRun = () => this.events.flush();
  }

  region(scope: Scope): RegionBackend {
    // Every call looks its Region up: the last one found answers without building its key (issue 13).
    const last = this.lastRegion;
    if (last !== undefined && last.scope.accountId === scope.accountId && last.scope.region === scope.region) return last;
    const id = `${scope.accountId}/${scope.region}`;
    let region = this.regions.get(id);
    if (!region) {
      region = new RegionBackend(this, { accountId: scope.accountId, region: scope.region });
      this.regions.set(id, region);
    }
    this.lastRegion = region;
    return region;
  }

  /** Forget an account and Region that holds nothing (the server creates none for reads, issue 10). */
  dropIfEmpty(region: RegionBackend): void {
    if (!region.isEmpty()) return;
    const id = `${region.scope.accountId}/${region.scope.region}`;
    if (this.regions.get(id) !== region) return;
    this.regions.delete(id);
    if (this.lastRegion === region) this.lastRegion = undefined;
  }

  allRegions(): RegionBackend[] {
    return [...this.regions.values()];
  }

  nextSeq(): number {
    return this.seq++;
  }

  /** Bring state up to now (run due timers) before any read or change: state is exact at every instant. */
  catchUp(): void {
    checkClock(this.scheduler.now());
    this.scheduler.syncTimers();
    this.scheduler.runDue();
  }

  /** Deliver the events the last operation recorded. */
  settle(): void {
    this.events.flush();
  }

  onLoopStarted(hook: (loop: HumanLoop) => void): () => void {
    this.loopStartedHooks.add(hook);
    return () => this.loopStartedHooks.delete(hook);
  }

  announceLoopStarted(loop: HumanLoop): void {
    for (const hook of this.loopStartedHooks) hook(loop);
  }

  /** Empty state, no timer left behind. Listeners and hooks stay (they belong to the fake's owner). */
  reset(): void {
    this.scheduler.clear();
    this.regions.clear();
    this.lastRegion = undefined;
    this.outputs.clear();
    this.events.clear();
    this.aiServices.clear();
    this.workers.clear();
    this.seq = 0;
    this.humanLoopsStarted = 0;
  }
}
