import { defineConfig } from "vitest/config";

// The vitest example (examples/06-vitest) runs with `a2i-fake/vitest` as users list it in setupFiles.
export default defineConfig({
  test: {
    include: ["examples/06-vitest/**/*.test.ts"],
    setupFiles: ["./test/setup-env.ts", "./src/testing/vitest-setup.ts"],
  },
});
