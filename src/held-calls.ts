/**
 * Calls a `latencyMs` fault holds until their answer is due on the fake clock (issue 10). A held call always
 * settles: it is answered when the clock passes its time, or rejected with a `CallDroppedError` when the fake
 * is reset or uninstalled under it, or when the test switches from fake to real timers (the fake timer that
 * would have answered it is gone with the fake clock). Never a promise left pending for ever.
 */
import type { ScheduledAction, Scheduler } from "./model/clock.js";

/** A call held by a `latencyMs` fault was dropped before its answer was due. */
export class CallDroppedError extends Error {
  constructor(
    readonly operation: string,
    why: string,
  ) {
    super(
      `[a2i-fake] The ${operation} call held by a latencyMs fault was dropped before its answer was due: ${why}. ` +
        "Advance the clock past the fault's latency before resetting, uninstalling or leaving fake timers " +
        "(server mode: POST /_a2i/clock/advance before POST /_a2i/reset).",
    );
    this.name = "A2IFakeCallDropped";
  }
}

interface Held {
  readonly operation: string;
  readonly action: ScheduledAction;
  readonly reject: (err: Error) => void;
}

export class HeldCalls {
  private readonly held = new Set<Held>();

  constructor(private readonly scheduler: Scheduler) {}

  /** Answer with `answer()` `latencyMs` later on the fake clock. */
  hold<T>(operation: string, latencyMs: number, answer: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Held = {
        operation,
        reject,
        action: this.scheduler.after(latencyMs, () => {
          this.held.delete(entry);
          try {
            resolve(answer());
          } catch (err) {
            reject(err);
          }
        }),
      };
      this.held.add(entry);
    });
  }

  /** Calls held now. */
  get size(): number {
    return this.held.size;
  }

  /** Reject every held call (reset, uninstall, a switch to real timers). */
  dropAll(why: string): void {
    const all = [...this.held];
    this.held.clear();
    for (const entry of all) {
      this.scheduler.cancel(entry.action);
      entry.reject(new CallDroppedError(entry.operation, why));
    }
  }
}
