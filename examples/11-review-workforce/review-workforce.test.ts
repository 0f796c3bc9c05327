/**
 * Example 11, the test: the review team's admin back end against the fake. The workforce and teams are built the
 * way infrastructure code builds them (CreateWorkteam creates the `default` workforce); reviewers are named with
 * their user groups; the identity the app stores comes from output.json as A2I writes it.
 */
import { CreateWorkteamCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { DescribeHumanLoopCommand, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { auditTrail, recordReviewers, reviewWorkforce } from "./review-workforce.js";

const a2i = new A2IFake();
const sagemaker = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});
beforeAll(() => a2i.install());
afterEach(() => {
  a2i.reset();
  auditTrail.length = 0;
});
afterAll(() => a2i.uninstall());

/** What the infrastructure code does: one private team from a Cognito user group. */
async function createInvoiceTeam(): Promise<string> {
  const { WorkteamArn } = await sagemaker.send(
    new CreateWorkteamCommand({
      WorkteamName: "invoice-reviewers",
      Description: "Checks invoice totals",
      MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_Ex4mpLe12", UserGroup: "finance", ClientId: "portalclient" } }],
    }),
  );
  return WorkteamArn!;
}

async function reviewedLoop(workteamArn: string, workerId: string): Promise<string> {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", workteamArn });
  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: "invoice-42", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: '{"invoice":42}' } }),
  );
  a2i.workforce.submit("invoice-42", { total: "118.00" }, { workerId });
  const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "invoice-42" }));
  return loop.HumanLoopOutput!.OutputS3Uri!;
}

test("lists the review workforce with each team's portal link, and the vendor subscriptions", async () => {
  await createInvoiceTeam();
  a2i.seedVendorWorkteam({ name: "acme-review", sellerName: "Acme Review Services" });

  const workforce = await reviewWorkforce();

  const [snapshot] = a2i.workforces();
  expect(workforce).toEqual({
    workforceName: "default",
    status: "Active",
    signIn: "Cognito",
    teams: [
      { name: "invoice-reviewers", kind: "private", portalUrl: `https://${snapshot!.subDomain}`, groups: ["finance"] },
      { name: "acme-review", kind: "vendor", groups: [], seller: "Acme Review Services" },
    ],
  });
});

test("stores who reviewed: the team's Cognito user pool and the reviewer's sub", async () => {
  const workteamArn = await createInvoiceTeam();
  a2i.workforce.addWorker({ workerId: "alice", groups: ["finance"], sub: "5f1c2a9e-0b7d-4c3e-9a61-2f8d7e4b1c05" });

  await recordReviewers(await reviewedLoop(workteamArn, "alice"));

  expect(auditTrail).toEqual([
    {
      humanLoopName: "invoice-42",
      workerId: "alice",
      identityProviderType: "Cognito",
      issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ex4mpLe12",
      cognitoUserPoolId: "us-east-1_Ex4mpLe12",
      sub: "5f1c2a9e-0b7d-4c3e-9a61-2f8d7e4b1c05",
    },
  ]);
  // Someone outside the team's groups never gets the task.
  a2i.workforce.addWorker({ workerId: "mallory", groups: ["marketing"] });
  await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "invoice-43", FlowDefinitionArn: a2i.flowDefinitions()[0]!.flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
  expect(() => a2i.workforce.accept("invoice-43", { workerId: "mallory" })).toThrow(/not a member of work team 'invoice-reviewers'/);
});

test("an OIDC workforce: the issuer is the IdP's, and there is no Cognito pool to look in", async () => {
  a2i.seedWorkforce({ oidc: { issuer: "https://login.example.com" } });
  const { workteamArn } = a2i.seedWorkteam({ name: "invoice-reviewers", groups: ["finance"] });

  const [record] = await recordReviewers(await reviewedLoop(workteamArn, "bob"));

  expect(record).toEqual({
    humanLoopName: "invoice-42",
    workerId: "bob",
    identityProviderType: "Oidc",
    issuer: "https://login.example.com",
    sub: expect.any(String),
  });
  expect((await reviewWorkforce()).signIn).toBe("Oidc");
});

test("a vendor team's reviewers carry no identity", async () => {
  const { workteamArn } = a2i.seedVendorWorkteam({ name: "acme-review" });
  const [record] = await recordReviewers(await reviewedLoop(workteamArn, "vendor-worker"));
  expect(record).toEqual({ humanLoopName: "invoice-42", workerId: "vendor-worker" });
});
