/**
 * The stack a faked client's cached chains are resolved from (src/transport/faked-chain.ts): header-only SDK
 * middleware left out only while nothing but the SDK's own middleware could see a request, and schema serde bound
 * to the fast config view only where it is the same code in the same place. Through the real clients.
 */
import { DetectModerationLabelsCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { getSchemaSerdePlugin } from "@smithy/core/schema";
import { moderationLabels } from "../../src/index.js";
import { installFake } from "../support/setup.js";
import { fakedChainStack, type FakedChainOptions, type StackLike } from "../../src/transport/faked-chain.js";

type Mw = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>;
type Headers = Record<string, string>;

/** A middleware that keeps a copy of each request's headers. */
const headerRecorder = (seen: Headers[]): Mw => (next) => async (args) => {
  seen.push({ ...(args as { request: { headers: Headers } }).request.headers });
  return next(args);
};

/** name → middleware function of a stack's absolute entries. */
function middlewareByName(stack: StackLike): Map<string, unknown> {
  const out = new Map<string, unknown>();
  stack.applyToStack!({
    add: (mw: unknown, o: { name?: string }) => o.name && out.set(o.name, mw),
    addRelativeTo: () => undefined,
    identifyOnResolve: () => undefined,
  });
  return out;
}

const HEADER_ONLY = ["getUserAgentMiddleware", "hostHeaderMiddleware", "recursionDetectionMiddleware", "contentLengthMiddleware"];
const names = (stack: StackLike) => stack.identify().map((line) => line.split(" ")[0]);

describe("the faked chain", () => {
  const a2i = installFake();
  let flowDefinitionArn: string;
  let moderationArn: string;
  beforeEach(() => {
    flowDefinitionArn = a2i.seedFlowDefinition({ name: "fd" }).flowDefinitionArn;
    moderationArn = a2i.seedFlowDefinition({ name: "moderation", requestSource: "AWS/Rekognition/DetectModerationLabels/Image/V3" }).flowDefinitionArn;
    a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87.5 }]));
  });

  const moderate = (client: RekognitionClient, name: string) =>
    client.send(
      new DetectModerationLabelsCommand({
        Image: { S3Object: { Bucket: "uploads", Name: "photo.jpg" } },
        HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: moderationArn },
      }),
    );

  it("a middleware the user adds after the first call sees the SDK's user agent, host, content length and trace id headers", async () => {
    const client = new SageMakerA2IRuntimeClient({ region: "us-east-1" });
    const start = (name: string) =>
      client.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    await start("l1");
    const seen: Headers[] = [];
    client.middlewareStack.add(headerRecorder(seen) as never, { step: "finalizeRequest", name: "mine" });
    process.env.AWS_LAMBDA_FUNCTION_NAME = "fn";
    process.env._X_AMZN_TRACE_ID = "Root=1-5759e988-bd862e3fe1be46a994272793";
    try {
      await start("l2");
      await client.send(new DescribeHumanLoopCommand({ HumanLoopName: "l2" }));
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      delete process.env._X_AMZN_TRACE_ID;
    }
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      expect(headers["user-agent"]).toContain("aws-sdk-js/");
      expect(headers["x-amz-user-agent"]).toContain("aws-sdk-js/");
      expect(headers.host).toBe("a2i-runtime.sagemaker.us-east-1.amazonaws.com");
      expect(headers["X-Amzn-Trace-Id"] ?? headers["x-amzn-trace-id"]).toBe("Root=1-5759e988-bd862e3fe1be46a994272793");
    }
    expect(seen[0]!["content-length"]).toBe(String(Buffer.byteLength(JSON.stringify({ FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" }, HumanLoopName: "l2" }))));
  });

  it("a middleware added to a schema-serde client before its first call sees the headers; outputs are the same with and without it", async () => {
    const bare = new RekognitionClient({ region: "us-east-1" });
    const watched = new RekognitionClient({ region: "us-east-1" });
    const seen: Headers[] = [];
    watched.middlewareStack.add(headerRecorder(seen) as never, { step: "build", priority: "low", name: "mine" });
    const plain = await moderate(bare, "a");
    const seenOutput = await moderate(watched, "b");
    expect(seen).toHaveLength(1);
    expect(seen[0]!["user-agent"]).toContain("aws-sdk-js/");
    expect(seen[0]!.host).toBe("rekognition.us-east-1.amazonaws.com");
    const { $metadata: m1, HumanLoopActivationOutput: h1, ...rest1 } = plain;
    const { $metadata: m2, HumanLoopActivationOutput: h2, ...rest2 } = seenOutput;
    expect(rest1).toEqual(rest2);
    expect(h1!.HumanLoopArn).toMatch(/human-loop\/a$/);
    expect(h2!.HumanLoopArn).toMatch(/human-loop\/b$/);
    expect(String(h1!.HumanLoopActivationConditionsEvaluationResults)).toBe(String(h2!.HumanLoopActivationConditionsEvaluationResults));
    expect(m1).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(m2).toMatchObject({ httpStatusCode: 200, attempts: 1 });
  });

  it("a user's logger on a schema-serde client gets every faked call's info", async () => {
    const logger = { trace: jest.fn(), debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const client = new RekognitionClient({ region: "us-east-1", logger });
    await moderate(client, "a");
    await moderate(client, "b");
    expect(logger.info).toHaveBeenCalledTimes(2);
    expect(logger.info).toHaveBeenLastCalledWith(expect.objectContaining({ commandName: "DetectModerationLabelsCommand", output: expect.objectContaining({ ModerationLabels: expect.any(Array) }) }));
  });

  it("after a faked schema-serde call the client's protocol reads the client's own config again", async () => {
    const client = new RekognitionClient({ region: "us-east-1" });
    await moderate(client, "a");
    const detach = a2i.attach(client);
    detach();
    const protocol = client.config.protocol as unknown as { serdeContext: unknown };
    expect(protocol.serdeContext).toBe(client.config);
  });

  describe("fakedChainStack", () => {
    const options = (client: { config: object }, overrides: Partial<FakedChainOptions> = {}): FakedChainOptions => ({
      config: client.config as Record<string, unknown>,
      serdeView: () => ({ ...client.config }),
      schemaSerdePlugin: () => getSchemaSerdePlugin as never,
      quietLogger: () => true,
      ...overrides,
    });

    it("with only the SDK's own middleware: the header-only ones and the quiet logger's are left out, the rest in order", () => {
      const client = new RekognitionClient({ region: "us-east-1" });
      const chain = fakedChainStack(client.middlewareStack as unknown as StackLike, options(client));
      const own = names(client.middlewareStack as unknown as StackLike);
      expect(names(chain)).toEqual(own.filter((n) => !HEADER_ONLY.includes(n!) && n !== "loggerMiddleware"));
      expect(names(chain)).toEqual(["serializerMiddleware", "retryMiddleware", "httpSigningMiddleware", "deserializerMiddleware"]);
      // The client's own stack is untouched.
      expect(names(client.middlewareStack as unknown as StackLike)).toEqual(own);
    });

    it("keeps the logger middleware for a logger that has info, and everything while a middleware of the user's is in the stack", () => {
      const client = new RekognitionClient({ region: "us-east-1" });
      expect(names(fakedChainStack(client.middlewareStack as unknown as StackLike, options(client, { quietLogger: () => false })))).toContain("loggerMiddleware");
      client.middlewareStack.add(((next: (a: unknown) => unknown) => next) as never, { step: "initialize", name: "tracing" });
      const chain = fakedChainStack(client.middlewareStack as unknown as StackLike, options(client));
      expect(chain.identify()).toEqual(client.middlewareStack.identify());
    });

    it("keeps everything while the stack is asked to print itself on resolve", () => {
      const client = new RekognitionClient({ region: "us-east-1" });
      client.middlewareStack.identifyOnResolve(true);
      const chain = fakedChainStack(client.middlewareStack as unknown as StackLike, options(client));
      expect(chain.identify()).toEqual(client.middlewareStack.identify());
    });

    it("binds the schema serializer and deserializer to the view only when they are the same code in the same place", () => {
      const client = new RekognitionClient({ region: "us-east-1" });
      const stack = client.middlewareStack as unknown as StackLike;
      const own = middlewareByName(stack);
      const swapped = middlewareByName(fakedChainStack(stack, options(client)));
      expect(String(swapped.get("serializerMiddleware"))).toBe(String(own.get("serializerMiddleware")));
      expect(swapped.get("serializerMiddleware")).not.toBe(own.get("serializerMiddleware"));
      expect(swapped.get("deserializerMiddleware")).not.toBe(own.get("deserializerMiddleware"));

      // Other code (another SDK version's factory): left as it is.
      const otherCode = () => ({
        applyToStack: (s: StackLike) => {
          s.add(() => () => undefined, { name: "serializerMiddleware", step: "serialize" });
          s.add(() => () => undefined, { name: "deserializerMiddleware", step: "deserialize" });
        },
      });
      const kept = middlewareByName(fakedChainStack(stack, options(client, { schemaSerdePlugin: () => otherCode as never })));
      expect(kept.get("serializerMiddleware")).toBe(own.get("serializerMiddleware"));
      expect(kept.get("deserializerMiddleware")).toBe(own.get("deserializerMiddleware"));

      // A middleware of the user's in the serializer's step after it: re-adding would change the order, so no swap.
      client.middlewareStack.add(((next: (a: unknown) => unknown) => next) as never, { step: "serialize", name: "afterSerializer" });
      const ordered = fakedChainStack(stack, options(client));
      expect(ordered.identify()).toEqual(client.middlewareStack.identify());
      expect(middlewareByName(ordered).get("serializerMiddleware")).toBe(own.get("serializerMiddleware"));
      // The plugin pointed the protocol at the view; it reads the client's own config again.
      expect((client.config.protocol as unknown as { serdeContext: unknown }).serdeContext).toBe(client.config);
    });
  });
});
