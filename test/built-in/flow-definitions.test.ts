/**
 * The flow definition of a built-in task type through the real SageMaker client (a2i-next-spec.md §1.4–§1.5,
 * decisions.md "Activation-conditions validation"): request source and activation conditions accepted, checked,
 * stored and described; seedFlowDefinition takes them too.
 */
import { CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { installFake } from "../support/setup.js";
import { createReviewResources, flowDefinitionInput, validationMessage, type ReviewResources } from "../sagemaker/support.js";

const TEXTRACT = "AWS/Textract/AnalyzeDocument/Forms/V1";
const REKOGNITION = "AWS/Rekognition/DetectModerationLabels/Image/V3";

/** Textract Example 1 of DG:a2i-json-humantaskactivationconditions-textract-example. */
const EXAMPLE_1 = {
  Conditions: [
    {
      ConditionType: "ImportantFormKeyConfidenceCheck",
      ConditionParameters: {
        ImportantFormKey: "Mail address",
        ImportantFormKeyAliases: ["Mail Address:", "Mail address:", "Mailing Add:", "Mailing Addresses"],
        KeyValueBlockConfidenceLessThan: 60,
        WordBlockConfidenceLessThan: 85,
      },
    },
  ],
};

describe("flow definitions of built-in task types", () => {
  const a2i = installFake();
  const sm = new SageMakerClient({});
  let refs: ReviewResources;
  beforeEach(async () => {
    refs = await createReviewResources(sm);
  });

  const builtIn = (source: string, conditions?: string) =>
    flowDefinitionInput("form-review", refs, {
      HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: source as typeof TEXTRACT },
      ...(conditions === undefined
        ? {}
        : { HumanLoopActivationConfig: { HumanLoopActivationConditionsConfig: { HumanLoopActivationConditions: conditions } } }),
    });

  it("stores the request source and conditions, and DescribeFlowDefinition returns them", async () => {
    const text = JSON.stringify(EXAMPLE_1);
    await sm.send(new CreateFlowDefinitionCommand(builtIn(TEXTRACT, text)));
    const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "form-review" }));
    expect(fd.HumanLoopRequestSource).toEqual({ AwsManagedHumanLoopRequestSource: TEXTRACT });
    expect(JSON.parse(String(fd.HumanLoopActivationConfig?.HumanLoopActivationConditionsConfig?.HumanLoopActivationConditions))).toEqual(EXAMPLE_1);
  });

  it("accepts a built-in flow definition without activation conditions", async () => {
    await sm.send(new CreateFlowDefinitionCommand(builtIn(REKOGNITION)));
    const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "form-review" }));
    expect(fd.HumanLoopActivationConfig).toBeUndefined();
  });

  it("refuses conditions that are not JSON, of the other source, nested three deep, or with a bad percentage", async () => {
    const refused = async (source: string, conditions: string) => validationMessage(sm.send(new CreateFlowDefinitionCommand(builtIn(source, conditions))));
    expect(await refused(TEXTRACT, '{"Conditions": [}')).toMatch(/^Invalid HumanLoopActivationConditions: the value is not valid JSON/);
    expect(await refused(REKOGNITION, JSON.stringify(EXAMPLE_1))).toContain(
      `"ImportantFormKeyConfidenceCheck" is not a condition type of ${REKOGNITION}; allowed: ModerationLabelConfidenceCheck, Sampling.`,
    );
    const s = { ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: 5 } };
    expect(await refused(TEXTRACT, JSON.stringify({ Conditions: [{ And: [{ Or: [{ And: [s, s] }, s] }, s] }] }))).toContain("more than 2 levels");
    expect(await refused(TEXTRACT, JSON.stringify({ Conditions: [{ ...s, ConditionParameters: { RandomSamplingPercentage: 0 } }] }))).toContain(
      "from 0.01 to 100",
    );
    expect(a2i.flowDefinitions()).toEqual([]);
  });

  it("seedFlowDefinition takes a request source and conditions (text or object), checked the same way", async () => {
    a2i.seedFlowDefinition({ name: "seeded", requestSource: REKOGNITION, activationConditions: { Conditions: [] } });
    const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "seeded" }));
    expect(fd.FlowDefinitionStatus).toBe("Active");
    expect(fd.HumanLoopRequestSource?.AwsManagedHumanLoopRequestSource).toBe(REKOGNITION);
    expect(() => a2i.seedFlowDefinition({ name: "bad", requestSource: REKOGNITION, activationConditions: "{" })).toThrow(/not valid JSON/);
  });
});
