/** @type {import('jest').Config} */
const base = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  setupFiles: ["<rootDir>/test/setup-env.ts"],
};

module.exports = {
  // jest's default is one worker per core less one: a single worker on CI's 2 cores. The fake's tests spend most
  // of their time loading the SDK per file, which parallelises well.
  maxWorkers: "100%",
  projects: [
    {
      ...base,
      displayName: "a2i-fake",
      roots: ["<rootDir>/test", "<rootDir>/examples"],
      testMatch: ["**/*.test.ts"],
      // test/jest-setup runs in the project below; examples/06-vitest is vitest's (npm test runs both).
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/jest-setup/", "<rootDir>/test/consumers/", "<rootDir>/examples/06-vitest/"],
    },
    {
      // The `a2i-fake/jest` entry, loaded the way users load it.
      ...base,
      displayName: "a2i-fake/jest",
      roots: ["<rootDir>/test/jest-setup"],
      testMatch: ["**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/jest-setup/configure.ts", "<rootDir>/src/testing/jest-setup.ts"],
    },
  ],
};
