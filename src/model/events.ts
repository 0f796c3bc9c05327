/**
 * "SageMaker A2I HumanLoop Status Change" EventBridge events (spec §6): only on Completed, Failed and
 * Stopped; camelCase detail; `failureCode`/`failureReason` null unless Failed; `humanLoopOutput` when
 * the output was written. Delivered exactly once and in order by default (decisions.md).
 *
 * Listeners are called after the operation or clock step that caused the transition has finished,
 * never in the middle of one, so a listener may call back into the fake.
 */
export type TerminalHumanLoopStatus = "Completed" | "Failed" | "Stopped";

export interface HumanLoopStatusChangeDetail {
  creationTime: string;
  failureCode: string | null;
  failureReason: string | null;
  flowDefinitionArn: string;
  humanLoopArn: string;
  humanLoopName: string;
  humanLoopOutput?: { outputS3Uri: string };
  humanLoopStatus: TerminalHumanLoopStatus;
}

export interface HumanLoopStatusChangeEvent {
  version: "0";
  id: string;
  "detail-type": "SageMaker A2I HumanLoop Status Change";
  source: "aws.sagemaker";
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: HumanLoopStatusChangeDetail;
}

/**
 * A status-change listener. What it returns is ignored, but a promise (an async handler, a Lambda handler that
 * resolves to its result) is awaited by `settled()` and its rejection reported.
 */
export type EventListener = (event: HumanLoopStatusChangeEvent) => unknown;

export class EventLog {
  readonly all: HumanLoopStatusChangeEvent[] = [];
  private readonly listeners = new Set<EventListener>();
  private readonly pending: HumanLoopStatusChangeEvent[] = [];
  private count = 0;
  private flushing = false;
  private readonly rejections: Error[] = [];
  /** Promises of async listeners not settled yet (settled() waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private deliver: (event: HumanLoopStatusChangeEvent, deliverNow: (e: HumanLoopStatusChangeEvent) => void) => void = (
    event,
    deliverNow,
  ) => deliverNow(event);

  record(event: Omit<HumanLoopStatusChangeEvent, "id">): HumanLoopStatusChangeEvent {
    const full = { ...event, id: eventId(++this.count) } as HumanLoopStatusChangeEvent;
    this.all.push(full);
    this.pending.push(full);
    return full;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How recorded events reach listeners (fault injection may duplicate or delay them). Default: at once. */
  deliverWith(
    deliver: (event: HumanLoopStatusChangeEvent, deliverNow: (e: HumanLoopStatusChangeEvent) => void) => void,
  ): void {
    this.deliver = deliver;
  }

  /** Deliver what was recorded since the last flush, in order. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        this.deliver(this.pending.shift()!, (event) => this.callListeners(event));
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A listener that throws makes the operation or clock step that delivered the event throw (after every
   * listener had the event); one whose promise rejects makes the fake's next call throw. Never silent.
   */
  private callListeners(event: HumanLoopStatusChangeEvent): void {
    const errors: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(event);
        if (result && typeof (result as PromiseLike<unknown>).then === "function") {
          const tracked: Promise<unknown> = Promise.resolve(result as PromiseLike<unknown>).then(undefined, (err: unknown) => {
            this.rejections.push(listenerError(event, err));
          });
          this.inFlight.add(tracked);
          void tracked.finally(() => this.inFlight.delete(tracked));
        }
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw listenerError(event, errors[0]);
    if (errors.length > 1) throw new AggregateError(errors.map((e) => listenerError(event, e)), "[a2i-fake] Several onEvent listeners threw.");
  }

  /**
   * Resolves when every promise an async listener returned has settled, including those of events the
   * listeners' own work caused meanwhile; rejects with the first listener failure.
   */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const rejection = this.takeRejection();
    if (rejection) throw rejection;
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  /** Rejections of async listeners since the last call; the fake throws the first at its next entry. */
  takeRejection(): Error | undefined {
    // Almost always none: setting an array's length is a call into V8's runtime, on every operation (issue 13).
    if (this.rejections.length === 0) return undefined;
    const first = this.rejections[0];
    this.rejections.length = 0;
    return first;
  }

  clear(): void {
    this.all.length = 0;
    this.pending.length = 0;
    this.rejections.length = 0;
    this.count = 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}

function listenerError(event: HumanLoopStatusChangeEvent, cause: unknown): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `[a2i-fake] An onEvent listener failed on the ${event.detail.humanLoopStatus} event of human loop '${event.detail.humanLoopName}': ${why}`,
    { cause },
  );
}

/** A UUID-shaped, deterministic id (tests compare runs). */
function eventId(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `a2f0e7e0-0000-4000-8000-${hex}`;
}

/** EventBridge `time`: ISO 8601 to the second, as in the documented example. */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
