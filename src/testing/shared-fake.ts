/**
 * The one fake of a test file under `a2i-fake/jest` and `a2i-fake/vitest`, however many times and however the
 * package is loaded (issue 9 item 1). Under `node --experimental-vm-modules`, jest loads the setup file from the
 * CommonJS build and the test's `import { a2i } from "a2i-fake/jest"` from the ESM build: two module instances.
 * The first to run makes the fake and registers the hooks; every later load in the same file's global finds it
 * in the process registry and exports the same fake. It is forgotten after the file's last hook, so the next
 * test file (in the same worker and global, as vitest runs them) makes its own.
 */
import type { A2IFake } from "../fake.js";
import { processRegistry } from "../transport/process-registry.js";

const KEY = "a2i-fake/test-file-fake";

/** Whether this test file's fake has been made (its options are fixed then: `configure()` changes them). */
export function testFileFakeMade(): boolean {
  return processRegistry().singletons.has(KEY);
}

/**
 * The test file's fake: the one already registered, or a new one from `create()`, after which `registerHooks`
 * runs once (install before the tests, reset after each, uninstall and forget after the file).
 */
export function testFileFake(create: () => A2IFake, registerHooks: (fake: A2IFake, forget: () => void) => void): A2IFake {
  const singletons = processRegistry().singletons;
  const existing = singletons.get(KEY) as A2IFake | undefined;
  if (existing) return existing;
  const fake = create();
  singletons.set(KEY, fake);
  registerHooks(fake, () => {
    if (singletons.get(KEY) === fake) singletons.delete(KEY);
  });
  return fake;
}
