/**
 * uninstall() is exact: the shared base `send`, each faked client's config (by identity), its middleware
 * stack and `AWS_EC2_METADATA_DISABLED` are what they were, and calls go to the client's own endpoint again.
 * "The real endpoint" is a client `requestHandler` that answers itself, so nothing here uses the network.
 */
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ListFlowDefinitionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { ListHumanLoopsCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { REAL_CONFIG, recordingRequestHandler } from "./real-endpoints.js";

const SAVED_KEYS = ["region", "credentials", "useFipsEndpoint", "httpAuthSchemes", "defaultUserAgentProvider", "logger"] as const;
const FLOW_ARN = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/fd";

type AnyClient = SageMakerClient | SageMakerA2IRuntimeClient | S3Client;

function configSnapshot(client: AnyClient) {
  const config = client.config as unknown as Record<string, unknown>;
  return Object.fromEntries(
    SAVED_KEYS.map((key) => [key, { own: Object.prototype.hasOwnProperty.call(config, key), value: config[key] }]),
  );
}

function expectSameConfig(client: AnyClient, before: ReturnType<typeof configSnapshot>) {
  const after = configSnapshot(client);
  for (const key of SAVED_KEYS) {
    expect({ key, own: after[key]!.own }).toEqual({ key, own: before[key]!.own });
    expect(after[key]!.value).toBe(before[key]!.value);
  }
}

/** One call per client; each would be answered by the fake while installed. */
async function callEach(clients: { sageMaker: SageMakerClient; runtime: SageMakerA2IRuntimeClient; s3: S3Client }) {
  const flows = await clients.sageMaker.send(new ListFlowDefinitionsCommand({}));
  const loops = await clients.runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: FLOW_ARN }));
  const head = await clients.s3.send(new HeadObjectCommand({ Bucket: "a2i-fake-output-123456789012-us-east-1", Key: "k" })).then(
    (out) => out.Metadata,
    (err: Error) => err.name,
  );
  return {
    flows: flows.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName),
    loops: loops.HumanLoopSummaries?.map((l) => l.HumanLoopName),
    head,
  };
}

afterEach(() => jest.restoreAllMocks());

describe("uninstall()", () => {
  it("gives each faked client its original region, credentials, useFipsEndpoint, httpAuthSchemes, user agent provider and logger (===)", async () => {
    const bare = [new SageMakerClient({}), new SageMakerA2IRuntimeClient({}), new S3Client({})];
    const configured = [
      new SageMakerClient({ ...REAL_CONFIG, useFipsEndpoint: false }),
      new SageMakerA2IRuntimeClient({ ...REAL_CONFIG, requestHandler: recordingRequestHandler() }),
      new S3Client({ ...REAL_CONFIG, forcePathStyle: true }),
    ];
    const clients: AnyClient[] = [...bare, ...configured];
    const before = clients.map(configSnapshot);

    const a2i = new A2IFake().install();
    a2i.seedFlowDefinition({ name: "fd" });
    await callEach({ sageMaker: bare[0] as SageMakerClient, runtime: bare[1] as SageMakerA2IRuntimeClient, s3: bare[2] as S3Client });
    await callEach({
      sageMaker: configured[0] as SageMakerClient,
      runtime: configured[1] as SageMakerA2IRuntimeClient,
      s3: configured[2] as S3Client,
    });
    // While faked, every one of these was replaced (so the checks below can fail).
    clients.forEach((client, i) => {
      const during = configSnapshot(client);
      for (const key of SAVED_KEYS) expect(during[key]!.value).not.toBe(before[i]![key]!.value);
    });
    a2i.uninstall();

    clients.forEach((client, i) => expectSameConfig(client, before[i]!));
  });

  it("gives each faked client back its own config object (===), which a write made while faked reached", async () => {
    const handler = recordingRequestHandler();
    const client = new SageMakerA2IRuntimeClient({ ...REAL_CONFIG, requestHandler: handler });
    const config = client.config;
    const a2i = new A2IFake().install();
    a2i.seedFlowDefinition({ name: "fd" });
    await client.send(new ListHumanLoopsCommand({ FlowDefinitionArn: FLOW_ARN }));
    // While faked, client.config is a fast view of the same config (bench/per-call.mjs): same keys, same values.
    expect(client.config).not.toBe(config);
    expect(Object.keys(client.config).sort()).toEqual(Object.keys(config).sort());
    expect(client.config.serviceId).toBe(config.serviceId);
    // A user's write while faked lands in the client's own config, as it would without the fake.
    const customUserAgent = [["my-app", "1.0"]] as [string, string][];
    client.config.customUserAgent = customUserAgent;
    expect(config.customUserAgent).toBe(customUserAgent);
    a2i.uninstall();

    expect(client.config).toBe(config);
    expect(config.customUserAgent).toBe(customUserAgent);
    await client.send(new ListHumanLoopsCommand({ FlowDefinitionArn: FLOW_ARN }));
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0]!.headers["x-amz-user-agent"]).toContain("my-app/1.0");
  });

  it("puts back the send every SDK v3 client inherits, which it had replaced", async () => {
    const base = Object.getPrototypeOf(SageMakerClient.prototype) as { send: unknown };
    expect(Object.getPrototypeOf(SageMakerA2IRuntimeClient.prototype)).toBe(base);
    expect(Object.getPrototypeOf(S3Client.prototype)).toBe(base);
    const originalSend = base.send;

    const a2i = new A2IFake().install();
    expect(base.send).not.toBe(originalSend);
    a2i.uninstall();
    expect(base.send).toBe(originalSend);
    // No own `send` left on the client classes either.
    expect(Object.prototype.hasOwnProperty.call(SageMakerClient.prototype, "send")).toBe(false);
  });

  it("removes its middleware from every client it touched", async () => {
    const clients = { sageMaker: new SageMakerClient({}), runtime: new SageMakerA2IRuntimeClient({}), s3: new S3Client({}) };
    const stacksBefore = Object.values(clients).map((c) => c.middlewareStack.identify());

    const a2i = new A2IFake().install();
    a2i.seedFlowDefinition({ name: "fd" });
    await callEach(clients);
    for (const c of Object.values(clients)) expect(c.middlewareStack.identify()).toContain("a2iFakeTransport - deserialize");
    a2i.uninstall();

    expect(Object.values(clients).map((c) => c.middlewareStack.identify())).toEqual(stacksBefore);
  });

  it("sends calls to the client's own endpoint again, signed with its own credentials, never to the fake", async () => {
    const handler = recordingRequestHandler();
    const clients = {
      sageMaker: new SageMakerClient({ ...REAL_CONFIG, requestHandler: handler }),
      runtime: new SageMakerA2IRuntimeClient({ ...REAL_CONFIG, requestHandler: handler }),
      s3: new S3Client({ ...REAL_CONFIG, requestHandler: handler }),
    };
    const handleWire = jest.spyOn(A2IFake.prototype, "handleWire");
    const a2i = new A2IFake().install();
    a2i.seedFlowDefinition({ name: "fd" });

    expect(await callEach(clients)).toEqual({ flows: ["fd"], loops: [], head: "NotFound" });
    expect(handleWire).toHaveBeenCalledTimes(3);
    expect(handler.requests).toEqual([]);

    a2i.uninstall();
    handleWire.mockClear();

    expect(await callEach(clients)).toEqual({
      flows: ["from-the-real-endpoint"],
      loops: ["from-the-real-endpoint"],
      head: { "answered-by": "real-endpoint" },
    });
    expect(handleWire).not.toHaveBeenCalled();
    expect(handler.requests.map((r) => r.headers["authorization"])).toEqual([
      expect.stringContaining("Credential=AKIDREALCLIENT000000/"),
      expect.stringContaining("Credential=AKIDREALCLIENT000000/"),
      expect.stringContaining("Credential=AKIDREALCLIENT000000/"),
    ]);
  });

  it("also un-fakes a client that caches its resolved middleware (cacheMiddleware: true)", async () => {
    const handler = recordingRequestHandler();
    const client = new SageMakerClient({ ...REAL_CONFIG, requestHandler: handler, cacheMiddleware: true });
    const names = async () =>
      (await client.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName);

    expect(await names()).toEqual(["from-the-real-endpoint"]);
    const a2i = new A2IFake().install();
    a2i.seedFlowDefinition({ name: "fd" });
    expect(await names()).toEqual(["fd"]);
    a2i.uninstall();
    expect(await names()).toEqual(["from-the-real-endpoint"]);
    expect(handler.requests).toHaveLength(2);
  });

  it("is harmless when called twice or without install()", async () => {
    const a2i = new A2IFake();
    expect(() => a2i.uninstall()).not.toThrow();
    a2i.install();
    a2i.uninstall();
    expect(() => a2i.uninstall()).not.toThrow();
    const handler = recordingRequestHandler();
    const out = await new SageMakerClient({ ...REAL_CONFIG, requestHandler: handler }).send(new ListFlowDefinitionsCommand({}));
    expect(out.FlowDefinitionSummaries?.[0]?.FlowDefinitionName).toBe("from-the-real-endpoint");
  });
});

describe("AWS_EC2_METADATA_DISABLED", () => {
  const NAME = "AWS_EC2_METADATA_DISABLED";
  afterEach(() => {
    delete process.env[NAME];
  });

  async function fakeThreeCalls(a2i: A2IFake) {
    a2i.seedFlowDefinition({ name: "fd" });
    await callEach({ sageMaker: new SageMakerClient({}), runtime: new SageMakerA2IRuntimeClient({}), s3: new S3Client({}) });
  }

  it("is set while installed and removed again when it was unset", async () => {
    expect(NAME in process.env).toBe(false);
    const a2i = new A2IFake().install();
    expect(process.env[NAME]).toBe("true");
    await fakeThreeCalls(a2i);
    expect(process.env[NAME]).toBe("true");
    a2i.uninstall();
    expect(NAME in process.env).toBe(false);
  });

  it("gets back the value it had", async () => {
    process.env[NAME] = "user-value";
    const a2i = new A2IFake().install();
    expect(process.env[NAME]).toBe("true");
    await fakeThreeCalls(a2i);
    a2i.uninstall();
    expect(process.env[NAME]).toBe("user-value");
  });

  it("is held by attach() until the last attached client is detached", async () => {
    process.env[NAME] = "";
    const a2i = new A2IFake();
    const detachOne = a2i.attach(new SageMakerClient({}));
    const detachTwo = a2i.attach(new S3Client({}));
    expect(process.env[NAME]).toBe("true");
    detachOne();
    expect(process.env[NAME]).toBe("true");
    detachTwo();
    expect(process.env[NAME]).toBe("");
    detachTwo();
    expect(process.env[NAME]).toBe("");
  });
});
