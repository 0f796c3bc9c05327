// @types/jest's global `expect`.
import { a2i } from "a2i-fake/jest";

export function checks(): void {
  expect(a2i).toHaveHumanLoop("review-7", { humanLoopStatus: "InProgress" });
  expect(a2i).toHaveStartedHumanLoops(1);
  // @ts-expect-error a misspelt matcher is a type error
  expect(a2i).toHaveStartedHumanLoopz(1);
}
