// Builds dist/cjs (CommonJS) and dist/esm (ES modules), each with .d.ts, from one source tree.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const tsc = (args) => execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", ...args], { stdio: "inherit" });

rmSync("dist", { recursive: true, force: true });
tsc(["-p", "tsconfig.build.json", "--outDir", "dist/esm", "--module", "ES2022", "--moduleResolution", "Bundler"]);
writeFileSync("dist/esm/package.json", JSON.stringify({ type: "module" }, null, 2) + "\n");
// The ES module build loads optional dependencies through createRequire(import.meta.url) (src/lazy-require.ts).
{
  const file = "dist/esm/lazy-require.js";
  const text = readFileSync(file, "utf8");
  const next = text.replace("const ESM_MODULE_URL = undefined;", "const ESM_MODULE_URL = import.meta.url;");
  if (next === text) throw new Error(`build: ${file} no longer declares ESM_MODULE_URL`);
  writeFileSync(file, next);
}
tsc(["-p", "tsconfig.build.json", "--outDir", "dist/cjs", "--module", "CommonJS", "--moduleResolution", "Node10", "--ignoreDeprecations", "6.0", "--verbatimModuleSyntax", "false"]);
mkdirSync("dist/cjs", { recursive: true });
writeFileSync("dist/cjs/package.json", JSON.stringify({ type: "commonjs" }, null, 2) + "\n");
