/** A failing onEvent listener is never silent. */
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../src/index.js";

const a2i = new A2IFake();
const runtime = new SageMakerA2IRuntimeClient({});
beforeAll(() => a2i.install());
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  a2i.reset();
  jest.useRealTimers();
});
afterAll(() => a2i.uninstall());

async function startWithResponder(name: string) {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 1000 });
  await runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
}

test("a listener that throws makes the clock step that delivered the event throw; other listeners still get it", async () => {
  const seen: string[] = [];
  const offBad = a2i.onEvent(() => {
    throw new Error("handler bug");
  });
  const offGood = a2i.onEvent((e) => {
    seen.push(e.detail.humanLoopStatus);
  });
  try {
    await startWithResponder("loop-1");
    expect(() => jest.advanceTimersByTime(1000)).toThrow(
      "[a2i-fake] An onEvent listener failed on the Completed event of human loop 'loop-1': handler bug",
    );
    expect(seen).toEqual(["Completed"]);
  } finally {
    offBad();
    offGood();
  }
});

test("a listener whose promise rejects makes the fake's next call throw, once", async () => {
  const off = a2i.onEvent(async () => {
    throw new Error("async handler bug");
  });
  try {
    await startWithResponder("loop-2");
    jest.advanceTimersByTime(1000);
    await Promise.resolve(); // let the rejection settle
    const err = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-2" })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      "[a2i-fake] An onEvent listener failed on the Completed event of human loop 'loop-2': async handler bug",
    );
    await expect(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-2" }))).resolves.toMatchObject({
      HumanLoopStatus: "Completed",
    });
  } finally {
    off();
  }
});
