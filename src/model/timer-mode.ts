/**
 * Which clock the global timers stand for, in every fake-timer mode jest, vitest and sinon offer (issue 9).
 *
 * `@sinonjs/fake-timers` (behind jest's modern timers, vitest's and sinon's `install()`) marks what it installs
 * with `.clock`. Its clock's `now` moves with `advanceTimersByTime` / `tick` whatever is faked, so the fake reads
 * time and arms its timer on THAT clock whenever one is installed:
 * - `jest.useFakeTimers({ doNotFake: ["Date"] })`, vitest `toFake` without "Date": `setTimeout.clock`;
 * - `toFake: ["Date"]` alone, `doNotFake: ["setTimeout"]`: `Date.clock` (the fake's timer goes on that clock, so
 *   advancing it still fires the fake's work).
 * What no clock stands behind (jest's `legacyFakeTimers`, whose `Date` never moves; any other mock `setTimeout`)
 * is caught when the fake's timer fires well before `Date.now()` reaches its due time: a timer mode that would
 * never move the fake, reported at once with what to do (`timerRunsAhead`).
 */
import type { ClockLike } from "./clock.js";

interface MarkedClock {
  now: number;
  setTimeout(callback: () => void, delay: number): unknown;
  clearTimeout(handle: unknown): void;
}

function clockOf(fn: unknown): MarkedClock | undefined {
  if (typeof fn !== "function") return undefined;
  const clock = (fn as { clock?: unknown }).clock as MarkedClock | undefined;
  return clock && typeof clock.now === "number" && typeof clock.setTimeout === "function" && typeof clock.clearTimeout === "function"
    ? clock
    : undefined;
}

/** The `@sinonjs/fake-timers` clock installed on the globals (timers first, then Date), if any. */
export function installedClock(): ClockLike | undefined {
  return clockOf(globalThis.setTimeout) ?? clockOf(globalThis.Date);
}

/** What identifies the timer implementation in force (a switch re-arms the fake's timer). */
export function timerIdentityInForce(): unknown {
  if (!clockOf(globalThis.setTimeout) && clockOf(globalThis.Date)) return globalThis.Date;
  return globalThis.setTimeout;
}

/** How early a timer may fire against `Date.now()` before it counts as running ahead (real timers round). */
const EARLY_TOLERANCE_MS = 25;

/**
 * The error when the fake's timer fired at `now`, before its due time `dueAt`: the global `setTimeout` is faked
 * and advanced, but the time the fake reads (`Date.now()`) does not move with it.
 */
export function timerRunsAhead(now: number, dueAt: number): Error | undefined {
  if (now >= dueAt - EARLY_TOLERANCE_MS) return undefined;
  return new Error(
    `[a2i-fake] The timers in force fired the fake's timer ${dueAt - now} ms before Date.now() reached it: setTimeout is faked ` +
      `and advanced, but Date is not (jest.useFakeTimers({ legacyFakeTimers: true }), or a mock setTimeout), so nothing in the ` +
      `fake would ever move (no activation, no worker, no expiry). Use jest's modern fake timers (jest.useFakeTimers()), ` +
      `vi.useFakeTimers() or @sinonjs/fake-timers, or give the fake its own clock: new A2IFake({ clock }) / a2i.configure({ clock }).`,
  );
}
