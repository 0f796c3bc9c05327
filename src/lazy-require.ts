/**
 * Synchronous loading of optional dependencies at first use (liquidjs, htmlparser2): a test that never renders a
 * template pays nothing for them. Rendering happens inside synchronous operations (StartHumanLoop, a worker's
 * `tasks()`), so `import()` cannot be used. CommonJS has `require`; in the ES module build `scripts/build.mjs`
 * replaces `ESM_MODULE_URL` with `import.meta.url`; under a transformer that provides neither (vitest running
 * sources), packages resolve from the working directory.
 */
import { createRequire } from "node:module";

const ESM_MODULE_URL: string | undefined = undefined;

let loader: NodeJS.Require | undefined;
const loaded = new Set<string>();

/** The URL of this ES module build's code (its bundle chunk), undefined in CommonJS and when run from src/. */
export function esmModuleUrl(): string | undefined {
  return ESM_MODULE_URL;
}

/** The optional dependencies loaded so far in this module registry (tests of what a test file pays for). */
export function lazilyLoaded(): ReadonlySet<string> {
  return loaded;
}

export function lazyRequire<T>(id: string): T {
  loaded.add(id);
  if (!loader) {
    loader =
      typeof require === "function"
        ? require
        : createRequire(ESM_MODULE_URL ?? `${process.cwd().replace(/\/?$/, "/")}a2i-fake-lazy-require.js`);
  }
  return loader(id) as T;
}
