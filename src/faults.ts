/**
 * Fault injection: what AWS does on a bad day (issue 5). Calls fail with modeled errors or answer late on the
 * fake clock; status-change events arrive twice or out of order (EventBridge delivers at least once).
 * Deterministic: fractions draw from a seeded generator. A faulted call changes nothing: the error is answered
 * before the operation runs.
 */
import { own } from "./own.js";
import { checkOptionalNumber, DURATION_MS, FRACTION } from "./limits.js";
import { nearestName } from "./known-names.js";
import { AwsServiceError, type AwsErrorCode } from "./model/errors.js";
import type { Scheduler } from "./model/clock.js";
import type { HumanLoopStatusChangeEvent } from "./model/events.js";
import type { A2IOperationName } from "./operations.js";
import { MAINTENANCE_MESSAGE } from "./model/activation/built-in-loop.js";
import { REKOGNITION_MODEL, TEXTRACT_MODEL } from "./services/generated/index.js";
import type { ServiceModel } from "./services/shape.js";

/**
 * Errors a fault can answer with, and their HTTP status. The A2I runtime's from its model; SageMaker's are 400
 * but for its 5xx common errors; `AccessDeniedException` as the AWS "Common Errors" page gives it (400).
 * The last four are S3's, for faults on the S3 operations (S3 error codes have no "Exception" suffix).
 */
export const FAULT_ERROR_STATUS = {
  ThrottlingException: 429,
  InternalServerException: 500,
  ServiceQuotaExceededException: 402,
  ValidationException: 400,
  ConflictException: 409,
  ResourceNotFoundException: 404,
  AccessDeniedException: 400,
  ResourceLimitExceeded: 400,
  ResourceInUse: 400,
  ResourceNotFound: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  // S3
  AccessDenied: 403,
  InternalError: 500,
  SlowDown: 503,
  NoSuchKey: 404,
  // Textract and Rekognition (the built-in task types' AnalyzeDocument, DetectModerationLabels): the errors their
  // models declare. Faults on those operations take their statuses from the models instead (builtInErrorStatus).
  InvalidParameterException: 400,
  HumanLoopQuotaExceededException: 402,
  InternalServerError: 500,
  ProvisionedThroughputExceededException: 400,
  BadDocumentException: 400,
  DocumentTooLargeException: 400,
  UnsupportedDocumentException: 400,
  InvalidS3ObjectException: 400,
  ImageTooLargeException: 400,
  InvalidImageFormatException: 400,
  ResourceNotReadyException: 400,
} as const;

export type FaultErrorName = keyof typeof FAULT_ERROR_STATUS;

/** The errors S3 operations can be faulted with (S3's own codes; ServiceUnavailable too). */
export const S3_FAULT_ERRORS: readonly FaultErrorName[] = ["AccessDenied", "InternalError", "SlowDown", "ServiceUnavailable", "NoSuchKey"];
/** The S3 operations the fake serves; `"*"` rules leave them alone (name them to fault them). */
export const S3_OPERATIONS: readonly string[] = ["GetObject", "HeadObject", "ListObjectsV2", "PutObject", "DeleteObject"];

const SAGEMAKER_5XX: Partial<Record<FaultErrorName, number>> = {
  InternalFailure: 500,
  ServiceUnavailable: 503,
};
const RULE_KEYS = ["operation", "error", "message", "latencyMs", "times", "rate"] as const;

/**
 * The built-in task types' operations, by name, with their service's model: they can be faulted with the errors
 * their model declares for them (and only those), with the model's statuses; `"*"` rules leave them alone.
 */
const BUILT_IN_OPERATIONS: ReadonlyMap<string, ServiceModel> = new Map([
  ...Object.keys(TEXTRACT_MODEL.operations).map((op) => [op, TEXTRACT_MODEL] as const),
  ...Object.keys(REKOGNITION_MODEL.operations).map((op) => [op, REKOGNITION_MODEL] as const),
]);
/** Errors only the built-in operations declare: not for SageMaker and A2I runtime operations. */
const BUILT_IN_ONLY_ERRORS: ReadonlySet<string> = new Set(
  [...BUILT_IN_OPERATIONS].flatMap(([op, model]) => model.operations[op]!.errors).filter((e) => !["ThrottlingException", "AccessDeniedException", "ResourceNotFoundException"].includes(e)),
);

/** The errors a rule on `op` may name (`"*"`: SageMaker and A2I runtime operations). */
function faultErrorsOf(op: string): FaultErrorName[] {
  const all = Object.keys(FAULT_ERROR_STATUS) as FaultErrorName[];
  const builtIn = BUILT_IN_OPERATIONS.get(op);
  if (builtIn) return all.filter((e) => builtIn.operations[op]!.errors.includes(e));
  if (S3_OPERATIONS.includes(op)) return all.filter((e) => S3_FAULT_ERRORS.includes(e));
  return all.filter((e) => (!S3_FAULT_ERRORS.includes(e) || e === "ServiceUnavailable") && !BUILT_IN_ONLY_ERRORS.has(e));
}

/** The HTTP status of a built-in operation's error, as its model gives it (a server fault 500, a client one 400). */
function builtInErrorStatus(model: ServiceModel, error: string): number {
  const declared = own(model.errors, error);
  return declared?.httpStatus ?? (declared?.fault === "server" ? 500 : 400);
}

export interface FaultRule {
  /**
   * An operation the fake serves (`StartHumanLoop`, `DescribeFlowDefinition`, `GetObject`, ...) or `"*"` for every
   * SageMaker and A2I runtime operation (S3, Textract and Rekognition operations are faulted only when named).
   * Default `"*"`.
   */
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
  /** The S3 error code and status, when the faulted operation is an S3 one. */
  readonly s3Error?: { readonly code: FaultErrorName; readonly message: string; readonly statusCode: number };
  readonly latencyMs?: number;
}

export class Faults {
  private rules: ActiveRule[] = [];
  private random: () => number;
  private eventFaults: EventDeliveryFaults | undefined;
  private activationFaults: ActivationFault[] = [];
  private maintenance = false;
  private maintenanceRefusals = 0;

  /** `operations`: every operation the fake serves, to refuse a rule naming another (a misspelling). */
  constructor(
    private readonly seed = 1,
    private readonly operations: () => readonly string[] = () => [],
  ) {
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
    this.check(rule);
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

  /**
   * The next `times` calls of `operation` fail with `error` (default ThrottlingException; `SlowDown` on S3
   * operations).
   */
  failNext(operation: A2IOperationName | "*", error?: FaultErrorName, times = 1): FaultHandle {
    const isS3 = S3_OPERATIONS.includes(operation);
    return this.inject({ operation, error: error ?? (isS3 ? "SlowDown" : "ThrottlingException"), times });
  }

  /** Refuse what would otherwise be silently ignored: unknown keys, operations and errors. */
  private check(rule: FaultRule): void {
    const where = "[a2i-fake] faults.inject";
    if (typeof rule !== "object" || rule === null) throw new Error(`${where} takes a rule object; got ${String(rule)}.`);
    const unknownKeys = Object.keys(rule).filter((k) => !(RULE_KEYS as readonly string[]).includes(k));
    if (unknownKeys.length > 0) {
      throw new Error(`${where}: unknown rule key(s) ${unknownKeys.map((k) => `'${k}'`).join(", ")}. Valid keys: ${RULE_KEYS.join(", ")}.`);
    }
    const op = rule.operation ?? "*";
    const operations = this.operations();
    if (op !== "*" && operations.length > 0 && !operations.includes(op)) {
      const near = nearestName(String(op), operations);
      throw new Error(
        `${where}: '${String(op)}' is not an operation the fake serves${near ? ` (did you mean '${near}'?)` : ""}. ` +
          `Valid: "*" (every SageMaker and A2I runtime operation) or one of ${operations.join(", ")}.`,
      );
    }
    if (rule.error !== undefined) {
      const isS3 = S3_OPERATIONS.includes(op);
      const valid = faultErrorsOf(op);
      if (!valid.includes(rule.error)) {
        throw new Error(
          `${where}: '${String(rule.error)}' is not an error ${isS3 ? `S3 ${op}` : op === "*" ? "the SageMaker and A2I runtime operations" : op} can be faulted with. Valid: ${valid.join(", ")}.`,
        );
      }
    }
    if (rule.latencyMs !== undefined && !(Number.isFinite(rule.latencyMs) && rule.latencyMs >= 0)) {
      throw new Error(`${where}: latencyMs must be a number of ms, 0 or more; got ${String(rule.latencyMs)}.`);
    }
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
    const isS3 = S3_OPERATIONS.includes(operation);
    const builtIn = BUILT_IN_OPERATIONS.get(operation);
    for (const active of this.rules) {
      const op = active.rule.operation ?? "*";
      if (active.cancelled || active.remaining <= 0 || (op === "*" ? isS3 || builtIn !== undefined : op !== operation)) continue;
      if (active.rule.rate !== undefined && this.random() >= active.rule.rate) continue;
      active.remaining--;
      active.hits++;
      const { error, latencyMs } = active.rule;
      const errorName = error ?? (latencyMs === undefined ? (isS3 ? "SlowDown" : "ThrottlingException") : undefined);
      const message = active.rule.message ?? `Injected fault: ${errorName} (a2i-fake faults).`;
      if (isS3) {
        return {
          ...(errorName ? { s3Error: { code: errorName, message, statusCode: FAULT_ERROR_STATUS[errorName] } } : {}),
          ...(latencyMs ? { latencyMs } : {}),
        };
      }
      return {
        ...(errorName
          ? {
              error: new AwsServiceError(
                errorName as AwsErrorCode,
                message,
                builtIn ? builtInErrorStatus(builtIn, errorName) : own(SAGEMAKER_5XX, errorName),
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
