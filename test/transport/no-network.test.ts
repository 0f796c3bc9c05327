/**
 * While faked, nothing opens a socket: every outbound connection throws in this file, and every operation of
 * the three clients, served or not, ends in the fake. An operation the fake does not serve fails once (never
 * retried) with an [a2i-fake] error naming it, instead of going to AWS.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  AddTagsCommand,
  CreateFlowDefinitionCommand,
  CreateHumanTaskUiCommand,
  CreateWorkteamCommand,
  DeleteFlowDefinitionCommand,
  DeleteHumanTaskUiCommand,
  DeleteTagsCommand,
  DeleteWorkteamCommand,
  DescribeEndpointCommand,
  DescribeFlowDefinitionCommand,
  DescribeHumanTaskUiCommand,
  DescribeWorkteamCommand,
  ListFlowDefinitionsCommand,
  ListHumanTaskUisCommand,
  ListModelsCommand,
  ListTagsCommand,
  ListWorkteamsCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { REAL_CONFIG, recordingRequestHandler } from "./real-endpoints.js";

const attempts: string[] = [];
function blockSockets() {
  const refuse = (what: string) =>
    function refused(): never {
      attempts.push(what);
      throw new Error(`[test] outbound network attempted: ${what}`);
    };
  jest.spyOn(net.Socket.prototype, "connect").mockImplementation(refuse("net.Socket#connect"));
  jest.spyOn(net, "connect").mockImplementation(refuse("net.connect"));
  jest.spyOn(net, "createConnection").mockImplementation(refuse("net.createConnection"));
  jest.spyOn(tls, "connect").mockImplementation(refuse("tls.connect"));
  jest.spyOn(http, "request").mockImplementation(refuse("http.request"));
  jest.spyOn(https, "request").mockImplementation(refuse("https.request"));
}

beforeEach(() => {
  attempts.length = 0;
  blockSockets();
});
afterEach(() => jest.restoreAllMocks());

describe("the socket guard of this file", () => {
  it("stops an un-faked SDK call (so the checks below can fail)", async () => {
    // Fake timers only so that the socket-usage warning timer the SDK arms before http.request (never
    // cleared when http.request throws) does not outlive the test.
    jest.useFakeTimers();
    try {
      const client = new SageMakerClient({ ...REAL_CONFIG, endpoint: "http://127.0.0.1:9", maxAttempts: 1 });
      await expect(client.send(new ListFlowDefinitionsCommand({}))).rejects.toThrow("[test] outbound network attempted");
      expect(attempts.length).toBeGreaterThan(0);
    } finally {
      jest.clearAllTimers();
      jest.useRealTimers();
    }
  });
});

describe("while installed", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  const sageMaker = new SageMakerClient({});
  const runtime = new SageMakerA2IRuntimeClient({});
  const s3 = new S3Client({});
  const ROLE = "arn:aws:iam::123456789012:role/a2i";

  it("serves every SageMaker, A2I runtime and S3 operation it implements without opening a socket", async () => {
    jest.useFakeTimers();
    const { WorkteamArn } = await sageMaker.send(
      new CreateWorkteamCommand({
        WorkteamName: "team",
        Description: "reviewers",
        MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_abc", UserGroup: "g", ClientId: "c" } }],
      }),
    );
    await sageMaker.send(new DescribeWorkteamCommand({ WorkteamName: "team" }));
    await sageMaker.send(new ListWorkteamsCommand({}));
    const { HumanTaskUiArn } = await sageMaker.send(
      new CreateHumanTaskUiCommand({ HumanTaskUiName: "ui", UiTemplate: { Content: "<crowd-form></crowd-form>" } }),
    );
    await sageMaker.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: "ui" }));
    await sageMaker.send(new ListHumanTaskUisCommand({}));
    const { FlowDefinitionArn } = await sageMaker.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: "created",
        RoleArn: ROLE,
        OutputConfig: { S3OutputPath: "s3://created-output/out" },
        HumanLoopConfig: { WorkteamArn, HumanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
      }),
    );
    await sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "created" }));
    await sageMaker.send(new ListFlowDefinitionsCommand({}));
    await sageMaker.send(new AddTagsCommand({ ResourceArn: FlowDefinitionArn, Tags: [{ Key: "k", Value: "v" }] }));
    expect((await sageMaker.send(new ListTagsCommand({ ResourceArn: FlowDefinitionArn }))).Tags).toEqual([{ Key: "k", Value: "v" }]);
    await sageMaker.send(new DeleteTagsCommand({ ResourceArn: FlowDefinitionArn, TagKeys: ["k"] }));

    const seeded = a2i.seedFlowDefinition({ name: "seeded", outputPath: "s3://seeded-output/a2i" });
    const start = (HumanLoopName: string) =>
      runtime.send(
        new StartHumanLoopCommand({ HumanLoopName, FlowDefinitionArn: seeded.flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
    await start("answered");
    await start("stopped");
    a2i.workforce.submit("answered", { ok: true });
    const described = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "answered" }));
    await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: seeded.flowDefinitionArn }));
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "stopped" }));
    await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "stopped" }));

    const [, Bucket, Key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(described.HumanLoopOutput!.OutputS3Uri!)!;
    await s3.send(new HeadObjectCommand({ Bucket, Key }));
    await s3.send(new ListObjectsV2Command({ Bucket }));
    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(JSON.parse(await object.Body!.transformToString()).humanAnswers[0].answerContent).toEqual({ ok: true });

    jest.advanceTimersByTime(2000);
    await sageMaker.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "created" }));
    await sageMaker.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "ui" }));
    await sageMaker.send(new DeleteWorkteamCommand({ WorkteamName: "team" }));
    expect(attempts).toEqual([]);
  });

  it.each([
    ["ListModels", () => sageMaker.send(new ListModelsCommand({}))],
    ["DescribeEndpoint", () => sageMaker.send(new DescribeEndpointCommand({ EndpointName: "e" }))],
  ])("fails SageMaker %s, which it does not serve, once, with an [a2i-fake] error naming it", async (operation, call) => {
    const handleWire = jest.spyOn(A2IFake.prototype, "handleWire");
    const error = await (call() as Promise<unknown>).then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: Error & { $metadata?: { attempts?: number } }) => e,
    );
    expect(error.name).toBe("A2IFakeUnsupportedOperation");
    expect(error.message).toMatch(/^\[a2i-fake\] SageMaker operation /);
    expect(error.message).toContain(`operation ${operation} is not served by a2i-fake`);
    expect(error.message).toContain("@aws-sdk/client-sagemaker");
    expect(error.message).toContain(`Stub ${operation} yourself`);
    expect(handleWire).toHaveBeenCalledTimes(1);
    expect(error.$metadata?.attempts).toBe(1);
    expect(attempts).toEqual([]);
  });

  it("fails S3 PutObject on a bucket no flow definition writes to, once, with an [a2i-fake] error and a remedy", async () => {
    const handleWire = jest.spyOn(A2IFake.prototype, "handleWire");
    a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://output-bucket/a2i" });
    const error = await s3.send(new PutObjectCommand({ Bucket: "app-uploads", Key: "in/doc.json", Body: "{}" })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "[a2i-fake] S3 PutObject (PUT s3://app-uploads/in/doc.json, @aws-sdk/client-s3): bucket 'app-uploads' is not the S3OutputPath of any flow definition, " +
        "so the fake does not answer it and will not send it to AWS. " +
        'Pass { otherS3Requests: "passThrough" } to leave other S3 traffic to your own mocks.',
    );
    expect(handleWire).toHaveBeenCalledTimes(1);
    expect(attempts).toEqual([]);
  });

  it("fails S3 writes to an output bucket, and bucket-less S3 calls, with [a2i-fake] errors, without a socket", async () => {
    const handleWire = jest.spyOn(A2IFake.prototype, "handleWire");
    a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://output-bucket/a2i" });
    await expect(s3.send(new DeleteObjectCommand({ Bucket: "output-bucket", Key: "a2i/x.json" }))).rejects.toThrow(
      "[a2i-fake] S3 DeleteObject (DELETE s3://output-bucket/a2i/x.json, @aws-sdk/client-s3): s3://output-bucket/a2i/ is the output prefix of a flow definition, where A2I alone writes (there the fake serves GetObject, HeadObject and ListObjectsV2). " +
        "Put your own objects outside it (the rest of the bucket is yours), and let workers' answers write output.json (a2i.workforce.submit).",
    );
    await expect(s3.send(new ListBucketsCommand({}))).rejects.toThrow(/^\[a2i-fake\] S3 ListBuckets \(GET \/, @aws-sdk\/client-s3\): it names no A2I output bucket.*passThrough/);
    expect(handleWire).toHaveBeenCalledTimes(2);
    expect(attempts).toEqual([]);
  });
});

describe('with otherS3Requests: "passThrough"', () => {
  it("hands other S3 requests to the client's own handler, and still serves the output bucket itself", async () => {
    const a2i = new A2IFake({ otherS3Requests: "passThrough" }).install();
    try {
      const handler = recordingRequestHandler();
      const s3 = new S3Client({ ...REAL_CONFIG, requestHandler: handler });
      a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://output-bucket/a2i" });
      const head = await s3.send(new HeadObjectCommand({ Bucket: "app-uploads", Key: "doc.json" }));
      expect(head.Metadata).toEqual({ "answered-by": "real-endpoint" });
      await expect(s3.send(new HeadObjectCommand({ Bucket: "output-bucket", Key: "a2i/none.json" }))).rejects.toMatchObject({
        name: "NotFound",
        $metadata: { httpStatusCode: 404 },
      });
      expect(handler.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["HEAD /doc.json"]);
      expect(attempts).toEqual([]);
    } finally {
      a2i.uninstall();
    }
  });

  it("never sends what nothing answers to the network: an [a2i-fake] error instead, without a socket (issue 9)", async () => {
    const a2i = new A2IFake({ otherS3Requests: "passThrough" }).install();
    try {
      const s3 = new S3Client({ maxAttempts: 1 }); // the SDK's own NodeHttpHandler
      a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://output-bucket/a2i" });
      for (const send of [
        () => s3.send(new HeadObjectCommand({ Bucket: "app-uploads", Key: "doc.json" })),
        () => s3.send(new PutObjectCommand({ Bucket: "app-uploads", Key: "doc.json", Body: "{}" })),
        () => s3.send(new HeadObjectCommand({ Bucket: "output-bucket", Key: "elsewhere/doc.json" })),
        () => s3.send(new ListBucketsCommand({})),
      ]) {
        await expect(send()).rejects.toThrow(/^\[a2i-fake\] A S3 request \((HEAD|PUT|GET) [^)]*\) reached the client's HTTP handler \(NodeHttpHandler\): nothing answered it, and a client the fake holds never goes to the network\./);
      }
      expect(attempts).toEqual([]);
    } finally {
      a2i.uninstall();
    }
  });
});
