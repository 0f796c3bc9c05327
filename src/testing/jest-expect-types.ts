/**
 * Typings of the matchers for `import { expect } from "@jest/globals"` (the only style under ESM jest): its
 * `expect` takes its matchers from the `expect` package, so that is the module to augment (jest's documented
 * way). `a2i-fake/jest` imports this file; `@types/jest`'s global `jest.Matchers` is augmented in
 * jest-matchers.ts, and vitest's `Assertion` in vitest-setup.ts. Kept apart because only a jest project has
 * the `expect` package to augment. Types only: empty at run time.
 */
import type { A2IMatchers } from "./matchers-core.js";
import type {} from "expect";

declare module "expect" {
  // The type parameters must be those of expect's own declaration (jest 29 and 30) for the merge.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends A2IMatchers<R> {}
}
