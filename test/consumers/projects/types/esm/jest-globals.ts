// `import { expect } from "@jest/globals"`: the only style under ESM jest.
import { expect } from "@jest/globals";
import { a2i } from "a2i-fake/jest";

export function checks(): void {
  expect(a2i).toHaveHumanLoopInStatus("review-7", "Completed");
  expect(a2i).not.toHaveReceivedA2ICall("StartHumanLoop", { HumanLoopName: "review-7" });
  // @ts-expect-error a misspelt matcher is a type error (the matchers are typed, not `any`)
  expect(a2i).toHaveHumanLoopInStatuss("review-7", "Completed");
}
