import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DeleteHumanTaskUiCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ResourceInUse,
  ResourceNotFound,
  SageMakerClient,
  SageMakerServiceException,
} from "@aws-sdk/client-sagemaker";
import {
  DescribeHumanLoopCommand,
  ListHumanLoopsCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import {
  PUBLIC_WORKFORCE_ARN,
  ROLE_ARN,
  createReviewResources,
  flowDefinitionInput,
  rejectionOf,
  validationMessage,
  type ReviewResources,
} from "./support.js";

const T0 = new Date("2024-05-06T07:08:09.123Z");
const ARN = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/invoice-review";

describe("flow definitions", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  let refs: ReviewResources;

  const describeFd = (name = "invoice-review") => sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }));
  const create = (name = "invoice-review", overrides = {}) =>
    sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput(name, refs, overrides)));
  const listNames = async () =>
    ((await sm.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries ?? []).map((s) => s.FlowDefinitionName);

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(async () => {
    jest.useFakeTimers({ now: T0 });
    refs = await createReviewResources(sm);
  });
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  describe("create and activation", () => {
    it("returns the flow definition ARN, and the flow definition starts Initializing", async () => {
      const out = await create();
      expect(out.FlowDefinitionArn).toBe(ARN);
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect((await describeFd()).FlowDefinitionStatus).toBe("Initializing");
    });

    it("becomes Active after timing.flowDefinitionActivationMs (2000 ms by default), not before", async () => {
      await create();
      jest.advanceTimersByTime(1999);
      expect((await describeFd()).FlowDefinitionStatus).toBe("Initializing");
      const listed = await sm.send(new ListFlowDefinitionsCommand({}));
      expect(listed.FlowDefinitionSummaries?.[0]?.FlowDefinitionStatus).toBe("Initializing");

      jest.advanceTimersByTime(1);
      expect((await describeFd()).FlowDefinitionStatus).toBe("Active");
      const relisted = await sm.send(new ListFlowDefinitionsCommand({}));
      expect(relisted.FlowDefinitionSummaries?.[0]?.FlowDefinitionStatus).toBe("Active");
    });

    it("is Active even when the test reads it long after the timer was due", async () => {
      await create();
      jest.advanceTimersByTime(60 * 60 * 1000);
      const d = await describeFd();
      expect(d.FlowDefinitionStatus).toBe("Active");
      expect(d.CreationTime).toEqual(T0);
    });
  });

  describe("DescribeFlowDefinition", () => {
    it("echoes what was created, with the ARN and a CreationTime equal to the fake clock", async () => {
      const input = flowDefinitionInput("invoice-review", refs, {
        OutputConfig: { S3OutputPath: "s3://invoice-review-output/a2i/", KmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abcd-1234" },
        HumanLoopConfig: {
          WorkteamArn: refs.workteamArn,
          HumanTaskUiArn: refs.humanTaskUiArn,
          TaskTitle: "Check the invoice total",
          TaskDescription: "Read the invoice and type its total",
          TaskCount: 3,
          TaskTimeLimitInSeconds: 600,
          TaskAvailabilityLifetimeInSeconds: 7200,
          TaskKeywords: ["Invoices", "Data entry"],
        },
        Tags: [{ Key: "team", Value: "finance" }],
      });
      await sm.send(new CreateFlowDefinitionCommand(input));
      jest.advanceTimersByTime(2000);

      const { $metadata, ...described } = await describeFd();
      expect($metadata.httpStatusCode).toBe(200);
      // Exactly these members: no Tags (DescribeFlowDefinition has none), no FailureReason unless Failed.
      expect(described).toEqual({
        FlowDefinitionArn: ARN,
        FlowDefinitionName: "invoice-review",
        FlowDefinitionStatus: "Active",
        CreationTime: T0,
        OutputConfig: input.OutputConfig,
        RoleArn: ROLE_ARN,
        HumanLoopConfig: input.HumanLoopConfig,
      });
      expect(described.CreationTime).toBeInstanceOf(Date);
      expect(described.CreationTime?.getTime()).toBe(T0.getTime());
    });

    it("reports the creation time of the moment CreateFlowDefinition ran", async () => {
      jest.advanceTimersByTime(90_000);
      await create();
      expect((await describeFd()).CreationTime).toEqual(new Date(T0.getTime() + 90_000));
    });

    it("round-trips HumanLoopActivationConditions as the same JSON string (built-in task types)", async () => {
      const conditions = {
        Conditions: [
          {
            Or: [
              { ConditionType: "ImportantFormKeyConfidenceCheck", ConditionParameters: { ImportantFormKey: "Total", KeyValueBlockConfidenceLessThan: 90 } },
              { ConditionType: "Sampling", ConditionParameters: { RandomSamplingPercentage: 5 } },
            ],
          },
        ],
      };
      const text = JSON.stringify(conditions);
      await create("textract-review", {
        HumanLoopRequestSource: { AwsManagedHumanLoopRequestSource: "AWS/Textract/AnalyzeDocument/Forms/V1" },
        HumanLoopActivationConfig: { HumanLoopActivationConditionsConfig: { HumanLoopActivationConditions: text } },
      });

      const d = await describeFd("textract-review");
      expect(d.HumanLoopRequestSource).toEqual({ AwsManagedHumanLoopRequestSource: "AWS/Textract/AnalyzeDocument/Forms/V1" });
      // The SDK hands back a jsonvalue member as a string-like object: compare its text and its JSON.
      const echoed = d.HumanLoopActivationConfig?.HumanLoopActivationConditionsConfig?.HumanLoopActivationConditions;
      expect(String(echoed)).toBe(text);
      expect(JSON.parse(String(echoed))).toEqual(conditions);
    });

    it("answers ResourceNotFound (HTTP 400) for a name that was never created", async () => {
      const err = await rejectionOf(describeFd("never-created"));
      expect(err).toBeInstanceOf(ResourceNotFound);
      expect(err.name).toBe("ResourceNotFound");
      expect(err.$fault).toBe("client");
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(err.message).toContain("never-created");
    });
  });

  describe("duplicate names", () => {
    it("is ResourceInUse (HTTP 400) while the first one is Initializing", async () => {
      await create();
      const err = await rejectionOf(create());
      expect(err).toBeInstanceOf(ResourceInUse);
      expect(err.name).toBe("ResourceInUse");
      expect(err.$fault).toBe("client");
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(err.message).toContain("invoice-review");
    });

    it("is ResourceInUse while the first one is Active, and the first one is unchanged", async () => {
      await create();
      jest.advanceTimersByTime(2000);
      await expect(create("invoice-review", { RoleArn: "arn:aws:iam::123456789012:role/other-role" })).rejects.toBeInstanceOf(
        ResourceInUse,
      );
      const d = await describeFd();
      expect(d.RoleArn).toBe(ROLE_ARN);
      expect(d.CreationTime).toEqual(T0);
      expect(await listNames()).toEqual(["invoice-review"]);
    });
  });

  describe("DeleteFlowDefinition", () => {
    it("is ResourceInUse while the flow definition is Initializing, and deletes it once Active", async () => {
      await create();
      const err = await rejectionOf(sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" })));
      expect(err).toBeInstanceOf(ResourceInUse);
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect((await describeFd()).FlowDefinitionStatus).toBe("Initializing");

      jest.advanceTimersByTime(2000);
      const out = await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
    });

    it("with no human loops: gone at once (ResourceNotFound on Describe and Delete, not listed), name reusable", async () => {
      await create();
      await create("other-review");
      jest.advanceTimersByTime(2000);
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));

      await expect(describeFd()).rejects.toBeInstanceOf(ResourceNotFound);
      const again = await rejectionOf(sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" })));
      expect(again).toBeInstanceOf(ResourceNotFound);
      expect(again.$metadata.httpStatusCode).toBe(400);
      expect(await listNames()).toEqual(["other-review"]);

      jest.advanceTimersByTime(5000);
      const recreated = await create();
      expect(recreated.FlowDefinitionArn).toBe(ARN);
      const d = await describeFd();
      expect(d.FlowDefinitionStatus).toBe("Initializing");
      expect(d.CreationTime).toEqual(new Date(T0.getTime() + 7000));
    });

    it("stops and deletes loops no worker has started, and is gone at once", async () => {
      const runtime = new SageMakerA2IRuntimeClient({});
      await create();
      jest.advanceTimersByTime(2000);
      await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: "invoice-1",
          FlowDefinitionArn: ARN,
          HumanLoopInput: { InputContent: JSON.stringify({ invoice: "s3://bucket/invoice-1.pdf" }) },
        }),
      );
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));

      await expect(describeFd()).rejects.toBeInstanceOf(ResourceNotFound);
      await expect(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "invoice-1" }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    });

    it("stays Deleting while a worker holds a task: describable, listed, name taken, not deletable; then gone", async () => {
      const runtime = new SageMakerA2IRuntimeClient({});
      await create();
      jest.advanceTimersByTime(2000);
      await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: "invoice-1",
          FlowDefinitionArn: ARN,
          HumanLoopInput: { InputContent: JSON.stringify({ invoice: "s3://bucket/invoice-1.pdf" }) },
        }),
      );
      const claim = a2i.workforce.accept("invoice-1");
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));

      expect((await describeFd()).FlowDefinitionStatus).toBe("Deleting");
      const listed = await sm.send(new ListFlowDefinitionsCommand({}));
      expect(listed.FlowDefinitionSummaries?.map((s) => [s.FlowDefinitionName, s.FlowDefinitionStatus])).toEqual([
        ["invoice-review", "Deleting"],
      ]);
      const dup = await rejectionOf(create());
      expect(dup).toBeInstanceOf(ResourceInUse);
      expect(dup.$metadata.httpStatusCode).toBe(400);
      await expect(sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }))).rejects.toBeInstanceOf(
        ResourceInUse,
      );

      claim.submit({ total: "42.00" });
      await expect(describeFd()).rejects.toBeInstanceOf(ResourceNotFound);
      expect(await listNames()).toEqual([]);
      // The answer given while Deleting is stored in the output bucket, and deletion does not remove it.
      expect(a2i.outputs().map((o) => [o.document.humanLoopName, o.document.humanAnswers[0]?.answerContent])).toEqual([
        ["invoice-1", { total: "42.00" }],
      ]);
      await expect(runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: ARN }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
      await expect(create()).resolves.toMatchObject({ FlowDefinitionArn: ARN });
    });

    it("a held task that lapses (TaskTimeLimitInSeconds) lets the deletion finish", async () => {
      const runtime = new SageMakerA2IRuntimeClient({});
      await create("invoice-review", {
        HumanLoopConfig: { ...flowDefinitionInput("x", refs).HumanLoopConfig!, TaskTimeLimitInSeconds: 60 },
      });
      jest.advanceTimersByTime(2000);
      await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "invoice-1", FlowDefinitionArn: ARN, HumanLoopInput: { InputContent: "{}" } }),
      );
      a2i.workforce.accept("invoice-1");
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));
      jest.advanceTimersByTime(59_000);
      expect((await describeFd()).FlowDefinitionStatus).toBe("Deleting");
      jest.advanceTimersByTime(1000);
      await expect(describeFd()).rejects.toBeInstanceOf(ResourceNotFound);
      expect(a2i.outputs()).toEqual([]);
    });
  });

  describe("work team and task UI checks", () => {
    it("is a ValidationException (SageMakerServiceException, HTTP 400) for a work team that does not exist", async () => {
      const missing = "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/nobody";
      const call = create("invoice-review", {
        HumanLoopConfig: { ...flowDefinitionInput("x", refs).HumanLoopConfig!, WorkteamArn: missing },
      });
      const err = await rejectionOf(call);
      expect(err).toBeInstanceOf(SageMakerServiceException);
      expect(err).not.toBeInstanceOf(ResourceNotFound);
      expect(err.name).toBe("ValidationException");
      expect(err.$fault).toBe("client");
      expect(err.$metadata.httpStatusCode).toBe(400);
      expect(err.message).toBe(`The specified Workteam '${missing}' does not exist or you do not have access to it.`);
      await expect(describeFd()).rejects.toBeInstanceOf(ResourceNotFound);
    });

    it("refuses a work team of the same name in another Region or account", async () => {
      const config = flowDefinitionInput("x", refs).HumanLoopConfig!;
      for (const arn of [
        "arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/invoice-reviewers",
        "arn:aws:sagemaker:us-east-1:210987654321:workteam/private-crowd/invoice-reviewers",
      ]) {
        const message = await validationMessage(create("invoice-review", { HumanLoopConfig: { ...config, WorkteamArn: arn } }));
        expect(message).toContain(arn);
      }
    });

    it("is a ValidationException for a task UI that does not exist or was deleted", async () => {
      const config = flowDefinitionInput("x", refs).HumanLoopConfig!;
      const missing = "arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/no-such-ui";
      expect(await validationMessage(create("invoice-review", { HumanLoopConfig: { ...config, HumanTaskUiArn: missing } }))).toContain(
        missing,
      );

      await sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }));
      expect(await validationMessage(create("invoice-review"))).toContain(refs.humanTaskUiArn);
      expect(await listNames()).toEqual([]);
    });

    it("accepts the public (Mechanical Turk) workforce of the Region, with a task price", async () => {
      const config = {
        ...flowDefinitionInput("x", refs).HumanLoopConfig!,
        WorkteamArn: PUBLIC_WORKFORCE_ARN,
        PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } },
      };
      const out = await create("public-review", { HumanLoopConfig: config });
      expect(out.$metadata.httpStatusCode).toBe(200);
      jest.advanceTimersByTime(2000);
      const d = await describeFd("public-review");
      expect(d.FlowDefinitionStatus).toBe("Active");
      expect(d.HumanLoopConfig).toEqual(config);
    });

    it("refuses the public workforce ARN of another Region", async () => {
      const config = flowDefinitionInput("x", refs).HumanLoopConfig!;
      const elsewhere = "arn:aws:sagemaker:eu-west-1:394669845002:workteam/public-crowd/default";
      expect(await validationMessage(create("invoice-review", { HumanLoopConfig: { ...config, WorkteamArn: elsewhere } }))).toContain(
        elsewhere,
      );
    });
  });

  it("ListFlowDefinitions summaries carry name, ARN, status and creation time only", async () => {
    await create();
    const out = await sm.send(new ListFlowDefinitionsCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.FlowDefinitionSummaries).toEqual([
      { FlowDefinitionName: "invoice-review", FlowDefinitionArn: ARN, FlowDefinitionStatus: "Initializing", CreationTime: T0 },
    ]);
    expect(out.NextToken).toBeUndefined();
  });
});

describe("flow definitions with a custom timing.flowDefinitionActivationMs", () => {
  const a2i = new A2IFake({ timing: { flowDefinitionActivationMs: 45_000 } });
  const sm = new SageMakerClient({});

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  it("stays Initializing until that many ms have passed", async () => {
    const refs = await createReviewResources(sm);
    await sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("slow-review", refs)));
    const status = async () =>
      (await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "slow-review" }))).FlowDefinitionStatus;

    jest.advanceTimersByTime(2000);
    expect(await status()).toBe("Initializing");
    jest.advanceTimersByTime(42_999);
    expect(await status()).toBe("Initializing");
    jest.advanceTimersByTime(1);
    expect(await status()).toBe("Active");
  });

  it("leaves no activation timer behind after reset()", async () => {
    const refs = await createReviewResources(sm);
    await sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("slow-review", refs)));
    expect(a2i.pendingTimers()).toBeGreaterThan(0);
    a2i.reset();
    expect(a2i.pendingTimers()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
