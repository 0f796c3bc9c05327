/**
 * A test pays for the template engine only when a template needs it (issue 13): starting loops whose task UI holds
 * only `{{ task.input.<name> }}` outputs (the seeded task UI's kind) loads no liquidjs, and its workers still see
 * the task rendered, escaped as A2I escapes. Its own file: the module registry must not have rendered anything yet.
 */
import { SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { lazilyLoaded } from "../../src/lazy-require.js";
import { installFake } from "../support/setup.js";

const a2i = installFake();
const runtime = new SageMakerA2IRuntimeClient({});

const start = async (name: string, template: string, input: unknown) => {
  const { flowDefinitionArn } = a2i.seedFlowDefinition({
    name: `fd-${name}`,
    humanTaskUiArn: a2i.seedHumanTaskUi({ name: `ui-${name}`, content: template }).humanTaskUiArn,
  });
  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(input) } }),
  );
};

test("loops of a task UI with only task.input outputs start without liquidjs; workers see them rendered", async () => {
  await start("plain", `<crowd-form><crowd-input name="caption" label="{{ task.input.q }}"></crowd-input>{{- task.input.a.b -}}</crowd-form>`, {
    q: "<Tom & 'Jerry'>",
  });
  const seeded = a2i.seedFlowDefinition({ name: "seeded" });
  await runtime.send(
    new StartHumanLoopCommand({ HumanLoopName: "seeded-1", FlowDefinitionArn: seeded.flowDefinitionArn, HumanLoopInput: { InputContent: "[1]" } }),
  );
  expect(a2i.humanLoop("plain")?.humanLoopStatus).toBe("InProgress");
  expect(a2i.humanLoop("seeded-1")?.humanLoopStatus).toBe("InProgress");
  expect(lazilyLoaded().has("liquidjs")).toBe(false);

  const task = a2i.workforce.tasks().find((t) => t.humanLoopName === "plain")!;
  expect(task.html).toBe(`<crowd-form><crowd-input name="caption" label="&lt;Tom &amp; &#39;Jerry&#39;&gt;"></crowd-input></crowd-form>`);
  expect(lazilyLoaded().has("liquidjs")).toBe(true);
});

test("any other Liquid is rendered as the loop starts: a filter that fails makes the loop Failed", async () => {
  await start("filtered", `<crowd-form>{{ task.input.q | upcase }}</crowd-form>`, { q: "x" });
  await start("broken", `<crowd-form>{{ task.input.q | no_such_filter }}</crowd-form>`, { q: "x" });
  expect(a2i.humanLoop("filtered")?.humanLoopStatus).toBe("InProgress");
  expect(a2i.humanLoop("broken")).toMatchObject({ humanLoopStatus: "Failed", failureCode: "ValidationError" });
});

test("a template that signs URLs renders per loop (its renders are not shared by input)", async () => {
  jest.useFakeTimers({ now: Date.parse("2026-03-04T05:06:07Z") });
  try {
    const photo = `<img src="{{ task.input.taskObject | grant_read_access }}"><crowd-input name="c"></crowd-input>`;
    const input = { taskObject: "s3://photos/cat.jpg", q: "same" };
    await start("photo-1", photo, input);
    jest.advanceTimersByTime(61_000);
    const { flowDefinitionArn } = a2i.flowDefinitions()[0]!;
    await runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: "photo-2", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: JSON.stringify(input) } }),
    );
    const html = (name: string) => a2i.workforce.tasks().find((t) => t.humanLoopName === name)!.html;
    expect(html("photo-1")).toContain("X-Amz-Date=20260304T050607Z");
    expect(html("photo-2")).toContain("X-Amz-Date=20260304T050708Z");
  } finally {
    jest.useRealTimers();
  }
});
