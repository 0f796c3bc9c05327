/**
 * Workforces, work team updates and vendor teams through the real SageMaker client (a2i-next-spec.md §4.1,
 * decisions.md "Workforces"); the reviewer identity output.json reports is in test/workforce/reviewer-identity.test.ts.
 */
import {
  ConflictException,
  CreateFlowDefinitionCommand,
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  DeleteWorkforceCommand,
  DeleteWorkteamCommand,
  DescribeSubscribedWorkteamCommand,
  DescribeWorkforceCommand,
  DescribeWorkteamCommand,
  ListSubscribedWorkteamsCommand,
  ListTagsCommand,
  ListWorkforcesCommand,
  ListWorkteamsCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  SageMakerClient,
  UpdateWorkforceCommand,
  UpdateWorkteamCommand,
  paginateListWorkforces,
  type CreateWorkforceCommandInput,
  type OidcConfig,
} from "@aws-sdk/client-sagemaker";
import { SERVICE_MODELS } from "../../src/services/generated/index.js";
import { outputViolations } from "../../src/services/validate.js";
import { installFake } from "../support/setup.js";
import { ACCOUNT, createReviewResources, flowDefinitionInput, rejectionOf, validationMessage } from "./support.js";

const T0 = Date.parse("2026-02-03T04:05:06.000Z");
const WORKFORCE_ARN = (name: string) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:workforce/${name}`;
const COGNITO = (UserGroup = "reviewers", UserPool = "us-east-1_AbCdEf123") => ({
  CognitoMemberDefinition: { UserPool, UserGroup, ClientId: "client1" },
});
const OIDC: OidcConfig = {
  ClientId: "a2i-app",
  ClientSecret: "s3cr3t-never-returned",
  Issuer: "https://idp.example.com/realms/review",
  AuthorizationEndpoint: "https://idp.example.com/realms/review/auth",
  TokenEndpoint: "https://idp.example.com/realms/review/token",
  UserInfoEndpoint: "https://idp.example.com/realms/review/userinfo",
  LogoutEndpoint: "https://idp.example.com/realms/review/logout",
  JwksUri: "https://idp.example.com/realms/review/certs",
  Scope: "openid profile",
};
const { ClientSecret: _secret, ...OIDC_RESPONSE } = OIDC;

describe("workforces", () => {
  const a2i = installFake();
  const sm = new SageMakerClient({});
  const createWorkforce = (extra: Partial<CreateWorkforceCommandInput> = {}) =>
    sm.send(new CreateWorkforceCommand({ WorkforceName: "reviewers", ...extra }));
  const describe_ = async (name = "reviewers") => (await sm.send(new DescribeWorkforceCommand({ WorkforceName: name }))).Workforce!;
  const createTeam = (name: string, member: object = COGNITO(), extra: object = {}) =>
    sm.send(new CreateWorkteamCommand({ WorkteamName: name, Description: `The ${name} team`, MemberDefinitions: [member], ...extra }));

  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  it("CreateWorkforce (Cognito): Initializing, Active after timing.workforceActivationMs; DescribeWorkforce and ListWorkforces echo it", async () => {
    const created = await createWorkforce({
      CognitoConfig: { UserPool: "us-east-1_Ex4mpLe12", ClientId: "app-client" },
      SourceIpConfig: { Cidrs: ["10.0.0.0/16"] },
      Tags: [{ Key: "team", Value: "finance" }],
    });
    expect(created.WorkforceArn).toBe(WORKFORCE_ARN("reviewers"));
    const wf = await describe_();
    expect(wf).toEqual({
      WorkforceName: "reviewers",
      WorkforceArn: WORKFORCE_ARN("reviewers"),
      LastUpdatedDate: new Date(T0),
      CreateDate: new Date(T0),
      SourceIpConfig: { Cidrs: ["10.0.0.0/16"] },
      SubDomain: expect.stringMatching(/^[a-z0-9]+\.labeling\.us-east-1\.sagemaker\.aws$/),
      CognitoConfig: { UserPool: "us-east-1_Ex4mpLe12", ClientId: "app-client" },
      Status: "Initializing",
    });
    jest.advanceTimersByTime(1999);
    expect((await describe_()).Status).toBe("Initializing");
    jest.advanceTimersByTime(1);
    expect((await describe_()).Status).toBe("Active");

    const listed = await sm.send(new ListWorkforcesCommand({}));
    expect(listed.Workforces).toEqual([{ ...wf, Status: "Active" }]);
    expect(listed.NextToken).toBeUndefined();
    expect((await sm.send(new ListWorkforcesCommand({ NameContains: "nobody" }))).Workforces).toEqual([]);
    const pages = [];
    for await (const page of paginateListWorkforces({ client: sm }, { SortBy: "Name" })) pages.push(page.Workforces?.length);
    expect(pages).toEqual([1]);
    expect((await sm.send(new ListTagsCommand({ ResourceArn: WORKFORCE_ARN("reviewers") }))).Tags).toEqual([{ Key: "team", Value: "finance" }]);
    expect(a2i.workforces()).toEqual([
      expect.objectContaining({ workforceName: "reviewers", status: "Active", identityProviderType: "Cognito", userPool: "us-east-1_Ex4mpLe12", workteams: [] }),
    ]);
  });

  it("CreateWorkforce (OIDC) never returns ClientSecret; Cognito and OIDC together, or neither, is a ValidationException", async () => {
    expect(await validationMessage(createWorkforce({ CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" }, OidcConfig: OIDC }))).toContain(
      "not both",
    );
    expect(await validationMessage(createWorkforce())).toContain("CognitoConfig");
    await createWorkforce({ OidcConfig: OIDC, IpAddressType: "dualstack" });
    const wf = await describe_();
    expect(wf.OidcConfig).toEqual(OIDC_RESPONSE);
    expect(wf.CognitoConfig).toBeUndefined();
    expect(wf.IpAddressType).toBe("dualstack");
    const everything = JSON.stringify([wf, (await sm.send(new ListWorkforcesCommand({}))).Workforces, a2i.workforces()]);
    expect(everything).not.toContain("s3cr3t");
  });

  it("one private workforce per Region: a second CreateWorkforce is a ValidationException; other Regions are separate", async () => {
    await createWorkforce({ CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" } });
    expect(await validationMessage(createWorkforce({ WorkforceName: "second", CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" } }))).toContain(
      "one private workforce",
    );
    const eu = new SageMakerClient({ region: "eu-west-1" });
    await expect(eu.send(new CreateWorkforceCommand({ WorkforceName: "second", OidcConfig: OIDC }))).resolves.toMatchObject({
      WorkforceArn: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:workforce/second`,
    });
  });

  it("inputs are checked against the model's constraints (generated shapes), with AWS's messages", async () => {
    expect(await validationMessage(createWorkforce({ WorkforceName: "bad_name", CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" } }))).toBe(
      "1 validation error detected: Value 'bad_name' at 'workforceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9]([a-zA-Z0-9\\-]){0,62}$",
    );
    const http = await validationMessage(createWorkforce({ OidcConfig: { ...OIDC, Issuer: "http://idp.example.com" }, SourceIpConfig: { Cidrs: ["10.0.0.0"] } }));
    expect(http).toMatch(/^2 validation errors detected: /);
    expect(http).toContain("'oidcConfig.issuer'");
    expect(http).toContain("'sourceIpConfig.cidrs.1.member'");
    expect(await validationMessage(sm.send(new ListWorkforcesCommand({ MaxResults: 101 })))).toContain("less than or equal to 100");
    expect(await validationMessage(sm.send(new UpdateWorkteamCommand({ WorkteamName: "t", MemberDefinitions: [] })))).toContain("memberDefinitions");
    expect(a2i.workforces()).toEqual([]);
  });

  it("a missing workforce on Describe, Update and Delete is a ValidationException containing 'No workforce'", async () => {
    for (const call of [
      sm.send(new DescribeWorkforceCommand({ WorkforceName: "default" })),
      sm.send(new UpdateWorkforceCommand({ WorkforceName: "default", SourceIpConfig: { Cidrs: [] } })),
      sm.send(new DeleteWorkforceCommand({ WorkforceName: "default" })),
    ]) {
      expect(await validationMessage(call)).toContain("No workforce");
    }
  });

  it("the first private CreateWorkteam creates `default`, Active, from its user pool; teams share the workforce's portal", async () => {
    await createTeam("invoices", COGNITO("invoice-reviewers", "us-east-1_Ex4mpLe12"));
    const wf = await describe_("default");
    expect(wf).toMatchObject({ Status: "Active", CognitoConfig: { UserPool: "us-east-1_Ex4mpLe12", ClientId: "client1" } });
    await createTeam("audits", COGNITO("auditors", "us-east-1_Ex4mpLe12"), { WorkforceName: "default" });
    for (const name of ["invoices", "audits"]) {
      const { Workteam } = await sm.send(new DescribeWorkteamCommand({ WorkteamName: name }));
      expect(Workteam).toMatchObject({ WorkforceArn: WORKFORCE_ARN("default"), SubDomain: wf.SubDomain });
    }
    expect(await validationMessage(createTeam("elsewhere", COGNITO(), { WorkforceName: "other" }))).toContain("No workforce");
    expect(await validationMessage(createTeam("oidc", { OidcMemberDefinition: { Groups: ["g"] } }))).toContain("CognitoMemberDefinition");
    expect(await validationMessage(createTeam("both", { ...COGNITO(), OidcMemberDefinition: { Groups: ["g"] } }))).toContain("exactly one");
    expect(a2i.workforces()[0]?.workteams).toEqual([
      { workteamName: "invoices", workteamArn: expect.stringContaining("private-crowd/invoices"), groups: ["invoice-reviewers"] },
      { workteamName: "audits", workteamArn: expect.stringContaining("private-crowd/audits"), groups: ["auditors"] },
    ]);
  });

  it("an OIDC team with no workforce creates `default` with the placeholder IdP; a created OIDC workforce names its own", async () => {
    await createTeam("oidc-team", { OidcMemberDefinition: { Groups: ["finance"] } });
    expect((await describe_("default")).OidcConfig?.Issuer).toBe("https://a2i-fake.invalid/oidc");
  });

  it("DeleteWorkforce: ResourceInUse while work teams remain, then gone (a new one may be created)", async () => {
    await createWorkforce({ OidcConfig: OIDC });
    jest.advanceTimersByTime(2000);
    await createTeam("finance", { OidcMemberDefinition: { Groups: ["finance"] } }, { WorkforceName: "reviewers" });
    const err = await rejectionOf(sm.send(new DeleteWorkforceCommand({ WorkforceName: "reviewers" })));
    expect(err).toBeInstanceOf(ResourceInUse);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain("finance");

    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "finance" }));
    const out = await sm.send(new DeleteWorkforceCommand({ WorkforceName: "reviewers" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await validationMessage(sm.send(new DescribeWorkforceCommand({ WorkforceName: "reviewers" })))).toContain("No workforce");
    expect((await sm.send(new ListWorkforcesCommand({}))).Workforces).toEqual([]);
    await expect(createWorkforce({ CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" } })).resolves.toBeDefined();
  });

  it("UpdateWorkforce: Updating then Active; the OIDC configuration is a ConflictException while teams exist", async () => {
    await createWorkforce({ OidcConfig: OIDC });
    const early = await rejectionOf(sm.send(new UpdateWorkforceCommand({ WorkforceName: "reviewers", IpAddressType: "dualstack" })));
    expect(early).toBeInstanceOf(ConflictException);
    jest.advanceTimersByTime(2000);

    jest.advanceTimersByTime(5000);
    const { Workforce } = await sm.send(
      new UpdateWorkforceCommand({ WorkforceName: "reviewers", SourceIpConfig: { Cidrs: ["192.0.2.0/24"] }, OidcConfig: { ...OIDC, Issuer: "https://idp2.example.com" } }),
    );
    expect(Workforce).toMatchObject({ Status: "Updating", SourceIpConfig: { Cidrs: ["192.0.2.0/24"] }, LastUpdatedDate: new Date(T0 + 7000) });
    expect(Workforce?.OidcConfig).toEqual({ ...OIDC_RESPONSE, Issuer: "https://idp2.example.com" });
    jest.advanceTimersByTime(2000);
    expect((await describe_()).Status).toBe("Active");

    await createTeam("finance", { OidcMemberDefinition: { Groups: ["finance"] } });
    const err = await rejectionOf(sm.send(new UpdateWorkforceCommand({ WorkforceName: "reviewers", OidcConfig: OIDC })));
    expect(err).toBeInstanceOf(ConflictException);
    expect(err.name).toBe("ConflictException");
    expect(err.$metadata.httpStatusCode).toBe(400);
    // Network settings may change while teams exist.
    await expect(sm.send(new UpdateWorkforceCommand({ WorkforceName: "reviewers", SourceIpConfig: { Cidrs: [] } }))).resolves.toBeDefined();
  });

  it("UpdateWorkteam replaces the OIDC groups (groups left out leave the team) and keeps what it is not given", async () => {
    await createWorkforce({ OidcConfig: OIDC });
    jest.advanceTimersByTime(2000);
    await createTeam("finance", { OidcMemberDefinition: { Groups: ["finance", "audit"] } });
    jest.advanceTimersByTime(1000);
    const { Workteam } = await sm.send(
      new UpdateWorkteamCommand({ WorkteamName: "finance", MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["tax"] } }] }),
    );
    expect(Workteam).toMatchObject({
      MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["tax"] } }],
      Description: "The finance team",
      CreateDate: new Date(T0 + 2000),
      LastUpdatedDate: new Date(T0 + 3000),
    });
    await sm.send(new UpdateWorkteamCommand({ WorkteamName: "finance", Description: "Tax reviewers" }));
    const described = (await sm.send(new DescribeWorkteamCommand({ WorkteamName: "finance" }))).Workteam;
    expect(described).toMatchObject({ Description: "Tax reviewers", MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["tax"] } }] });
    expect(await validationMessage(sm.send(new UpdateWorkteamCommand({ WorkteamName: "finance", MemberDefinitions: [COGNITO()] })))).toContain(
      "OidcMemberDefinition",
    );
    expect(await validationMessage(sm.send(new UpdateWorkteamCommand({ WorkteamName: "nobody", Description: "x" })))).toContain("The work team");
  });

  it("a Cognito team's definitions share one UserPool and ClientId", async () => {
    const mixed = [COGNITO("a"), COGNITO("b", "us-east-1_Other1")];
    const message = await validationMessage(
      sm.send(new CreateWorkteamCommand({ WorkteamName: "mixed", Description: "d", MemberDefinitions: mixed })),
    );
    expect(message).toContain("same ClientId and UserPool");
  });

  it("25 private work teams per account and Region by default; vendor subscriptions do not count", async () => {
    a2i.seedVendorWorkteam({ name: "acme" });
    for (let i = 1; i <= 25; i++) await createTeam(`team-${i}`);
    const err = await rejectionOf(createTeam("team-26"));
    expect(err).toBeInstanceOf(ResourceLimitExceeded);
    expect(err.message).toContain("25");
    expect((await sm.send(new ListWorkteamsCommand({ MaxResults: 100 }))).Workteams).toHaveLength(25);
  });

  it("vendor teams: seeded subscriptions are listed and described, usable by flow definitions, not private teams", async () => {
    const { workteamArn } = a2i.seedVendorWorkteam({
      name: "acme-reviewers",
      marketplaceTitle: "Acme document review",
      sellerName: "Acme Corp",
      marketplaceDescription: "Reviewers for invoices",
      listingId: "prodview-abc123",
    });
    a2i.seedVendorWorkteam({ name: "globex" });
    expect(workteamArn).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:workteam/vendor-crowd/acme-reviewers`);
    const listed = await sm.send(new ListSubscribedWorkteamsCommand({}));
    expect(listed.SubscribedWorkteams).toEqual([
      {
        WorkteamArn: workteamArn,
        MarketplaceTitle: "Acme document review",
        SellerName: "Acme Corp",
        MarketplaceDescription: "Reviewers for invoices",
        ListingId: "prodview-abc123",
      },
      { WorkteamArn: expect.stringContaining("vendor-crowd/globex") },
    ]);
    expect((await sm.send(new ListSubscribedWorkteamsCommand({ NameContains: "glob" }))).SubscribedWorkteams).toHaveLength(1);
    const page = await sm.send(new ListSubscribedWorkteamsCommand({ MaxResults: 1 }));
    expect(page.NextToken).toEqual(expect.any(String));
    expect((await sm.send(new ListSubscribedWorkteamsCommand({ MaxResults: 1, NextToken: page.NextToken }))).SubscribedWorkteams?.[0]?.WorkteamArn).toContain("globex");
    const { SubscribedWorkteam } = await sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: workteamArn }));
    expect(SubscribedWorkteam?.SellerName).toBe("Acme Corp");
    expect(await validationMessage(sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: workteamArn.replace("acme", "nope") })))).toContain(
      "vendor",
    );
    expect((await sm.send(new ListWorkteamsCommand({}))).Workteams).toEqual([]);

    const refs = await createReviewResources(sm);
    const fd = await sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("vendor-review", { ...refs, workteamArn })));
    expect(fd.FlowDefinitionArn).toContain("vendor-review");
  });

  it("every answer conforms to the model's output shapes; every error is declared, ValidationException, or documented", async () => {
    await createWorkforce({
      OidcConfig: OIDC,
      SourceIpConfig: { Cidrs: ["10.0.0.0/16"] },
      WorkforceVpcConfig: { VpcId: "vpc-0abc", SecurityGroupIds: ["sg-0abc"], Subnets: ["subnet-0abc"] },
    });
    await describe_();
    jest.advanceTimersByTime(2000);
    await sm.send(new UpdateWorkforceCommand({ WorkforceName: "reviewers", WorkforceVpcConfig: { VpcId: "vpc-0def", SecurityGroupIds: ["sg-0def"], Subnets: ["subnet-0def"] } }));
    await sm.send(new ListWorkforcesCommand({ SortBy: "Name", SortOrder: "Ascending" }));
    await createTeam("finance", { OidcMemberDefinition: { Groups: ["finance"] } });
    await sm.send(new UpdateWorkteamCommand({ WorkteamName: "finance", Description: "d2", WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: "Enabled" } } } }));
    a2i.seedVendorWorkteam({ name: "acme", marketplaceTitle: "Acme", sellerName: "Acme", marketplaceDescription: "d", listingId: "l" });
    const { SubscribedWorkteams } = await sm.send(new ListSubscribedWorkteamsCommand({}));
    await sm.send(new DescribeSubscribedWorkteamCommand({ WorkteamArn: SubscribedWorkteams![0]!.WorkteamArn }));
    await rejectionOf(sm.send(new DeleteWorkforceCommand({ WorkforceName: "reviewers" })));
    await rejectionOf(sm.send(new UpdateWorkforceCommand({ WorkforceName: "reviewers", OidcConfig: OIDC })));
    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "finance" }));
    await sm.send(new DeleteWorkforceCommand({ WorkforceName: "reviewers" })); // while Updating
    await createWorkforce({ CognitoConfig: { UserPool: "us-east-1_A1", ClientId: "c" } });
    await sm.send(new DeleteWorkforceCommand({ WorkforceName: "reviewers" })); // while Initializing
    expect(a2i.workforces()).toEqual([]);

    const calls = a2i.calls();
    expect(new Set(calls.filter((c) => c.ok).map((c) => c.operation)).size).toBe(10);
    expect(calls.flatMap((c) => (c.ok ? outputViolations(c.service, c.operation, c.output).map((v) => `${c.operation}: ${v}`) : []))).toEqual([]);
    // DeleteWorkforce declares no error, but its model doc says a workforce with teams gives ResourceInUse.
    const undeclared = calls.flatMap((c) =>
      c.ok || c.error.name === "ValidationException" || SERVICE_MODELS[c.service]!.operations[c.operation]!.errors.includes(c.error.name)
        ? []
        : [`${c.operation}: ${c.error.name}`],
    );
    expect(undeclared).toEqual(["DeleteWorkforce: ResourceInUse"]);
  });

  it("seedWorkforce: Active at once, through CreateWorkforce's checks; seeded teams join it", async () => {
    a2i.seedWorkforce({ oidc: { issuer: "https://login.example.org" } });
    expect((await describe_("default")).Status).toBe("Active");
    expect(() => a2i.seedWorkforce()).toThrow(/one private workforce/);
    a2i.seedWorkteam({ name: "seeded", groups: ["finance"] });
    const { Workteam } = await sm.send(new DescribeWorkteamCommand({ WorkteamName: "seeded" }));
    expect(Workteam?.MemberDefinitions).toEqual([{ OidcMemberDefinition: { Groups: ["finance"] } }]);
  });
});
