/**
 * The jest adapter of the matchers: `expect.extend(a2iMatchers)` (a2i-fake/jest does it for you) and the
 * typings for `expect(a2i).toHaveHumanLoop(...)`.
 */
import { matcherChecks, type A2IMatchers, type Equals, type MatcherResult } from "./matchers-core.js";

interface MatcherContext {
  equals(a: unknown, b: unknown): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JestMatcher = (this: MatcherContext, received: unknown, ...args: any[]) => MatcherResult;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function adapt(check: (received: unknown, equals: Equals, ...args: any[]) => MatcherResult): JestMatcher {
  return function (this: MatcherContext, received: unknown, ...args: unknown[]) {
    return check(received, (a, b) => this.equals(a, b), ...args);
  };
}

/** The matchers in the shape jest's and vitest's `expect.extend` take. */
export const a2iMatchers: Record<keyof A2IMatchers, JestMatcher> = {
  toHaveHumanLoop: adapt(matcherChecks.toHaveHumanLoop),
  toHaveHumanLoopInStatus: adapt(matcherChecks.toHaveHumanLoopInStatus),
  toHaveStartedHumanLoops: adapt(matcherChecks.toHaveStartedHumanLoops),
  toHaveWrittenHumanLoopOutput: adapt(matcherChecks.toHaveWrittenHumanLoopOutput),
  toHaveEmittedStatusChange: adapt(matcherChecks.toHaveEmittedStatusChange),
  toHaveReceivedA2ICall: adapt(matcherChecks.toHaveReceivedA2ICall),
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends A2IMatchers<R> {}
  }
}
