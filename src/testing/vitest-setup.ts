/**
 * `a2i-fake/vitest`: list it in vitest's `setupFiles`. The same as `a2i-fake/jest`: one fake per test file,
 * installed before its tests, reset after each (state, history, auto-responders, timers), uninstalled after
 * the file; the matchers registered. `vi.useFakeTimers()` drives the fake.
 *
 * @example
 * // vitest.config.mts
 * export default defineConfig({ test: { setupFiles: ["a2i-fake/vitest"] } });
 * // a test
 * import { a2i } from "a2i-fake/vitest";
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { A2IFake } from "../fake.js";
import { configuredFakeOptions, configuredOptions, startConfiguredResponders } from "./jest-setup-options.js";
import { a2iMatchers } from "./jest-matchers.js";
import type { A2IMatchers } from "./matchers-core.js";
import { testFileFake } from "./shared-fake.js";

export { configureA2IFake } from "./jest-setup-options.js";
export type { A2IFakeSetupOptions } from "./jest-setup-options.js";
export type { A2IMatchers } from "./matchers-core.js";

/** The fake of this test file, installed before its first test (one however this entry is loaded: shared-fake.ts). */
export const a2i: A2IFake = testFileFake(
  () => new A2IFake(configuredFakeOptions()),
  (fake, forget) => {
    const options = configuredOptions();
    expect.extend(a2iMatchers);
    beforeAll(() => {
      fake.install();
    });
    beforeEach(() => {
      fake.beginTestScope(); // onEvent subscriptions made in the test end with it
      startConfiguredResponders(fake, options);
    });
    afterEach(() => {
      fake.endTestScope();
      fake.reset();
    });
    afterAll(() => {
      fake.uninstall();
      forget();
    });
  },
);

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends A2IMatchers<void> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends A2IMatchers<void> {}
}
