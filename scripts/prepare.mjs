// npm's `prepare` hook. npm runs it on `npm pack` / `npm publish`, when a project installs this package from a
// git URL (in the clone, after installing its devDependencies), and on this checkout's own `npm install` / `npm ci`.
// The first two need dist/ built; this checkout's own install does not (its tests run from src through ts-jest and
// vitest; `npm run build` makes dist when wanted), so it skips there and keeps `npm ci` fast. A dist/ newer than
// every source file is not built again (CI packs the tree several times after `npm run build`).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, URL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const ownInstall =
  ["ci", "install"].includes(process.env.npm_command ?? "") &&
  process.env.INIT_CWD !== undefined &&
  resolve(process.env.INIT_CWD) === root;

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function distIsFresh() {
  const outputs = ["dist/cjs/index.js", "dist/esm/index.js"].map((f) => join(root, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "scripts/build.mjs", "package.json"].map((f) => join(root, f));
  return Math.max(...inputs.map(newest)) < built;
}

if (ownInstall) {
  console.log("a2i-fake prepare: this checkout's own install; dist/ is built by `npm run build` (skipped here).");
} else if (distIsFresh()) {
  console.log("a2i-fake prepare: dist/ is newer than every source file; not built again.");
} else {
  execFileSync(process.execPath, [resolve(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit" });
}
