/**
 * A2I's Liquid (a2i-next-spec.md §2.2, DG:a2i-custom-templates "Use Variable Filters"), RenderUiTemplate (§2.1) and
 * loops whose task UI cannot render (decisions.md "Worker task templates"), through the real SDK clients.
 */
import {
  CreateHumanTaskUiCommand,
  RenderUiTemplateCommand,
  ResourceNotFound,
  SageMakerClient,
  type RenderUiTemplateCommandOutput,
} from "@aws-sdk/client-sagemaker";
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { installFake, useJestFakeTimersFrom } from "../support/setup.js";
import { rejectionOf, ROLE_ARN, validationMessage } from "../sagemaker/support.js";

const T0 = Date.parse("2026-03-04T05:06:07.890Z");
const a2i = installFake();
useJestFakeTimersFrom(T0);
const sm = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});

const render = (content: string, input: unknown = {}) =>
  sm.send(new RenderUiTemplateCommand({ UiTemplate: { Content: content }, Task: { Input: JSON.stringify(input) }, RoleArn: ROLE_ARN }));
const rendered = async (content: string, input: unknown = {}) => {
  const out = await render(content, input);
  expect(out.Errors).toEqual([]);
  return out.RenderedContent;
};
const errorsOf = async (content: string, input: unknown = {}) => {
  const out: RenderUiTemplateCommandOutput = await render(content, input);
  expect(out.$metadata.httpStatusCode).toBe(200);
  expect(out.RenderedContent).toBe("");
  return out.Errors;
};

const PEACH = "Have you read 'James & the Giant Peach'?";
const PEACH_ESCAPED = "Have you read &#39;James &amp; the Giant Peach&#39;?";

describe("the Developer Guide's escape and filter examples", () => {
  it("autoescape, escape, escape_once and skip_autoescape give the DG's outputs", async () => {
    expect(await rendered(`{{ "${PEACH}" }}`)).toBe(PEACH_ESCAPED);
    expect(await rendered(`{{ "${PEACH}" | escape }}`)).toBe(PEACH_ESCAPED);
    expect(await rendered(`{{ "Have you read 'James &amp; the Giant Peach'?" | escape_once }}`)).toBe(PEACH_ESCAPED);
    expect(await rendered(`{{ "${PEACH}" | skip_autoescape }}`)).toBe(PEACH);
    // The naive setup double-escapes; A2I's escape is idempotent with autoescape.
    expect(await rendered(`{{ task.input.q | escape }}`, { q: PEACH })).toBe(PEACH_ESCAPED);
  });

  it("to_json serializes without escaping; to_json | escape is safe in attributes; objects and arrays print as JSON", async () => {
    const jsObject = { point_number: 8, coords: [59, 76] };
    expect(JSON.parse(await rendered(`{{ task.input.jsObject | to_json }}`, { jsObject }) as string)).toEqual(jsObject);
    expect(await rendered(`<crowd-x labels="{{ task.input.labels | to_json | escape }}">`, { labels: ["a", "<b>"] })).toBe(
      `<crowd-x labels="[&#34;a&#34;,&#34;&lt;b&gt;&#34;]">`,
    );
    expect(await rendered(`{{ task.input.blocks }}|{{ task.input.missing }}|{{ task.input.n }}`, { blocks: [{ id: 1 }], n: 2.5 })).toBe(
      `[{&#34;id&#34;:1}]||2.5`,
    );
  });

  it("grant_read_access turns s3:// and path-style URIs into presigned HTTPS URLs of the object", async () => {
    const url = (await rendered(`{{ "s3://examplebucket/myphoto.png" | grant_read_access | skip_autoescape }}`)) as string;
    expect(url).toMatch(
      /^https:\/\/examplebucket\.s3\.us-east-1\.amazonaws\.com\/myphoto\.png\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[A-Z0-9]+%2F20260304%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260304T050607Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/,
    );
    // Autoescaped like any output: `&` is `&amp;` in the HTML, which the browser reads back as `&`.
    expect(await rendered(`<img src="{{ "s3://examplebucket/myphoto.png" | grant_read_access }}">`)).toContain("&amp;X-Amz-Date=");
    const captured = (await rendered(
      `{% capture s3_uri %}http://s3.amazonaws.com/{{ task.input.bucket }}/{{ task.input.key }}{% endcapture %}{{ s3_uri | grant_read_access | skip_autoescape }}`,
      { bucket: "my-docs", key: "in/scan 1.png" },
    )) as string;
    expect(captured.startsWith("https://my-docs.s3.us-east-1.amazonaws.com/in/scan%201.png?X-Amz-Algorithm=")).toBe(true);
    expect(await rendered(`{{ "https://s3.amazonaws.com/my-docs/a/b.jpg" | grant_read_access | skip_autoescape }}`)).toMatch(
      /^https:\/\/my-docs\.s3\.us-east-1\.amazonaws\.com\/a\/b\.jpg\?/,
    );
  });

  it("anything else is refused with A2I's InvalidParameters message", async () => {
    for (const value of [" ", "", "https://example.com/a.png", "s3://examplebucket", "https://examplebucket.s3.amazonaws.com/a.png", "/a.png"]) {
      expect(await errorsOf(`{{ task.input.v | grant_read_access }}`, { v: value })).toEqual([
        { Code: "InvalidParameters", Message: `"grant_read_access" input is not a valid S3 URI: "${value}".` },
      ]);
    }
    expect(await errorsOf(`<img src="{{ task.input.taskObject | grant_read_access }}">`, {})).toEqual([
      { Code: "InvalidParameters", Message: `"grant_read_access" input is not a valid S3 URI: "".` },
    ]);
  });

  it("standard Liquid: for with forloop, capture, if/unless/case, standard filters", async () => {
    const template = `{% for l in task.input.labels %}{{ forloop.index }}.{{ l | upcase }} {% endfor %}{% if task.input.n > 1 %}many{% else %}one{% endif %}{% unless task.input.x %}!{% endunless %}{% case task.input.n %}{% when 2 %}two{% endcase %}{% assign t = "a,b" | split: "," %}{{ t | join: "+" }}{{ task.input.s | default: "dflt" }}`;
    expect(await rendered(template, { labels: ["cat", "dog"], n: 2 })).toBe("1.CAT 2.DOG many!twoa+bdflt");
  });

  it("undefined filters, unknown tags and syntax errors come back with line and column, HTTP 200", async () => {
    expect(await errorsOf(`<p>\n  {{ task.input.text | nosuchfilter }}</p>`)).toEqual([
      { Code: "TemplateSyntaxError", Message: "undefined filter: nosuchfilter, line:2, col:3" },
    ]);
    expect(await errorsOf(`{% if task.input.a %}open`)).toEqual([
      { Code: "TemplateSyntaxError", Message: "tag {% if task.input.a %} not closed, line:1, col:1" },
    ]);
    expect(await errorsOf(`x {{ task.input.a `)).toEqual([
      { Code: "TemplateSyntaxError", Message: `output "{{ task.input.a " not closed, line:1, col:3` },
    ]);
    expect(await errorsOf(`{% frobnicate %}`)).toEqual([{ Code: "TemplateSyntaxError", Message: `tag "frobnicate" not found, line:1, col:1` }]);
    const [include] = (await errorsOf(`{% include "header.html" %}`))!;
    expect(include).toEqual({ Code: "TemplateRenderError", Message: expect.stringContaining("a single file") });
  });
});

describe("RenderUiTemplate", () => {
  it("renders a human task UI by HumanTaskUiArn; an unknown one is ResourceNotFound", async () => {
    const { HumanTaskUiArn } = await sm.send(
      new CreateHumanTaskUiCommand({ HumanTaskUiName: "ui", UiTemplate: { Content: `<crowd-form><h1>{{ task.input.title }}</h1></crowd-form>` } }),
    );
    const out = await sm.send(new RenderUiTemplateCommand({ HumanTaskUiArn, Task: { Input: `{"title":"A & B"}` }, RoleArn: ROLE_ARN }));
    expect(out).toMatchObject({ RenderedContent: "<crowd-form><h1>A &amp; B</h1></crowd-form>", Errors: [] });
    for (const arn of [`${HumanTaskUiArn}x`, HumanTaskUiArn!.replace("us-east-1", "eu-west-1")]) {
      const err = await rejectionOf(sm.send(new RenderUiTemplateCommand({ HumanTaskUiArn: arn, Task: { Input: "{}" }, RoleArn: ROLE_ARN })));
      expect(err).toBeInstanceOf(ResourceNotFound);
      expect(err.message).toBe(`Human task UI ${arn} does not exist.`);
    }
  });

  it("checks the model's constraints and what it leaves to the service", async () => {
    const send = (input: object) => sm.send(new RenderUiTemplateCommand(input as never));
    expect(await validationMessage(send({ UiTemplate: { Content: "x" }, Task: { Input: "{}" } }))).toMatch(/'roleArn' failed to satisfy constraint: Member must not be null/);
    expect(await validationMessage(send({ UiTemplate: { Content: "x" }, RoleArn: ROLE_ARN }))).toMatch(/'task' failed to satisfy constraint: Member must not be null/);
    expect(await validationMessage(send({ UiTemplate: { Content: "x" }, Task: { Input: "1" }, RoleArn: ROLE_ARN }))).toMatch(
      /Value '1' at 'task.input' failed to satisfy constraint: Member must have length greater than or equal to 2/,
    );
    expect(await validationMessage(send({ UiTemplate: { Content: "" }, Task: { Input: "{}" }, RoleArn: ROLE_ARN }))).toMatch(/'uiTemplate.content'/);
    expect(await validationMessage(send({ UiTemplate: { Content: "x".repeat(128001) }, Task: { Input: "{}" }, RoleArn: ROLE_ARN }))).toMatch(
      /^1 validation error detected: Value 'x{100}/, // the rest is cut at the model's message length
    );
    expect(await validationMessage(send({ UiTemplate: { Content: "x" }, Task: { Input: "{}" }, RoleArn: "role" }))).toMatch(/'roleArn'/);
    expect(await validationMessage(send({ HumanTaskUiArn: "arn:nope", Task: { Input: "{}" }, RoleArn: ROLE_ARN }))).toMatch(/'humanTaskUiArn'/);
    expect(await validationMessage(send({ Task: { Input: "{}" }, RoleArn: ROLE_ARN }))).toMatch(/^Provide the template to render/);
    expect(
      await validationMessage(
        send({ UiTemplate: { Content: "x" }, HumanTaskUiArn: "arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/ui", Task: { Input: "{}" }, RoleArn: ROLE_ARN }),
      ),
    ).toMatch(/^Provide either UiTemplate or HumanTaskUiArn, not both/);
    expect(await validationMessage(send({ UiTemplate: { Content: "x" }, Task: { Input: "{nope" }, RoleArn: ROLE_ARN }))).toMatch(/^Invalid Task.Input/);
    expect(a2i.calls("RenderUiTemplate")).toHaveLength(10);
  });
});

describe("loops render their task UI when they start", () => {
  const startWith = async (template: string, input: unknown) => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({
      name: "fd",
      humanTaskUiArn: a2i.seedHumanTaskUi({ name: "photo-ui", content: template }).humanTaskUiArn,
    });
    return runtime.send(new StartHumanLoopCommand({ HumanLoopName: "loop-1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(input) } }));
  };
  const PHOTO = `<crowd-form><img src="{{ task.input.taskObject | grant_read_access }}"><crowd-input name="caption"></crowd-input></crowd-form>`;

  it("a render error makes the loop Failed (ValidationError) with its event, while StartHumanLoop succeeds", async () => {
    const started = await startWith(PHOTO, { taskObject: " " });
    expect(started.$metadata.httpStatusCode).toBe(200);
    const loop = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-1" }));
    const reason = `Task failed to render: [ InvalidParameters: '"grant_read_access" input is not a valid S3 URI: " ".' ]`;
    expect(loop).toMatchObject({ HumanLoopStatus: "Failed", FailureCode: "ValidationError", FailureReason: reason });
    expect(a2i.events.map((e) => e.detail)).toEqual([
      expect.objectContaining({ humanLoopName: "loop-1", humanLoopStatus: "Failed", failureCode: "ValidationError", failureReason: reason }),
    ]);
    expect(a2i.workforce.tasks()).toEqual([]);
    // A test that reaches for the task's form is told why there is none (a new user's trial met an "internal error").
    const noTask = `[a2i-fake] HumanLoop 'loop-1' has no task for workers: its task UI did not render when it started, so the loop is Failed (ValidationError: ${reason}).`;
    expect(() => a2i.workforce.form("loop-1")).toThrow(noTask);
    // A worker is told the loop is Failed and why, as accept() tells it, before any fill is checked.
    expect(() => a2i.workforce.submitForm("loop-1", { caption: "a cat" })).toThrow(
      `[a2i-fake] HumanLoop 'loop-1' is Failed (ValidationError: ${reason}): its task takes no new workers.`,
    );
  });

  it("a template typo fails every loop with the line and column; a good input starts an InProgress loop", async () => {
    await startWith(`<crowd-form>\n{{ task.input.text | upcasee }}</crowd-form>`, { text: "x" });
    expect(a2i.humanLoop("loop-1")).toMatchObject({
      humanLoopStatus: "Failed",
      failureReason: `Task failed to render: [ TemplateSyntaxError: 'undefined filter: upcasee, line:2, col:1' ]`,
    });
    a2i.reset();
    await startWith(PHOTO, { taskObject: "s3://my-photos/cat.jpg" });
    expect(a2i.humanLoop("loop-1")?.humanLoopStatus).toBe("InProgress");
    expect(a2i.events).toEqual([]);
  });
});
