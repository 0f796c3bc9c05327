/**
 * Find the SDK's shared client base (`Client` of `@smithy/smithy-client`, which every v3 client class extends and
 * inherits `send` from) WITHOUT loading any client package: a test that only uses the A2I runtime client must not
 * pay for loading `@aws-sdk/client-sagemaker` (~70 ms) and `@aws-sdk/client-s3` in each jest test file (issue 13).
 *
 * For each faked service's package, its `package.json` is only resolved (a file lookup), and `@smithy/smithy-client`
 * is resolved from that package's directory: the very copy its clients would load. Each distinct copy is
 * required once; an app that uses any SDK client loads that module anyway, so this moves its cost, not adds it.
 * Several copies of the SDK in one tree (a client that brings its own `@smithy/*`) give several bases, all patched.
 *
 * Resolution goes through the `require` of the module system that loaded us: under jest that is the test file's
 * own module registry, so the base found is the one the test's clients share.
 */
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { esmModuleUrl } from "../lazy-require.js";

type Resolve = (id: string, options?: { paths?: string[] }) => string;
interface RequireLike {
  (id: string): unknown;
  resolve: Resolve;
}

/** CommonJS (and jest's registry) has `require`; native ESM gets one rooted at the working directory. */
function moduleRequire(): RequireLike {
  return typeof require === "function" ? (require as RequireLike) : (createRequire(join(process.cwd(), "noop.js")) as RequireLike);
}

/** The directory of an installed package, without loading it (undefined when it is not installed there). */
function packageDir(req: RequireLike, packageName: string, from: string): string | undefined {
  try {
    return dirname(req.resolve(`${packageName}/package.json`, { paths: [from] }));
  } catch {
    // A package whose `exports` hides package.json: resolve its entry and cut the path at the package.
    try {
      const entry = req.resolve(packageName, { paths: [from] });
      const marker = `${sep}node_modules${sep}${packageName.split("/").join(sep)}${sep}`;
      const at = entry.lastIndexOf(marker);
      return at < 0 ? undefined : entry.slice(0, at + marker.length - 1);
    } catch {
      return undefined;
    }
  }
}

/**
 * This module's own directory, in the CommonJS build (`__dirname`), the ESM build (`import.meta.url`, which the build
 * writes into lazy-require's bundled code) and src/ run as ES modules (read from a stack frame, as `import.meta`
 * cannot appear in the source both builds share): in a monorepo the SDK clients sit next to
 * a2i-fake, not necessarily under the working directory.
 */
function ownDir(): string | undefined {
  if (typeof __dirname === "string") return __dirname;
  const url = esmModuleUrl();
  if (url) return dirname(fileURLToPath(url));
  const frame = new Error().stack?.split("\n").find((line) => line.includes("sdk-bases."));
  const location = frame && /(file:\/\/[^\s)]+?|\/[^\s():]+?):\d+:\d+\)?\s*$/.exec(frame)?.[1];
  if (!location) return undefined;
  try {
    return dirname(location.startsWith("file:") ? fileURLToPath(location) : location);
  } catch {
    return undefined;
  }
}

/** Where packages are looked for: the working directory, then a2i-fake's own folder. */
function roots(): string[] {
  const own = ownDir();
  return own ? [process.cwd(), own] : [process.cwd()];
}

/** The prototype holding the shared `send`: `Client.prototype` of every `@smithy/smithy-client` the packages use. */
export function locateClientBases(packageNames: readonly string[]): object[] {
  const req = moduleRequire();
  const smithyPaths = new Set<string>();
  for (const packageName of packageNames) {
    for (const root of roots()) {
      const dir = packageDir(req, packageName, root);
      if (!dir) continue;
      try {
        smithyPaths.add(req.resolve("@smithy/smithy-client", { paths: [dir] }));
      } catch {
        // A client package without its smithy-client is broken anyway; its own import will say so.
      }
    }
  }
  const bases: object[] = [];
  for (const path of smithyPaths) {
    const Client = (req(path) as { Client?: unknown }).Client;
    const proto = typeof Client === "function" ? (Client.prototype as { send?: unknown } | undefined) : undefined;
    if (proto && typeof proto.send === "function" && !bases.includes(proto)) bases.push(proto);
  }
  return bases;
}

/**
 * A module as the client package `packageName` loads it (resolved from that package's folder: its own copy of the
 * SDK), or undefined when the package or the module is not found. Only for modules the client has loaded already
 * (`@smithy/core/schema`), so nothing new is loaded.
 */
export function requireFromClientPackage(packageName: string, id: string): unknown {
  const req = moduleRequire();
  for (const root of roots()) {
    const dir = packageDir(req, packageName, root);
    if (!dir) continue;
    try {
      return req(req.resolve(id, { paths: [dir] }));
    } catch {
      // Not in this copy: try the next root.
    }
  }
  return undefined;
}
