/**
 * The matchers' checks and messages, framework-neutral (aws-sdk-client-mock-jest's shape): jest and vitest
 * adapters only pass their own deep equality in. A failing matcher prints what the fake holds (every loop
 * with its status) and the calls it received, so the user sees why.
 */
import { own } from "../own.js";
import { A2IFake } from "../fake.js";
import type { A2ICall } from "../call-history.js";
import type { A2IOperationName, A2IOperations } from "../operations.js";
import type { HumanLoopSnapshot } from "../snapshots.js";
import type { HumanLoopStatus } from "../model/human-loops.js";
import type { TerminalHumanLoopStatus } from "../model/events.js";

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** Deep equality that understands the framework's asymmetric matchers (`expect.any(Date)`, ...). */
export type Equals = (actual: unknown, expected: unknown) => boolean;

/** The matchers, as users call them on `expect(a2i)`. */
export interface A2IMatchers<R = unknown> {
  /** The fake holds a human loop of this name (not deleted), whose state contains `partialState`. */
  toHaveHumanLoop(humanLoopName: string, partialState?: Partial<HumanLoopSnapshot>): R;
  toHaveHumanLoopInStatus(humanLoopName: string, status: HumanLoopStatus): R;
  /** StartHumanLoop created exactly `count` loops since the last reset (idempotent repeats not counted). */
  toHaveStartedHumanLoops(count: number): R;
  /** The loop's output.json was written (it stays after the loop is deleted). */
  toHaveWrittenHumanLoopOutput(humanLoopName: string): R;
  toHaveEmittedStatusChange(humanLoopName: string, status: TerminalHumanLoopStatus): R;
  /** The fake received a call of `operation` whose input contains `partialInput`. */
  toHaveReceivedA2ICall<Op extends A2IOperationName>(operation: Op, partialInput?: Partial<A2IOperations[Op]["input"]>): R;
}

function fakeOf(received: unknown, matcher: string): A2IFake {
  if (received instanceof A2IFake) return received;
  throw new Error(`[a2i-fake] ${matcher} needs the fake itself: expect(a2i).${matcher}(...). It got ${typeof received}.`);
}

function containsPartial(actual: unknown, partial: object | undefined, equals: Equals): boolean {
  if (partial === undefined) return true;
  if (typeof actual !== "object" || actual === null) return false;
  return Object.entries(partial).every(([k, v]) => equals(own(actual as Record<string, unknown>, k), v));
}

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "string" && x.length > 120 ? `${x.slice(0, 117)}...` : x));

function describeState(fake: A2IFake): string {
  const loops = fake.humanLoops();
  const lines = loops.map(
    (l) =>
      `  - ${l.humanLoopName}: ${l.humanLoopStatus}${l.failureCode ? ` (${l.failureCode})` : ""}, flow definition ${l.flowDefinitionName}, ` +
      `${l.answers.length} answer(s), ${l.claims.length} claim(s) held, output ${l.outputWritten ? "written" : "not written"}` +
      ` [${l.accountId}/${l.region}]`,
  );
  return `The fake holds ${loops.length} human loop(s)${lines.length ? ":\n" + lines.join("\n") : "."}`;
}

function describeCalls(calls: readonly A2ICall[]): string {
  if (calls.length === 0) return "It received no calls.";
  const lines = calls.map(
    (c, i) =>
      `  ${i + 1}. ${c.operation} ${json(c.input)} -> ${c.ok ? "ok" : `${c.error.name} (${c.error.httpStatusCode}): ${c.error.message}`}`,
  );
  return `Calls received (${calls.length}):\n${lines.join("\n")}`;
}

const report = (headline: string, fake: A2IFake) => () => `${headline}\n\n${describeState(fake)}\n\n${describeCalls(fake.calls())}`;

export const matcherChecks = {
  toHaveHumanLoop(received: unknown, equals: Equals, name: string, partial?: Partial<HumanLoopSnapshot>): MatcherResult {
    const fake = fakeOf(received, "toHaveHumanLoop");
    const loop = fake.humanLoop(name);
    const pass = loop !== undefined && containsPartial(loop, partial, equals);
    const wanted = partial ? ` with ${json(partial)}` : "";
    return {
      pass,
      message: report(
        pass
          ? `Expected the fake not to hold human loop '${name}'${wanted}, but it does.`
          : loop
            ? `Expected human loop '${name}'${wanted}; it is ${json(loop)}.`
            : `Expected the fake to hold human loop '${name}'${wanted}, but it holds none of that name (never started, or deleted).`,
        fake,
      ),
    };
  },

  toHaveHumanLoopInStatus(received: unknown, _equals: Equals, name: string, status: HumanLoopStatus): MatcherResult {
    const fake = fakeOf(received, "toHaveHumanLoopInStatus");
    const loop = fake.humanLoop(name);
    const pass = loop?.humanLoopStatus === status;
    return {
      pass,
      message: report(
        pass
          ? `Expected human loop '${name}' not to be ${status}, but it is.`
          : `Expected human loop '${name}' to be ${status}, but it is ${loop ? loop.humanLoopStatus : "not held by the fake (never started, or deleted)"}.`,
        fake,
      ),
    };
  },

  toHaveStartedHumanLoops(received: unknown, _equals: Equals, count: number): MatcherResult {
    const fake = fakeOf(received, "toHaveStartedHumanLoops");
    const started = fake.startedHumanLoopCount();
    const pass = started === count;
    return {
      pass,
      message: report(
        `Expected StartHumanLoop to have created ${pass ? "not " : ""}${count} human loop(s); it created ${started}.`,
        fake,
      ),
    };
  },

  toHaveWrittenHumanLoopOutput(received: unknown, _equals: Equals, name: string): MatcherResult {
    const fake = fakeOf(received, "toHaveWrittenHumanLoopOutput");
    const written = fake.outputs().filter((o) => o.document.humanLoopName === name);
    const pass = written.length > 0;
    return {
      pass,
      message: report(
        pass
          ? `Expected no output.json for human loop '${name}', but one was written at ${written[0]!.uri}.`
          : `Expected output.json to have been written for human loop '${name}', but none was (A2I writes it when all TaskCount workers have submitted, or on Stop with answers).`,
        fake,
      ),
    };
  },

  toHaveEmittedStatusChange(received: unknown, _equals: Equals, name: string, status: TerminalHumanLoopStatus): MatcherResult {
    const fake = fakeOf(received, "toHaveEmittedStatusChange");
    const events = fake.events.filter((e) => e.detail.humanLoopName === name);
    const pass = events.some((e) => e.detail.humanLoopStatus === status);
    const seen = events.map((e) => e.detail.humanLoopStatus).join(", ") || "none";
    return {
      pass,
      message: report(
        `Expected ${pass ? "no " : "a "}"SageMaker A2I HumanLoop Status Change" event for '${name}' with status ${status}; events for it: ${seen}.`,
        fake,
      ),
    };
  },

  toHaveReceivedA2ICall(received: unknown, equals: Equals, operation: A2IOperationName, partialInput?: object): MatcherResult {
    const fake = fakeOf(received, "toHaveReceivedA2ICall");
    const pass = fake.calls(operation).some((c) => containsPartial(c.input, partialInput, equals));
    const wanted = partialInput ? ` with input containing ${json(partialInput)}` : "";
    return {
      pass,
      message: report(`Expected the fake ${pass ? "not " : ""}to have received ${operation}${wanted}.`, fake),
    };
  },
};

export type MatcherName = keyof typeof matcherChecks;
