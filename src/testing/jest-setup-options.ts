/** Where `a2i-fake/jest` (and `a2i-fake/vitest`) find the options of the fake they make. No side effects. */
import type { A2IFakeOptions } from "../fake.js";

const OPTIONS_KEY = Symbol.for("a2i-fake.setup.options");

/**
 * Options for the fake that `a2i-fake/jest` makes. Call it in a setup file that runs before `a2i-fake/jest`
 * (listed before it in `setupFilesAfterEnv`, or in `setupFiles`).
 * @example
 * // test/a2i-options.ts, listed first in setupFilesAfterEnv
 * import { configureA2IFake } from "a2i-fake";
 * configureA2IFake({ accountId: "111122223333", timing: { flowDefinitionActivationMs: 500 } });
 */
export function configureA2IFake(options: A2IFakeOptions): void {
  (globalThis as Record<symbol, unknown>)[OPTIONS_KEY] = options;
}

export function configuredOptions(): A2IFakeOptions {
  return ((globalThis as Record<symbol, unknown>)[OPTIONS_KEY] as A2IFakeOptions | undefined) ?? {};
}
