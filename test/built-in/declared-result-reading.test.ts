/**
 * A declared model result read once per client (src/transport/answer-parts.ts): the outputs a faked Textract or
 * Rekognition client gives are the SDK's own reading of the whole answer, member order included, every call with
 * objects of its own, and a declared result the test changes is read again. Through the real clients; the
 * reference is a client whose serde is not swapped (a middleware of the user's right after the serializer).
 */
import { AnalyzeDocumentCommand, TextractClient } from "@aws-sdk/client-textract";
import { DetectModerationLabelsCommand, RekognitionClient } from "@aws-sdk/client-rekognition";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { moderationLabels, textractForm } from "../../src/index.js";
import { installFake } from "../support/setup.js";

const TEXTRACT = "AWS/Textract/AnalyzeDocument/Forms/V1";
const REKOGNITION = "AWS/Rekognition/DetectModerationLabels/Image/V3";
type Mw = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>;
const passThrough: Mw = (next) => (args) => next(args);

/** A client read the SDK's whole way: a middleware of the user's after the serializer keeps the serde as it is. */
function unswapped<C extends { middlewareStack: { add(mw: never, o: object): void } }>(client: C): C {
  client.middlewareStack.add(passThrough as never, { step: "serialize", name: "afterSerializer" });
  return client;
}

/** Key order too: JSON.stringify of the output without the parts that differ per call. */
const text = (output: object) => {
  const { $metadata: _m, HumanLoopActivationOutput: _h, ...rest } = output as Record<string, unknown>;
  return JSON.stringify(rest);
};

describe("a declared result read once per client", () => {
  const a2i = installFake();
  let textractFd: string;
  let rekognitionFd: string;
  beforeEach(() => {
    textractFd = a2i.seedFlowDefinition({ name: "forms", requestSource: TEXTRACT }).flowDefinitionArn;
    rekognitionFd = a2i.seedFlowDefinition({
      name: "moderation",
      requestSource: REKOGNITION,
      activationConditions: { Conditions: [{ ConditionType: "ModerationLabelConfidenceCheck", ConditionParameters: { ModerationLabelName: "*", ConfidenceLessThan: 90 } }] },
    }).flowDefinitionArn;
  });

  const analyze = (client: TextractClient, name: string) =>
    client.send(
      new AnalyzeDocumentCommand({
        Document: { S3Object: { Bucket: "claims", Name: "claim.png" } },
        FeatureTypes: ["FORMS"],
        HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: textractFd },
      }),
    );

  it("AnalyzeDocument: the same output as the SDK's whole reading, member order included, call after call", async () => {
    a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe", "Policy number:": { value: "P-1234", keyConfidence: 55 } }));
    const fast = new TextractClient({ region: "us-east-1" });
    const whole = unswapped(new TextractClient({ region: "us-east-1" }));
    const reference = await analyze(whole, "ref");
    const outputs = [await analyze(fast, "a"), await analyze(fast, "b"), await analyze(fast, "c")];
    for (const [i, output] of outputs.entries()) {
      expect(text(output)).toBe(text(reference));
      expect(output).toEqual({ ...reference, $metadata: expect.anything(), HumanLoopActivationOutput: expect.anything() });
      expect(Object.keys(output)).toEqual(Object.keys(reference));
      expect(output.HumanLoopActivationOutput?.HumanLoopArn).toMatch(new RegExp(`human-loop/${"abc"[i]}$`));
      expect(output.HumanLoopActivationOutput?.HumanLoopActivationReasons).toEqual(["ConditionsEvaluation"]);
    }
    expect(outputs[0]!.Blocks!.length).toBeGreaterThan(5);
  });

  it("every call's output is its own: changing one changes no later one", async () => {
    a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe" }));
    const client = new TextractClient({ region: "us-east-1" });
    const first = await analyze(client, "a");
    const second = await analyze(client, "b");
    expect(second.Blocks).not.toBe(first.Blocks);
    expect(second.Blocks![0]).not.toBe(first.Blocks![0]);
    const word = first.Blocks!.find((b) => b.BlockType === "WORD")!;
    word.Text = "changed";
    word.Geometry!.BoundingBox!.Left = -1;
    first.Blocks!.pop();
    const third = await analyze(client, "c");
    expect(text(third)).toBe(text(second));
    expect(third.Blocks!.some((b) => b.Text === "changed")).toBe(false);
  });

  it("a declared result the test changes between calls is read again", async () => {
    const form = textractForm({ "Name:": "Jane Doe" });
    a2i.aiResults.analyzeDocument(form);
    const client = new TextractClient({ region: "us-east-1" });
    await analyze(client, "a");
    const line = form.Blocks!.find((b) => b.BlockType === "LINE")!;
    line.Text = "Name: John Roe";
    const after = await analyze(client, "b");
    expect(after.Blocks!.find((b) => b.BlockType === "LINE")!.Text).toBe("Name: John Roe");
    a2i.aiResults.analyzeDocument(textractForm({ "Policy number:": "P-9" }));
    const other = await analyze(client, "c");
    expect(other.Blocks!.some((b) => b.Text === "P-9")).toBe(true);
    expect(other.Blocks!.some((b) => b.Text === "Jane")).toBe(false);
  });

  it("DetectModerationLabels: the SDK's whole reading, with and without a loop", async () => {
    a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 95 }, { name: "Suggestive", confidence: 60 }]));
    const fast = new RekognitionClient({ region: "us-east-1" });
    const whole = unswapped(new RekognitionClient({ region: "us-east-1" }));
    const detect = (client: RekognitionClient, name: string, MinConfidence?: number) =>
      client.send(
        new DetectModerationLabelsCommand({
          Image: { S3Object: { Bucket: "uploads", Name: "photo.jpg" } },
          MinConfidence,
          HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: rekognitionFd },
        }),
      );
    for (const min of [undefined, 70]) {
      const reference = await detect(whole, `ref-${min}`, min);
      const output = await detect(fast, `fast-${min}`, min);
      expect(text(output)).toBe(text(reference));
      expect(String(output.HumanLoopActivationOutput?.HumanLoopActivationConditionsEvaluationResults)).toBe(
        String(reference.HumanLoopActivationOutput?.HumanLoopActivationConditionsEvaluationResults),
      );
      expect(Boolean(output.HumanLoopActivationOutput?.HumanLoopArn)).toBe(min === undefined);
    }
  });

  it("a middleware of the user's inside the deserializer sees the whole answer body", async () => {
    a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe" }));
    const client = new TextractClient({ region: "us-east-1" });
    const bodies: string[] = [];
    const seeBody: Mw = (next) => async (args) => {
      const result = (await next(args)) as { response: { body: Uint8Array } };
      bodies.push(new TextDecoder().decode(result.response.body));
      return result;
    };
    await analyze(client, "a");
    client.middlewareStack.addRelativeTo(seeBody as never, { relation: "after", toMiddleware: "deserializerMiddleware", name: "seeBody" });
    const output = await analyze(client, "b");
    expect(bodies).toHaveLength(1);
    const body = JSON.parse(bodies[0]!) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["DocumentMetadata", "Blocks", "AnalyzeDocumentModelVersion", "HumanLoopActivationOutput"]);
    expect((body.Blocks as unknown[]).length).toBe(output.Blocks!.length);
    expect((body.HumanLoopActivationOutput as { HumanLoopArn: string }).HumanLoopArn).toBe(output.HumanLoopActivationOutput!.HumanLoopArn);
  });

  it("every faked client's config view is a fast-mode object, not only the first one's", async () => {
    setFlagsFromString("--allow-natives-syntax");
    const hasFastProperties = runInNewContext("(o) => %HasFastProperties(o)") as (o: object) => boolean;
    a2i.aiResults.analyzeDocument(textractForm({ "Name:": "Jane Doe" }));
    const clients = [new TextractClient({ region: "us-east-1" }), new TextractClient({ region: "us-east-1" }), new RekognitionClient({ region: "us-east-1" })];
    await analyze(clients[0] as TextractClient, "a");
    await analyze(clients[1] as TextractClient, "b");
    await (clients[2] as RekognitionClient).send(new DetectModerationLabelsCommand({ Image: { S3Object: { Bucket: "uploads", Name: "k.jpg" } } }));
    for (const client of clients) expect(hasFastProperties(client.config)).toBe(true);
  });
});
