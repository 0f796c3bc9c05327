import { defineConfig } from "vitest/config";

export default defineConfig({ test: { setupFiles: ["a2i-fake/vitest"] } });
