// vitest's `expect`, and its entry in any project type.
import { expect } from "vitest";
import { a2i } from "a2i-fake/vitest";

export function checks(): void {
  expect(a2i).toHaveWrittenHumanLoopOutput("review-7");
  expect(a2i).toHaveEmittedStatusChange("review-7", "Completed");
  // @ts-expect-error a misspelt matcher is a type error
  expect(a2i).toHaveWrittenHumanLoopOutputs("review-7");
}
