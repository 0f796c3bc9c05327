// Loads one module in this fresh process and prints, as JSON, the time it took and the modules that cost most
// (self time: compiling and running a module, minus the modules it requires). Used by per-file.mjs.
import Module, { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const compile = Module.prototype._compile;
const stack = [];
const self = {};
Module.prototype._compile = function (content, filename) {
  const t = process.hrtime.bigint();
  stack.push(0n);
  try {
    return compile.apply(this, arguments);
  } finally {
    const total = process.hrtime.bigint() - t;
    const children = stack.pop();
    self[filename] = Number(total - children) / 1e6;
    if (stack.length) stack[stack.length - 1] += total;
  }
};
// a2i-fake/jest registers hooks at load: give it jest's globals as no-ops.
globalThis.beforeAll = globalThis.beforeEach = globalThis.afterEach = globalThis.afterAll = () => {};
const t0 = process.hrtime.bigint();
require(process.argv[2]);
const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
const files = Object.keys(self);
const short = (f) => f.replace(/.*\/node_modules\//, "").replace(/.*\/dist\//, "a2i-fake/dist/");
process.stdout.write(
  JSON.stringify({
    totalMs,
    modules: files.length,
    ownModules: files.filter((f) => !f.includes("/node_modules/")).length,
    top: Object.entries(self)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([f, ms]) => [short(f), ms]),
  }),
);
