/**
 * The form in a rendered task: the named elements a worker fills (a2i-next-spec.md §3.2). Parsed with htmlparser2
 * (loaded at first use), never with regular expressions. Each field knows its element and what its answer takes;
 * form-answer.ts turns a worker's values into `answerContent`.
 */
import type { Parser as ParserClass } from "htmlparser2";
import { lazyRequire } from "../../lazy-require.js";

/** The elements whose `name` gives a key of `answerContent`. */
export const FIELD_ELEMENTS = [
  "crowd-input",
  "crowd-text-area",
  "crowd-classifier",
  "crowd-classifier-multi-select",
  "crowd-image-classifier",
  "crowd-image-classifier-multi-select",
  "crowd-checkbox",
  "crowd-radio-button",
  "crowd-toggle-button",
  "crowd-slider",
  "crowd-bounding-box",
  "crowd-keypoint",
  "crowd-polygon",
  "crowd-entity-annotation",
  "input",
  "select",
  "textarea",
] as const;

export type FieldElement = (typeof FIELD_ELEMENTS)[number];

/** One checkbox, radio button or toggle of a name (several share a name and one answer object). */
export interface FormControl {
  /** Its `value` attribute (`on` when absent, as for HTML checkboxes). */
  readonly value: string;
  readonly checked: boolean;
  /** Index of the enclosing `crowd-radio-group`, if any (one button of a group is on). */
  readonly group: number | undefined;
}

/** A named field of the task's form. */
export interface FormField {
  /** The element's `name`: the key of its answer in `answerContent`. */
  readonly name: string;
  readonly element: FieldElement;
  /** `input` elements: their `type` (default `text`); `select`: `multiple` or `single`. */
  readonly type: string | undefined;
  /** Categories (classifiers), labels (annotation tools), option values (select), or the values of the controls. */
  readonly options: readonly string[] | undefined;
  /** The element carries `required`: the form cannot be submitted without it. */
  readonly required: boolean;
  /** Its initial value (`value` attribute, a textarea's text, the selected option). */
  readonly initial: string | undefined;
  /** crowd-slider: `min`/`max` attributes. */
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** Checkboxes, radio buttons and toggles of this name. */
  readonly controls: readonly FormControl[];
}

const FIELD_SET: ReadonlySet<string> = new Set(FIELD_ELEMENTS);
/** Native inputs that carry no answer. */
const NOT_FIELDS: ReadonlySet<string> = new Set(["submit", "button", "reset", "image", "file"]);
const CONTROL_ELEMENTS: ReadonlySet<string> = new Set(["crowd-checkbox", "crowd-radio-button", "crowd-toggle-button"]);

/** A JSON list in an attribute; the Developer Guide writes them with single quotes too (`['Cat', 'Dog']`). */
function listAttribute(text: string | undefined): unknown[] | undefined {
  if (text === undefined) return undefined;
  for (const candidate of [text, text.replace(/'/g, '"')]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (Array.isArray(value)) return value;
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

function optionsOf(element: string, attribs: Record<string, string>): string[] | undefined {
  const list = element.includes("classifier") ? listAttribute(attribs.categories) : listAttribute(attribs.labels ?? attribs.keypoints);
  // crowd-entity-annotation labels are objects: [{ label, shortDisplayName, fullDisplayName }].
  return list?.map((item) => (item && typeof item === "object" ? String((item as { label?: unknown }).label) : String(item)));
}

const num = (text: string | undefined) => (text === undefined || text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Number(text));

interface MutableField extends Omit<FormField, "controls" | "options" | "initial"> {
  controls: FormControl[];
  options: string[] | undefined;
  initial: string | undefined;
}

/** The named fields of `html`, in document order (a name met again adds controls, or replaces a plain field). */
export function parseTaskForm(html: string): FormField[] {
  const { Parser } = lazyRequire<{ Parser: typeof ParserClass }>("htmlparser2");
  const fields = new Map<string, MutableField>();
  let groups = 0;
  const openGroups: number[] = [];
  let select: MutableField | undefined;
  let option: { value: string | undefined; text: string; selected: boolean } | undefined;
  let textarea: { field: MutableField; text: string } | undefined;

  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        if (tag === "crowd-radio-group") openGroups.push(groups++);
        if (tag === "option" && select) option = { value: attribs.value, text: "", selected: "selected" in attribs };
        const name = attribs.name;
        if (!FIELD_SET.has(tag) || name === undefined || name === "") return;
        const element = tag as FieldElement;
        const type = element === "input" ? (attribs.type ?? "text").toLowerCase() : element === "select" ? ("multiple" in attribs ? "multiple" : "single") : undefined;
        if (element === "input" && NOT_FIELDS.has(type!)) return;
        const isControl = CONTROL_ELEMENTS.has(element) || type === "checkbox" || type === "radio";
        const existing = fields.get(name);
        const control: FormControl = { value: attribs.value ?? "on", checked: "checked" in attribs, group: openGroups.at(-1) };
        if (isControl && existing && existing.element === element && existing.type === type) {
          existing.controls.push(control);
          existing.options!.push(control.value);
          return;
        }
        const field: MutableField = {
          name,
          element,
          type,
          options: isControl ? [control.value] : element === "select" ? [] : optionsOf(element, attribs),
          required: "required" in attribs,
          initial: isControl ? undefined : attribs.value,
          min: num(attribs.min),
          max: num(attribs.max),
          controls: isControl ? [control] : [],
        };
        fields.delete(name);
        fields.set(name, field);
        if (element === "select") select = field;
        if (element === "textarea") textarea = { field, text: "" };
      },
      ontext(text) {
        if (option) option.text += text;
        if (textarea) textarea.text += text;
      },
      onclosetag(tag) {
        if (tag === "crowd-radio-group") openGroups.pop();
        if (tag === "option" && option && select) {
          const value = option.value ?? option.text.trim();
          select.options!.push(value);
          if (option.selected || (select.initial === undefined && select.type === "single")) select.initial = value;
          option = undefined;
        }
        if (tag === "select") select = undefined;
        if (tag === "textarea" && textarea) {
          // The HTML parser drops one newline right after <textarea>, as browsers do.
          textarea.field.initial = textarea.text.replace(/^\r?\n/, "");
          textarea = undefined;
        }
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return [...fields.values()];
}

/** What a field takes, in words (messages and `a2i.workforce.form()`). */
export function describeField(field: FormField): string {
  const one = field.options ? `one of ${field.options.map((o) => JSON.stringify(o)).join(", ")}` : "a string";
  const some = field.options ? `an array of ${field.options.map((o) => JSON.stringify(o)).join(", ")}` : "an array of strings";
  switch (field.element) {
    case "crowd-input":
    case "crowd-text-area":
    case "textarea":
      return "a string";
    case "crowd-classifier":
      return one;
    case "crowd-image-classifier":
      return `${one}, or { label, workerComment? }`;
    case "crowd-classifier-multi-select":
    case "crowd-image-classifier-multi-select":
      return some;
    case "crowd-checkbox":
    case "crowd-radio-button":
    case "crowd-toggle-button":
      return field.controls.length === 1
        ? `true or false (or { ${JSON.stringify(field.controls[0]!.value)}: boolean })`
        : `one of ${field.options!.map((o) => JSON.stringify(o)).join(", ")}, or { <value>: boolean }`;
    case "crowd-slider":
      return `a number${field.min !== undefined || field.max !== undefined ? ` from ${field.min ?? "-∞"} to ${field.max ?? "∞"}` : ""}`;
    case "crowd-bounding-box":
      return `{ boundingBoxes: [{ label, left, top, width, height }], inputImageProperties: { width, height } }${field.options ? ` (labels ${field.options.map((o) => JSON.stringify(o)).join(", ")})` : ""}`;
    case "crowd-keypoint":
      return `{ keypoints: [{ label, x, y }], inputImageProperties: { width, height } }${field.options ? ` (labels ${field.options.map((o) => JSON.stringify(o)).join(", ")})` : ""}`;
    case "crowd-polygon":
      return `{ polygons: [{ label, vertices: [{ x, y }] }], inputImageProperties: { width, height } }${field.options ? ` (labels ${field.options.map((o) => JSON.stringify(o)).join(", ")})` : ""}`;
    case "crowd-entity-annotation":
      return `{ entities: [{ label, startOffset, endOffset }] }${field.options ? ` (labels ${field.options.map((o) => JSON.stringify(o)).join(", ")})` : ""}`;
    case "select":
      return field.type === "multiple" ? some : one;
    case "input":
      if (field.type === "checkbox") return field.controls.length === 1 ? "true or false" : `an array of ${field.options!.map((o) => JSON.stringify(o)).join(", ")}`;
      if (field.type === "radio") return one;
      return field.type === "number" || field.type === "range" ? "a number or a string" : "a string";
  }
}
