import { createHash } from "node:crypto";
import {
  CreateHumanTaskUiCommand,
  DeleteHumanTaskUiCommand,
  DescribeHumanTaskUiCommand,
  ListHumanTaskUisCommand,
  ResourceInUse,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { TEMPLATE, rejectionOf } from "./support.js";

const T0 = new Date("2024-05-06T07:08:09.500Z");
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/${name}`;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("human task UIs (worker task templates)", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  const createUi = (name: string, content = TEMPLATE) =>
    sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: name, UiTemplate: { Content: content } }));
  const describeUi = (name: string) => sm.send(new DescribeHumanTaskUiCommand({ HumanTaskUiName: name }));

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  it("CreateHumanTaskUi returns the ARN; Describe shows it Active with the template's URL and SHA-256, not its content", async () => {
    const created = await createUi("invoice-ui");
    expect(created.HumanTaskUiArn).toBe(arnOf("invoice-ui"));
    expect(created.$metadata.httpStatusCode).toBe(200);

    const { $metadata, ...described } = await describeUi("invoice-ui");
    expect($metadata.httpStatusCode).toBe(200);
    expect(described).toEqual({
      HumanTaskUiArn: arnOf("invoice-ui"),
      HumanTaskUiName: "invoice-ui",
      HumanTaskUiStatus: "Active",
      CreationTime: T0,
      UiTemplate: { Url: expect.stringMatching(/^https:\/\//), ContentSha256: sha256(TEMPLATE) },
    });
    expect(described.CreationTime).toBeInstanceOf(Date);
  });

  it("ContentSha256 is the hex SHA-256 of the UTF-8 content, and differs between templates", async () => {
    const unicode = "<crowd-form><p>Prüfen Sie die Summe — 合計</p></crowd-form>";
    await createUi("ui-a");
    await createUi("ui-b", unicode);
    const a = await describeUi("ui-a");
    const b = await describeUi("ui-b");
    expect(b.UiTemplate?.ContentSha256).toBe(sha256(unicode));
    expect(b.UiTemplate?.ContentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.UiTemplate?.ContentSha256).not.toBe(b.UiTemplate?.ContentSha256);
    expect(a.UiTemplate?.Url).not.toBe(b.UiTemplate?.Url);
  });

  it("a duplicate name is ResourceInUse (HTTP 400) and keeps the first template", async () => {
    await createUi("invoice-ui");
    const err = await rejectionOf(createUi("invoice-ui", "<crowd-form>other</crowd-form>"));
    expect(err).toBeInstanceOf(ResourceInUse);
    expect(err.name).toBe("ResourceInUse");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect((await describeUi("invoice-ui")).UiTemplate?.ContentSha256).toBe(sha256(TEMPLATE));
  });

  it("ListHumanTaskUis lists name, ARN and creation time, newest first", async () => {
    await createUi("first-ui");
    jest.advanceTimersByTime(1000);
    await createUi("second-ui");
    const out = await sm.send(new ListHumanTaskUisCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.HumanTaskUiSummaries).toEqual([
      { HumanTaskUiName: "second-ui", HumanTaskUiArn: arnOf("second-ui"), CreationTime: new Date(T0.getTime() + 1000) },
      { HumanTaskUiName: "first-ui", HumanTaskUiArn: arnOf("first-ui"), CreationTime: T0 },
    ]);
    expect(out.NextToken).toBeUndefined();
  });

  it("DeleteHumanTaskUi removes it: ResourceNotFound on Describe and Delete, not listed", async () => {
    await createUi("invoice-ui");
    await createUi("keep-ui");
    const deleted = await sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);

    const err = await rejectionOf(describeUi("invoice-ui"));
    expect(err).toBeInstanceOf(ResourceNotFound);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toContain("invoice-ui");
    await expect(sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }))).rejects.toBeInstanceOf(ResourceNotFound);
    const listed = await sm.send(new ListHumanTaskUisCommand({}));
    expect(listed.HumanTaskUiSummaries?.map((s) => s.HumanTaskUiName)).toEqual(["keep-ui"]);
  });

  it("a deleted template's name can be used again, with the new content", async () => {
    await createUi("invoice-ui");
    await sm.send(new DeleteHumanTaskUiCommand({ HumanTaskUiName: "invoice-ui" }));
    jest.advanceTimersByTime(3000);
    const content = "<crowd-form>v2</crowd-form>";
    await createUi("invoice-ui", content);
    const d = await describeUi("invoice-ui");
    expect(d.UiTemplate?.ContentSha256).toBe(sha256(content));
    expect(d.CreationTime).toEqual(new Date(T0.getTime() + 3000));
  });

  it("describing a template that never existed is ResourceNotFound", async () => {
    await expect(describeUi("no-such-ui")).rejects.toBeInstanceOf(ResourceNotFound);
  });
});
