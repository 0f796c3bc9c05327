/**
 * install() reaches every SageMakerClient, SageMakerA2IRuntimeClient and S3Client of the process, whether the
 * app built it at import time (before install) or later (decisions.md, "The public API").
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { ListFlowDefinitionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import {
  DescribeHumanLoopCommand,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { REAL_CONFIG, recordingRequestHandler } from "./real-endpoints.js";

// Built at import time, before any install(), as an app module would: one bare (no Region, no
// credentials), one with its own requestHandler that would answer if the fake did not.
const earlyHandler = recordingRequestHandler();
const early = {
  sageMaker: new SageMakerClient({}),
  runtime: new SageMakerA2IRuntimeClient({}),
  s3: new S3Client({}),
};
const earlyWithHandler = {
  sageMaker: new SageMakerClient({ ...REAL_CONFIG, requestHandler: earlyHandler }),
  runtime: new SageMakerA2IRuntimeClient({ ...REAL_CONFIG, requestHandler: earlyHandler }),
  s3: new S3Client({ ...REAL_CONFIG, requestHandler: earlyHandler }),
};

type Clients = typeof early;

/** One call of each service, answered from the fake's state; returns what each client saw. */
async function exerciseAllThree(a2i: A2IFake, clients: Clients, loopName: string) {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: `fd-${loopName}` });
  const flows = await clients.sageMaker.send(new ListFlowDefinitionsCommand({}));
  await clients.runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: loopName,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify({ q: loopName }) },
    }),
  );
  const loops = await clients.runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
  a2i.workforce.submit(loopName, { answer: loopName });
  const described = await clients.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: loopName }));
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(described.HumanLoopOutput!.OutputS3Uri!)!;
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "a2i-output/" }));
  const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const document = JSON.parse(await object.Body!.transformToString()) as { humanAnswers: Array<{ answerContent: unknown }> };
  return {
    flowNames: flows.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName),
    loopNames: loops.HumanLoopSummaries?.map((l) => l.HumanLoopName),
    status: described.HumanLoopStatus,
    keys: listed.Contents?.map((c) => c.Key),
    answer: document.humanAnswers[0]?.answerContent,
    key,
  };
}

describe("install()", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("fakes clients of all three classes built before install(), with no Region and no credentials", async () => {
    const seen = await exerciseAllThree(a2i, early, "early-loop");
    expect(seen).toEqual({
      flowNames: ["fd-early-loop"],
      loopNames: ["early-loop"],
      status: "Completed",
      keys: [seen.key],
      answer: { answer: "early-loop" },
      key: expect.stringMatching(/^a2i-output\/fd-early-loop\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/early-loop\/output\.json$/),
    });
  });

  it("fakes clients built before install() even when they carry their own requestHandler", async () => {
    const seen = await exerciseAllThree(a2i, earlyWithHandler, "early-handler-loop");
    expect(seen.flowNames).toEqual(["fd-early-handler-loop"]);
    expect(seen.answer).toEqual({ answer: "early-handler-loop" });
    expect(earlyHandler.requests).toEqual([]);
  });

  it("fakes clients of all three classes built after install()", async () => {
    const late: Clients = {
      sageMaker: new SageMakerClient({}),
      runtime: new SageMakerA2IRuntimeClient({}),
      s3: new S3Client({}),
    };
    const seen = await exerciseAllThree(a2i, late, "late-loop");
    expect(seen.flowNames).toEqual(["fd-late-loop"]);
    expect(seen.loopNames).toEqual(["late-loop"]);
    expect(seen.status).toBe("Completed");
    expect(seen.answer).toEqual({ answer: "late-loop" });
  });

  it("puts its middleware at the innermost slot of the deserialize step, once per client", async () => {
    const client = new SageMakerClient({});
    expect(client.middlewareStack.identify()).not.toContain("a2iFakeTransport - deserialize");
    await client.send(new ListFlowDefinitionsCommand({}));
    await client.send(new ListFlowDefinitionsCommand({}));
    const stack = client.middlewareStack.identify();
    expect(stack.filter((m) => m.startsWith("a2iFakeTransport"))).toEqual(["a2iFakeTransport - deserialize"]);
    expect(stack.at(-1)).toBe("a2iFakeTransport - deserialize");
    expect(stack.indexOf("deserializerMiddleware - deserialize")).toBe(stack.length - 2);
  });

  it("is idempotent on the fake that is installed", async () => {
    expect(a2i.install()).toBe(a2i);
    a2i.seedFlowDefinition({ name: "still-faked" });
    const out = await new SageMakerClient({}).send(new ListFlowDefinitionsCommand({}));
    expect(out.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName)).toEqual(["still-faked"]);
  });

  it("refuses a second fake while one is installed, with an [a2i-fake] error that says what to do", async () => {
    const second = new A2IFake();
    expect(() => second.install()).toThrow(/^\[a2i-fake\] Another A2IFake is installed.*uninstall\(\).*import \{ a2i \} from "a2i-fake\/jest".*attach\(client\)/);
    // Under vitest (which sets VITEST in the environment), the hint names the vitest entry.
    process.env.VITEST = "true";
    try {
      expect(() => second.install()).toThrow(/or a2i-fake\/vitest\)\..*import \{ a2i \} from "a2i-fake\/vitest"/);
    } finally {
      delete process.env.VITEST;
    }
    // The refused fake changed nothing: the first one still answers.
    a2i.seedFlowDefinition({ name: "first-fake" });
    const out = await new SageMakerClient({}).send(new ListFlowDefinitionsCommand({}));
    expect(out.FlowDefinitionSummaries?.map((f) => f.FlowDefinitionName)).toEqual(["first-fake"]);
    // Its uninstall() is harmless to the installed fake.
    second.uninstall();
    expect((await new SageMakerClient({}).send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries).toHaveLength(1);
  });
});

describe("install() after another fake's uninstall()", () => {
  it("lets the next fake take over, with its own state", async () => {
    const first = new A2IFake().install();
    first.seedFlowDefinition({ name: "belongs-to-first" });
    const client = new SageMakerClient({});
    expect((await client.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries).toHaveLength(1);
    first.uninstall();

    const second = new A2IFake().install();
    try {
      const out = await client.send(new ListFlowDefinitionsCommand({}));
      expect(out.FlowDefinitionSummaries).toEqual([]);
    } finally {
      second.uninstall();
    }
  });
});
