import {
  CreateFlowDefinitionCommand,
  CreateWorkteamCommand,
  DeleteWorkteamCommand,
  DescribeWorkteamCommand,
  ListWorkteamsCommand,
  ResourceInUse,
  ResourceLimitExceeded,
  SageMakerClient,
  paginateListWorkteams,
  type CreateWorkteamCommandInput,
} from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { flowDefinitionInput, rejectionOf, validationMessage } from "./support.js";

const T0 = new Date("2024-05-06T07:08:09.000Z");
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:workteam/private-crowd/${name}`;
const COGNITO = { CognitoMemberDefinition: { UserPool: "us-east-1_AbCdEf123", UserGroup: "reviewers", ClientId: "client1" } };

function teamInput(name: string, extra: Partial<CreateWorkteamCommandInput> = {}): CreateWorkteamCommandInput {
  return { WorkteamName: name, Description: `The ${name} team`, MemberDefinitions: [COGNITO], ...extra };
}

describe("work teams", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  const createTeam = (name: string, extra: Partial<CreateWorkteamCommandInput> = {}) =>
    sm.send(new CreateWorkteamCommand(teamInput(name, extra)));
  const listed = async (input: ConstructorParameters<typeof ListWorkteamsCommand>[0] = {}) =>
    ((await sm.send(new ListWorkteamsCommand(input))).Workteams ?? []).map((t) => t.WorkteamName);

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  it("CreateWorkteam returns a private-crowd ARN; DescribeWorkteam echoes the team", async () => {
    const notification = { NotificationTopicArn: "arn:aws:sns:us-east-1:123456789012:new-tasks" };
    const created = await createTeam("Invoice-Reviewers", { NotificationConfiguration: notification });
    expect(created.WorkteamArn).toBe(arnOf("Invoice-Reviewers"));
    expect(created.$metadata.httpStatusCode).toBe(200);

    const { Workteam, $metadata } = await sm.send(new DescribeWorkteamCommand({ WorkteamName: "Invoice-Reviewers" }));
    expect($metadata.httpStatusCode).toBe(200);
    expect(Workteam).toEqual({
      WorkteamName: "Invoice-Reviewers",
      WorkteamArn: arnOf("Invoice-Reviewers"),
      MemberDefinitions: [COGNITO],
      Description: "The Invoice-Reviewers team",
      WorkforceArn: "arn:aws:sagemaker:us-east-1:123456789012:workforce/default",
      ProductListingIds: [],
      SubDomain: expect.stringMatching(/^[a-z0-9]+\.labeling\.us-east-1\.sagemaker\.aws$/),
      CreateDate: T0,
      LastUpdatedDate: T0,
      NotificationConfiguration: notification,
    });
  });

  it("a team built from OIDC groups keeps its groups", async () => {
    await createTeam("oidc-team", { MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["finance", "audit"] } }] });
    const { Workteam } = await sm.send(new DescribeWorkteamCommand({ WorkteamName: "oidc-team" }));
    expect(Workteam?.MemberDefinitions).toEqual([{ OidcMemberDefinition: { Groups: ["finance", "audit"] } }]);
  });

  it("a duplicate name is ResourceInUse (HTTP 400)", async () => {
    await createTeam("reviewers");
    const err = await rejectionOf(createTeam("reviewers"));
    expect(err).toBeInstanceOf(ResourceInUse);
    expect(err.name).toBe("ResourceInUse");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it("DescribeWorkteam of a missing team is a ValidationException whose message contains 'The work team'", async () => {
    const message = await validationMessage(sm.send(new DescribeWorkteamCommand({ WorkteamName: "nobody" })));
    expect(message).toContain("The work team");
    expect(message).toContain("nobody");
  });

  it("DeleteWorkteam returns Success true; the team is gone and cannot be deleted twice", async () => {
    await createTeam("reviewers");
    await createTeam("auditors");
    const out = await sm.send(new DeleteWorkteamCommand({ WorkteamName: "reviewers" }));
    expect(out.Success).toBe(true);
    expect(out.$metadata.httpStatusCode).toBe(200);

    expect(await validationMessage(sm.send(new DescribeWorkteamCommand({ WorkteamName: "reviewers" })))).toContain("The work team");
    expect(await validationMessage(sm.send(new DeleteWorkteamCommand({ WorkteamName: "reviewers" })))).toContain("The work team");
    expect(await listed()).toEqual(["auditors"]);
  });

  it("a deleted team can no longer be used by a new flow definition", async () => {
    const { WorkteamArn } = await createTeam("reviewers");
    const ui = a2i.seedHumanTaskUi({ name: "invoice-ui" });
    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "reviewers" }));
    const input = flowDefinitionInput("invoice-review", { workteamArn: WorkteamArn!, humanTaskUiArn: ui.humanTaskUiArn });
    expect(await validationMessage(sm.send(new CreateFlowDefinitionCommand(input)))).toContain(WorkteamArn!);
  });

  describe("ListWorkteams", () => {
    beforeEach(async () => {
      // Created in this order, one second apart: charlie, alpha, bravo-two, delta.
      for (const name of ["charlie", "alpha", "bravo-two", "delta"]) {
        await createTeam(name);
        jest.advanceTimersByTime(1000);
      }
    });

    it("sorts by CreateDate, Ascending, by default", async () => {
      const out = await sm.send(new ListWorkteamsCommand({}));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.Workteams?.map((t) => t.WorkteamName)).toEqual(["charlie", "alpha", "bravo-two", "delta"]);
      expect(out.Workteams?.[0]?.CreateDate).toEqual(T0);
      expect(out.Workteams?.[1]?.WorkteamArn).toBe(arnOf("alpha"));
      expect(out.NextToken).toBeUndefined();
    });

    it("sorts by CreateDate Descending", async () => {
      expect(await listed({ SortBy: "CreateDate", SortOrder: "Descending" })).toEqual(["delta", "bravo-two", "alpha", "charlie"]);
    });

    it("sorts by Name, either way", async () => {
      expect(await listed({ SortBy: "Name" })).toEqual(["alpha", "bravo-two", "charlie", "delta"]);
      expect(await listed({ SortBy: "Name", SortOrder: "Descending" })).toEqual(["delta", "charlie", "bravo-two", "alpha"]);
    });

    it("filters with NameContains", async () => {
      expect(await listed({ NameContains: "a" })).toEqual(["charlie", "alpha", "bravo-two", "delta"]);
      expect(await listed({ NameContains: "lt" })).toEqual(["delta"]);
      expect(await listed({ NameContains: "two", SortBy: "Name" })).toEqual(["bravo-two"]);
      expect(await listed({ NameContains: "zulu" })).toEqual([]);
    });

    it("pages with MaxResults and NextToken, and paginateListWorkteams walks every page", async () => {
      const first = await sm.send(new ListWorkteamsCommand({ SortBy: "Name", MaxResults: 3 }));
      expect(first.Workteams?.map((t) => t.WorkteamName)).toEqual(["alpha", "bravo-two", "charlie"]);
      expect(first.NextToken).toEqual(expect.any(String));
      const second = await sm.send(new ListWorkteamsCommand({ SortBy: "Name", MaxResults: 3, NextToken: first.NextToken }));
      expect(second.Workteams?.map((t) => t.WorkteamName)).toEqual(["delta"]);
      expect(second.NextToken).toBeUndefined();

      const pages: string[][] = [];
      for await (const page of paginateListWorkteams({ client: sm, pageSize: 2 }, {})) {
        pages.push((page.Workteams ?? []).map((t) => t.WorkteamName!));
      }
      expect(pages).toEqual([
        ["charlie", "alpha"],
        ["bravo-two", "delta"],
      ]);
    });
  });
});

describe("work team quota", () => {
  const a2i = new A2IFake({ quotas: { maxWorkteams: 2 } });
  const sm = new SageMakerClient({});

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("is ResourceLimitExceeded (HTTP 400) beyond quotas.maxWorkteams, and frees up when a team is deleted", async () => {
    await sm.send(new CreateWorkteamCommand(teamInput("team-1")));
    await sm.send(new CreateWorkteamCommand(teamInput("team-2")));
    const err = await rejectionOf(sm.send(new CreateWorkteamCommand(teamInput("team-3"))));
    expect(err).toBeInstanceOf(ResourceLimitExceeded);
    expect(err.name).toBe("ResourceLimitExceeded");
    expect(err.$fault).toBe("client");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain("2");
    expect((await sm.send(new ListWorkteamsCommand({}))).Workteams?.map((t) => t.WorkteamName)).toEqual(["team-1", "team-2"]);

    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "team-1" }));
    await expect(sm.send(new CreateWorkteamCommand(teamInput("team-3")))).resolves.toMatchObject({ WorkteamArn: arnOf("team-3") });
  });

  it("counts per account and Region", async () => {
    const other = new SageMakerClient({ region: "eu-west-1" });
    await sm.send(new CreateWorkteamCommand(teamInput("team-1")));
    await sm.send(new CreateWorkteamCommand(teamInput("team-2")));
    await expect(other.send(new CreateWorkteamCommand(teamInput("team-1")))).resolves.toMatchObject({
      WorkteamArn: "arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/team-1",
    });
  });
});
