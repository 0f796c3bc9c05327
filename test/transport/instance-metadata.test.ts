/**
 * With no Region and no credentials configured (test/setup-env.ts clears AWS_*), the SDK's default chains
 * would ask the EC2 instance metadata service. Here that service is a loopback listener
 * (AWS_EC2_METADATA_SERVICE_ENDPOINT): while faked it must receive nothing, with real or jest fake timers
 * (sdk-interception-notes.md, "Traps that hang tests or reach the network").
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake, FAKE_CREDENTIALS, publicWorkforceArn } from "../../src/index.js";

const imdsRequests: string[] = [];
const imds = http.createServer((req, res) => {
  imdsRequests.push(`${req.method} ${req.url}`);
  res.statusCode = 404;
  res.end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => imds.listen(0, "127.0.0.1", resolve));
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `http://127.0.0.1:${(imds.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  imds.closeAllConnections();
  await new Promise<void>((resolve) => imds.close(() => resolve()));
});

const HUMAN_TASK_UI = (region: string) => `arn:aws:sagemaker:${region}:123456789012:human-task-ui/a2i-fake-task-ui`;

/** A loop from start to output through all three clients; returns the ARNs and the output document. */
async function fullLoop(a2i: A2IFake, name: string) {
  const sageMaker = new SageMakerClient({});
  const runtime = new SageMakerA2IRuntimeClient({});
  const s3 = new S3Client({});
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: `fd-${name}` });
  const listed = await sageMaker.send(new ListFlowDefinitionsCommand({}));
  const started = await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: name,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: "{}" },
    }),
  );
  a2i.workforce.submit(name, { ok: name });
  const described = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));
  const [, Bucket, Key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(described.HumanLoopOutput!.OutputS3Uri!)!;
  const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return {
    flowDefinitionArns: listed.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionArn),
    humanLoopArn: started.HumanLoopArn,
    status: described.HumanLoopStatus,
    document: JSON.parse(await object.Body!.transformToString()) as { humanAnswers: Array<{ answerContent: unknown }> },
    credentials: await (sageMaker.config.credentials as () => Promise<unknown>)(),
  };
}

describe("with no Region and no credentials anywhere", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  it("answers all three services and never asks the instance metadata service", async () => {
    expect(process.env.AWS_REGION).toBeUndefined();
    const out = await fullLoop(a2i, "real-timers");
    expect(out.flowDefinitionArns).toEqual(["arn:aws:sagemaker:us-east-1:123456789012:flow-definition/fd-real-timers"]);
    expect(out.humanLoopArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:human-loop/real-timers");
    expect(out.status).toBe("Completed");
    expect(out.document.humanAnswers[0]?.answerContent).toEqual({ ok: "real-timers" });
    expect(out.credentials).toEqual(FAKE_CREDENTIALS);
    expect(imdsRequests).toEqual([]);
  });

  it("does the same under jest fake timers, with clients built while time is fake", async () => {
    jest.useFakeTimers();
    const out = await fullLoop(a2i, "fake-timers");
    expect(out.humanLoopArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:human-loop/fake-timers");
    expect(out.document.humanAnswers[0]?.answerContent).toEqual({ ok: "fake-timers" });

    const sageMaker = new SageMakerClient({});
    await sageMaker.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: "activates-on-fake-time",
        RoleArn: "arn:aws:iam::123456789012:role/a2i",
        OutputConfig: { S3OutputPath: "s3://my-bucket/out" },
        HumanLoopConfig: {
          WorkteamArn: publicWorkforceArn("us-east-1"),
          HumanTaskUiArn: HUMAN_TASK_UI("us-east-1"),
          TaskTitle: "t",
          TaskDescription: "d",
          TaskCount: 1,
        },
      }),
    );
    jest.advanceTimersByTime(2000);
    const fd = await sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "activates-on-fake-time" }));
    expect(fd.FlowDefinitionStatus).toBe("Active");
    expect(imdsRequests).toEqual([]);
  });

  it("falls back to us-east-1 for a client with no Region, and keeps eu-west-1 apart", async () => {
    const noRegion = { sageMaker: new SageMakerClient({}), runtime: new SageMakerA2IRuntimeClient({}) };
    const ireland = {
      sageMaker: new SageMakerClient({ region: "eu-west-1" }),
      runtime: new SageMakerA2IRuntimeClient({ region: "eu-west-1" }),
    };
    const us = a2i.seedFlowDefinition({ name: "same-name" });
    const eu = a2i.seedFlowDefinition({ name: "same-name", region: "eu-west-1" });
    expect(us.flowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/same-name");
    expect(eu.flowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/same-name");

    const start = (client: SageMakerA2IRuntimeClient, FlowDefinitionArn: string) =>
      client.send(new StartHumanLoopCommand({ HumanLoopName: "loop", FlowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    expect((await start(noRegion.runtime, us.flowDefinitionArn)).HumanLoopArn).toBe(
      "arn:aws:sagemaker:us-east-1:123456789012:human-loop/loop",
    );
    // Same loop name in the other Region: a separate loop, not a conflict.
    expect((await start(ireland.runtime, eu.flowDefinitionArn)).HumanLoopArn).toBe(
      "arn:aws:sagemaker:eu-west-1:123456789012:human-loop/loop",
    );

    const created = await ireland.sageMaker.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: "only-in-ireland",
        RoleArn: "arn:aws:iam::123456789012:role/a2i",
        OutputConfig: { S3OutputPath: "s3://my-bucket/out" },
        HumanLoopConfig: {
          WorkteamArn: publicWorkforceArn("eu-west-1"),
          HumanTaskUiArn: HUMAN_TASK_UI("eu-west-1"),
          TaskTitle: "t",
          TaskDescription: "d",
          TaskCount: 1,
        },
      }),
    );
    expect(created.FlowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/only-in-ireland");
    const names = async (c: SageMakerClient) =>
      (await c.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries?.map((f) => f.FlowDefinitionArn);
    expect(await names(noRegion.sageMaker)).toEqual([us.flowDefinitionArn]);
    expect(await names(ireland.sageMaker)).toEqual([created.FlowDefinitionArn, eu.flowDefinitionArn]);
    await expect(
      noRegion.sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "only-in-ireland" })),
    ).rejects.toBeInstanceOf(ResourceNotFound);
    expect(imdsRequests).toEqual([]);
  });

  it("uses the Region of the environment when there is one (the fallback is only for a missing Region)", async () => {
    process.env.AWS_REGION = "ap-south-1";
    try {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", region: "ap-south-1" });
      const out = await new SageMakerA2IRuntimeClient({}).send(
        new StartHumanLoopCommand({ HumanLoopName: "mumbai", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      expect(out.HumanLoopArn).toBe("arn:aws:sagemaker:ap-south-1:123456789012:human-loop/mumbai");
    } finally {
      delete process.env.AWS_REGION;
    }
  });
});

// Last on purpose: the SDK remembers a failed instance metadata lookup for 60 s, which would make the
// checks above pass vacuously had this run first.
describe("the same listener without the fake", () => {
  it("is what an un-faked client with no Region asks (so the checks above can fail)", async () => {
    expect(imdsRequests).toEqual([]);
    const client = new SageMakerClient({});
    await expect(client.send(new ListFlowDefinitionsCommand({}))).rejects.toThrow("Region is missing");
    expect(imdsRequests).toContain("PUT /latest/api/token");
  });
});
