import { configureA2IFake } from "../../src/index.js";

configureA2IFake({
  accountId: "111122223333",
  timing: { flowDefinitionActivationMs: 500 },
  // Only loops of this flow definition: the other tests drive their workers by hand.
  autoRespond: { flowDefinition: "auto-answered", answer: { approved: true }, workMs: 60_000 },
});
