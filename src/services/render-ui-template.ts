/**
 * RenderUiTemplate (a2i-next-spec.md §2.1; SM-MODEL `RenderUiTemplateRequest`): renders `UiTemplate.Content` or a
 * human task UI's template with `Task.Input` as `task.input`. Rendering problems are not API errors: HTTP 200 with
 * `Errors: [{Code, Message}]` and an empty `RenderedContent`. An unknown `HumanTaskUiArn` is `ResourceNotFound`.
 * Both or neither of `UiTemplate`/`HumanTaskUiArn`, and a `Task.Input` that is not JSON, are `ValidationException`
 * (**Choice**: the model has no other class and AWS documents no wording).
 */
import { humanTaskUiArn, parseArn } from "../model/arns.js";
import { resourceNotFound } from "../model/errors.js";
import type { RegionBackend } from "../model/region-backend.js";
import { renderPreview } from "../model/templates/task-templates.js";
import { validationError, type JsonObject } from "./service.js";

export function renderUiTemplate(region: RegionBackend, input: JsonObject): JsonObject {
  const uiTemplate = input.UiTemplate as JsonObject | undefined;
  const arn = input.HumanTaskUiArn as string | undefined;
  if (uiTemplate !== undefined && arn !== undefined) {
    throw validationError("Provide either UiTemplate or HumanTaskUiArn, not both: do not provide a HumanTaskUiArn if you use the UiTemplate parameter.");
  }
  if (uiTemplate === undefined && arn === undefined) {
    throw validationError("Provide the template to render: UiTemplate.Content, or the HumanTaskUiArn of a human task UI.");
  }
  let taskInput: unknown;
  try {
    taskInput = JSON.parse((input.Task as JsonObject).Input as string);
  } catch {
    throw validationError("Invalid Task.Input: it must be a string holding a JSON object (the template's task.input).");
  }
  let source: string | { content: string };
  if (uiTemplate !== undefined) {
    source = uiTemplate.Content as string;
  } else {
    const parsed = parseArn(arn!);
    const name = parsed?.resourceType === "human-task-ui" ? parsed.resourceId : undefined;
    const ui = name !== undefined && arn === humanTaskUiArn(region.scope, name) ? region.humanTaskUis.get(name) : undefined;
    if (!ui) throw resourceNotFound(`Human task UI ${arn} does not exist.`);
    source = ui;
  }
  const result = renderPreview(source, taskInput, region.scope.region, region.now());
  return result.ok
    ? { RenderedContent: result.html, Errors: [] }
    : { RenderedContent: "", Errors: [{ Code: result.error.code, Message: result.error.message }] };
}
