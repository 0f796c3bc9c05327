/**
 * a2i-fake beside aws-sdk-client-mock (docs/behaviour.md "Working beside aws-sdk-client-mock"):
 * - a `mockClient(SageMakerA2IRuntimeClient)` stub wins for that client class: it replaces `send` on the
 *   class, so the fake never sees those calls; `restore()` gives the fake back;
 * - recipe for "hand-written stub for one operation, the fake for the rest": `mock.send.callThrough()`;
 * - aws-sdk-client-mock-jest matchers on other clients keep working while the fake is installed.
 */
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  DescribeHumanLoopCommand,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-jest";
import { A2IFake } from "../../src/index.js";

const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

const start = (client: SageMakerA2IRuntimeClient, name: string, arn: string) =>
  client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: arn, HumanLoopInput: { InputContent: "{}" } }));

test("a mockClient stub wins for its client class; restore() gives the fake back", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  const client = new SageMakerA2IRuntimeClient({});
  await start(client, "real-loop", flowDefinitionArn);

  const mock = mockClient(SageMakerA2IRuntimeClient);
  mock.on(DescribeHumanLoopCommand).resolves({ HumanLoopStatus: "Completed", HumanLoopName: "stubbed" } as never);
  try {
    await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "real-loop" }))).resolves.toMatchObject({
      HumanLoopName: "stubbed",
    });
    // Not configured on the stub: aws-sdk-client-mock answers undefined, the fake is not asked.
    expect(await start(client, "other", flowDefinitionArn)).toBeUndefined();
    expect(a2i.calls("DescribeHumanLoop")).toEqual([]);
    expect(a2i.humanLoop("other")).toBeUndefined();
  } finally {
    mock.restore();
  }

  await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "real-loop" }))).resolves.toMatchObject({
    HumanLoopName: "real-loop",
    HumanLoopStatus: "InProgress",
  });
});

test("recipe: stub one operation by hand, let every other call through to the fake", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
  const client = new SageMakerA2IRuntimeClient({});
  const mock = mockClient(SageMakerA2IRuntimeClient); // created after a2i.install()
  mock.send.callThrough();
  mock.on(DescribeHumanLoopCommand).resolves({ HumanLoopStatus: "Completed" } as never);
  try {
    await start(client, "loop-1", flowDefinitionArn); // the fake
    const listed = await client.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn })); // the fake
    expect(listed.HumanLoopSummaries?.map((s) => s.HumanLoopStatus)).toEqual(["InProgress"]);
    await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-1" }))).resolves.toMatchObject({
      HumanLoopStatus: "Completed", // the hand-written stub
    });
    expect(a2i.calls().map((c) => c.operation)).toEqual(["StartHumanLoop", "ListHumanLoops"]);
    expect(mock).toHaveReceivedCommandWith(StartHumanLoopCommand, { HumanLoopName: "loop-1" });
  } finally {
    mock.restore();
  }
});

test("aws-sdk-client-mock-jest matchers on other clients are unaffected by the fake", async () => {
  const sqsMock = mockClient(SQSClient);
  sqsMock.on(SendMessageCommand).resolves({ MessageId: "m-1" });
  try {
    const sqs = new SQSClient({});
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: "https://q", MessageBody: "hi" }))).resolves.toMatchObject({
      MessageId: "m-1",
    });
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageCommand, { MessageBody: "hi" });
    expect(a2i.calls()).toEqual([]);
  } finally {
    sqsMock.restore();
  }
});
