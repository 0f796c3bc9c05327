/**
 * Account and Region over HTTP: the Region from the SigV4 credential scope, the account from the access key
 * (the `accounts` mapping, a 12-digit key as its own account, else the default). Tenants sharing one server
 * never see each other's resources.
 */
import { CreateFlowDefinitionCommand, ListFlowDefinitionsCommand, ResourceNotFound, DescribeFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";
import { DescribeHumanLoopCommand, ResourceNotFoundException, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { startServer, type A2IServer } from "../../src/index.js";
import { clientsFor, control, raw, type Clients } from "./harness.js";

describe("tenants on one server", () => {
  let server: A2IServer;
  const opened: Clients[] = [];
  const clients = (accessKeyId: string, region = "us-east-1") => {
    const c = clientsFor(server.url, { accessKeyId, region });
    opened.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startServer({ accounts: { AKIDTENANTA: "111111111111", AKIDTENANTB: "222222222222" } });
  });
  afterEach(() => server.fake.reset());
  afterAll(async () => {
    opened.forEach((c) => c.destroy());
    await server.close();
  });

  async function createFlowDefinition(c: Clients, accountId: string, region: string, name: string): Promise<string> {
    const seeded = server.fake.seedFlowDefinition({ name: "refs", accountId, region });
    const out = await c.sm.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: name,
        RoleArn: `arn:aws:iam::${accountId}:role/r`,
        OutputConfig: { S3OutputPath: `s3://tenant-${accountId}-${region}/out` },
        HumanLoopConfig: {
          WorkteamArn: seeded.workteamArn,
          HumanTaskUiArn: seeded.humanTaskUiArn,
          TaskTitle: "t",
          TaskDescription: "d",
          TaskCount: 1,
        },
      }),
    );
    return out.FlowDefinitionArn!;
  }

  it("puts each access key's calls in its mapped account, and keeps the accounts apart", async () => {
    const a = clients("AKIDTENANTA");
    const b = clients("AKIDTENANTB");
    expect(await createFlowDefinition(a, "111111111111", "us-east-1", "shared-name")).toBe(
      "arn:aws:sagemaker:us-east-1:111111111111:flow-definition/shared-name",
    );
    expect(await createFlowDefinition(b, "222222222222", "us-east-1", "shared-name")).toBe(
      "arn:aws:sagemaker:us-east-1:222222222222:flow-definition/shared-name",
    );
    const listA = await a.sm.send(new ListFlowDefinitionsCommand({}));
    expect(listA.FlowDefinitionSummaries!.map((s) => s.FlowDefinitionArn).sort()).toEqual([
      "arn:aws:sagemaker:us-east-1:111111111111:flow-definition/refs",
      "arn:aws:sagemaker:us-east-1:111111111111:flow-definition/shared-name",
    ]);

    server.advanceClock(2000);
    await a.runtime.send(
      new StartHumanLoopCommand({
        HumanLoopName: "only-in-a",
        FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:111111111111:flow-definition/shared-name",
        HumanLoopInput: { InputContent: "{}" },
      }),
    );
    expect((await a.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "only-in-a" }))).HumanLoopArn).toBe(
      "arn:aws:sagemaker:us-east-1:111111111111:human-loop/only-in-a",
    );
    await expect(b.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "only-in-a" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(server.fake.calls("StartHumanLoop").map((c) => [c.accountId, c.region])).toEqual([["111111111111", "us-east-1"]]);
  });

  it("keeps tenants apart when their requests arrive interleaved", async () => {
    const a = clients("AKIDTENANTA");
    const west = clients("AKIDTENANTA", "us-west-2");
    const b = clients("AKIDTENANTB");
    const tenants = [
      { c: a, accountId: "111111111111", region: "us-east-1" },
      { c: west, accountId: "111111111111", region: "us-west-2" },
      { c: b, accountId: "222222222222", region: "us-east-1" },
    ];
    for (const t of tenants) {
      const { flowDefinitionArn } = server.fake.seedFlowDefinition({ name: "fd", accountId: t.accountId, region: t.region });
      await t.c.runtime.send(new StartHumanLoopCommand({ HumanLoopName: "same-name", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    }
    const described = await Promise.all(
      Array.from({ length: 12 }, (_, i) => tenants[i % 3]!.c.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "same-name" }))),
    );
    expect(described.map((d) => d.HumanLoopArn)).toEqual(
      Array.from({ length: 12 }, (_, i) => `arn:aws:sagemaker:${tenants[i % 3]!.region}:${tenants[i % 3]!.accountId}:human-loop/same-name`),
    );
  });

  it("takes the Region from the credential scope, a 12-digit access key as the account, and defaults otherwise", async () => {
    const euClients = clients("333333333333", "eu-west-1");
    expect(await createFlowDefinition(euClients, "333333333333", "eu-west-1", "regional")).toBe(
      "arn:aws:sagemaker:eu-west-1:333333333333:flow-definition/regional",
    );
    await expect(
      clients("333333333333", "us-east-1").sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "regional" })),
    ).rejects.toBeInstanceOf(ResourceNotFound);

    const unmapped = clients("AKIDSOMEONEELSE", "ap-southeast-2");
    expect(await createFlowDefinition(unmapped, "123456789012", "ap-southeast-2", "fallback")).toBe(
      "arn:aws:sagemaker:ap-southeast-2:123456789012:flow-definition/fallback",
    );

    // No Authorization header at all: the default account and the server's Region.
    const unsigned = await raw(server.url, "POST", "/", {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "SageMaker.ListFlowDefinitions",
    }, "{}");
    expect(unsigned.status).toBe(200);
    expect(unsigned.json()).toEqual({ FlowDefinitionSummaries: [] });
    const seeded = await control(server.url, "POST", "/seed/flow-definition", { name: "default-scope" });
    expect(seeded.body.flowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/default-scope");
    const again = await raw(server.url, "POST", "/", {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "SageMaker.ListFlowDefinitions",
    }, "{}");
    const names = (again.json() as { FlowDefinitionSummaries: Array<{ FlowDefinitionName: string }> }).FlowDefinitionSummaries.map(
      (s) => s.FlowDefinitionName,
    );
    expect(names).toEqual(["default-scope"]); // not "fallback": that one is in ap-southeast-2
  });
});
