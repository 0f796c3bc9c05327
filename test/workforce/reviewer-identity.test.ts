/**
 * output.json's `workerMetadata.identityData` comes from the team's workforce (DG:a2i-output-data, decisions.md
 * "Workforces"), and the simulated workers belong to their team.
 */
import {
  CreateWorkforceCommand,
  CreateWorkteamCommand,
  DeleteWorkteamCommand,
  SageMakerClient,
  UpdateWorkteamCommand,
} from "@aws-sdk/client-sagemaker";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import type { A2IFake } from "../../src/index.js";
import { clients, describeLoop, installFake, startLoop } from "./support.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function answersOf(a2i: A2IFake, runtime: ReturnType<typeof clients>["runtime"], s3: ReturnType<typeof clients>["s3"], loop: string) {
  const uri = (await describeLoop(runtime, loop)).HumanLoopOutput!.OutputS3Uri!;
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  const body = await (await s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }))).Body!.transformToString();
  return (JSON.parse(body) as { humanAnswers: Array<{ workerId: string; workerMetadata?: { identityData: Record<string, string> } }> }).humanAnswers;
}

describe("reviewer identity in output.json", () => {
  const a2i = installFake();
  const sm = new SageMakerClient({});
  const { runtime, s3 } = clients();
  const team = async (name: string, member: object) =>
    (await sm.send(new CreateWorkteamCommand({ WorkteamName: name, Description: "d", MemberDefinitions: [member] }))).WorkteamArn!;
  const cognito = (UserGroup: string) => ({ CognitoMemberDefinition: { UserPool: "us-east-1_Ex4mpLe12", UserGroup, ClientId: "c1" } });

  it("Cognito team: the issuer is the team's user pool; each worker keeps one sub", async () => {
    const workteamArn = await team("invoices", cognito("invoice-reviewers"));
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", workteamArn, taskCount: 2 });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    await startLoop(runtime, "loop-2", flowDefinitionArn);
    for (const loop of ["loop-1", "loop-2"]) {
      a2i.workforce.submit(loop, { ok: true }, { workerId: "alice" });
      a2i.workforce.submit(loop, { ok: true }, { workerId: "bob" });
    }
    const [first, second] = [await answersOf(a2i, runtime, s3, "loop-1"), await answersOf(a2i, runtime, s3, "loop-2")];
    expect(first[0]?.workerMetadata).toEqual({
      identityData: {
        identityProviderType: "Cognito",
        issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Ex4mpLe12",
        sub: expect.stringMatching(UUID),
      },
    });
    const subs = (answers: typeof first) => answers.map((a) => a.workerMetadata?.identityData.sub);
    expect(subs(second)).toEqual(subs(first));
    expect(new Set(subs(first)).size).toBe(2);
  });

  it("OIDC team: identityProviderType Oidc and the workforce's Issuer; a named worker's sub", async () => {
    await sm.send(
      new CreateWorkforceCommand({
        WorkforceName: "oidc",
        OidcConfig: {
          ClientId: "c",
          ClientSecret: "s",
          Issuer: "https://idp.example.com",
          AuthorizationEndpoint: "https://idp.example.com/a",
          TokenEndpoint: "https://idp.example.com/t",
          UserInfoEndpoint: "https://idp.example.com/u",
          LogoutEndpoint: "https://idp.example.com/l",
          JwksUri: "https://idp.example.com/j",
        },
      }),
    );
    const workteamArn = await team("finance", { OidcMemberDefinition: { Groups: ["finance"] } });
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "oidc-review", workteamArn });
    a2i.workforce.addWorker({ workerId: "carol", groups: ["finance"], sub: "00u1abcd" });
    await startLoop(runtime, "oidc-loop", flowDefinitionArn);
    a2i.workforce.submit("oidc-loop", { ok: true }, { workerId: "carol" });
    expect((await answersOf(a2i, runtime, s3, "oidc-loop"))[0]).toMatchObject({
      workerId: "carol",
      workerMetadata: { identityData: { identityProviderType: "Oidc", issuer: "https://idp.example.com", sub: "00u1abcd" } },
    });
  });

  it("workers belong to their team: a named worker outside its groups cannot take the task; UpdateWorkteam changes who can", async () => {
    const workteamArn = await team("invoices", cognito("invoice-reviewers"));
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", workteamArn });
    a2i.workforce.addWorker({ workerId: "dave", groups: ["auditors"] });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    expect(() => a2i.workforce.accept("loop-1", { workerId: "dave" })).toThrow(
      /^\[a2i-fake\] Worker 'dave' \(groups: auditors\) is not a member of work team 'invoices' \(groups: invoice-reviewers\)/,
    );
    // An auto-responder's named worker outside the team skips the task too.
    a2i.workforce.addWorker({ workerId: "auto-1", groups: ["auditors"] });
    a2i.workforce.autoRespond({ workerIdPrefix: "auto", workers: 1, answer: {} });
    expect(a2i.workforce.tasks({ humanLoopName: "loop-1" })[0]?.slots).toEqual([{ status: "open" }]);
    await sm.send(new UpdateWorkteamCommand({ WorkteamName: "invoices", MemberDefinitions: [cognito("invoice-reviewers"), cognito("auditors")] }));
    a2i.workforce.submit("loop-1", { ok: true }, { workerId: "dave" });
    expect(a2i.humanLoop("loop-1")?.humanLoopStatus).toBe("Completed");
    expect(() => a2i.workforce.addWorker({ workerId: "erin" } as never)).toThrow(/needs groups/);
  });

  it("the identity stays when the team is deleted after the flow definition was created", async () => {
    const workteamArn = await team("temp", cognito("g"));
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "temp-review", workteamArn });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    await sm.send(new DeleteWorkteamCommand({ WorkteamName: "temp" }));
    a2i.workforce.submit("loop-1", {});
    expect((await answersOf(a2i, runtime, s3, "loop-1"))[0]?.workerMetadata?.identityData.issuer).toContain("us-east-1_Ex4mpLe12");
  });

  it("public and vendor workers: no workerMetadata", async () => {
    const vendor = a2i.seedVendorWorkteam({ name: "acme" });
    const byVendor = a2i.seedFlowDefinition({ name: "vendor-review", workteamArn: vendor.workteamArn });
    const byPublic = a2i.seedFlowDefinition({ name: "public-review", workteamArn: "public" });
    await startLoop(runtime, "vendor-loop", byVendor.flowDefinitionArn);
    await runtime.send(
      new StartHumanLoopCommand({
        HumanLoopName: "public-loop",
        FlowDefinitionArn: byPublic.flowDefinitionArn,
        HumanLoopInput: { InputContent: "{}" },
        DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
      }),
    );
    a2i.workforce.submit("vendor-loop", {});
    a2i.workforce.submit("public-loop", {});
    for (const loop of ["vendor-loop", "public-loop"]) {
      const [answer] = await answersOf(a2i, runtime, s3, loop);
      expect(answer).toBeDefined();
      expect(answer).not.toHaveProperty("workerMetadata");
    }
  });
});
