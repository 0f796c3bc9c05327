module.exports = { setupFilesAfterEnv: ["a2i-fake/jest"] };
