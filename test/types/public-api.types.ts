/**
 * Type tests of the public API, checked by `npm run typecheck` (tsc) in CI; never executed.
 * `@ts-expect-error` lines prove what must NOT compile.
 */
import type { DescribeHumanLoopCommandOutput, StartHumanLoopCommandInput } from "@aws-sdk/client-sagemaker-a2i-runtime";
import type { CreateFlowDefinitionCommandInput } from "@aws-sdk/client-sagemaker";
import { createClock } from "@sinonjs/fake-timers";
import { expectTypeOf } from "vitest";
import {
  A2IFake,
  type A2ICall,
  type A2IFakeOptions,
  type HumanLoopStatus,
  type HumanLoopStatusChangeEvent,
  type WorkerClaim,
} from "../../src/index.js";
import { a2i as jestA2i } from "../../src/testing/jest-setup.js";

declare const a2i: A2IFake;

// Options: an @sinonjs/fake-timers clock fits `clock`; unknown options do not.
expectTypeOf<A2IFakeOptions>().toMatchTypeOf<{ accountId?: string; region?: string }>();
new A2IFake({ clock: createClock(), timing: { flowDefinitionActivationMs: 10 }, quotas: { maxWorkteams: 3 }, seed: 4 });
// @ts-expect-error: not an option
new A2IFake({ acount: "123456789012" });
// @ts-expect-error: timing values are numbers
new A2IFake({ timing: { flowDefinitionActivationMs: "fast" } });

// calls(): the operation narrows input and output to the SDK's own shapes.
const starts = a2i.calls("StartHumanLoop");
expectTypeOf(starts).toEqualTypeOf<A2ICall<"StartHumanLoop">[]>();
const start = starts[0]!;
expectTypeOf(start.input).toEqualTypeOf<StartHumanLoopCommandInput>();
if (start.ok) expectTypeOf(start.output.HumanLoopArn).toEqualTypeOf<string | undefined>();
else expectTypeOf(start.error.httpStatusCode).toEqualTypeOf<number>();
const describe = a2i.calls("DescribeHumanLoop")[0]!;
if (describe.ok) expectTypeOf(describe.output).toEqualTypeOf<Omit<DescribeHumanLoopCommandOutput, "$metadata">>();
expectTypeOf(a2i.calls("CreateFlowDefinition")[0]!.input).toEqualTypeOf<CreateFlowDefinitionCommandInput>();
// @ts-expect-error: not an operation the fake serves
a2i.calls("ListModels");
expectTypeOf(a2i.calls()).toEqualTypeOf<A2ICall[]>();

// Matchers: typed on jest's expect (a2i-fake/jest augments jest.Matchers).
expect(a2i).toHaveHumanLoopInStatus("loop", "Completed");
expect(a2i).toHaveReceivedA2ICall("StartHumanLoop", { HumanLoopName: "loop" });
// @ts-expect-error: not a human loop status
expect(a2i).toHaveHumanLoopInStatus("loop", "Deleted");
// @ts-expect-error: not a member of StartHumanLoop's input
expect(a2i).toHaveReceivedA2ICall("StartHumanLoop", { Name: "loop" });
// @ts-expect-error: events are only emitted for Completed, Failed and Stopped
expect(a2i).toHaveEmittedStatusChange("loop", "InProgress");

// Workforce and events.
expectTypeOf(a2i.workforce.accept("loop")).toEqualTypeOf<WorkerClaim>();
a2i.workforce.autoRespond({ answer: (input, task) => ({ seen: input, loop: task.humanLoopName }), workMs: 10 });
a2i.workforce.autoRespond({ answer: { label: "dog" } });
// @ts-expect-error: not an action
a2i.workforce.autoRespond({ action: "sleep" });
expectTypeOf(a2i.events).toEqualTypeOf<readonly HumanLoopStatusChangeEvent[]>();
a2i.onEvent((event) => {
  expectTypeOf(event.detail.humanLoopStatus).toEqualTypeOf<"Completed" | "Failed" | "Stopped">();
});
// A handler that returns its result (a Lambda handler, an array push) is a listener as it is.
const lambdaHandler = async (event: HumanLoopStatusChangeEvent) => ({ statusCode: 200, body: event.detail.humanLoopName });
a2i.onEvent(lambdaHandler);
const seen: HumanLoopStatusChangeEvent[] = [];
a2i.onEvent((event) => seen.push(event));
expectTypeOf(a2i.humanLoop("loop")?.humanLoopStatus).toEqualTypeOf<HumanLoopStatus | undefined>();

// Faults.
a2i.faults.inject({ operation: "StartHumanLoop", error: "ThrottlingException", times: 2 });
// @ts-expect-error: not a modeled error name
a2i.faults.inject({ error: "Boom" });

// The setup entry's fake is an A2IFake.
expectTypeOf(jestA2i).toEqualTypeOf<A2IFake>();
