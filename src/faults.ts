/**
 * Fault injection: what AWS does on a bad day (issue 5). Calls fail with modeled errors or answer late on the
 * fake clock; status-change events arrive twice or out of order (EventBridge delivers at least once).
 * Deterministic: fractions draw from a seeded generator. A faulted call changes nothing: the error is answered
 * before the operation runs.
 */
import { own } from "./own.js";
import { checkOptionalNumber, DURATION_MS, FRACTION } from "./limits.js";
import { AwsServiceError, type AwsErrorCode } from "./model/errors.js";
import type { Scheduler } from "./model/clock.js";
import type { HumanLoopStatusChangeEvent } from "./model/events.js";
import type { A2IOperationName } from "./operations.js";
import { MAINTENANCE_MESSAGE } from "./model/activation/built-in-loop.js";

/** Errors a fault can answer with, and their HTTP status (A2I runtime statuses from its model; SageMaker's are 400 but for its 5xx common errors). */
export type FaultErrorName =
  | "ThrottlingException"
  | "InternalServerException"
  | "ServiceQuotaExceededException"
  | "ValidationException"
  | "ConflictException"
  | "ResourceNotFoundException"
  | "ResourceLimitExceeded"
  | "ResourceInUse"
  | "ResourceNotFound"
  | "InternalFailure"
  | "ServiceUnavailable"
  // Textract and Rekognition (the built-in task types' AnalyzeDocument, DetectModerationLabels)
  | "InvalidParameterException"
  | "HumanLoopQuotaExceededException"
  | "InternalServerError"
  | "ProvisionedThroughputExceededException";

const SAGEMAKER_5XX: Partial<Record<FaultErrorName, number>> = {
  InternalFailure: 500,
  ServiceUnavailable: 503,
  // Textract/Rekognition: the server fault and the quota's 402 (TX-JS/RK-JS schemas).
  InternalServerError: 500,
  HumanLoopQuotaExceededException: 402,
};

export interface FaultRule {
  /** An operation name (`StartHumanLoop`, `DescribeFlowDefinition`, ...) or `"*"` for every one. Default `"*"`. */
  operation?: A2IOperationName | "*";
  /** The error to answer. Default `ThrottlingException`. Omit it with `latencyMs` to only delay. */
  error?: FaultErrorName;
  message?: string;
  /** Answer this many ms later on the fake clock (advance it, e.g. `jest.advanceTimersByTimeAsync`). */
  latencyMs?: number;
  /** How many matching calls this rule affects; then it is spent. Default 1, or unlimited with `rate`. */
  times?: number;
  /** The fraction (0 to 1) of matching calls affected, drawn from the seeded generator. */
  rate?: number;
}

export interface FaultHandle {
  /** Calls this rule has affected so far. */
  readonly hits: number;
  cancel(): void;
}

export interface EventDeliveryFaults {
  /** Fraction (0 to 1) of events delivered a second time. */
  duplicateRate?: number;
  /** Deliver each event (and duplicate) after a random delay up to this many ms on the fake clock, so later events can overtake earlier ones. */
  maxDelayMs?: number;
}

export interface ActivationFault {
  /** Only the flow definition of this name. Default: the next one to activate, whatever its name. */
  flowDefinitionName?: string;
  /** Its FailureReason. */
  failureReason: string;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
  hits: number;
  cancelled: boolean;
}

export interface FaultDecision {
  readonly error?: AwsServiceError;
  readonly latencyMs?: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private random: () => number;
  private eventFaults: EventDeliveryFaults | undefined;
  private activationFaults: ActivationFault[] = [];
  private maintenance = false;
  private maintenanceRefusals = 0;

  constructor(private readonly seed = 1) {
    this.random = mulberry32(seed);
  }

  /**
   * Add a fault rule.
   * @example
   * a2i.faults.inject({ operation: "StartHumanLoop", error: "ThrottlingException", times: 2 });
   * a2i.faults.inject({ operation: "*", error: "InternalServerException", rate: 0.1 });
   * a2i.faults.inject({ operation: "DescribeHumanLoop", latencyMs: 5000 });
   */
  inject(rule: FaultRule): FaultHandle {
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
      throw new Error(`[a2i-fake] faults.inject: rate must be between 0 and 1; got ${rule.rate}.`);
    }
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
      throw new Error(`[a2i-fake] faults.inject: times must be a positive integer; got ${rule.times}.`);
    }
    checkOptionalNumber("faults.inject", "latencyMs", rule.latencyMs, DURATION_MS);
    const active: ActiveRule = {
      rule,
      remaining: rule.times ?? (rule.rate !== undefined ? Infinity : 1),
      hits: 0,
      cancelled: false,
    };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      cancel: () => {
        active.cancelled = true;
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  /** The next `times` calls of `operation` fail with `error` (default ThrottlingException). */
  failNext(operation: A2IOperationName | "*", error: FaultErrorName = "ThrottlingException", times = 1): FaultHandle {
    return this.inject({ operation, error, times });
  }

  /** Status-change events are delivered to `onEvent` listeners more than once and/or out of order. */
  events(faults: EventDeliveryFaults | undefined): void {
    checkOptionalNumber("faults.events", "duplicateRate", faults?.duplicateRate, FRACTION);
    checkOptionalNumber("faults.events", "maxDelayMs", faults?.maxDelayMs, DURATION_MS);
    this.eventFaults = faults;
  }

  /**
   * The next flow definition to activate (or the one named) becomes `Failed` with this FailureReason instead of
   * `Active`, as when A2I cannot use its role or task UI.
   */
  failFlowDefinitionActivation(fault: ActivationFault): void {
    this.activationFaults.push(fault);
  }

  /** @internal */
  activationFailure(flowDefinitionName: string): string | undefined {
    const i = this.activationFaults.findIndex(
      (f) => f.flowDefinitionName === undefined || f.flowDefinitionName === flowDefinitionName,
    );
    if (i < 0) return undefined;
    return this.activationFaults.splice(i, 1)[0]!.failureReason;
  }

  /**
   * A2I refuses this account, as it refuses accounts that are not existing customers since it entered maintenance
   * mode (July 2026): every way of starting a loop fails (Textract AnalyzeDocument and Rekognition
   * DetectModerationLabels with HumanLoopConfig: InvalidParameterException; StartHumanLoop and CreateFlowDefinition:
   * ValidationException), while Describe, List, Stop, Delete and output reads keep working. Until `cancel()` or
   * `reset()`.
   * @example
   * a2i.faults.maintenanceMode();
   * await expect(app.review(doc)).rejects.toBeInstanceOf(InvalidParameterException);
   */
  maintenanceMode(): FaultHandle {
    this.maintenance = true;
    this.maintenanceRefusals = 0;
    const faults = this;
    return {
      get hits() {
        return faults.maintenanceRefusals;
      },
      cancel: () => {
        this.maintenance = false;
      },
    };
  }

  /** @internal The maintenance-mode refusal of this call, if it starts loops or creates flow definitions. */
  maintenanceRefusal(operation: string, input: Record<string, unknown>): AwsServiceError | undefined {
    if (!this.maintenance) return undefined;
    if (operation === "StartHumanLoop" || operation === "CreateFlowDefinition") {
      this.maintenanceRefusals++;
      return new AwsServiceError("ValidationException", MAINTENANCE_MESSAGE);
    }
    if ((operation === "AnalyzeDocument" || operation === "DetectModerationLabels") && input.HumanLoopConfig !== undefined) {
      this.maintenanceRefusals++;
      return new AwsServiceError("InvalidParameterException", MAINTENANCE_MESSAGE, 400);
    }
    return undefined;
  }

  /** Drop every rule and event fault; the generator starts again from its seed. */
  clear(): void {
    this.maintenance = false;
    this.rules = [];
    this.activationFaults = [];
    this.eventFaults = undefined;
    this.random = mulberry32(this.seed);
  }

  /** @internal What happens to this call: an error, a delay, both, or nothing. */
  decide(operation: string): FaultDecision | undefined {
    for (const active of this.rules) {
      const op = active.rule.operation ?? "*";
      if (active.cancelled || active.remaining <= 0 || (op !== "*" && op !== operation)) continue;
      if (active.rule.rate !== undefined && this.random() >= active.rule.rate) continue;
      active.remaining--;
      active.hits++;
      const { error, latencyMs } = active.rule;
      const errorName = error ?? (latencyMs === undefined ? "ThrottlingException" : undefined);
      return {
        ...(errorName
          ? {
              error: new AwsServiceError(
                errorName as AwsErrorCode,
                active.rule.message ?? `Injected fault: ${errorName} (a2i-fake faults).`,
                own(SAGEMAKER_5XX, errorName),
              ),
            }
          : {}),
        ...(latencyMs ? { latencyMs } : {}),
      };
    }
    return undefined;
  }

  /** @internal Deliver an event to listeners as the event faults say (at once, exactly once, by default). */
  deliver(event: HumanLoopStatusChangeEvent, deliverNow: (e: HumanLoopStatusChangeEvent) => void, scheduler: Scheduler): void {
    const f = this.eventFaults;
    if (!f) {
      deliverNow(event);
      return;
    }
    const copies = 1 + (f.duplicateRate !== undefined && this.random() < f.duplicateRate ? 1 : 0);
    for (let i = 0; i < copies; i++) {
      const delay = f.maxDelayMs ? Math.floor(this.random() * (f.maxDelayMs + 1)) : 0;
      if (delay === 0) deliverNow(event);
      else scheduler.after(delay, () => deliverNow(event));
    }
  }
}

/** A small, fast, seedable generator (public domain). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
