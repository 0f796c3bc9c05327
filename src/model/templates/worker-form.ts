/**
 * The form a worker fills for one loop: the loop's rendered HTML, its named fields, and the `answerContent` a fill
 * gives (a2i-next-spec.md §3.3). Parsed once per loop, when first asked.
 */
import { buildAnswerContent, type FormFill } from "./form-answer.js";
import { describeField, parseTaskForm, type FormField } from "./task-form.js";
import { loopHtml, type RenderableLoop } from "./task-templates.js";

/** One field of a task's form, as `a2i.workforce.form()` lists it. */
export interface TaskFormField {
  /** The element's `name`: fill it by this name; its answer is `answerContent[name]`. */
  readonly name: string;
  /** `crowd-input`, `crowd-classifier`, ..., or a native `input`, `select`, `textarea`. */
  readonly element: string;
  /** Native inputs: their `type`. */
  readonly type?: string;
  /** What a fill of this field takes, in words (`one of "cat", "dog"`). */
  readonly accepts: string;
  /** Categories, labels, option values, or the values of the checkboxes or radio buttons of this name. */
  readonly options?: readonly string[];
  readonly required: boolean;
}

/** The form of one loop's task. */
export interface TaskForm {
  readonly humanLoopName: string;
  /** The task as a worker sees it: the task UI rendered with the loop's input. */
  readonly html: string;
  readonly fields: readonly TaskFormField[];
  /**
   * The `answerContent` A2I would store for a worker who fills `fill` and submits (nothing is submitted).
   * @throws Error `[a2i-fake] …` for a name the form lacks, a wrong kind of value, or a required field left empty.
   */
  answerContent(fill: FormFill): Record<string, unknown>;
}

const parsedByLoop = new WeakMap<RenderableLoop, FormField[]>();

function fieldsOf(loop: RenderableLoop): FormField[] {
  let fields = parsedByLoop.get(loop);
  if (!fields) {
    fields = parseTaskForm(loopHtml(loop));
    parsedByLoop.set(loop, fields);
  }
  return fields;
}

/** The `answerContent` of `fill` on the loop's form. */
export function answerFromForm(loop: RenderableLoop, fill: FormFill): Record<string, unknown> {
  if (typeof fill !== "object" || fill === null || Array.isArray(fill)) {
    throw new Error(`[a2i-fake] HumanLoop '${loop.name}': a form fill is an object of values by field name; got ${JSON.stringify(fill)}. Use submit() for a free-form answerContent.`);
  }
  return buildAnswerContent(fieldsOf(loop), fill, `HumanLoop '${loop.name}'`);
}

export function taskForm(loop: RenderableLoop): TaskForm {
  const fields = fieldsOf(loop);
  return {
    humanLoopName: loop.name,
    html: loopHtml(loop),
    fields: fields.map((f) => ({
      name: f.name,
      element: f.element,
      ...(f.element === "input" ? { type: f.type } : {}),
      accepts: describeField(f),
      ...(f.options ? { options: [...f.options] } : {}),
      required: f.required,
    })),
    answerContent: (fill) => answerFromForm(loop, fill),
  };
}
