module.exports = { preset: "ts-jest", testEnvironment: "node", setupFilesAfterEnv: ["a2i-fake/jest"] };
