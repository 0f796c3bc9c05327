/**
 * `a2i-fake/jest`: list it in jest's `setupFilesAfterEnv`. It installs one fake for each test file, resets it
 * after each test (state, auto-responders, events, timers) and uninstalls it after the file; tests import that
 * fake:
 *
 * @example
 * // jest.config.js
 * module.exports = { setupFilesAfterEnv: ["a2i-fake/jest"] };
 * // a test
 * import { a2i } from "a2i-fake/jest";
 * test("...", () => { a2i.seedFlowDefinition({ name: "review" }); ... });
 *
 * It also registers the matchers (`expect(a2i).toHaveHumanLoopInStatus("review-1", "Completed")`, ...).
 *
 * Options come from `configureA2IFake(options)` called in a setup file listed BEFORE this one (or in `setupFiles`).
 */
import { A2IFake } from "../fake.js";
import { configuredFakeOptions, configuredOptions, startConfiguredResponders } from "./jest-setup-options.js";
import { a2iMatchers } from "./jest-matchers.js";
// The matchers' typings for `import { expect } from "@jest/globals"`.
import "./jest-expect-types.js";
import { testFileFake } from "./shared-fake.js";

export { configureA2IFake } from "./jest-setup-options.js";
export type { A2IFakeSetupOptions } from "./jest-setup-options.js";
export { a2iMatchers } from "./jest-matchers.js";
export type { A2IMatchers } from "./matchers-core.js";

type Hook = (fn: () => void) => void;
const hooks = globalThis as {
  beforeAll?: Hook;
  beforeEach?: Hook;
  afterEach?: Hook;
  afterAll?: Hook;
  expect?: { extend(matchers: object): void };
};

/**
 * The fake of this test file, installed before its first test. The same object however this entry is loaded
 * (the setup file from the CommonJS build, a test's import from the ESM build: shared-fake.ts).
 */
export const a2i: A2IFake = testFileFake(
  () => new A2IFake(configuredFakeOptions()),
  (fake, forget) => {
    const options = configuredOptions();
    if (
      typeof hooks.beforeAll !== "function" ||
      typeof hooks.beforeEach !== "function" ||
      typeof hooks.afterEach !== "function" ||
      typeof hooks.afterAll !== "function"
    ) {
      forget();
      throw new Error(
        "[a2i-fake] a2i-fake/jest must be loaded by jest through setupFilesAfterEnv (it needs beforeAll/afterEach/afterAll). Outside jest, use new A2IFake().install().",
      );
    }
    hooks.expect?.extend(a2iMatchers);
    hooks.beforeAll(() => {
      fake.install();
    });
    hooks.beforeEach(() => {
      fake.beginTestScope(); // onEvent subscriptions made in the test end with it
      startConfiguredResponders(fake, options);
    });
    hooks.afterEach(() => {
      fake.endTestScope();
      fake.reset();
    });
    hooks.afterAll(() => {
      fake.uninstall();
      forget();
    });
  },
);
