/**
 * Every response the fake sends in a representative scenario (every served operation, resources in several
 * states) conforms to the operation's output shape in the official model: required members present, no member
 * the model does not define, enums, lengths, patterns and ranges respected (outputViolations, from the
 * generated shapes). The responses are those the fake recorded (`a2i.calls()`), as its protocols encode them.
 */
import {
  AddTagsCommand,
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DeleteHumanTaskUiCommand,
  DeleteTagsCommand,
  DeleteWorkteamCommand,
  DescribeFlowDefinitionCommand,
  DescribeHumanTaskUiCommand,
  DescribeWorkteamCommand,
  ListFlowDefinitionsCommand,
  ListHumanTaskUisCommand,
  ListTagsCommand,
  ListWorkteamsCommand,
  RenderUiTemplateCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  ListHumanLoopsCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { SERVICE_MODELS } from "../../src/services/generated/index.js";
import { outputViolations } from "../../src/services/validate.js";
import { installFake, useJestFakeTimers } from "../a2i-runtime/helpers.js";
import { createReviewResources, flowDefinitionInput, ROLE_ARN, TEMPLATE } from "../sagemaker/support.js";

const settle = (p: Promise<unknown>) => p.then(
  () => undefined,
  () => undefined,
);

describe("responses conform to the model's output shapes", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const sm = new SageMakerClient({});
  const runtime = new SageMakerA2IRuntimeClient({});

  const start = (name: string, flowDefinitionArn: string) =>
    runtime.send(
      new StartHumanLoopCommand({
        HumanLoopName: name,
        FlowDefinitionArn: flowDefinitionArn,
        HumanLoopInput: { InputContent: JSON.stringify({ invoice: name }) },
        DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
      }),
    );

  it("in a scenario that reaches every served operation", async () => {
    const refs = await createReviewResources(sm);
    await sm.send(new DescribeWorkteamCommand({ WorkteamName: "invoice-reviewers" }));
    await sm.send(new ListWorkteamsCommand({ SortBy: "Name", MaxResults: 1 }));
    await sm.send(new ListWorkteamsCommand({}));
    await sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }));
    await sm.send(new ListHumanTaskUisCommand({}));
    await sm.send(new RenderUiTemplateCommand({ UiTemplate: { Content: TEMPLATE }, Task: { Input: "{}" }, RoleArn: ROLE_ARN }));

    const fd = await sm.send(
      new CreateFlowDefinitionCommand(flowDefinitionInput("invoice-review", refs, { Tags: [{ Key: "team", Value: "ap" }] })),
    );
    await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" })); // Initializing
    await jest.advanceTimersByTimeAsync(10_000);
    await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" })); // Active
    await sm.send(new ListFlowDefinitionsCommand({ MaxResults: 1 }));

    const arn = fd.FlowDefinitionArn!;
    await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "cost-centre", Value: "42" }] }));
    await sm.send(new ListTagsCommand({ ResourceArn: arn }));
    await sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ["team"] }));

    await start("loop-done", arn);
    await start("loop-stopped", arn);
    await start("loop-open", arn);
    a2i.workforce.submit("loop-done", { total: 12 });
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-stopped" }));
    for (const name of ["loop-done", "loop-stopped", "loop-open"]) {
      await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));
    }
    await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: arn, MaxResults: 2 }));
    await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-done" }));

    await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));
    await sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }));
    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "invoice-reviewers" }));

    const answered = a2i.calls().filter((c) => c.ok && SERVICE_MODELS[c.service]);
    const operations = new Set(answered.map((c) => c.operation));
    expect(operations.size).toBeGreaterThanOrEqual(20);
    const wrong = answered.flatMap((c) =>
      c.ok ? outputViolations(c.service, c.operation, c.output).map((v) => `${c.operation}: ${v}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it("every error answered is one the operation declares, or ValidationException", async () => {
    const refs = await createReviewResources(sm);
    const missingFd = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/none";
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "seeded" });
    await start("taken", flowDefinitionArn);
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "taken" }));
    const attempts: Promise<unknown>[] = [
      sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "none" })),
      sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "none" })),
      sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("seeded", refs))),
      sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: "none" })),
      sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "none" })),
      sm.send(new DescribeWorkteamCommand({ WorkteamName: "none" })),
      sm.send(new DeleteWorkteamCommand({ WorkteamName: "none" })),
      sm.send(new ListTagsCommand({ ResourceArn: missingFd })),
      sm.send(new AddTagsCommand({ ResourceArn: missingFd, Tags: [{ Key: "k", Value: "v" }] })),
      sm.send(new DeleteTagsCommand({ ResourceArn: missingFd, TagKeys: ["k"] })),
      sm.send(new ListFlowDefinitionsCommand({ NextToken: "forged" })),
      sm.send(
        new RenderUiTemplateCommand({
          HumanTaskUiArn: refs.humanTaskUiArn.replace("invoice-ui", "none"),
          Task: { Input: "{}" },
          RoleArn: ROLE_ARN,
        }),
      ),
      start("x", missingFd),
      start("taken", flowDefinitionArn),
      runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "none" })),
      runtime.send(new StopHumanLoopCommand({ HumanLoopName: "taken" })),
      runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "none" })),
      runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: missingFd })),
    ];
    for (const attempt of attempts) await settle(attempt);

    const failed = a2i.calls().filter((c) => !c.ok && SERVICE_MODELS[c.service]);
    expect(failed.length).toBe(attempts.length);
    const undeclared = failed.flatMap((c) => {
      const declared = SERVICE_MODELS[c.service]!.operations[c.operation]!.errors;
      const code = c.ok ? "" : c.error.name;
      return code === "ValidationException" || declared.includes(code) ? [] : [`${c.operation}: ${code}`];
    });
    expect(undeclared).toEqual([]);
  });
});
