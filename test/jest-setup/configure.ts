import { configureA2IFake } from "../../src/testing/jest-setup-options.js";

configureA2IFake({ accountId: "111122223333", timing: { flowDefinitionActivationMs: 500 } });
