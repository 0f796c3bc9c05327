import { DescribeFlowDefinitionCommand, ResourceNotFound, SageMakerClient } from "@aws-sdk/client-sagemaker";
import {
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake } from "../src/index.js";

const T0 = Date.parse("2026-03-04T05:06:07.000Z");
const clock = createClock(T0);
const a2i = new A2IFake({ clock });
const runtime = new SageMakerA2IRuntimeClient({ region: "eu-west-1" });
const sm = new SageMakerClient({ region: "eu-west-1" });
const s3 = new S3Client({ region: "eu-west-1" });

beforeAll(() => a2i.install());
afterEach(() => a2i.reset());
afterAll(() => a2i.uninstall());

test("records every call in order with input as sent, output, time and scope", async () => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", region: "eu-west-1" });
  expect(a2i.calls()).toEqual([]); // seeding is not a call

  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
  );
  clock.tick(5000);
  const after = new Date(T0 - 60_000);
  await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, CreationTimeAfter: after }));

  const calls = a2i.calls();
  expect(calls.map((c) => c.operation)).toEqual(["StartHumanLoop", "ListHumanLoops"]);
  const [start, list] = calls;
  expect(start).toMatchObject({
    service: "SageMaker A2I Runtime",
    ok: true,
    input: { HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } },
    output: { HumanLoopArn: "arn:aws:sagemaker:eu-west-1:123456789012:human-loop/l1" },
    time: new Date(T0),
    accountId: "123456789012",
    region: "eu-west-1",
  });
  expect(list!.time).toEqual(new Date(T0 + 5000));
  // The query string's timestamp comes back as the Date the user passed.
  expect(list!.input).toMatchObject({ CreationTimeAfter: after });
});

test("records AWS errors with their name and HTTP status; calls(operation) filters; resetHistory clears", async () => {
  await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "missing" }))).rejects.toBeInstanceOf(
    ResourceNotFound,
  );
  const [call] = a2i.calls("DescribeFlowDefinition");
  expect(call).toMatchObject({
    service: "SageMaker",
    ok: false,
    input: { FlowDefinitionName: "missing" },
    error: { name: "ResourceNotFound", httpStatusCode: 400 },
  });
  expect(a2i.calls("StartHumanLoop")).toEqual([]);

  a2i.resetHistory();
  expect(a2i.calls()).toEqual([]);
});

test("records S3 reads of output objects", async () => {
  a2i.seedFlowDefinition({ name: "fd", region: "eu-west-1", outputPath: "s3://out-bucket/prefix" });
  await expect(s3.send(new GetObjectCommand({ Bucket: "out-bucket", Key: "prefix/none.json" }))).rejects.toMatchObject({
    name: "NoSuchKey",
  });
  expect(a2i.calls("GetObject")).toEqual([
    expect.objectContaining({
      service: "S3",
      ok: false,
      input: { Bucket: "out-bucket", Key: "prefix/none.json" },
      error: expect.objectContaining({ name: "NoSuchKey", httpStatusCode: 404 }),
    }),
  ]);
});

test("reset() clears the history with the state", async () => {
  await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "x" }))).rejects.toThrow();
  expect(a2i.calls()).toHaveLength(1);
  a2i.reset();
  expect(a2i.calls()).toHaveLength(0);
});
