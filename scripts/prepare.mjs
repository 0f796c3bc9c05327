// npm's `prepare` hook. npm runs it on `npm pack` / `npm publish`, when a project installs this package from a
// git URL (after installing its devDependencies in the clone), and on this checkout's own `npm install` / `npm ci`.
// The first two need dist/ built; this checkout's own install does not (its tests run from src through ts-jest and
// vitest; `npm run build` makes dist when wanted), so it skips there and keeps `npm ci` fast.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, URL } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const ownInstall =
  ["ci", "install"].includes(process.env.npm_command ?? "") &&
  process.env.INIT_CWD !== undefined &&
  resolve(process.env.INIT_CWD) === root;
if (ownInstall) {
  console.log("a2i-fake prepare: this checkout's own install; dist/ is built by `npm run build` (skipped here).");
} else {
  execFileSync(process.execPath, [resolve(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit" });
}
