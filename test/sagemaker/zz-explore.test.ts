import { SageMakerClient, CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand, ListFlowDefinitionsCommand, CreateWorkteamCommand, AddTagsCommand, DescribeWorkteamCommand, ListWorkteamsCommand } from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
const a2i = new A2IFake();
beforeAll(() => a2i.install());
afterAll(() => a2i.uninstall());
const sm = new SageMakerClient({});
async function t(name: string, p: Promise<unknown>) {
  try { const r = await p; console.log(name, "OK", JSON.stringify(r)); } catch (e: any) { console.log(name, "ERR", e.constructor.name, e.name, e.$metadata?.httpStatusCode, e.message); }
}
it("explore", async () => {
  await t("missing name describe", sm.send(new DescribeFlowDefinitionCommand({} as any)));
  await t("missing all create", sm.send(new CreateFlowDefinitionCommand({} as any)));
  await t("missing outputconfig", sm.send(new CreateFlowDefinitionCommand({ FlowDefinitionName: "x", RoleArn: "arn:aws:iam::123456789012:role/r" } as any)));
  await t("missing S3 path", sm.send(new CreateFlowDefinitionCommand({ FlowDefinitionName: "x", RoleArn: "arn:aws:iam::123456789012:role/r", OutputConfig: {} } as any)));
  await t("no hlc", sm.send(new CreateFlowDefinitionCommand({ FlowDefinitionName: "x", RoleArn: "arn:aws:iam::123456789012:role/r", OutputConfig: { S3OutputPath: "s3://b/p" } } as any)));
  await t("list max0", sm.send(new ListFlowDefinitionsCommand({ MaxResults: 0 })));
  await t("list max101", sm.send(new ListFlowDefinitionsCommand({ MaxResults: 101 })));
  await t("list sort", sm.send(new ListFlowDefinitionsCommand({ SortOrder: "Up" as any })));
  await t("list badtoken", sm.send(new ListFlowDefinitionsCommand({ NextToken: "garbage" })));
  await t("wt missing", sm.send(new DescribeWorkteamCommand({ WorkteamName: "nope" })));
  await t("wt list", sm.send(new ListWorkteamsCommand({})));
  await t("addtags", sm.send(new AddTagsCommand({ ResourceArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/x", Tags: [{ Key: "a", Value: "b" }] })));
  await t("wt create", sm.send(new CreateWorkteamCommand({ WorkteamName: "T1", Description: "d", MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["g"] } }] })));
  await t("wt describe", sm.send(new DescribeWorkteamCommand({ WorkteamName: "T1" })));
});
