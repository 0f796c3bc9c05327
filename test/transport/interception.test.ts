/**
 * Issue 13 / issue 9 / issue 10 guarantees of the interception layer, through real SDK clients:
 * - every user middleware still runs with the fake's cached chains (added before or after the first call,
 *   on the client or on one command; removed ones stop running);
 * - one fake per process however a2i-fake is loaded (a second copy of the package is refused loudly);
 * - faked clients the test no longer holds are collectable while installed, and live ones are restored;
 * - the set of faked services is extensible by serviceId (here SQS's client, which a2i-fake never imports);
 * - the fake's default Region is the SDK's own (AWS_REGION, shared config file, us-east-1).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  DescribeHumanLoopCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { registerFakedService } from "../../src/faked-services.js";
import { defaultRegion } from "../../src/default-region.js";
import { awsJsonProtocol } from "../../src/protocol/aws-json.js";
import { struct } from "../../src/services/validate.js";

type Mw = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>;
const recorder = (seen: string[], label: string): Mw => (next, context) => async (args) => {
  seen.push(`${label}:${context.commandName}`);
  return next(args);
};

describe("user middleware with the fake's cached chains", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("a middleware added before or after the first call sees every faked call; a removed one stops", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
    const seen: string[] = [];
    client.middlewareStack.add(recorder(seen, "before") as never, { step: "initialize", name: "before" });
    const start = (name: string) =>
      client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    const describe = (name: string) => client.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));

    await start("l1");
    await describe("l1");
    client.middlewareStack.add(recorder(seen, "after") as never, { step: "build", name: "after" });
    await start("l2");
    await describe("l2");
    await describe("l2");
    client.middlewareStack.remove("before");
    await describe("l1");
    client.middlewareStack.addRelativeTo(recorder(seen, "relative") as never, { relation: "after", toMiddleware: "after", name: "relative" });
    await expect(describe("missing")).rejects.toBeInstanceOf(ResourceNotFoundException);

    expect(seen).toEqual([
      "before:StartHumanLoopCommand",
      "before:DescribeHumanLoopCommand",
      "before:StartHumanLoopCommand",
      "after:StartHumanLoopCommand",
      "before:DescribeHumanLoopCommand",
      "after:DescribeHumanLoopCommand",
      "before:DescribeHumanLoopCommand",
      "after:DescribeHumanLoopCommand",
      "after:DescribeHumanLoopCommand",
      "after:DescribeHumanLoopCommand",
      "relative:DescribeHumanLoopCommand",
    ]);
    expect(a2i.calls().map((c) => c.operation)).toEqual([
      "StartHumanLoop",
      "DescribeHumanLoop",
      "StartHumanLoop",
      "DescribeHumanLoop",
      "DescribeHumanLoop",
      "DescribeHumanLoop",
      "DescribeHumanLoop",
    ]);
  });

  it("a command's own middleware runs for that command only; send options and callbacks still work", async () => {
    a2i.seedFlowDefinition({ name: "fd" });
    const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
    const seen: string[] = [];
    await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "a" }))).rejects.toThrow(ResourceNotFoundException);
    const own = new DescribeHumanLoopCommand({ HumanLoopName: "b" });
    own.middlewareStack.add(recorder(seen, "own") as never, { step: "initialize" });
    await expect(client.send(own)).rejects.toThrow(ResourceNotFoundException);
    await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "c" }))).rejects.toThrow(ResourceNotFoundException);
    await expect(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "d" }), {})).rejects.toThrow(ResourceNotFoundException);
    const viaCallback = await new Promise<unknown>((resolve) =>
      client.send(new DescribeHumanLoopCommand({ HumanLoopName: "e" }), (err: unknown) => resolve(err)),
    );
    expect(viaCallback).toBeInstanceOf(ResourceNotFoundException);
    expect(seen).toEqual(["own:DescribeHumanLoopCommand"]);
    expect(a2i.calls("DescribeHumanLoop").map((c) => c.input.HumanLoopName)).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("one fake per process", () => {
  it("a second copy of a2i-fake (another module instance) cannot install while one is installed, and says why", () => {
    const first = new A2IFake().install();
    let SecondCopy: typeof A2IFake | undefined;
    jest.isolateModules(() => {
      SecondCopy = (jest.requireActual("../../src/index.js") as { A2IFake: typeof A2IFake }).A2IFake;
    });
    expect(SecondCopy).not.toBe(A2IFake);
    try {
      expect(() => new SecondCopy!().install()).toThrow(/\[a2i-fake\] Another A2IFake is installed in this process \(perhaps by another copy/);
    } finally {
      first.uninstall();
    }
    const second = new SecondCopy!().install();
    expect(() => new A2IFake().install()).toThrow(/Another A2IFake is installed/);
    second.uninstall();
  });
});

describe("faked clients are held weakly", () => {
  it("20 dropped clients are collectable while installed; a live one is restored by uninstall", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const a2i = new A2IFake().install();
    const transport = (a2i as unknown as { transport: { liveClientCount(): number } }).transport;
    try {
      const kept = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
      await expect(kept.send(new DescribeHumanLoopCommand({ HumanLoopName: "x" }))).rejects.toThrow(ResourceNotFoundException);
      // As a Lambda handler does: a client per call, dropped after it (its own frame, so nothing keeps it).
      const handler = async () => {
        const throwaway = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
        await expect(throwaway.send(new DescribeHumanLoopCommand({ HumanLoopName: "x" }))).rejects.toThrow(ResourceNotFoundException);
      };
      for (let i = 0; i < 20; i++) await handler();
      expect(transport.liveClientCount()).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      expect(transport.liveClientCount()).toBe(1);
      a2i.uninstall();
      expect(kept.middlewareStack.identify().some((name) => name.startsWith("a2iFakeTransport"))).toBe(false);
      expect(transport.liveClientCount()).toBe(0);
    } finally {
      a2i.uninstall();
    }
  });
});

describe("registerFakedService", () => {
  it("fakes the clients of a registered serviceId, found by the client base, without importing their package", async () => {
    const unregister = registerFakedService({
      serviceId: "SQS",
      packageName: "@aws-sdk/client-sqs",
      clientName: "SQSClient",
      api: {
        protocol: awsJsonProtocol("AmazonSQS"),
        service: {
          name: "SQS",
          sdkPackage: "@aws-sdk/client-sqs",
          shapes: { ListQueues: struct({}) },
          handlers: { ListQueues: () => ({ QueueUrls: ["https://sqs.us-east-1.amazonaws.com/123456789012/from-the-fake"] }) },
        },
      },
    });
    const a2i = new A2IFake().install();
    try {
      const sqs = new SQSClient({});
      const out = await sqs.send(new ListQueuesCommand({}));
      expect(out.QueueUrls).toEqual(["https://sqs.us-east-1.amazonaws.com/123456789012/from-the-fake"]);
      expect(a2i.calls().map((c) => c.operation)).toEqual(["ListQueues"]);
    } finally {
      a2i.uninstall();
      unregister();
    }
    const fresh = new A2IFake();
    expect(() => fresh.attach(new SQSClient({}))).toThrow(/attach\(\) takes a SageMakerClient, SageMakerA2IRuntimeClient, S3Client, TextractClient or RekognitionClient; got a client with serviceId SQS/);
  });
});

describe("the fake's default Region is the one the SDK would resolve", () => {
  const dir = mkdtempSync(join(tmpdir(), "a2i-fake-region-"));
  const configFile = join(dir, "config");
  const credentialsFile = join(dir, "credentials");
  writeFileSync(
    configFile,
    ["[default]", "region = eu-north-1", "[profile ci] # a comment", "s3 =", "  region = nested-not-this", "region=ap-south-1", "[other]", "region = not-a-profile-section"].join("\n"),
  );
  writeFileSync(credentialsFile, ["[creds-only]", "region = ca-central-1"].join("\n"));
  const files = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, HOME: dir };

  it("AWS_REGION, then the profile in the shared config file, then the credentials file, then us-east-1", () => {
    expect(defaultRegion({ ...files, AWS_REGION: "eu-west-1", AWS_PROFILE: "ci" })).toBe("eu-west-1");
    expect(defaultRegion({ ...files, AWS_PROFILE: "ci" })).toBe("ap-south-1");
    expect(defaultRegion({ ...files })).toBe("eu-north-1");
    expect(defaultRegion({ ...files, AWS_PROFILE: "other" })).toBe("us-east-1");
    expect(defaultRegion({ ...files, AWS_PROFILE: "creds-only" })).toBe("ca-central-1");
    expect(defaultRegion({ HOME: join(dir, "nowhere") })).toBe("us-east-1");
  });

  it("with AWS_REGION set (as CI sets it), seeds land where a client built with no options goes", async () => {
    const saved = process.env.AWS_REGION;
    process.env.AWS_REGION = "eu-west-1";
    const a2i = new A2IFake();
    try {
      a2i.install();
      expect(a2i.region).toBe("eu-west-1");
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "ci-review" });
      expect(flowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/ci-review");
      const out = await new SageMakerA2IRuntimeClient({}).send(
        new StartHumanLoopCommand({ HumanLoopName: "l", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      expect(out.HumanLoopArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:human-loop/l");
    } finally {
      a2i.uninstall();
      if (saved === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved;
    }
  });
});
