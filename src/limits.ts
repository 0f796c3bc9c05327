/**
 * The ranges of every number a user gives the fake (options, fault rules, auto-responders, the server's manual
 * clock), checked where it is given (issue 10): a clear `[a2i-fake]` error at the call in-process, a 400 naming
 * the limit from the server's control endpoints. Durations are bounded so that no simulated instant can leave
 * the range of a JavaScript `Date` (±8.64e15 ms) and every time the fake formats stays a four-digit year.
 */

/** The longest duration the fake accepts anywhere: 10 years of 365 days, in ms. */
export const MAX_DURATION_MS = 10 * 365 * 24 * 3600 * 1000;

/** The latest instant the fake's clock may reach: 9999-12-31T23:59:59.999Z (ISO 8601 four-digit years). */
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The earliest: 1970-01-01T00:00:00.000Z (A2I's timestamps are epoch seconds). */
export const MIN_CLOCK_MS = 0;

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** Shown after the limits: `ms`, `s`. */
  readonly unit?: string;
}

export const DURATION_MS: NumberRange = { min: 0, max: MAX_DURATION_MS, unit: "ms" };
export const DURATION_S: NumberRange = { min: 0, max: MAX_DURATION_MS / 1000, unit: "s" };
export const FRACTION: NumberRange = { min: 0, max: 1 };
export const COUNT: NumberRange = { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true };

/** The error a number out of range gets: says where, which limits, and what was given. */
export class A2IFakeRangeError extends RangeError {
  constructor(where: string, name: string, range: NumberRange, got: unknown) {
    const unit = range.unit ? ` ${range.unit}` : "";
    super(
      `[a2i-fake] ${where}: ${name} must be a ${range.integer ? "whole number" : "number"} from ${range.min} to ${range.max}${unit}; got ${describe(got)}.`,
    );
    this.name = "A2IFakeRangeError";
  }
}

/** `value` if it is a finite number within `range` (undefined passes when `optional`); otherwise throws. */
export function checkNumber(where: string, name: string, value: unknown, range: NumberRange): number {
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer === true && !Number.isInteger(value))
  ) {
    throw new A2IFakeRangeError(where, name, range, value);
  }
  return value;
}

export function checkOptionalNumber(where: string, name: string, value: unknown, range: NumberRange): number | undefined {
  return value === undefined ? undefined : checkNumber(where, name, value, range);
}

/** The clock's time, if the fake can work at it (a test may set any time with `setSystemTime`). */
export function checkClock(ms: number): number {
  if (!(ms >= MIN_CLOCK_MS && ms <= MAX_CLOCK_MS)) {
    throw new Error(
      `[a2i-fake] The clock reads ${describe(ms)} ms since the epoch, outside what A2I can record (from ${MIN_CLOCK_MS} = 1970-01-01 to ` +
        `${MAX_CLOCK_MS} = 9999-12-31T23:59:59.999Z). Set the fake timers to a time in that range (jest.setSystemTime, clock.setSystemTime).`,
    );
  }
  return ms;
}

function describe(v: unknown): string {
  if (typeof v === "number") return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
