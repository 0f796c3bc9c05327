/**
 * The constraints issue 11 found drifting from the model, through the real SDK: each now decides and reads as
 * the generated shapes say (src/services/generated/, from the official models).
 */
import { CreateWorkteamCommand, SageMakerClient, type CreateWorkteamCommandInput } from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { createReviewResources, flowDefinitionInput, validationMessage } from "../sagemaker/support.js";
import { CreateFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";

const one = (detail: string) => `1 validation error detected: ${detail}`;
const at = (value: string, path: string, rule: string) =>
  `Value ${value} at '${path}' failed to satisfy constraint: Member must ${rule}`;

describe("constraints from the official model (issue 11)", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  const cognito = (clientId: string): CreateWorkteamCommandInput => ({
    WorkteamName: "reviewers",
    Description: "Invoice reviewers",
    MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_abc123", UserGroup: "reviewers", ClientId: clientId } }],
  });

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("a Cognito ClientId is any printable ASCII up to 1024 characters ([ -~]+)", async () => {
    await expect(sm.send(new CreateWorkteamCommand(cognito("clientid123-")))).resolves.toHaveProperty("WorkteamArn");
    const long = "c".repeat(1025);
    const tooLong = await validationMessage(sm.send(new CreateWorkteamCommand(cognito(long))));
    expect(tooLong).toMatch(
      /^1 validation error detected: Value 'c+\.\.\.' at 'memberDefinitions\.1\.member\.cognitoMemberDefinition\.clientId' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
    );
    expect(await validationMessage(sm.send(new CreateWorkteamCommand(cognito("tab\there"))))).toBe(
      one(at("'tab\there'", "memberDefinitions.1.member.cognitoMemberDefinition.clientId", "satisfy regular expression pattern: [ -~]+")),
    );
  });

  it("'default-' is a valid WorkforceName (^[a-zA-Z0-9]([a-zA-Z0-9\\-]){0,62}$)", async () => {
    const message = await validationMessage(
      sm.send(new CreateWorkteamCommand({ ...cognito("client"), WorkforceName: "default-", Description: "" })),
    ).catch(() => "");
    expect(message).not.toContain("workforceName");
    expect(message).toContain("'description'");
  });

  it("OIDC group names refuse a space; S3Presign SourceIp is Enabled or Disabled", async () => {
    const message = await validationMessage(
      sm.send(
        new CreateWorkteamCommand({
          WorkteamName: "oidc-reviewers",
          Description: "OIDC reviewers",
          MemberDefinitions: [{ OidcMemberDefinition: { Groups: ["team a"] } }],
          WorkerAccessConfiguration: { S3Presign: { IamPolicyConstraints: { SourceIp: "enabled" as "Enabled" } } },
        }),
      ),
    );
    expect(message).toBe(
      "2 validation errors detected: " +
        at("'team a'", "memberDefinitions.1.member.oidcMemberDefinition.groups.1.member", "satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+") +
        "; " +
        at("'enabled'", "workerAccessConfiguration.s3Presign.iamPolicyConstraints.sourceIp", "satisfy enum value set: [Enabled, Disabled]"),
    );
  });

  it("TaskDescription: a newline fails .+; empty, it fails every constraint it breaks, length first", async () => {
    const refs = await createReviewResources(sm);
    const withDescription = (TaskDescription: string) => {
      const input = flowDefinitionInput("invoice-review", refs);
      return new CreateFlowDefinitionCommand({ ...input, HumanLoopConfig: { ...input.HumanLoopConfig!, TaskDescription } });
    };
    expect(await validationMessage(sm.send(withDescription("line one\nline two")))).toBe(
      one(at("'line one\nline two'", "humanLoopConfig.taskDescription", "satisfy regular expression pattern: .+")),
    );
    expect(await validationMessage(sm.send(withDescription("")))).toBe(
      "2 validation errors detected: " +
        at("''", "humanLoopConfig.taskDescription", "have length greater than or equal to 1") +
        "; " +
        at("''", "humanLoopConfig.taskDescription", "satisfy regular expression pattern: .+"),
    );
  });

  it("a message never exceeds the model's 1024 characters, and still names the member and the constraint", async () => {
    const name = "n".repeat(1100);
    const message = await validationMessage(sm.send(new CreateWorkteamCommand({ ...cognito("client"), WorkteamName: name })));
    expect(message.length).toBeLessThanOrEqual(1024);
    expect(message).toContain("...' at 'workteamName' failed to satisfy constraint: Member must have length less than or equal to 63");
    expect(message).toContain("at 'workteamName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  });
});
