import {
  CreateFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  DescribeHumanTaskUiCommand,
  DescribeWorkteamCommand,
  ListFlowDefinitionsCommand,
  ListHumanTaskUisCommand,
  ListWorkteamsCommand,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { createReviewResources, flowDefinitionInput, rejectionOf, validationMessage } from "./support.js";

describe("state per Region", () => {
  const a2i = new A2IFake();
  const virginia = new SageMakerClient({ region: "us-east-1" });
  const ireland = new SageMakerClient({ region: "eu-west-1" });
  const noRegion = new SageMakerClient({});

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("two clients in different Regions see different flow definitions, each with its Region in the ARN", async () => {
    const east = await createReviewResources(virginia);
    const west = await createReviewResources(ireland);
    expect(west.workteamArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/invoice-reviewers");
    expect(west.humanTaskUiArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:human-task-ui/invoice-ui");

    const a = await virginia.send(new CreateFlowDefinitionCommand(flowDefinitionInput("east-review", east)));
    const b = await ireland.send(new CreateFlowDefinitionCommand(flowDefinitionInput("west-review", west)));
    expect(a.FlowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/east-review");
    expect(b.FlowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/west-review");

    const names = async (client: SageMakerClient) =>
      ((await client.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries ?? []).map((s) => s.FlowDefinitionName);
    expect(await names(virginia)).toEqual(["east-review"]);
    expect(await names(ireland)).toEqual(["west-review"]);

    const err = await rejectionOf(ireland.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "east-review" })));
    expect(err).toBeInstanceOf(ResourceNotFound);
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("the same name may exist in two Regions", async () => {
    const east = await createReviewResources(virginia);
    const west = await createReviewResources(ireland);
    await virginia.send(new CreateFlowDefinitionCommand(flowDefinitionInput("invoice-review", east)));
    const out = await ireland.send(new CreateFlowDefinitionCommand(flowDefinitionInput("invoice-review", west)));
    expect(out.FlowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/invoice-review");
  });

  it("work teams and task UIs are per Region too, and cannot be used from another Region", async () => {
    const east = await createReviewResources(virginia);
    expect((await ireland.send(new ListWorkteamsCommand({}))).Workteams).toEqual([]);
    expect((await ireland.send(new ListHumanTaskUisCommand({}))).HumanTaskUiSummaries).toEqual([]);
    expect(await validationMessage(ireland.send(new DescribeWorkteamCommand({ WorkteamName: "invoice-reviewers" })))).toContain(
      "The work team",
    );
    await expect(ireland.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
    expect(await validationMessage(ireland.send(new CreateFlowDefinitionCommand(flowDefinitionInput("west-review", east))))).toContain(
      east.workteamArn,
    );
  });

  it("the public workforce ARN of each Region works in that Region", async () => {
    const { humanTaskUiArn } = await createReviewResources(ireland);
    const workteamArn = "arn:aws:sagemaker:eu-west-1:394669845002:workteam/public-crowd/default";
    const out = await ireland.send(new CreateFlowDefinitionCommand(flowDefinitionInput("public-review", { workteamArn, humanTaskUiArn })));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it("a client with no Region configured uses us-east-1", async () => {
    await createReviewResources(noRegion);
    const teams = await virginia.send(new ListWorkteamsCommand({}));
    expect(teams.Workteams?.map((t) => t.WorkteamArn)).toEqual([
      "arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/invoice-reviewers",
    ]);
  });

  it("seeding with a Region puts the resource in that Region only", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "seeded-review", region: "eu-west-1" });
    expect(flowDefinitionArn).toBe("arn:aws:sagemaker:eu-west-1:123456789012:flow-definition/seeded-review");
    const d = await ireland.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "seeded-review" }));
    expect(d.FlowDefinitionStatus).toBe("Active");
    await expect(virginia.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "seeded-review" }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
  });
});

describe("another account", () => {
  const a2i = new A2IFake({ accountId: "111122223333" });
  const sm = new SageMakerClient({ region: "us-west-2" });

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("puts the account in every ARN", async () => {
    const refs = await createReviewResources(sm);
    expect(refs.workteamArn).toBe("arn:aws:sagemaker:us-west-2:111122223333:workteam/private-crowd/invoice-reviewers");
    expect(refs.humanTaskUiArn).toBe("arn:aws:sagemaker:us-west-2:111122223333:human-task-ui/invoice-ui");
    const out = await sm.send(
      new CreateFlowDefinitionCommand(flowDefinitionInput("invoice-review", refs, { RoleArn: "arn:aws:iam::111122223333:role/a2i" })),
    );
    expect(out.FlowDefinitionArn).toBe("arn:aws:sagemaker:us-west-2:111122223333:flow-definition/invoice-review");
    const { Workteam } = await sm.send(new DescribeWorkteamCommand({ WorkteamName: "invoice-reviewers" }));
    expect(Workteam?.WorkforceArn).toBe("arn:aws:sagemaker:us-west-2:111122223333:workforce/default");
  });

  it("does not accept a work team ARN of the default account", async () => {
    const refs = await createReviewResources(sm);
    const foreign = "arn:aws:sagemaker:us-west-2:123456789012:workteam/private-crowd/invoice-reviewers";
    expect(
      await validationMessage(sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("invoice-review", { ...refs, workteamArn: foreign })))),
    ).toContain(foreign);
  });
});
