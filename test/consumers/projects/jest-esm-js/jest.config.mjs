export default { transform: {}, setupFilesAfterEnv: ["a2i-fake/jest"] };
