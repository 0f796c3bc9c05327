/**
 * Rekognition DetectModerationLabels with HumanLoopConfig through the real clients (a2i-next-spec.md §1,
 * decisions.md "Built-in task types"), the moderation label builder, Sampling inside And, the reviewer's selected
 * labels in output.json, and clients left alone with `fakeAiServices: false`.
 */
import {
  DetectLabelsCommand,
  DetectModerationLabelsCommand,
  HumanLoopQuotaExceededException,
  ImageTooLargeException,
  InvalidParameterException,
  ThrottlingException,
  RekognitionClient,
  type DetectModerationLabelsCommandInput,
} from "@aws-sdk/client-rekognition";
import { AnalyzeDocumentCommand, TextractClient } from "@aws-sdk/client-textract";
import { A2IFake, moderationLabels } from "../../src/index.js";
import { installFake } from "../support/setup.js";

const SOURCE = "AWS/Rekognition/DetectModerationLabels/Image/V3";
const labelCheck = (name: string, params: Record<string, unknown>) => ({
  ConditionType: "ModerationLabelConfidenceCheck",
  ConditionParameters: { ModerationLabelName: name, ...params },
});

interface Selected {
  moderationLabels: Array<{ name: string; confidence: number; parentName: string }>;
  moderationModelVersion: string;
}

async function rejection(call: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error("expected the call to be rejected");
}

describe("Rekognition DetectModerationLabels", () => {
  const a2i = installFake();
  const rekognition = new RekognitionClient({});
  let flowDefinitionArn: string;

  const detect = (name: string | undefined, extra: Partial<DetectModerationLabelsCommandInput> = {}) =>
    rekognition.send(
      new DetectModerationLabelsCommand({
        Image: { S3Object: { Bucket: "uploads", Name: "img-3.jpg" } },
        ...(name ? { HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn } } : {}),
        ...extra,
      }),
    );
  const seed = (conditions?: unknown[]) => {
    flowDefinitionArn = a2i.seedFlowDefinition({
      name: "moderation",
      requestSource: SOURCE,
      ...(conditions ? { activationConditions: { Conditions: conditions } } : {}),
    }).flowDefinitionArn;
  };

  it("builds labels with parents from the v7 taxonomy, and answers them above MinConfidence (default 50)", async () => {
    const result = moderationLabels([{ name: "Weapons", confidence: 87.5 }, { name: "Smoking", confidence: 40 }, { name: "Suggestive", confidence: 96.71 }]);
    expect(result.ModerationLabels).toEqual([
      { Name: "Weapons", ParentName: "Violence", Confidence: 87.5, TaxonomyLevel: 2 },
      { Name: "Violence", ParentName: "", Confidence: 87.5, TaxonomyLevel: 1 },
      { Name: "Smoking", ParentName: "Drugs & Tobacco Paraphernalia & Use", Confidence: 40, TaxonomyLevel: 3 },
      { Name: "Drugs & Tobacco Paraphernalia & Use", ParentName: "Drugs & Tobacco", Confidence: 40, TaxonomyLevel: 2 },
      { Name: "Drugs & Tobacco", ParentName: "", Confidence: 40, TaxonomyLevel: 1 },
      { Name: "Suggestive", ParentName: "", Confidence: 96.71, TaxonomyLevel: 1 },
    ]);
    expect((await detect(undefined)).ModerationLabels).toEqual([]);
    a2i.aiResults.detectModerationLabels(result);
    const out = await detect(undefined);
    expect(out.ModerationLabels?.map((l) => l.Name)).toEqual(["Weapons", "Violence", "Suggestive"]);
    expect(out.ModerationModelVersion).toBe("7.0");
    expect(out.HumanLoopActivationOutput).toBeUndefined();
    expect((await detect(undefined, { MinConfidence: 30 })).ModerationLabels).toHaveLength(6);
  });

  it("starts a loop for a label over a threshold; selects only that label; the reviewer's choice lands in output.json", async () => {
    a2i.aiResults.detectModerationLabels(moderationLabels([{ name: "Weapons", confidence: 87.5 }, { name: "Suggestive", confidence: 60 }]));
    seed([labelCheck("Weapons", { ConfidenceGreaterThan: 80 }), labelCheck("Suggestive", { ConfidenceLessThan: 50 })]);
    const activation = (await detect("img-3")).HumanLoopActivationOutput!;
    expect(activation.HumanLoopArn).toMatch(/human-loop\/img-3$/);
    const results = JSON.parse(String(activation.HumanLoopActivationConditionsEvaluationResults)) as { Conditions: Array<{ EvaluationResult: boolean }> };
    expect(results.Conditions.map((c) => c.EvaluationResult)).toEqual([true, false]);
    const input = a2i.workforce.tasks()[0]!.input as { aiServiceRequest: unknown; selectedAiServiceResponse: Selected; humanLoopContext?: unknown };
    expect(input.aiServiceRequest).toEqual({
      humanLoopConfig: { flowDefinitionArn, humanLoopName: "img-3" },
      image: { s3Object: { bucket: "uploads", name: "img-3.jpg" } },
    });
    expect(input.humanLoopContext).toBeUndefined();
    expect(input.selectedAiServiceResponse).toEqual({
      moderationLabels: [{ confidence: 87.5, name: "Weapons", parentName: "Violence", taxonomyLevel: 2 }],
      moderationModelVersion: "7.0",
    });
    a2i.workforce.reviewModerationLabels("img-3", ["Weapons", "Graphic Violence"]);
    const doc = a2i.outputs()[0]!.document;
    expect(doc.awsManagedHumanLoopRequestSource).toBe(SOURCE);
    expect(doc.humanAnswers[0]!.answerContent).toEqual({
      [SOURCE]: { moderationLabels: [{ name: "Weapons", parentName: "Violence" }, { name: "Graphic Violence", parentName: "Violence" }] },
    });
  });

  it("confirms the selected labels by default, and [] is 'no content'", async () => {
    a2i.aiResults.detectModerationLabels(moderationLabels(["Alcohol"], { withParents: false }));
    seed([labelCheck("*", { ConfidenceGreaterThanEquals: 99 })]);
    await detect("a");
    await detect("b", { Image: { S3Object: { Bucket: "uploads", Name: "other.jpg" } } });
    a2i.workforce.reviewModerationLabels("a");
    a2i.workforce.reviewModerationLabels("b", []);
    expect(a2i.outputs().map((o) => o.document.humanAnswers[0]!.answerContent)).toEqual([
      { [SOURCE]: { moderationLabels: [{ name: "Alcohol", parentName: "" }] } },
      { [SOURCE]: { moderationLabels: [] } },
    ]);
  });

  it("Sampling inside And samples the labels that met the check, deterministically", async () => {
    a2i.aiResults.detectModerationLabels(moderationLabels(["Weapons", "Smoking", "Gambling", "Alcohol", "Middle Finger"], { withParents: false }));
    seed([{ And: [labelCheck("*", { ConfidenceGreaterThan: 50 }), { ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: 50 } }] }]);
    const units: string[] = [];
    a2i.aiResults.sampling(({ unit }) => {
      units.push(unit);
      return unit === "inference:1" || unit === "inference:3";
    });
    await detect("s-1");
    expect(units).toEqual(["inference:0", "inference:1", "inference:2", "inference:3", "inference:4"]);
    const selected = (a2i.workforce.tasks()[0]!.input as { selectedAiServiceResponse: Selected }).selectedAiServiceResponse;
    expect(selected.moderationLabels.map((l) => l.name)).toEqual(["Smoking", "Alcohol"]);
  });

  it("answers the built-in errors as Rekognition's own classes", async () => {
    a2i.aiResults.detectModerationLabels(moderationLabels(["Weapons"]));
    const textractFd = a2i.seedFlowDefinition({ name: "forms", requestSource: "AWS/Textract/AnalyzeDocument/Forms/V1" });
    const wrong = await rejection(rekognition.send(new DetectModerationLabelsCommand({ Image: { Bytes: new Uint8Array([1]) }, HumanLoopConfig: { HumanLoopName: "x", FlowDefinitionArn: textractFd.flowDefinitionArn } })));
    expect(wrong).toBeInstanceOf(InvalidParameterException);
    expect(wrong.message).toContain(`needs ${SOURCE}`);
    const fake = new A2IFake({ quotas: { maxInProgressHumanLoops: 1 } });
    const client = new RekognitionClient({});
    fake.attach(client);
    const fd = fake.seedFlowDefinition({ name: "m", requestSource: SOURCE });
    const send = (name: string) => client.send(new DetectModerationLabelsCommand({ Image: { Bytes: new Uint8Array([1]) }, HumanLoopConfig: { HumanLoopName: name, FlowDefinitionArn: fd.flowDefinitionArn } }));
    await send("one");
    const quota = (await rejection(send("two"))) as HumanLoopQuotaExceededException;
    expect(quota).toBeInstanceOf(HumanLoopQuotaExceededException);
    expect(quota.$metadata.httpStatusCode).toBe(402);
    expect(quota.message).toMatch(/^The number of in-progress human reviews you have has exceeded the number allowed/);
    expect(quota.ResourceType).toBe("HumanLoop");
    seed();
    a2i.faults.maintenanceMode();
    expect(await rejection(detect("m-1"))).toBeInstanceOf(InvalidParameterException);
    expect((await detect(undefined)).ModerationLabels?.length).toBeGreaterThan(0);
    const other = await rejection(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: new Uint8Array([1]) } })));
    expect(other.message).toMatch(/^\[a2i-fake\] Rekognition operation DetectLabels is not served by a2i-fake/);
  });

  it("records the calls, and faults work on DetectModerationLabels", async () => {
    a2i.faults.failNext("DetectModerationLabels", "InvalidParameterException");
    expect(await rejection(detect(undefined))).toBeInstanceOf(InvalidParameterException);
    await detect(undefined, { MinConfidence: 70 });
    expect(a2i.calls("DetectModerationLabels").map((c) => c.input.MinConfidence)).toEqual([undefined, 70]);
  });

  it("faults take Rekognition's own errors and statuses, only when the operation is named", async () => {
    const once = new RekognitionClient({ maxAttempts: 1 });
    a2i.faults.failNext("DetectModerationLabels", "ImageTooLargeException");
    const tooLarge = await rejection(once.send(new DetectModerationLabelsCommand({ Image: { S3Object: { Bucket: "uploads", Name: "big.jpg" } } })));
    expect(tooLarge).toBeInstanceOf(ImageTooLargeException);
    expect(tooLarge.$metadata.httpStatusCode).toBe(400);
    a2i.faults.failNext("DetectModerationLabels", "ThrottlingException");
    const throttled = await rejection(once.send(new DetectModerationLabelsCommand({ Image: { S3Object: { Bucket: "uploads", Name: "p.jpg" } } })));
    expect(throttled).toBeInstanceOf(ThrottlingException);
    // A server fault in Rekognition's model (its API reference: HTTP 500).
    expect(throttled.$metadata.httpStatusCode).toBe(500);
    // Errors of the other services are refused, naming Rekognition's.
    expect(() => a2i.faults.failNext("DetectModerationLabels", "ValidationException")).toThrow(
      /'ValidationException' is not an error DetectModerationLabels can be faulted with\. Valid: ThrottlingException, .*ImageTooLargeException.*ResourceNotReadyException\.$/,
    );
    // A "*" rule leaves it alone.
    const wide = a2i.faults.inject({ operation: "*", error: "InternalFailure", times: 5 });
    expect((await detect(undefined)).$metadata.httpStatusCode).toBe(200);
    expect(wide.hits).toBe(0);
  });
});

describe("fakeAiServices: false", () => {
  it("leaves TextractClient and RekognitionClient alone (their requests go on down the stack)", async () => {
    const a2i = new A2IFake({ fakeAiServices: false }).install();
    try {
      // A closed loopback port: the request reaches the client's own HTTP handler and fails there, not in the fake.
      const textract = new TextractClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", maxAttempts: 1, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
      const err = await rejection(textract.send(new AnalyzeDocumentCommand({ Document: { Bytes: new Uint8Array([1]) }, FeatureTypes: ["FORMS"] })));
      expect(err.message).not.toContain("[a2i-fake]");
      expect(String((err as { code?: string }).code ?? err.message)).toMatch(/ECONNREFUSED/);
      expect(a2i.calls()).toEqual([]);
      expect(() => a2i.attach(new RekognitionClient({}))).toThrow(/\[a2i-fake\] attach\(\) takes/);
    } finally {
      a2i.uninstall();
    }
  });
});
