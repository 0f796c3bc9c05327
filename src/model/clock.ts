/**
 * The one place the fake reads and schedules time (style principle 3).
 *
 * A `TimeSource` is where "now" and timers come from: by default the global `Date` and
 * `setTimeout` looked up at the moment of use, so `jest.useFakeTimers()`, `vi.useFakeTimers()`
 * and `@sinonjs/fake-timers` `install()` drive the fake; or an explicit
 * `@sinonjs/fake-timers` clock, which touches no globals.
 *
 * The `Scheduler` keeps its own queue of due actions ordered by (due time, sequence), so
 * actions due at the same instant run in the order they were scheduled, and arms a single
 * timer for the earliest one. It never holds one giant timer: a real `setTimeout` holds at
 * most 2^31-1 ms (about 24.8 days), so long waits re-arm (decisions.md, "Long waits").
 * Reads do not depend on the timer firing: every entry point calls `runDue()` first, so
 * state is exact at any instant.
 *
 * While an action runs, `now()` is that action's own due time, not the clock's: after a jump
 * (`jest.setSystemTime`, `clock.setSystemTime`, a switch between real and fake timers) the catch-up
 * runs every overdue action at the instant it was due, and what it schedules is timed from there,
 * so state and every recorded time are what a tick-by-tick run gives (issue 10).
 */

import { installedClock, timerIdentityInForce, timerRunsAhead } from "./timer-mode.js";
import { shown } from "../known-names.js";

/** The subset of an `@sinonjs/fake-timers` clock the fake uses. */
export interface ClockLike {
  now: number | (() => number);
  setTimeout(callback: () => void, delay: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface TimeSource {
  now(): number;
  /** Identity of the timer implementation in force, to notice a switch to or from fake timers. */
  timerIdentity(): unknown;
  setTimeout(callback: () => void, delay: number): unknown;
  /**
   * The clearTimeout of the implementation in force now, kept with the timer armed alongside: after a switch
   * to fake timers, the global clearTimeout is the fake's, which leaves a native timer running
   * (@sinonjs/fake-timers `install()` only warns).
   */
  clearTimeoutInForce(): (handle: unknown) => void;
}

/**
 * The global timers at the moment of use; when an `@sinonjs/fake-timers` clock is installed on them, that clock
 * (its `now` moves with the test's advances even where `Date` is not faked: timer-mode.ts).
 */
const globalTimeSource: TimeSource = {
  now: () => {
    const clock = installedClock();
    return clock ? (clock.now as number) : Date.now();
  },
  timerIdentity: () => timerIdentityInForce(),
  setTimeout: (callback, delay) => installedClock()?.setTimeout(callback, delay) ?? globalThis.setTimeout(callback, delay),
  clearTimeoutInForce: () => {
    const clock = installedClock();
    if (clock) return (handle) => clock.clearTimeout(handle);
    const clear = globalThis.clearTimeout;
    return (handle) => clear(handle as ReturnType<typeof setTimeout>);
  },
};

function isClockLike(clock: unknown): clock is ClockLike {
  if (typeof clock !== "object" || clock === null) return false;
  const { now, setTimeout, clearTimeout } = clock as Partial<ClockLike>;
  return (typeof now === "number" || typeof now === "function") && typeof setTimeout === "function" && typeof clearTimeout === "function";
}

function clockTimeSource(clock: ClockLike): TimeSource {
  return {
    now: () => (typeof clock.now === "function" ? clock.now() : clock.now),
    timerIdentity: () => clock,
    setTimeout: (callback, delay) => clock.setTimeout(callback, delay),
    clearTimeoutInForce: () => (handle) => clock.clearTimeout(handle),
  };
}

/** Longest delay a Node timer holds without overflowing (it would fire at once). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** How many actions one `runDue()` may run before the fake calls it a runaway loop. */
const RUNAWAY_LIMIT = 1_000_000;

export interface ScheduledAction {
  readonly dueAt: number;
  readonly seq: number;
  /** Called with `subject` when due. */
  readonly run: (subject: unknown) => void;
  /** What `run` acts on: one shared `run` for many actions, no closure per action (issue 13: a timer per loop). */
  readonly subject: unknown;
  cancelled: boolean;
}

interface ArmedTimer {
  handle: unknown;
  dueAt: number;
  identity: unknown;
  clearTimeout: (handle: unknown) => void;
}

export class Scheduler {
  private readonly source: TimeSource;
  private readonly queue: ScheduledAction[] = [];
  private seq = 0;
  private armed: ArmedTimer | undefined;
  private running = false;
  /** The due time of the action running now: the simulated "now" while catching up. */
  private runningAt: number | undefined;
  /** The timer implementation seen at the last `syncTimers()`, to notice a switch from fake to real timers. */
  private lastIdentity: unknown;
  /** Called when `syncTimers()` finds the test switched from fake timers to real ones. */
  onSwitchToRealTimers: (() => void) | undefined;
  /**
   * Where an error of an action run by our own timer goes. Unset (in tests), it is thrown out of the timer, so
   * `jest.advanceTimersByTime` throws it; the server sets it, so a failing action never takes the process down.
   */
  onTimerError: ((err: unknown) => void) | undefined;
  /** Set when the timers in force were seen running ahead of the clock the fake reads (timer-mode.ts). */
  private timerModeError: Error | undefined;
  /** Called after `runDue()` ran at least one action (the fake flushes listeners here). */
  onAfterRun: (() => void) | undefined;

  constructor(clock?: ClockLike) {
    if (clock !== undefined && !isClockLike(clock)) {
      throw new TypeError(
        `[a2i-fake] options.clock must be a clock with now, setTimeout and clearTimeout, such as @sinonjs/fake-timers' createClock(); got ${shown(clock)}${typeof clock === "function" ? ": call it" : ""}.`,
      );
    }
    this.source = clock ? clockTimeSource(clock) : globalTimeSource;
  }

  /** The simulated time: the due time of the action running, else the clock's time. */
  now(): number {
    return this.runningAt ?? this.source.now();
  }

  /** Schedule `run(subject)` at absolute time `dueAt` (ms since epoch); `subject` is undefined when omitted. */
  at<T>(dueAt: number, run: (subject: T) => void, subject?: T): ScheduledAction {
    const action: ScheduledAction = { dueAt, seq: this.seq++, run: run as (subject: unknown) => void, subject, cancelled: false };
    heapPush(this.queue, action);
    if (!this.running) this.arm();
    return action;
  }

  after<T>(delayMs: number, run: (subject: T) => void, subject?: T): ScheduledAction {
    return this.at(this.now() + delayMs, run, subject);
  }

  cancel(action: ScheduledAction | undefined): void {
    if (action) action.cancelled = true;
  }

  /** Number of actions still waiting (cancelled ones excluded). */
  pending(): number {
    return this.queue.reduce((n, a) => (a.cancelled ? n : n + 1), 0);
  }

  /** True while a timer of ours is armed (for tests proving nothing is left behind). */
  hasArmedTimer(): boolean {
    return this.armed !== undefined;
  }

  /**
   * Run every action due at or before now, in (due time, sequence) order, including actions
   * that running ones schedule for an instant already reached; then re-arm the timer.
   */
  runDue(): void {
    if (this.timerModeError) throw this.timerModeError;
    if (this.running) return;
    this.running = true;
    let ran = 0;
    try {
      const now = this.source.now();
      for (;;) {
        const next = this.queue[0];
        if (!next || next.dueAt > now) break;
        heapPop(this.queue);
        if (next.cancelled) continue;
        if (++ran > RUNAWAY_LIMIT) {
          throw new Error(
            `[a2i-fake] More than ${RUNAWAY_LIMIT} scheduled actions ran at one instant: a runaway loop ` +
              `(an auto-responder with a zero delay that keeps rescheduling?). Give responders a delay.`,
          );
        }
        this.runningAt = next.dueAt;
        next.run(next.subject);
      }
    } finally {
      this.running = false;
      this.runningAt = undefined;
    }
    this.arm();
    if (ran > 0) this.onAfterRun?.();
  }

  /** Drop every action and the armed timer: nothing is left behind. */
  clear(): void {
    this.queue.length = 0;
    this.timerModeError = undefined;
    this.disarm();
  }

  /** Take the armed timer down but keep what is due: the next `syncTimers()` arms it again. */
  suspend(): void {
    this.disarm();
  }

  private arm(): void {
    while (this.queue[0]?.cancelled) heapPop(this.queue);
    const next = this.queue[0];
    const identity = this.source.timerIdentity();
    if (!next) {
      this.disarm();
      return;
    }
    const armed = this.armed;
    if (armed && armed.identity === identity && armed.dueAt <= next.dueAt) return;
    this.disarm();
    const clockNow = this.source.now();
    const delay = Math.min(Math.max(0, next.dueAt - clockNow), MAX_TIMER_DELAY_MS);
    const dueAt = clockNow + delay;
    const clearTimeout = this.source.clearTimeoutInForce();
    const handle = this.source.setTimeout(() => {
      if (this.armed?.handle === handle) this.armed = undefined;
      // A timer mode that would never move the fake (jest legacy timers: Date stands still): fail now, and at
      // every later call, rather than let the test wait for its timeout.
      this.timerModeError ??= this.source === globalTimeSource && !installedClock() ? timerRunsAhead(this.source.now(), dueAt) : undefined;
      if (!this.onTimerError) {
        this.runDue();
        return;
      }
      try {
        this.runDue();
      } catch (err) {
        this.onTimerError(err);
        this.arm();
      }
    }, delay);
    // A pending review must never keep a test process alive.
    (handle as { unref?: () => void } | undefined)?.unref?.();
    this.armed = { handle, dueAt, identity, clearTimeout };
  }

  /**
   * Re-arm when the timer implementation changed since arming (a test called
   * `jest.useFakeTimers()` after the fake armed a real timer, or the reverse).
   */
  syncTimers(): void {
    const identity = this.source.timerIdentity();
    const previous = this.lastIdentity;
    this.lastIdentity = identity;
    if (previous !== undefined && previous !== identity && isFakeTimer(previous) && !isFakeTimer(identity)) {
      this.onSwitchToRealTimers?.();
    }
    if (this.armed && this.armed.identity !== this.source.timerIdentity()) this.disarm();
    if (!this.armed && !this.running) this.arm();
  }

  private disarm(): void {
    const armed = this.armed;
    if (!armed) return;
    this.armed = undefined;
    try {
      armed.clearTimeout(armed.handle);
    } catch {
      // The timer implementation that armed it is gone (fake timers uninstalled): nothing to clear.
    }
  }
}

/**
 * Whether a global `setTimeout` is a fake one: `@sinonjs/fake-timers` (jest modern timers, vitest, sinon)
 * marks what it installs with `.clock`; jest's legacy timers are mock functions.
 */
function isFakeTimer(setTimeoutFn: unknown): boolean {
  if (typeof setTimeoutFn !== "function") return false;
  return "clock" in setTimeoutFn || "_isMockFunction" in setTimeoutFn;
}

function before(a: ScheduledAction, b: ScheduledAction): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
}

function heapPush(heap: ScheduledAction[], item: ScheduledAction): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapPop(heap: ScheduledAction[]): ScheduledAction | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return top;
}
