/**
 * The jest adapter of the matchers: `expect.extend(a2iMatchers)` (a2i-fake/jest does it for you) and the
 * typings for `expect(a2i).toHaveHumanLoop(...)`.
 */
import { matcherChecks, type A2IMatchers, type Equals, type MatcherResult } from "./matchers-core.js";

interface MatcherContext {
  equals(a: unknown, b: unknown): boolean;
}

type JestMatcher = (this: MatcherContext, received: unknown, ...args: never[]) => MatcherResult;

function adapt(check: (received: unknown, equals: Equals, ...args: never[]) => MatcherResult): JestMatcher {
  return function (this: MatcherContext, received: unknown, ...args: never[]) {
    return check(received, (a, b) => this.equals(a, b), ...args);
  };
}

/** The matchers in the shape jest's and vitest's `expect.extend` take. */
export const a2iMatchers: Record<keyof A2IMatchers, JestMatcher> = {
  toHaveHumanLoop: adapt(matcherChecks.toHaveHumanLoop as never),
  toHaveHumanLoopInStatus: adapt(matcherChecks.toHaveHumanLoopInStatus as never),
  toHaveStartedHumanLoops: adapt(matcherChecks.toHaveStartedHumanLoops as never),
  toHaveWrittenHumanLoopOutput: adapt(matcherChecks.toHaveWrittenHumanLoopOutput as never),
  toHaveEmittedStatusChange: adapt(matcherChecks.toHaveEmittedStatusChange as never),
  toHaveReceivedA2ICall: adapt(matcherChecks.toHaveReceivedA2ICall as never),
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends A2IMatchers<R> {}
  }
}
