/**
 * attach(client) fakes that one client; other clients of the same class keep talking to their endpoint
 * (here a loopback listener started by the test); the returned function detaches it exactly.
 */
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ListFlowDefinitionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { ListHumanLoopsCommand, SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { REAL_CONFIG, startLoopbackEndpoint } from "./real-endpoints.js";

let endpoint: Awaited<ReturnType<typeof startLoopbackEndpoint>>;
beforeAll(async () => {
  endpoint = await startLoopbackEndpoint();
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.requests.length = 0;
});

function clientsOnLoopback() {
  const config = { ...REAL_CONFIG, endpoint: endpoint.url };
  return {
    sageMaker: new SageMakerClient(config),
    runtime: new SageMakerA2IRuntimeClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
}

type Clients = ReturnType<typeof clientsOnLoopback>;

/** Who answers each client: the fake's state, or the loopback endpoint's canned answers. */
async function whoAnswers(clients: Clients, flowDefinitionArn: string) {
  const flows = await clients.sageMaker.send(new ListFlowDefinitionsCommand({}));
  const loops = await clients.runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
  const head = await clients.s3
    .send(new HeadObjectCommand({ Bucket: "a2i-fake-output-123456789012-us-east-1", Key: "missing.json" }))
    .then(
      (out) => out.Metadata?.["answered-by"],
      (err: Error) => `${err.name} ${(err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode}`,
    );
  return {
    sageMaker: flows.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName)[0],
    runtime: loops.HumanLoopSummaries?.length === 0 ? "no loops" : loops.HumanLoopSummaries?.[0]?.HumanLoopName,
    s3: head,
  };
}

const FAKE = { sageMaker: "seeded-fd", runtime: "no loops", s3: "NotFound 404" };
const REAL = { sageMaker: "from-the-real-endpoint", runtime: "from-the-real-endpoint", s3: "real-endpoint" };

describe("attach(client)", () => {
  it("fakes that client only: another client of the same class answers from its own endpoint", async () => {
    const a2i = new A2IFake();
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "seeded-fd" });
    const attached = clientsOnLoopback();
    const other = clientsOnLoopback();
    const detachAll = Object.values(attached).map((client) => a2i.attach(client));

    expect(await whoAnswers(attached, flowDefinitionArn)).toEqual(FAKE);
    expect(endpoint.requests).toEqual([]);
    expect(await whoAnswers(other, flowDefinitionArn)).toEqual(REAL);
    expect(endpoint.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      "POST /",
      "GET /human-loops",
      "HEAD /a2i-fake-output-123456789012-us-east-1/missing.json",
    ]);
    detachAll.forEach((detach) => detach());
  });

  it("returns a function that gives the client back its config, stack and endpoint", async () => {
    const a2i = new A2IFake();
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "seeded-fd" });
    const clients = clientsOnLoopback();
    const all = Object.values(clients);
    const before = all.map((c) => ({
      stack: c.middlewareStack.identify(),
      region: c.config.region,
      credentials: c.config.credentials,
      useFipsEndpoint: c.config.useFipsEndpoint,
      httpAuthSchemes: c.config.httpAuthSchemes,
    }));

    const detachAll = all.map((client) => a2i.attach(client));
    expect(await whoAnswers(clients, flowDefinitionArn)).toEqual(FAKE);
    detachAll.forEach((detach) => detach());

    all.forEach((c, i) => {
      expect(c.middlewareStack.identify()).toEqual(before[i]!.stack);
      expect(c.config.region).toBe(before[i]!.region);
      expect(c.config.credentials).toBe(before[i]!.credentials);
      expect(c.config.useFipsEndpoint).toBe(before[i]!.useFipsEndpoint);
      expect(c.config.httpAuthSchemes).toBe(before[i]!.httpAuthSchemes);
    });
    expect(await whoAnswers(clients, flowDefinitionArn)).toEqual(REAL);
    expect(endpoint.requests).toHaveLength(3);
    // Detaching again is harmless.
    expect(() => detachAll.forEach((detach) => detach())).not.toThrow();
  });

  it("fakes a client without Region or credentials, and does not patch the shared send", async () => {
    const base = Object.getPrototypeOf(SageMakerClient.prototype) as { send: unknown };
    const send = base.send;
    const a2i = new A2IFake();
    a2i.seedFlowDefinition({ name: "seeded-fd" });
    const client = new SageMakerClient({});
    const detach = a2i.attach(client);
    expect(base.send).toBe(send);
    const out = await client.send(new ListFlowDefinitionsCommand({}));
    expect(out.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionArn)).toEqual([
      "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/seeded-fd",
    ]);
    detach();
  });

  it("lets a second fake serve one client while another fake is installed", async () => {
    const installed = new A2IFake().install();
    const second = new A2IFake();
    try {
      installed.seedFlowDefinition({ name: "installed-fd" });
      second.seedFlowDefinition({ name: "second-fd" });
      const attached = new SageMakerClient({});
      const detach = second.attach(attached);
      const names = async (c: SageMakerClient) =>
        (await c.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName);
      expect(await names(attached)).toEqual(["second-fd"]);
      expect(await names(new SageMakerClient({}))).toEqual(["installed-fd"]);
      detach();
      expect(await names(attached)).toEqual(["installed-fd"]);
    } finally {
      installed.uninstall();
    }
  });

  it("moves a client the installed fake already serves to the second fake, and back on detach, then restores it", async () => {
    const installed = new A2IFake().install();
    const second = new A2IFake();
    const client = new SageMakerClient({});
    const original = { region: client.config.region, credentials: client.config.credentials };
    try {
      installed.seedFlowDefinition({ name: "installed-fd" });
      second.seedFlowDefinition({ name: "second-fd" });
      const names = async () =>
        (await client.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName);
      expect(await names()).toEqual(["installed-fd"]);
      const detach = second.attach(client);
      expect(await names()).toEqual(["second-fd"]);
      expect(client.middlewareStack.identify().filter((m) => m.startsWith("a2iFakeTransport"))).toHaveLength(1);
      detach();
      expect(await names()).toEqual(["installed-fd"]);
    } finally {
      installed.uninstall();
    }
    expect(client.config.region).toBe(original.region);
    expect(client.config.credentials).toBe(original.credentials);
    expect(client.middlewareStack.identify()).not.toContain("a2iFakeTransport - deserialize");
  });

  it("refuses a client of another service with an [a2i-fake] error", () => {
    const a2i = new A2IFake();
    const stsLike = { config: { serviceId: "STS" }, middlewareStack: { add: jest.fn(), remove: jest.fn() } };
    expect(() => a2i.attach(stsLike)).toThrow(
      "[a2i-fake] attach() takes a SageMakerClient, SageMakerA2IRuntimeClient, S3Client, TextractClient or RekognitionClient; got a client with serviceId STS.",
    );
    expect(stsLike.middlewareStack.add).not.toHaveBeenCalled();
    expect(() => a2i.attach({})).toThrow(/^\[a2i-fake\] attach\(\) takes .* serviceId undefined\.$/);
  });
});
