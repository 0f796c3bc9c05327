/**
 * Workers see and fill the real form (a2i-next-spec.md §3.2, §3.3): a corpus of template shapes modeled on the public
 * sample task UIs' features, rendered when loops start and answered by the names in the template; answerContent as
 * A2I builds it for each element, read back from output.json through the real S3 client.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { installFake, useJestFakeTimersFrom } from "../support/setup.js";

const a2i = installFake();
useJestFakeTimersFrom(Date.parse("2026-03-04T05:06:07.890Z"));
const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

/** A flow definition on `template`, one loop started with `input`; returns the loop's name. */
async function loopOn(template: string, input: unknown, name = "loop-1"): Promise<string> {
  const ui = a2i.seedHumanTaskUi({ name: `ui-${name}`, content: template });
  const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: `fd-${name}`, humanTaskUiArn: ui.humanTaskUiArn });
  await runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(input) } }));
  return name;
}

async function answerContentOf(name: string): Promise<unknown> {
  const uri = a2i.humanLoop(name)!.outputS3Uri;
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
  const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  return (JSON.parse(body) as { humanAnswers: { answerContent: unknown }[] }).humanAnswers[0]!.answerContent;
}

const IMAGE_CLASSIFICATION = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-image-classifier name="category" src="{{ task.input.taskObject | grant_read_access }}" header="What is in the image?"
    categories="{{ task.input.labels | to_json | escape }}" required>
    <full-instructions header="Classification">Pick one.</full-instructions>
  </crowd-image-classifier>
</crowd-form>`;

const TEXTRACT_LIKE = `<crowd-form>
  {% capture s3_uri %}http://s3.amazonaws.com/{{ task.input.aiServiceRequest.document.s3Object.bucket }}/{{ task.input.aiServiceRequest.document.s3Object.name }}{% endcapture %}
  <crowd-textract-analyze-document src="{{ s3_uri | grant_read_access }}" initial-value="{{ task.input.selectedAiServiceResponse.blocks }}"
    header="Review the key-value pairs" no-key-edit no-geometry-edit keys="{{ task.input.humanLoopContext.keys | to_json | escape }}">
  </crowd-textract-analyze-document>
  <input type="hidden" name="reviewed-keys" value="{{ task.input.humanLoopContext.keys | join: ',' }}">
  <select name="overall_decision"><option value="approve">Approve</option><option value="reject" selected>Reject</option></select>
  <textarea name="corrected_json">
{{ task.input.selectedAiServiceResponse.blocks | to_json }}</textarea>
  <input type="date" name="invoice_date">
</crowd-form>`;

const MODERATION_LIKE = `<crowd-form>
  <img src="{{ task.input.aiServiceRequest.image.s3Object | grant_read_access }}">
  {% for label in task.input.selectedAiServiceResponse.moderationLabels %}
    <crowd-checkbox name="label-{{ forloop.index }}" value="{{ label.name }}">{{ label.name }} ({{ label.confidence }}%)</crowd-checkbox>
  {% endfor %}
</crowd-form>`;

const SENTIMENT = `<crowd-form>
  <p>{{ task.input.taskObject }}</p>
  <crowd-classifier name="sentiment" categories="['Positive', 'Negative', 'Neutral']" header="Sentiment?"></crowd-classifier>
  <crowd-classifier-multi-select name="topics" categories='["billing", "support", "sales"]'></crowd-classifier-multi-select>
  <crowd-radio-group>
    <crowd-radio-button name="urgent" value="urgent">Urgent</crowd-radio-button>
    <crowd-radio-button name="routine" value="routine" checked>Routine</crowd-radio-button>
  </crowd-radio-group>
  <crowd-checkbox name="sarcasm" value="present">Sarcasm</crowd-checkbox>
  <crowd-toggle-button name="spam"></crowd-toggle-button>
  <crowd-slider name="intensity" min="1" max="10" step="1"></crowd-slider>
  <crowd-input name="summary" label="One line"></crowd-input>
  <crowd-text-area name="notes"></crowd-text-area>
  <crowd-button form-action="submit">Submit</crowd-button>
  <input type="submit" value="Send">
</crowd-form>`;

const ANNOTATION = `<crowd-form>
  <crowd-bounding-box name="boxes" src="{{ task.input.taskObject | grant_read_access }}" labels="{{ task.input.labels | to_json | escape }}"></crowd-bounding-box>
  <crowd-keypoint name="points" src="{{ task.input.taskObject | grant_read_access }}" labels="['Left Eye', 'Beak']"></crowd-keypoint>
  <crowd-polygon name="shapes" src="{{ task.input.taskObject | grant_read_access }}" labels='["lake"]'></crowd-polygon>
</crowd-form>`;

const ENTITIES = `<crowd-entity-annotation name="crowd-entity-annotation" header="Highlight names"
  labels="[{'label': 'person', 'shortDisplayName': 'per', 'fullDisplayName': 'Person'}]" text="{{ task.input.taskObject }}">
</crowd-entity-annotation>`;

describe("a corpus of real-world template shapes, rendered and answered", () => {
  it("image classification: grant_read_access on task.input.taskObject, categories from to_json | escape", async () => {
    const loop = await loopOn(IMAGE_CLASSIFICATION, { taskObject: "s3://my-photos/birds/1.jpg", labels: ["Bird", "Cat \"big\""] });
    const [task] = a2i.workforce.tasks();
    expect(task!.html).toContain(`src="https://my-photos.s3.us-east-1.amazonaws.com/birds/1.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;`);
    expect(task!.html).toContain(`categories="[&#34;Bird&#34;,&#34;Cat \\&#34;big\\&#34;&#34;]"`);
    expect(a2i.workforce.form(loop).fields).toEqual([
      { name: "category", element: "crowd-image-classifier", accepts: `one of "Bird", "Cat \\"big\\"", or { label, workerComment? }`, options: ["Bird", 'Cat "big"'], required: true },
    ]);
    a2i.workforce.submitForm(loop, { category: { label: 'Cat "big"', workerComment: "blurry" } });
    expect(await answerContentOf(loop)).toEqual({ category: { label: 'Cat "big"', workerComment: "blurry" } });
  });

  it("Textract-like: capture builds a path-style URI; objects print as JSON; native hidden, select, textarea and date fields", async () => {
    const blocks = [{ blockType: "KEY_VALUE_SET", id: "b1" }];
    const loop = await loopOn(TEXTRACT_LIKE, {
      aiServiceRequest: { document: { s3Object: { bucket: "invoices", name: "2026/inv 1.png" } } },
      selectedAiServiceResponse: { blocks },
      humanLoopContext: { keys: ["Total", "Date"] },
    });
    const html = a2i.workforce.tasks()[0]!.html;
    expect(html).toContain(`src="https://invoices.s3.us-east-1.amazonaws.com/2026/inv%201.png?X-Amz-Algorithm=`);
    expect(html).toContain(`initial-value="[{&#34;blockType&#34;:&#34;KEY_VALUE_SET&#34;,&#34;id&#34;:&#34;b1&#34;}]"`);
    expect(a2i.workforce.form(loop).fields.map((f) => [f.name, f.element, f.type ?? null])).toEqual([
      ["reviewed-keys", "input", "hidden"],
      ["overall_decision", "select", null],
      ["corrected_json", "textarea", null],
      ["invoice_date", "input", "date"],
    ]);
    // Unfilled native fields submit their initial values, as an HTML form does; JSON in a field stays a string.
    expect(a2i.workforce.form(loop).answerContent({})).toEqual({
      "reviewed-keys": "Total,Date",
      overall_decision: "reject",
      corrected_json: JSON.stringify(blocks),
      invoice_date: "",
    });
    a2i.workforce.submitForm(loop, { overall_decision: "approve", invoice_date: "2026-01-31" });
    expect(await answerContentOf(loop)).toEqual({ "reviewed-keys": "Total,Date", overall_decision: "approve", corrected_json: JSON.stringify(blocks), invoice_date: "2026-01-31" });
  });

  it("Rekognition-like: for over labels with forloop.index makes one checkbox per label; unchecked boxes answer false", async () => {
    const loop = await loopOn(MODERATION_LIKE, {
      aiServiceRequest: { image: { s3Object: "s3://uploads/u1.png" } },
      selectedAiServiceResponse: { moderationLabels: [{ name: "Violence", confidence: 91 }, { name: "Drugs", confidence: 72 }] },
    });
    expect(a2i.workforce.tasks()[0]!.html).toContain("Violence (91%)");
    a2i.workforce.submitForm(loop, { "label-1": true });
    expect(await answerContentOf(loop)).toEqual({ "label-1": { Violence: true }, "label-2": { Drugs: false } });
  });

  it("sentiment: classifier, multi-select, radio group, checkbox, toggle, slider, input and text area", async () => {
    const loop = await loopOn(SENTIMENT, { taskObject: "I <3 it & more" });
    expect(a2i.workforce.tasks()[0]!.html).toContain("<p>I &lt;3 it &amp; more</p>");
    const form = a2i.workforce.form(loop);
    expect(form.fields.map((f) => f.name)).toEqual(["sentiment", "topics", "urgent", "routine", "sarcasm", "spam", "intensity", "summary", "notes"]);
    // Defaults: the checked radio button is on, unchecked controls are off, empty inputs are absent.
    expect(form.answerContent({})).toEqual({ urgent: { urgent: false }, routine: { routine: true }, sarcasm: { present: false }, spam: { on: false } });
    a2i.workforce.submitForm(loop, {
      sentiment: "Positive",
      topics: ["billing", "sales"],
      urgent: true,
      sarcasm: { present: true },
      spam: false,
      intensity: 7,
      summary: "",
      notes: "line 1\nline 2",
    });
    expect(await answerContentOf(loop)).toEqual({
      sentiment: { label: "Positive" },
      topics: { labels: ["billing", "sales"] },
      urgent: { urgent: true },
      routine: { routine: false },
      sarcasm: { present: true },
      spam: { on: false },
      intensity: 7,
      notes: "line 1\nline 2",
    });
  });

  it("bounding boxes, keypoints and polygons carry their shapes and the image's size", async () => {
    const loop = await loopOn(ANNOTATION, { taskObject: "s3://birds/b.jpg", labels: ["bird"] });
    const size = { width: 962, height: 1314 };
    a2i.workforce.submitForm(loop, {
      boxes: { boundingBoxes: [{ label: "bird", left: 10, top: 20, width: 30, height: 40 }], inputImageProperties: size },
      points: { keypoints: [{ label: "Beak", x: 941, y: 403 }], inputImageProperties: size },
      shapes: { polygons: [{ label: "lake", vertices: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 1 }] }], inputImageProperties: size },
    });
    expect(await answerContentOf(loop)).toEqual({
      boxes: { boundingBoxes: [{ height: 40, label: "bird", left: 10, top: 20, width: 30 }], inputImageProperties: { height: 1314, width: 962 } },
      points: { inputImageProperties: { height: 1314, width: 962 }, keypoints: [{ label: "Beak", x: 941, y: 403 }] },
      shapes: { inputImageProperties: { height: 1314, width: 962 }, polygons: [{ label: "lake", vertices: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 1 }] }] },
    });
  });

  it("entity annotation without a crowd-form; answered by an auto-responder that fills the form from the input", async () => {
    a2i.workforce.autoRespond({
      form: (input) => ({ "crowd-entity-annotation": { entities: [{ label: "person", startOffset: 0, endOffset: (input as { taskObject: string }).taskObject.indexOf(" ") }] } }),
      workMs: 5000,
    });
    const loop = await loopOn(ENTITIES, { taskObject: "Ada Lovelace wrote it" });
    jest.advanceTimersByTime(5000);
    expect(await answerContentOf(loop)).toEqual({ "crowd-entity-annotation": { entities: [{ endOffset: 3, label: "person", startOffset: 0 }] } });
  });
});

describe("a fill no form could produce is an [a2i-fake] error listing the form's fields", () => {
  it("unknown names, wrong kinds of value, values outside the template's options, required fields", async () => {
    const loop = await loopOn(SENTIMENT, { taskObject: "x" });
    const tryFill = (fill: Record<string, unknown>) => () => a2i.workforce.form(loop).answerContent(fill);
    expect(tryFill({ sentimnet: "Positive" })).toThrow(
      /^\[a2i-fake\] HumanLoop 'loop-1': the task's form has no field named 'sentimnet'\. Its fields: sentiment \(crowd-classifier: one of "Positive", "Negative", "Neutral"\); topics \(crowd-classifier-multi-select: an array of "billing", "support", "sales"\); .*intensity \(crowd-slider: a number from 1 to 10\); summary \(crowd-input: a string\); notes \(crowd-text-area: a string\)\.$/,
    );
    expect(tryFill({ sentiment: "Happy" })).toThrow(`field 'sentiment' (crowd-classifier) takes one of "Positive", "Negative", "Neutral"; "Happy" is not one of them`);
    expect(tryFill({ sentiment: { label: "Positive" } })).toThrow(/field 'sentiment' \(crowd-classifier\) takes one of .*; got \{"label":"Positive"\}/);
    expect(tryFill({ topics: "billing" })).toThrow(/field 'topics' \(crowd-classifier-multi-select\) takes an array of/);
    expect(tryFill({ intensity: 11 })).toThrow("field 'intensity' (crowd-slider) takes a number from 1 to 10; got 11");
    expect(tryFill({ sarcasm: "yes" })).toThrow(/field 'sarcasm' \(crowd-checkbox\) takes true or false/);
    expect(tryFill({ urgent: true, routine: true })).toThrow("'urgent' and 'routine' are buttons of one crowd-radio-group: only one of them can be on.");
    expect(tryFill({ notes: 3 })).toThrow(/field 'notes' \(crowd-text-area\) takes a string; got 3/);
    // Nothing was submitted by the failed fills.
    expect(a2i.humanLoop(loop)!.humanLoopStatus).toBe("InProgress");
    expect(() => a2i.workforce.submitForm(loop, ["Positive"] as never)).toThrow(/a form fill is an object of values by field name/);
    expect(() => a2i.workforce.submitForm(loop, { sentiment: "Happy" })).toThrow(/"Happy" is not one of them/);
    expect(a2i.workforce.tasks({ humanLoopName: loop })[0]!.slots).toEqual([{ status: "open" }]); // no slot taken

    const image = await loopOn(IMAGE_CLASSIFICATION, { taskObject: "s3://photos/q/r.jpg", labels: ["Bird"] }, "loop-2");
    const claim = a2i.workforce.accept(image, { workerId: "w1" });
    expect(() => claim.submitForm({})).toThrow("field 'category' (crowd-image-classifier) is required: a worker cannot submit the form without it.");
    claim.submitForm({ category: "Bird" });
    expect(await answerContentOf(image)).toEqual({ category: { label: "Bird" } });
    // A loop that takes no worker says so before its form is checked: a typo in a fill for a Completed loop is told
    // the loop is Completed, not that the field is misspelt.
    expect(() => a2i.workforce.submitForm(image, { categroy: "Bird" })).toThrow("[a2i-fake] HumanLoop 'loop-2' is Completed: its task takes no new workers.");
  });

  it("submit(loop, anyJson) stays free-form", async () => {
    const loop = await loopOn(SENTIMENT, { taskObject: "x" });
    a2i.workforce.submit(loop, { anything: ["goes"] });
    expect(await answerContentOf(loop)).toEqual({ anything: ["goes"] });
  });
});
