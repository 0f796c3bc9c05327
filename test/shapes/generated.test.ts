/**
 * The shapes in src/services/generated/ are exactly what scripts/generate-shapes.mjs writes from the vendored
 * model subset (scripts/models/): nobody edits them by hand.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

describe("generated shapes", () => {
  it("are what scripts/generate-shapes.mjs writes from scripts/models", () => {
    const root = join(__dirname, "..", "..");
    const run = () => execFileSync(process.execPath, [join(root, "scripts", "generate-shapes.mjs"), "--check"], { cwd: root, stdio: "pipe" });
    expect(run).not.toThrow();
  });
});
