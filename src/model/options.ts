/** Simulated durations and quotas (decisions.md, "Time and workers" and "Defaults"). All configurable. */
export interface Timing {
  /** How long a new flow definition stays `Initializing` before it is `Active` (ms). Default 2000. */
  flowDefinitionActivationMs: number;
  /** How long CreateWorkforce's `Initializing` and UpdateWorkforce's `Updating` last before `Active` (ms). Default 2000. */
  workforceActivationMs: number;
  /** TaskAvailabilityLifetimeInSeconds when the flow definition gives none, private/vendor teams. Default 864000. */
  defaultTaskAvailabilityLifetimeSeconds: number;
  /** The same for the public (Mechanical Turk) workforce. Default 43200. */
  defaultPublicTaskAvailabilityLifetimeSeconds: number;
  /** TaskTimeLimitInSeconds when the flow definition gives none (model doc). Default 3600. */
  defaultTaskTimeLimitSeconds: number;
}

export interface Quotas {
  /** Loops `InProgress` per account and Region; one more is ServiceQuotaExceededException (402). Default 10000. */
  maxInProgressHumanLoops: number;
  /** Private work teams per account and Region (SageMaker model doc: 25); one more is ResourceLimitExceeded. */
  maxWorkteams: number;
}

export const DEFAULT_TIMING: Timing = {
  flowDefinitionActivationMs: 2000,
  workforceActivationMs: 2000,
  defaultTaskAvailabilityLifetimeSeconds: 864_000,
  defaultPublicTaskAvailabilityLifetimeSeconds: 43_200,
  defaultTaskTimeLimitSeconds: 3600,
};

export const DEFAULT_QUOTAS: Quotas = {
  maxInProgressHumanLoops: 10_000,
  maxWorkteams: 25,
};

export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_REGION = "us-east-1";
