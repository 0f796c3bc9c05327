// Builds dist/cjs (CommonJS) and dist/esm (ES modules), each with .d.ts, from one source tree.
//
// 1. tsc compiles src/ to ES modules in build/tsc (with source maps to src/) and writes the declarations once.
// 2. rolldown bundles each entry (index, testing/jest-setup, testing/vitest-setup, cli) from build/tsc, once as ES
//    modules and once as CommonJS. The entries share one chunk (one A2IFake class for all of them); server mode and
//    the CLI's main part stay in chunks of their own, loaded at first use. Every package outside src/ stays an
//    import or require (the SDK clients, liquidjs, ...).
//    Why bundle (issue 13): jest gives every test file a fresh module registry and compiles every module it loads
//    again, without a code cache; ~90 small modules cost a test file ~25 ms more than the same code in one file.
// 3. The declarations and their maps go beside both builds' entries (dist/esm, dist/cjs), as tsc laid them out.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const TSC_OUT = "build/tsc";
const TYPES_OUT = "build/types";
const ENTRIES = { index: "index.js", "testing/jest-setup": "testing/jest-setup.js", "testing/vitest-setup": "testing/vitest-setup.js", cli: "cli.js" };

const tsc = (args) => execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", ...args], { stdio: "inherit" });

rmSync("dist", { recursive: true, force: true });
rmSync("build", { recursive: true, force: true });
tsc(["-p", "tsconfig.build.json", "--outDir", TSC_OUT, "--declarationDir", TYPES_OUT, "--module", "ES2022", "--moduleResolution", "Bundler"]);
// ES modules (bench/built-in.mjs imports the activation engine's modules from here).
writeFileSync(`${TSC_OUT}/package.json`, JSON.stringify({ type: "module" }, null, 2) + "\n");

/**
 * Source edits per output format, each asserted to apply (a source that no longer has the text fails the build):
 * - lazy-require.ts: the ES module build loads optional dependencies through createRequire(import.meta.url).
 * - lazy-start-server.ts: the bundles load server mode with import(), which rolldown turns into a lazy require of
 *   its chunk in the CommonJS build; the source's `require` branch exists for jest running src/ through ts-jest.
 */
const EDITS = {
  "lazy-require.js": { esm: [["const ESM_MODULE_URL = undefined;", "const ESM_MODULE_URL = import.meta.url;"]] },
  "server/lazy-start-server.js": {
    both: [[/typeof require === "function" \? require\("\.\/start-server\.js"\) : (await import\("\.\/start-server\.js"\))/, "$1"]],
  },
};

/** Loads build/tsc's JS with its source map (so the bundles map to src/), applying the format's edits. */
function tscOutput(format) {
  const base = resolve(TSC_OUT);
  return {
    name: "a2i-fake-tsc-output",
    load(id) {
      if (!id.startsWith(base + "/") || !id.endsWith(".js")) return null;
      let code = readFileSync(id, "utf8").replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
      const edits = EDITS[relative(base, id)];
      for (const [from, to] of [...(edits?.both ?? []), ...(edits?.[format] ?? [])]) {
        const next = code.replace(from, to);
        if (next === code) throw new Error(`build: ${relative(root, id)} no longer contains ${from}`);
        code = next;
      }
      const mapFile = `${id}.map`;
      return { code, map: existsSync(mapFile) ? readFileSync(mapFile, "utf8") : null };
    },
  };
}

for (const format of ["esm", "cjs"]) {
  const bundle = await rolldown({
    input: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, resolve(TSC_OUT, file)])),
    // Only our own modules are bundled: packages and node: builtins are the user's to resolve.
    external: (id) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0"),
    platform: "node",
    plugins: [tscOutput(format)],
  });
  await bundle.write({ dir: `dist/${format}`, format, entryFileNames: "[name].js", chunkFileNames: "chunks/[name].js", sourcemap: true, comments: { legal: true, annotation: true, jsdoc: false } });
  await bundle.close();
  writeFileSync(`dist/${format}/package.json`, JSON.stringify({ type: format === "esm" ? "module" : "commonjs" }, null, 2) + "\n");
}

// The declarations and their maps (go-to-definition lands in src/: dist/<format>/ is as deep as build/types/, so the
// maps' relative paths hold), once for each build (their relative imports name the modules of src/).
const copyDeclarations = (from, to) => {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyDeclarations(source, join(to, entry.name));
    else if (entry.name.endsWith(".d.ts") || entry.name.endsWith(".d.ts.map")) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
};
for (const format of ["esm", "cjs"]) copyDeclarations(TYPES_OUT, `dist/${format}`);
