/**
 * Smithy constraint checks, as the user sees them through the real SDK: SageMaker's unmodeled
 * ValidationException (a SageMakerServiceException named "ValidationException", HTTP 400) with AWS's
 * message format. The SDK sends incomplete inputs as they are (no client-side required-member check), so
 * missing members come back from the service too.
 */
import {
  CreateFlowDefinitionCommand,
  CreateHumanTaskUiCommand,
  CreateWorkteamCommand,
  DescribeFlowDefinitionCommand,
  DescribeHumanTaskUiCommand,
  ListFlowDefinitionsCommand,
  ListHumanTaskUisCommand,
  ListWorkteamsCommand,
  SageMakerClient,
  type CreateFlowDefinitionCommandInput,
  type HumanLoopConfig,
  type SortOrder,
} from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { createReviewResources, flowDefinitionInput, validationMessage, type ReviewResources } from "./support.js";

const FLOW_DEFINITION_NAME_PATTERN = "^[a-z0-9](-*[a-z0-9]){0,62}";
const ROLE_ARN_PATTERN = "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$";
const S3_URI_PATTERN = "^(https|s3)://([^/]+)/?(.*)$";

const one = (detail: string) => `1 validation error detected: ${detail}`;
const constraint = (value: string, path: string, rule: string) =>
  `Value ${value} at '${path}' failed to satisfy constraint: Member must ${rule}`;

describe("SageMaker input validation", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  let refs: ReviewResources;

  const createFd = (input: CreateFlowDefinitionCommandInput) => sm.send(new CreateFlowDefinitionCommand(input));
  const withName = (name: string) => flowDefinitionInput(name, refs);
  const withLoopConfig = (change: Partial<HumanLoopConfig>) =>
    flowDefinitionInput("invoice-review", refs, { HumanLoopConfig: { ...flowDefinitionInput("x", refs).HumanLoopConfig!, ...change } });

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(async () => {
    refs = await createReviewResources(sm);
  });
  afterEach(() => a2i.reset());

  describe("names", () => {
    it.each(["Invoice-Review", "invoice_review", "invoice review", "-invoice", "invoice-", "invöice"])(
      "refuses flow definition name %j with the pattern message",
      async (name) => {
        expect(await validationMessage(createFd(withName(name)))).toBe(
          one(constraint(`'${name}'`, "flowDefinitionName", `satisfy regular expression pattern: ${FLOW_DEFINITION_NAME_PATTERN}`)),
        );
      },
    );

    it.each(["a", "invoice-review", "a--b", "0-9", "a".repeat(63)])("accepts flow definition name %j", async (name) => {
      const out = await createFd(withName(name));
      expect(out.FlowDefinitionArn).toBe(`arn:aws:sagemaker:us-east-1:123456789012:flow-definition/${name}`);
    });

    it("refuses a 64-character name for its length (and pattern: {0,62} allows 63 at most)", async () => {
      const name = "a".repeat(64);
      const message = await validationMessage(createFd(withName(name)));
      expect(message.startsWith("2 validation errors detected: ")).toBe(true);
      expect(message).toContain(constraint(`'${name}'`, "flowDefinitionName", "have length less than or equal to 63"));
      expect(message).toContain(
        constraint(`'${name}'`, "flowDefinitionName", `satisfy regular expression pattern: ${FLOW_DEFINITION_NAME_PATTERN}`),
      );
    });

    it("refuses an empty name", async () => {
      const message = await validationMessage(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "" })));
      expect(message.startsWith("2 validation errors detected: ")).toBe(true);
      expect(message).toContain(constraint("''", "flowDefinitionName", "have length greater than or equal to 1"));
    });

    it("checks names on Describe too (a bad name is a ValidationException, not ResourceNotFound)", async () => {
      expect(await validationMessage(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "Bad_Name" })))).toBe(
        one(constraint("'Bad_Name'", "flowDefinitionName", `satisfy regular expression pattern: ${FLOW_DEFINITION_NAME_PATTERN}`)),
      );
      expect(await validationMessage(sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: "Bad_Name" })))).toBe(
        one(constraint("'Bad_Name'", "humanTaskUiName", "satisfy regular expression pattern: ^[a-z0-9](-*[a-z0-9])*")),
      );
    });

    it("human task UI names are lowercase; work team names may use upper case, not underscores", async () => {
      expect(
        await validationMessage(sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: "Invoice-UI", UiTemplate: { Content: "<p/>" } }))),
      ).toBe(one(constraint("'Invoice-UI'", "humanTaskUiName", "satisfy regular expression pattern: ^[a-z0-9](-*[a-z0-9])*")));

      const team = (WorkteamName: string) =>
        sm.send(new CreateWorkteamCommand({ WorkteamName, Description: "d", MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_AbCdEf123", UserGroup: "g", ClientId: "c" } }] }));
      await expect(team("Invoice-Reviewers")).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
      expect(await validationMessage(team("invoice_reviewers"))).toBe(
        one(constraint("'invoice_reviewers'", "workteamName", "satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")),
      );
    });
  });

  describe("HumanLoopConfig", () => {
    it("TaskCount 4 is above the maximum of 3", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskCount: 4 })))).toBe(
        "1 validation error detected: Value '4' at 'humanLoopConfig.taskCount' failed to satisfy constraint: Member must have value less than or equal to 3",
      );
    });

    it("TaskCount 0 is below the minimum of 1", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskCount: 0 })))).toBe(
        one(constraint("'0'", "humanLoopConfig.taskCount", "have value greater than or equal to 1")),
      );
    });

    it("TaskCount 1 to 3 and TaskTimeLimitInSeconds 30 are accepted", async () => {
      for (const [i, TaskCount] of [1, 2, 3].entries()) {
        const input = { ...withLoopConfig({ TaskCount, TaskTimeLimitInSeconds: 30 }), FlowDefinitionName: `review-${i}` };
        await expect(createFd(input)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
      }
    });

    it("TaskTimeLimitInSeconds 29 is below the minimum of 30", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskTimeLimitInSeconds: 29 })))).toBe(
        one(constraint("'29'", "humanLoopConfig.taskTimeLimitInSeconds", "have value greater than or equal to 30")),
      );
    });

    it("TaskAvailabilityLifetimeInSeconds 0 is below the minimum of 1", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskAvailabilityLifetimeInSeconds: 0 })))).toBe(
        one(constraint("'0'", "humanLoopConfig.taskAvailabilityLifetimeInSeconds", "have value greater than or equal to 1")),
      );
    });

    it("TaskTitle of 129 characters is too long (128 is fine)", async () => {
      const title = "T".repeat(129);
      expect(await validationMessage(createFd(withLoopConfig({ TaskTitle: title })))).toBe(
        one(constraint(`'${title}'`, "humanLoopConfig.taskTitle", "have length less than or equal to 128")),
      );
      await expect(createFd(withLoopConfig({ TaskTitle: "T".repeat(128) }))).resolves.toMatchObject({
        $metadata: { httpStatusCode: 200 },
      });
    });

    it("TaskDescription of 256 characters is too long", async () => {
      const description = "d".repeat(256);
      expect(await validationMessage(createFd(withLoopConfig({ TaskDescription: description })))).toBe(
        one(constraint(`'${description}'`, "humanLoopConfig.taskDescription", "have length less than or equal to 255")),
      );
    });

    it("TaskKeywords: at most 5, each letters and digits in words", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskKeywords: ["Invoices", "data-entry"] })))).toBe(
        one(
          constraint(
            "'data-entry'",
            "humanLoopConfig.taskKeywords.2.member",
            "satisfy regular expression pattern: ^[A-Za-z0-9]+( [A-Za-z0-9]+)*$",
          ),
        ),
      );
      expect(await validationMessage(createFd(withLoopConfig({ TaskKeywords: ["a", "b", "c", "d", "e", "f"] })))).toBe(
        one(constraint("'[a, b, c, d, e, f]'", "humanLoopConfig.taskKeywords", "have length less than or equal to 5")),
      );
    });

    it("several failures are counted and joined with '; ', in member order", async () => {
      expect(await validationMessage(createFd(withLoopConfig({ TaskCount: 4, TaskTimeLimitInSeconds: 29 })))).toBe(
        "2 validation errors detected: " +
          "Value '4' at 'humanLoopConfig.taskCount' failed to satisfy constraint: Member must have value less than or equal to 3; " +
          "Value '29' at 'humanLoopConfig.taskTimeLimitInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 30",
      );
    });

    it("a work team ARN of the wrong shape fails the pattern (the message AWS users have seen)", async () => {
      const wrong = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/a2idemotextract";
      expect(await validationMessage(createFd(withLoopConfig({ WorkteamArn: wrong })))).toBe(
        one(
          constraint(
            `'${wrong}'`,
            "humanLoopConfig.workteamArn",
            "satisfy regular expression pattern: arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:workteam/.*",
          ),
        ),
      );
    });
  });

  describe("required members", () => {
    it("CreateFlowDefinition with nothing lists each missing required member", async () => {
      const empty = {} as CreateFlowDefinitionCommandInput;
      expect(await validationMessage(createFd(empty))).toBe(
        "3 validation errors detected: " +
          "Value null at 'flowDefinitionName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'outputConfig' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
      );
    });

    it("missing members inside HumanLoopConfig and OutputConfig are named by their path", async () => {
      const input = {
        ...withName("invoice-review"),
        OutputConfig: {},
        HumanLoopConfig: { WorkteamArn: refs.workteamArn, HumanTaskUiArn: refs.humanTaskUiArn, TaskCount: 1 },
      } as unknown as CreateFlowDefinitionCommandInput;
      expect(await validationMessage(createFd(input))).toBe(
        "3 validation errors detected: " +
          "Value null at 'humanLoopConfig.taskTitle' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'humanLoopConfig.taskDescription' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'outputConfig.s3OutputPath' failed to satisfy constraint: Member must not be null",
      );
    });

    it("CreateHumanTaskUi and CreateWorkteam name their missing members", async () => {
      const ui = { HumanTaskUiName: "invoice-ui" } as ConstructorParameters<typeof CreateHumanTaskUiCommand>[0];
      expect(await validationMessage(sm.send(new CreateHumanTaskUiCommand(ui)))).toBe(
        one("Value null at 'uiTemplate' failed to satisfy constraint: Member must not be null"),
      );
      const team = { WorkteamName: "reviewers" } as ConstructorParameters<typeof CreateWorkteamCommand>[0];
      expect(await validationMessage(sm.send(new CreateWorkteamCommand(team)))).toBe(
        "2 validation errors detected: " +
          "Value null at 'memberDefinitions' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'description' failed to satisfy constraint: Member must not be null",
      );
    });

    it("HumanLoopConfig is needed by the fake to simulate review (optional in the model)", async () => {
      const { HumanLoopConfig: _omitted, ...input } = withName("invoice-review");
      expect(await validationMessage(createFd(input))).toContain("HumanLoopConfig is required");
    });

    it("HumanLoopActivationConfig without a HumanLoopRequestSource (custom task type) is refused", async () => {
      const input = flowDefinitionInput("invoice-review", refs, {
        HumanLoopActivationConfig: { HumanLoopActivationConditionsConfig: { HumanLoopActivationConditions: "{}" } },
      });
      expect(await validationMessage(createFd(input))).toContain("HumanLoopRequestSource");
    });
  });

  describe("RoleArn and OutputConfig", () => {
    it("a role ARN that names a user fails the pattern", async () => {
      const bad = "arn:aws:iam::123456789012:user/reviewer";
      expect(await validationMessage(createFd({ ...withName("invoice-review"), RoleArn: bad }))).toBe(
        one(constraint(`'${bad}'`, "roleArn", `satisfy regular expression pattern: ${ROLE_ARN_PATTERN}`)),
      );
    });

    it("a short role name fails both length and pattern", async () => {
      const message = await validationMessage(createFd({ ...withName("invoice-review"), RoleArn: "MyRole" }));
      expect(message.startsWith("2 validation errors detected: ")).toBe(true);
      expect(message).toContain(constraint("'MyRole'", "roleArn", "have length greater than or equal to 20"));
      expect(message).toContain(constraint("'MyRole'", "roleArn", `satisfy regular expression pattern: ${ROLE_ARN_PATTERN}`));
    });

    it.each(["invoice-review-output/a2i", "s3:/bucket/key", "ftp://bucket/key"])("S3OutputPath %j fails the pattern", async (path) => {
      expect(await validationMessage(createFd({ ...withName("invoice-review"), OutputConfig: { S3OutputPath: path } }))).toBe(
        one(constraint(`'${path}'`, "outputConfig.s3OutputPath", `satisfy regular expression pattern: ${S3_URI_PATTERN}`)),
      );
    });

    it("bad members in different structures are all reported", async () => {
      const message = await validationMessage(
        createFd({ ...withLoopConfig({ TaskCount: 9 }), OutputConfig: { S3OutputPath: "bucket" }, RoleArn: "arn:aws:iam::123456789012:user/x" }),
      );
      expect(message).toBe(
        "3 validation errors detected: " +
          "Value '9' at 'humanLoopConfig.taskCount' failed to satisfy constraint: Member must have value less than or equal to 3; " +
          `Value 'bucket' at 'outputConfig.s3OutputPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ${S3_URI_PATTERN}; ` +
          `Value 'arn:aws:iam::123456789012:user/x' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}`,
      );
    });
  });

  describe("list parameters", () => {
    it("SortOrder must be Ascending or Descending", async () => {
      const SortOrder = "Newest" as SortOrder;
      expect(await validationMessage(sm.send(new ListFlowDefinitionsCommand({ SortOrder })))).toBe(
        one(constraint("'Newest'", "sortOrder", "satisfy enum value set: [Ascending, Descending]")),
      );
      expect(await validationMessage(sm.send(new ListWorkteamsCommand({ SortOrder })))).toContain("at 'sortOrder'");
    });

    it("ListWorkteams SortBy must be Name or CreateDate", async () => {
      const SortBy = "CreationTime" as "Name";
      expect(await validationMessage(sm.send(new ListWorkteamsCommand({ SortBy })))).toBe(
        one(constraint("'CreationTime'", "sortBy", "satisfy enum value set: [Name, CreateDate]")),
      );
    });

    it.each([
      [0, "have value greater than or equal to 1"],
      [101, "have value less than or equal to 100"],
    ])("MaxResults %d is refused", async (max, rule) => {
      expect(await validationMessage(sm.send(new ListFlowDefinitionsCommand({ MaxResults: max })))).toBe(
        one(constraint(`'${max}'`, "maxResults", rule)),
      );
      expect(await validationMessage(sm.send(new ListHumanTaskUisCommand({ MaxResults: max })))).toBe(
        one(constraint(`'${max}'`, "maxResults", rule)),
      );
      expect(await validationMessage(sm.send(new ListWorkteamsCommand({ MaxResults: max })))).toBe(
        one(constraint(`'${max}'`, "maxResults", rule)),
      );
    });

    it("MaxResults 1 and 100 are accepted", async () => {
      for (const MaxResults of [1, 100]) {
        await expect(sm.send(new ListFlowDefinitionsCommand({ MaxResults }))).resolves.toMatchObject({ FlowDefinitionSummaries: [] });
      }
    });
  });

  it("a rejected create leaves nothing behind", async () => {
    await validationMessage(createFd(withLoopConfig({ TaskCount: 4 })));
    const listed = await sm.send(new ListFlowDefinitionsCommand({}));
    expect(listed.FlowDefinitionSummaries).toEqual([]);
    expect(listed.$metadata.httpStatusCode).toBe(200);
  });
});
