/**
 * Textract AnalyzeDocument with HumanLoopConfig through the real clients (a2i-next-spec.md §1, decisions.md
 * "Built-in task types"): the declared result, activation, the loop's input, the reviewer's answer in output.json,
 * events, Stop/Delete, every error of §1.8, faults and maintenance mode.
 */
import {
  AnalyzeDocumentCommand,
  BadDocumentException,
  DetectDocumentTextCommand,
  HumanLoopQuotaExceededException,
  InvalidParameterException,
  TextractClient,
  ThrottlingException,
  type AnalyzeDocumentCommandInput,
} from "@aws-sdk/client-textract";
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { A2IFake, textractForm, type AnalyzeDocumentRequest } from "../../src/index.js";
import { installFake } from "../support/setup.js";

const SOURCE = "AWS/Textract/AnalyzeDocument/Forms/V1";
const keyCheck = (key: string, params: Record<string, unknown>) => ({
  ConditionType: "ImportantFormKeyConfidenceCheck",
  ConditionParameters: { ImportantFormKey: key, ...params },
});
const missing = (key: string) => ({ ConditionType: "MissingImportantFormKey", ConditionParameters: { ImportantFormKey: key } });
const sampling = (p: number) => ({ ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: p } });

const FORM = textractForm({
  "Name:": { value: "Jane Doe", keyConfidence: 98 },
  "Mail address:": { value: "12 Main St", keyConfidence: 55, wordConfidence: 80 },
});

/** The built-in task input and answer, as a parser of output.json reads them (camelCase blocks). */
interface CamelBlock {
  id: string;
  blockType: string;
  text?: string;
  entityTypes?: string[];
  relationships?: Array<{ type: string; ids: string[] }>;
}
interface TaskInput {
  aiServiceRequest: unknown;
  aiServiceResponse: { blocks: CamelBlock[]; documentMetadata: unknown };
  humanLoopContext: unknown;
  humanTaskActivationConditionResults: { Conditions: Array<{ EvaluationResult: boolean }> };
  selectedAiServiceResponse: { blocks: CamelBlock[] };
}
type FormAnswer = Record<string, { blocks: CamelBlock[] }>;

async function rejection(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error("expected the call to be rejected");
}

describe("Textract AnalyzeDocument", () => {
  const a2i = installFake();
  const textract = new TextractClient({});
  const runtime = new SageMakerA2IRuntimeClient({});
  const sm = new SageMakerClient({});
  let flowDefinitionArn: string;

  const analyze = (name: string | undefined, extra: Partial<AnalyzeDocumentCommandInput> = {}, arn = flowDefinitionArn) =>
    textract.send(
      new AnalyzeDocumentCommand({
        Document: { S3Object: { Bucket: "claims", Name: "claim-7.png" } },
        FeatureTypes: ["FORMS"],
        ...(name ? { HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: arn } } : {}),
        ...extra,
      }),
    );
  const seed = (conditions?: unknown[], options: Partial<Parameters<A2IFake["seedFlowDefinition"]>[0]> = {}) => {
    flowDefinitionArn = a2i.seedFlowDefinition({
      name: "form-review",
      requestSource: SOURCE,
      ...(conditions ? { activationConditions: { Conditions: conditions } } : {}),
      ...options,
    }).flowDefinitionArn;
  };

  describe("the model result", () => {
    it("answers the declared result without HumanLoopConfig, and the default document when none is declared", async () => {
      const plain = await analyze(undefined);
      expect(plain.Blocks?.map((b) => b.BlockType)).toEqual(["PAGE"]);
      expect(plain.DocumentMetadata).toEqual({ Pages: 1 });
      expect(plain.HumanLoopActivationOutput).toBeUndefined();
      a2i.aiResults.analyzeDocument(FORM);
      const out = await analyze(undefined);
      expect(out.Blocks).toEqual(FORM.Blocks);
      expect(out.Blocks?.filter((b) => b.BlockType === "KEY_VALUE_SET").map((b) => b.EntityTypes)).toEqual([["KEY"], ["VALUE"], ["KEY"], ["VALUE"]]);
    });

    it("computes the result from the request: S3Object, or Bytes as the Uint8Array sent", async () => {
      const seen: AnalyzeDocumentRequest["Document"][] = [];
      a2i.aiResults.analyzeDocument(({ Document }) => {
        seen.push(Document);
        return Document.S3Object ? FORM : undefined;
      });
      expect((await analyze(undefined)).Blocks).toHaveLength(FORM.Blocks!.length);
      expect((await analyze(undefined, { Document: { Bytes: new Uint8Array([1, 2, 3]) } })).Blocks).toHaveLength(1);
      expect(seen[0]).toEqual({ S3Object: { Bucket: "claims", Name: "claim-7.png" } });
      expect(seen[1]!.Bytes).toEqual(new Uint8Array([1, 2, 3]));
    });

    it("refuses other Textract operations with an [a2i-fake] error, never the network", async () => {
      const err = await rejection(textract.send(new DetectDocumentTextCommand({ Document: { Bytes: new Uint8Array([1]) } })));
      expect(err.message).toMatch(/^\[a2i-fake\] Textract operation DetectDocumentText is not served by a2i-fake.*AnalyzeDocument/);
    });
  });

  describe("activation", () => {
    beforeEach(() => a2i.aiResults.analyzeDocument(FORM));

    it("starts a loop when a condition holds: ARN, reasons, evaluation results; the result is the same", async () => {
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60, WordBlockConfidenceLessThan: 85 })]);
      const out = await analyze("doc-7");
      expect(out.Blocks).toEqual(FORM.Blocks);
      const activation = out.HumanLoopActivationOutput!;
      expect(activation.HumanLoopArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:human-loop/doc-7");
      expect(activation.HumanLoopActivationReasons).toEqual(["ConditionsEvaluation"]);
      expect(JSON.parse(String(activation.HumanLoopActivationConditionsEvaluationResults))).toEqual({
        Conditions: [
          {
            ConditionParameters: { ImportantFormKey: "Mail address:", KeyValueBlockConfidenceLessThan: 60, WordBlockConfidenceLessThan: 85 },
            ConditionType: "ImportantFormKeyConfidenceCheck",
            EvaluationResult: true,
          },
        ],
      });
      const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "doc-7" }));
      expect(loop).toMatchObject({ HumanLoopStatus: "InProgress", FlowDefinitionArn: flowDefinitionArn });
      expect(a2i.calls("AnalyzeDocument")[0]!.input.HumanLoopConfig?.HumanLoopName).toBe("doc-7");
    });

    it("starts none when no condition holds, and still reports the evaluation", async () => {
      seed([keyCheck("Name:", { KeyValueBlockConfidenceLessThan: 90 }), missing("Name:")]);
      const activation = (await analyze("doc-8")).HumanLoopActivationOutput!;
      expect(activation.HumanLoopArn).toBeUndefined();
      expect(activation.HumanLoopActivationReasons).toBeUndefined();
      const results = JSON.parse(String(activation.HumanLoopActivationConditionsEvaluationResults));
      expect(results.Conditions.map((c: { EvaluationResult: boolean }) => c.EvaluationResult)).toEqual([false, false]);
      expect(a2i.humanLoops()).toEqual([]);
    });

    it("gives the loop the built-in input: camelCase request and response, PascalCase results, selected pair", async () => {
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60 })]);
      await analyze("doc-7", { HumanLoopConfig: { HumanLoopName: "doc-7", FlowDefinitionArn: flowDefinitionArn, DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] } } });
      const input = a2i.workforce.tasks()[0]!.input as TaskInput;
      expect(Object.keys(input)).toEqual([
        "aiServiceRequest",
        "aiServiceResponse",
        "humanLoopContext",
        "humanTaskActivationConditionResults",
        "selectedAiServiceResponse",
      ]);
      expect(input.aiServiceRequest).toEqual({
        document: { s3Object: { bucket: "claims", name: "claim-7.png" } },
        featureTypes: ["FORMS"],
        humanLoopConfig: {
          dataAttributes: { contentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
          flowDefinitionArn,
          humanLoopName: "doc-7",
        },
      });
      expect(input.aiServiceResponse.blocks).toHaveLength(FORM.Blocks!.length);
      expect(input.aiServiceResponse.blocks[0]).toMatchObject({ blockType: "PAGE", geometry: { boundingBox: { left: 0 } } });
      expect(input.aiServiceResponse.documentMetadata).toEqual({ pages: 1 });
      expect(input.humanLoopContext).toEqual({ importantFormKeys: ["Mail address:"] });
      expect(input.humanTaskActivationConditionResults.Conditions[0]!.EvaluationResult).toBe(true);
      // The pair's KEY and VALUE and their WORDs, in document order.
      const selected = input.selectedAiServiceResponse.blocks;
      expect(selected.map((b) => b.text ?? b.entityTypes![0])).toEqual(["Mail", "address:", "12", "Main", "St", "KEY", "VALUE"]);
    });

    it("holds the input as its InputContent text, sharing nothing with the declared result or the caller's response", async () => {
      const form = textractForm({ "Name:": { value: "Jane Doe", keyConfidence: 98 }, "Mail address:": { value: "12 Main St", keyConfidence: 55 } });
      a2i.aiResults.analyzeDocument(form);
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60 })]);
      const some = await analyze("doc-some");
      seed(undefined, { name: "form-review-all" });
      const all = await analyze("doc-all");
      const before = a2i.workforce.tasks().map((t) => JSON.stringify(t.input));
      form.Blocks![0]!.Page = 9;
      some.Blocks![0]!.Page = 9;
      all.Blocks![0]!.Page = 9;
      for (const [i, task] of a2i.workforce.tasks().entries()) {
        expect(JSON.parse(task.inputContent)).toEqual(task.input);
        expect(JSON.stringify(task.input)).toBe(before[i]);
        expect(task.inputContent).toBe(before[i]);
      }
      const [someInput, allInput] = a2i.workforce.tasks().map((t) => t.input as TaskInput);
      expect(someInput!.selectedAiServiceResponse.blocks.length).toBeLessThan(allInput!.selectedAiServiceResponse.blocks.length);
      expect(allInput!.aiServiceResponse.blocks[0]).toMatchObject({ blockType: "PAGE", page: 1 });
      // The declared object changed between calls: the next loop sees the change, the earlier ones keep theirs.
      form.Blocks!.find((b) => b.Text === "Jane")!.Text = "John";
      await analyze("doc-after");
      const after = a2i.workforce.tasks().find((t) => t.humanLoopName === "doc-after")!;
      expect(JSON.parse(after.inputContent)).toEqual(after.input);
      const texts = (input: unknown) => (input as TaskInput).aiServiceResponse.blocks.map((b) => b.text);
      expect(texts(after.input)).toContain("John");
      expect((after.input as TaskInput).aiServiceResponse.blocks[0]).toMatchObject({ page: 9 });
      expect(texts(allInput)).toContain("Jane");
      expect(texts(allInput)).not.toContain("John");
    });

    it("starts every request without activation conditions, selecting every block; MissingImportantFormKey selects none", async () => {
      seed();
      const out = await analyze("doc-1");
      expect(out.HumanLoopActivationOutput).toEqual({
        HumanLoopArn: expect.stringContaining("human-loop/doc-1"),
        HumanLoopActivationReasons: ["ConditionsEvaluation"],
      });
      expect((a2i.workforce.tasks()[0]!.input as TaskInput).selectedAiServiceResponse.blocks).toHaveLength(FORM.Blocks!.length);
      a2i.reset();
      a2i.aiResults.analyzeDocument(FORM);
      seed([missing("Signature:")]);
      await analyze("doc-2");
      expect(a2i.workforce.tasks()[0]!.input).toMatchObject({ selectedAiServiceResponse: { blocks: [] }, humanLoopContext: { importantFormKeys: ["Signature:"] } });
    });

    it("samples deterministically per document under the seed, and a test can decide", async () => {
      seed([sampling(50)]);
      const decisions = async () => {
        const out: boolean[] = [];
        for (let i = 0; i < 12; i++) {
          const r = await analyze(`s-${i}`, { Document: { S3Object: { Bucket: "claims", Name: `doc-${i}.png` } } });
          out.push(r.HumanLoopActivationOutput?.HumanLoopArn !== undefined);
        }
        return out;
      };
      const first = await decisions();
      expect(first).toContain(true);
      expect(first).toContain(false);
      a2i.reset();
      seed([sampling(50)]);
      expect(await decisions()).toEqual(first);
      // A sampled document sends every block to reviewers.
      const sampled = first.indexOf(true);
      expect((a2i.workforce.tasks({ humanLoopName: `s-${sampled}` })[0]!.input as TaskInput).selectedAiServiceResponse.blocks).toHaveLength(1);
      a2i.reset();
      seed([sampling(0.01)]);
      a2i.aiResults.sampling(({ unit, percentage }) => (unit === "request" && percentage === 0.01 ? true : undefined));
      expect((await analyze("forced")).HumanLoopActivationOutput?.HumanLoopArn).toBeDefined();
    });
  });

  describe("the review", () => {
    beforeEach(() => a2i.aiResults.analyzeDocument(FORM));

    it("writes output.json with the request source, built-in inputContent and the confirming default answer", async () => {
      jest.useFakeTimers({ now: Date.UTC(2026, 10, 30, 9) });
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60 })]);
      a2i.workforce.autoRespond({});
      await analyze("doc-7");
      await jest.advanceTimersByTimeAsync(1000); // the auto-responder's worker takes 1 s of fake time
      jest.useRealTimers();
      const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "doc-7" }));
      expect(loop.HumanLoopStatus).toBe("Completed");
      const doc = a2i.output(loop.HumanLoopOutput!.OutputS3Uri!)!.document;
      expect(Object.keys(doc)).toEqual(["awsManagedHumanLoopRequestSource", "flowDefinitionArn", "humanAnswers", "humanLoopName", "inputContent"]);
      expect(doc.awsManagedHumanLoopRequestSource).toBe(SOURCE);
      expect(Object.keys(doc.inputContent as object)).toEqual([
        "aiServiceRequest",
        "aiServiceResponse",
        "humanTaskActivationConditionResults",
        "selectedAiServiceResponse",
      ]);
      const answer = doc.humanAnswers[0]!.answerContent as Record<string, { blocks: unknown[] }>;
      expect(answer[SOURCE]!.blocks).toEqual((doc.inputContent as TaskInput).selectedAiServiceResponse.blocks);
    });

    it("StartHumanLoop sent directly with a built-in flow definition starts a loop with the input sent", async () => {
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60 })]);
      await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "direct-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: '{"mine":1}' } }),
      );
      expect(a2i.humanLoop("direct-1")).toMatchObject({ humanLoopStatus: "InProgress", input: { mine: 1 } });
      a2i.workforce.submit("direct-1", { [SOURCE]: { blocks: [] } });
      const doc = a2i.outputs()[0]!.document;
      expect(doc.awsManagedHumanLoopRequestSource).toBe(SOURCE);
      expect(doc.inputContent).toEqual({ mine: 1 });
    });

    it("reviewForm edits a value and adds a missed key; events and Completed follow", async () => {
      seed([keyCheck("Mail address:", { KeyValueBlockConfidenceLessThan: 60 })]);
      await analyze("doc-7");
      a2i.workforce.reviewForm("doc-7", { "Mail address:": "12 Main Street", "Zip:": "02134" });
      const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "doc-7" }));
      expect(loop.HumanLoopStatus).toBe("Completed");
      expect(a2i.events.map((e) => [e.detail.humanLoopName, e.detail.humanLoopStatus])).toEqual([["doc-7", "Completed"]]);
      const blocks = (a2i.outputs()[0]!.document.humanAnswers[0]!.answerContent as FormAnswer)[SOURCE]!.blocks;
      const byId = (id: string) => blocks.find((b) => b.id === id)!;
      const related = (b: CamelBlock, type: string) => b.relationships?.find((r) => r.type === type)?.ids ?? [];
      const text = (b: CamelBlock) => related(b, "CHILD").map((id) => byId(id).text).join(" ");
      const pairs = blocks.filter((b) => b.entityTypes?.[0] === "KEY").map((k) => [text(k), text(byId(related(k, "VALUE")[0]!))]);
      expect(pairs).toEqual([["Mail address:", "12 Main Street"], ["Zip:", "02134"]]);
      expect(() => a2i.workforce.reviewModerationLabels("doc-7")).toThrow(/\[a2i-fake\]/);
    });

    it("stops, deletes, and withdraws built-in loops like any other", async () => {
      seed();
      await analyze("doc-1");
      await analyze("doc-2");
      const claim = a2i.workforce.accept("doc-2");
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "doc-1" }));
      await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "doc-1" }));
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "form-review" }));
      expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "form-review" }))).FlowDefinitionStatus).toBe("Deleting");
      claim.submit({ [SOURCE]: { blocks: [] } });
      expect(a2i.flowDefinitions()).toEqual([]);
      expect(a2i.outputs().map((o) => o.document.humanLoopName)).toEqual(["doc-2"]);
      expect(a2i.events.map((e) => e.detail.humanLoopStatus)).toEqual(["Stopped", "Stopped"]);
    });
  });

  describe("errors", () => {
    beforeEach(() => a2i.aiResults.analyzeDocument(FORM));

    it("a reused name: InvalidParameterException with AWS's wording, finished or not", async () => {
      seed();
      await analyze("doc-7");
      const inProgress = await rejection(analyze("doc-7"));
      expect(inProgress).toBeInstanceOf(InvalidParameterException);
      expect(inProgress.message).toContain("HumanLoop 'doc-7' already exists");
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "doc-7" }));
      const finished = await rejection(analyze("doc-7"));
      expect(finished).toBeInstanceOf(InvalidParameterException);
      expect(finished.$metadata.httpStatusCode).toBe(400);
      expect(finished.message).toBe(
        "HumanLoop 'doc-7' already exists and is finished. To start a new HumanLoop, you can try your request again with a different HumanLoopName.",
      );
    });

    it("a flow definition missing, not Active, of the other source, or custom; a bad name: InvalidParameterException", async () => {
      const expectInvalid = async (call: Promise<unknown>, text: string) => {
        const err = await rejection(call);
        expect(err).toBeInstanceOf(InvalidParameterException);
        expect(err.$metadata.httpStatusCode).toBe(400);
        expect(err.message).toMatch(/^Request has invalid parameters/);
        expect(err.message).toContain(text);
      };
      await expectInvalid(analyze("a", {}, "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/nope"), "does not exist in account 123456789012 and Region us-east-1");
      const rekognition = a2i.seedFlowDefinition({ name: "images", requestSource: "AWS/Rekognition/DetectModerationLabels/Image/V3" });
      await expectInvalid(analyze("b", {}, rekognition.flowDefinitionArn), "needs AWS/Textract/AnalyzeDocument/Forms/V1");
      const custom = a2i.seedFlowDefinition({ name: "custom" });
      await expectInvalid(analyze("c", {}, custom.flowDefinitionArn), "is a custom task type");
      seed();
      await expectInvalid(analyze("Doc-Upper"), "humanLoopConfig.humanLoopName");
      const other = new TextractClient({ region: "eu-west-1" });
      await expectInvalid(other.send(new AnalyzeDocumentCommand({ Document: { S3Object: { Bucket: "claims", Name: "n.png" } }, FeatureTypes: ["FORMS"], HumanLoopConfig: { HumanLoopName: "x", FlowDefinitionArn: flowDefinitionArn } })), "Region eu-west-1");
      expect(a2i.humanLoops()).toEqual([]);
    });

    it("a flow definition still Initializing: InvalidParameterException", async () => {
      const fake = new A2IFake({ timing: { flowDefinitionActivationMs: 60_000 } });
      const client = new TextractClient({});
      fake.attach(client);
      const { workteamArn, humanTaskUiArn } = fake.seedFlowDefinition({ name: "seed-only" });
      const sagemaker = new SageMakerClient({});
      fake.attach(sagemaker);
      const created = await sagemaker.send(
        new CreateFlowDefinitionCommand({
          FlowDefinitionName: "initializing",
          HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: SOURCE },
          HumanLoopConfig: { WorkteamArn: workteamArn, HumanTaskUiArn: humanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
          OutputConfig: { S3OutputPath: "s3://out/x" },
          RoleArn: "arn:aws:iam::123456789012:role/r",
        }),
      );
      const err = await rejection(client.send(new AnalyzeDocumentCommand({ Document: { S3Object: { Bucket: "claims", Name: "n.png" } }, FeatureTypes: ["FORMS"], HumanLoopConfig: { HumanLoopName: "x", FlowDefinitionArn: created.FlowDefinitionArn! } })));
      expect(err).toBeInstanceOf(InvalidParameterException);
      expect(err.message).toContain("is Initializing");
    });

    it("too many InProgress loops, StartHumanLoop's included: HumanLoopQuotaExceededException (402) with its members", async () => {
      const fake = new A2IFake({ quotas: { maxInProgressHumanLoops: 1 } });
      const client = new TextractClient({});
      const a2iRuntime = new SageMakerA2IRuntimeClient({});
      fake.attach(client);
      fake.attach(a2iRuntime);
      const custom = fake.seedFlowDefinition({ name: "custom" });
      const builtIn = fake.seedFlowDefinition({ name: "forms", requestSource: SOURCE });
      await a2iRuntime.send(new StartHumanLoopCommand({ HumanLoopName: "one", FlowDefinitionArn: custom.flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
      const err = (await rejection(client.send(new AnalyzeDocumentCommand({ Document: { S3Object: { Bucket: "claims", Name: "n.png" } }, FeatureTypes: ["FORMS"], HumanLoopConfig: { HumanLoopName: "two", FlowDefinitionArn: builtIn.flowDefinitionArn } })))) as HumanLoopQuotaExceededException;
      expect(err).toBeInstanceOf(HumanLoopQuotaExceededException);
      expect(err.$metadata.httpStatusCode).toBe(402);
      expect(err.message).toMatch(/^Indicates you have exceeded the maximum number of active human in the loop workflows available/);
      expect(err.ResourceType).toBe("HumanLoop");
      expect(err.ServiceCode).toBe("sagemaker");
      expect(err.QuotaCode).toBeDefined();
    });

    it("the public workforce without FreeOfPersonallyIdentifiableInformation: the loop starts, then Failed", async () => {
      seed(undefined, { workteamArn: "public" });
      expect((await analyze("doc-1")).HumanLoopActivationOutput?.HumanLoopArn).toBeDefined();
      const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "doc-1" }));
      expect(loop).toMatchObject({ HumanLoopStatus: "Failed", FailureCode: "ValidationError" });
      // A worker cannot take its task, and is told why the loop failed.
      expect(() => a2i.workforce.accept("doc-1")).toThrow(
        "[a2i-fake] HumanLoop 'doc-1' is Failed (ValidationError: Human loops that use the public workforce must declare the input data free of personally identifiable information",
      );
    });

    it("faults take Textract's own errors and statuses, only when the operation is named", async () => {
      seed();
      const once = new TextractClient({ maxAttempts: 1 });
      const call = () => once.send(new AnalyzeDocumentCommand({ Document: { S3Object: { Bucket: "claims", Name: "n.png" } }, FeatureTypes: ["FORMS"] }));
      a2i.faults.failNext("AnalyzeDocument", "BadDocumentException");
      const bad = await rejection(call());
      expect(bad).toBeInstanceOf(BadDocumentException);
      expect(bad.$metadata.httpStatusCode).toBe(400);
      a2i.faults.failNext("AnalyzeDocument", "ThrottlingException");
      // A server fault in Textract's model (its API reference: HTTP 500).
      expect((await rejection(call())).$metadata.httpStatusCode).toBe(500);
      a2i.faults.failNext("AnalyzeDocument", "HumanLoopQuotaExceededException");
      expect((await rejection(call())).$metadata.httpStatusCode).toBe(402);
      expect(() => a2i.faults.failNext("AnalyzeDocument", "ResourceInUse")).toThrow(
        /'ResourceInUse' is not an error AnalyzeDocument can be faulted with\. Valid: .*BadDocumentException.*UnsupportedDocumentException/,
      );
      // Textract's own errors are not SageMaker's: refused on StartHumanLoop.
      expect(() => a2i.faults.failNext("StartHumanLoop", "InvalidParameterException")).toThrow(/not an error StartHumanLoop can be faulted with/);
      // A "*" rule covers SageMaker and the A2I runtime only.
      const wide = a2i.faults.inject({ operation: "*", error: "InternalServerException", times: 1 });
      expect((await call()).Blocks).toEqual(FORM.Blocks);
      expect(wide.hits).toBe(0);
      const runtimeOnce = new SageMakerA2IRuntimeClient({ maxAttempts: 1 });
      await expect(runtimeOnce.send(new DescribeHumanLoopCommand({ HumanLoopName: "none" }))).rejects.toMatchObject({ name: "InternalServerException" });
    });

    it("faults work on AnalyzeDocument, and maintenance mode refuses every way of starting a loop while reads work", async () => {
      seed();
      a2i.faults.failNext("AnalyzeDocument", "ThrottlingException");
      const throttled = await rejection(new TextractClient({ maxAttempts: 1 }).send(new AnalyzeDocumentCommand({ Document: { S3Object: { Bucket: "claims", Name: "n.png" } }, FeatureTypes: ["FORMS"] })));
      expect(throttled).toBeInstanceOf(ThrottlingException);
      await analyze("before");
      const maintenance = a2i.faults.maintenanceMode();
      const refused = await rejection(analyze("after"));
      expect(refused).toBeInstanceOf(InvalidParameterException);
      expect(refused.message).toContain("not an existing Amazon A2I customer");
      expect((await analyze(undefined)).Blocks).toEqual(FORM.Blocks);
      const start = await rejection(runtime.send(new StartHumanLoopCommand({ HumanLoopName: "x", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } })));
      expect(start.name).toBe("ValidationException");
      expect(start.message).toContain("not an existing Amazon A2I customer");
      expect((await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "before" }))).HumanLoopStatus).toBe("InProgress");
      await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "before" }));
      maintenance.cancel();
      expect((await analyze("after")).HumanLoopActivationOutput?.HumanLoopArn).toBeDefined();
    });
  });
});
