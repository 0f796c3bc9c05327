/** Where `a2i-fake/jest` (and `a2i-fake/vitest`) find the options of the fake they make. No side effects. */
import { A2IFake, checkA2IFakeOptions, type A2IFakeOptions } from "../fake.js";
import type { AutoRespondPolicy } from "../model/workforce.js";
import { A2I_FAKE_OPTION_KEYS, checkKnownKeys } from "../known-names.js";
import { testFileFakeMade } from "./shared-fake.js";

/** The fake's options, plus auto-responders that answer in every test (set up again after each reset). */
export interface A2IFakeSetupOptions extends A2IFakeOptions {
  autoRespond?: AutoRespondPolicy | readonly AutoRespondPolicy[];
}

const OPTIONS_KEY = Symbol.for("a2i-fake.setup.options");

/**
 * Options for the fake that `a2i-fake/jest` makes. Call it in a setup file that runs before `a2i-fake/jest`
 * (listed before it in `setupFilesAfterEnv`, or in `setupFiles`).
 * @example
 * // test/a2i-options.ts, listed first in setupFilesAfterEnv
 * import { configureA2IFake } from "a2i-fake";
 * configureA2IFake({
 *   accountId: "111122223333",
 *   timing: { flowDefinitionActivationMs: 500 },
 *   autoRespond: { answer: { approved: true }, workMs: 60_000 }, // in every test
 * });
 */
export function configureA2IFake(options: A2IFakeSetupOptions): void {
  checkKnownKeys("configureA2IFake", options, [...A2I_FAKE_OPTION_KEYS, "autoRespond"]);
  checkA2IFakeOptions("configureA2IFake", fakeOptionsOf(options));
  if (testFileFakeMade()) {
    throw new Error(
      "[a2i-fake] configureA2IFake came after a2i-fake/jest (or a2i-fake/vitest) made this test file's fake, so its options would be ignored: " +
        "list the setup file that calls it BEFORE the package's entry in setupFilesAfterEnv (vitest: setupFiles), or put it in setupFiles; " +
        "in a test file, use a2i.configure({ ... }).",
    );
  }
  // Checked here, at the user's own setup file, not later in every test file's hooks: a fake that is never installed
  // takes the options and the auto-responders' policies (which it checks), then is dropped.
  const probe = new A2IFake(fakeOptionsOf(options));
  for (const policy of policiesOf(options)) probe.workforce.autoRespond(policy);
  (globalThis as Record<symbol, unknown>)[OPTIONS_KEY] = options;
}

export function configuredOptions(): A2IFakeSetupOptions {
  return ((globalThis as Record<symbol, unknown>)[OPTIONS_KEY] as A2IFakeSetupOptions | undefined) ?? {};
}

/** The configured options the fake itself takes (not the auto-responders, which the setup file starts). */
export function configuredFakeOptions(): A2IFakeOptions {
  return fakeOptionsOf(configuredOptions());
}

/** Start the configured auto-responders (before each test: reset() drops them after each). */
export function startConfiguredResponders(a2i: A2IFake, options: A2IFakeSetupOptions): void {
  for (const policy of policiesOf(options)) a2i.workforce.autoRespond(policy);
}

function fakeOptionsOf(options: A2IFakeSetupOptions): A2IFakeOptions {
  const { autoRespond: _autoRespond, ...fakeOptions } = options;
  return fakeOptions;
}

function policiesOf(options: A2IFakeSetupOptions): AutoRespondPolicy[] {
  return options.autoRespond === undefined ? [] : ([] as AutoRespondPolicy[]).concat(options.autoRespond);
}
