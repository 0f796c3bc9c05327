import {
  AddTagsCommand,
  CreateFlowDefinitionCommand,
  CreateHumanTaskUiCommand,
  CreateWorkteamCommand,
  DeleteFlowDefinitionCommand,
  DeleteHumanTaskUiCommand,
  DeleteTagsCommand,
  DeleteWorkteamCommand,
  ListTagsCommand,
  SageMakerClient,
  type Tag,
} from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import {
  TEMPLATE,
  createReviewResources,
  flowDefinitionInput,
  validationMessage,
  type ReviewResources,
} from "./support.js";

/** One taggable resource kind: how to create it with tags, and how to delete it. */
interface Kind {
  kind: string;
  create(sm: SageMakerClient, tags?: Tag[]): Promise<string>;
  remove(sm: SageMakerClient): Promise<unknown>;
}

/** The work team and task UI the tagged flow definition uses (made in beforeEach). */
let refs: ReviewResources;

const KINDS: Kind[] = [
  {
    kind: "flow definition",
    async create(sm, tags) {
      const out = await sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput("tagged-review", refs, { Tags: tags })));
      jest.advanceTimersByTime(2000);
      return out.FlowDefinitionArn!;
    },
    remove: (sm) => sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "tagged-review" })),
  },
  {
    kind: "human task UI",
    async create(sm, tags) {
      const out = await sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: "tagged-ui", UiTemplate: { Content: TEMPLATE }, Tags: tags }));
      return out.HumanTaskUiArn!;
    },
    remove: (sm) => sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "tagged-ui" })),
  },
  {
    kind: "work team",
    async create(sm, tags) {
      const out = await sm.send(
        new CreateWorkteamCommand({
          WorkteamName: "tagged-team",
          Description: "Tagged",
          MemberDefinitions: [{ CognitoMemberDefinition: { UserPool: "us-east-1_AbCdEf123", UserGroup: "reviewers", ClientId: "client1" } }],
          Tags: tags,
        }),
      );
      return out.WorkteamArn!;
    },
    remove: (sm) => sm.send(new DeleteWorkteamCommand({ WorkteamName: "tagged-team" })),
  },
];

describe("tags", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  const listTags = async (arn: string) => (await sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags;

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date("2024-05-06T07:08:09Z") });
    refs = await createReviewResources(sm, { workteam: "review-team", ui: "review-ui" });
  });
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  describe.each(KINDS)("on a $kind", ({ create, remove }) => {
    it("shows the Tags given at create in ListTags", async () => {
      const arn = await create(sm, [
        { Key: "team", Value: "finance" },
        { Key: "cost-center", Value: "4711" },
      ]);
      const out = await sm.send(new ListTagsCommand({ ResourceArn: arn }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(out.Tags).toEqual([
        { Key: "team", Value: "finance" },
        { Key: "cost-center", Value: "4711" },
      ]);
      expect(out.NextToken).toBeUndefined();
    });

    it("has no tags when created without any", async () => {
      const arn = await create(sm);
      expect(await listTags(arn)).toEqual([]);
    });

    it("AddTags adds, overwrites an existing key, and answers with every tag of the resource", async () => {
      const arn = await create(sm, [{ Key: "team", Value: "finance" }]);
      const added = await sm.send(
        new AddTagsCommand({
          ResourceArn: arn,
          Tags: [
            { Key: "team", Value: "audit" },
            { Key: "env", Value: "test" },
          ],
        }),
      );
      expect(added.$metadata.httpStatusCode).toBe(200);
      expect(added.Tags).toEqual([
        { Key: "team", Value: "audit" },
        { Key: "env", Value: "test" },
      ]);
      expect(await listTags(arn)).toEqual([
        { Key: "team", Value: "audit" },
        { Key: "env", Value: "test" },
      ]);
    });

    it("DeleteTags removes the given keys and ignores keys that are not there", async () => {
      const arn = await create(sm, [
        { Key: "team", Value: "finance" },
        { Key: "env", Value: "test" },
      ]);
      const out = await sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: ["team", "not-there"] }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(await listTags(arn)).toEqual([{ Key: "env", Value: "test" }]);
    });

    it("the tags go with the resource: ValidationException once deleted, none on a new resource of the same name", async () => {
      const arn = await create(sm, [{ Key: "team", Value: "finance" }]);
      await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "added", Value: "later" }] }));
      await remove(sm);

      expect(await validationMessage(sm.send(new ListTagsCommand({ ResourceArn: arn })))).toBe(`Resource ${arn} does not exist.`);

      expect(await create(sm)).toBe(arn);
      expect(await listTags(arn)).toEqual([]);
    });
  });

  describe("an ARN that names no resource", () => {
    const missing = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/no-such-flow";

    it.each([
      ["AddTags", (sm: SageMakerClient) => sm.send(new AddTagsCommand({ ResourceArn: missing, Tags: [{ Key: "k", Value: "v" }] }))],
      ["ListTags", (sm: SageMakerClient) => sm.send(new ListTagsCommand({ ResourceArn: missing }))],
      ["DeleteTags", (sm: SageMakerClient) => sm.send(new DeleteTagsCommand({ ResourceArn: missing, TagKeys: ["k"] }))],
    ])("%s is a ValidationException (HTTP 400): the operation declares no error (amazon-sagemaker-feedback#108)", async (_op, call) => {
      expect(await validationMessage(call(sm))).toBe(`Resource ${missing} does not exist.`);
    });

    it("a resource of the same name in another Region or account is a different ARN", async () => {
      await KINDS[2]!.create(sm);
      for (const arn of [
        "arn:aws:sagemaker:eu-west-1:123456789012:workteam/private-crowd/tagged-team",
        "arn:aws:sagemaker:us-east-1:210987654321:workteam/private-crowd/tagged-team",
      ]) {
        await expect(sm.send(new ListTagsCommand({ ResourceArn: arn }))).rejects.toHaveProperty("name", "ValidationException");
      }
    });

    it("a human loop cannot be tagged", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review" });
      const runtime = new SageMakerA2IRuntimeClient({});
      const { HumanLoopArn } = await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "loop-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      await expect(
        sm.send(new AddTagsCommand({ ResourceArn: HumanLoopArn!, Tags: [{ Key: "k", Value: "v" }] })),
      ).rejects.toHaveProperty("name", "ValidationException");
    });
  });

  describe("validation", () => {
    it("refuses an empty key, a bad character and a value that is too long, naming each member", async () => {
      const arn = await KINDS[1]!.create(sm);
      const long = "v".repeat(257);
      const message = await validationMessage(
        sm.send(
          new AddTagsCommand({
            ResourceArn: arn,
            Tags: [
              { Key: "", Value: "x" },
              { Key: "a*b", Value: "x" },
              { Key: "ok", Value: long },
            ],
          }),
        ),
      );
      const pattern = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";
      expect(message).toBe(
        "3 validation errors detected: " +
          "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          `Value 'a*b' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}; ` +
          `Value '${long}' at 'tags.3.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
      expect(await listTags(arn)).toEqual([]);
    });

    it("counts lengths in code points: 256 letters outside the BMP (512 UTF-16 units) fit a value, 257 do not", async () => {
      const arn = await KINDS[1]!.create(sm);
      const letter = "\u{1D49C}"; // MATHEMATICAL SCRIPT CAPITAL A: one code point, two UTF-16 units, a \p{L}
      const fits = letter.repeat(256);
      await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: letter, Value: fits }] }));
      expect(await listTags(arn)).toEqual([{ Key: letter, Value: fits }]);
      const tooLong = letter.repeat(257);
      const message = await validationMessage(sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [{ Key: "k", Value: tooLong }] })));
      expect(message).toBe(
        `1 validation error detected: Value '${tooLong}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    });

    it("refuses more than 50 tags in one call", async () => {
      const arn = await KINDS[1]!.create(sm);
      const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
      const message = await validationMessage(sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: tags })));
      // The echoed list would make the message longer than the 1024 characters the model allows a Message:
      // the value is shortened, the member and the constraint stay.
      expect(message).toMatch(/^1 validation error detected: Value '\[.*\.\.\.' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/);
      expect(message.length).toBeLessThanOrEqual(1024);
    });

    it("a resource holds at most 50 tags: AddTags past it is refused and changes nothing", async () => {
      const arn = await KINDS[1]!.create(sm);
      const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
      await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: tags(0, 40) }));
      // Overwriting existing keys does not count twice.
      await sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: [...tags(30, 10), ...tags(40, 10)] }));
      const message = await validationMessage(sm.send(new AddTagsCommand({ ResourceArn: arn, Tags: tags(50, 11) })));
      expect(message).toBe(
        `Resource ${arn} can have at most 50 tags: it has 50 and this request would make it 61. Remove some with DeleteTags first.`,
      );
      expect(await listTags(arn)).toHaveLength(50);
    });

    it("ListTags MaxResults has a minimum of 50", async () => {
      const arn = await KINDS[1]!.create(sm);
      expect(await validationMessage(sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 49 })))).toBe(
        "1 validation error detected: Value '49' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 50",
      );
      await expect(sm.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 50 }))).resolves.toMatchObject({ Tags: [] });
    });

    it("a malformed ListTags NextToken is a ValidationException", async () => {
      const arn = await KINDS[1]!.create(sm);
      expect(await validationMessage(sm.send(new ListTagsCommand({ ResourceArn: arn, NextToken: "not-a-token" })))).toMatch(/NextToken/);
    });

    it("DeleteTags needs at least one key", async () => {
      const arn = await KINDS[1]!.create(sm);
      expect(await validationMessage(sm.send(new DeleteTagsCommand({ ResourceArn: arn, TagKeys: [] })))).toBe(
        "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
  });
});
