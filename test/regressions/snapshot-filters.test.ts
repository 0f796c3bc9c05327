/**
 * A new user filtered with the snapshot's field name (`humanLoopStatus`) or a typo (`staus`) and got every loop
 * back: a filter key the fake does not know is refused, naming the valid keys.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterAll(() => a2i.uninstall());

test("humanLoops(), humanLoop() and flowDefinitions() refuse unknown filter keys", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "filters" });
  await new SageMakerA2IRuntimeClient({ region: "us-east-1" }).send(
    new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
  );
  expect(a2i.humanLoops({ status: "InProgress" })).toHaveLength(1);
  expect(a2i.humanLoops({ status: "Completed" })).toHaveLength(0);
  expect(() => a2i.humanLoops({ humanLoopStatus: "Completed" } as never)).toThrow(
    "[a2i-fake] humanLoops(): unknown filter key(s) 'humanLoopStatus'. Valid keys: accountId, region, flowDefinitionName, status (filter by status",
  );
  expect(() => a2i.humanLoops({ staus: "Completed" } as never)).toThrow(/unknown filter key\(s\) 'staus'/);
  expect(() => a2i.humanLoop("l1", { regoin: "us-east-1" } as never)).toThrow(/humanLoop\(\): unknown filter key\(s\) 'regoin'/);
  expect(() => a2i.flowDefinitions({ name: "filters" } as never)).toThrow(/Valid keys: accountId, region\./);
  expect(a2i.humanLoop("l1")?.humanLoopStatus).toBe("InProgress");
});
