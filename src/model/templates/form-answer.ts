/**
 * From a worker's filled form to `answerContent`, as A2I builds it for each element (a2i-next-spec.md §3.2, from each
 * `sms-ui-template-crowd-*` page's Output section; DG:a2i-output-data: one object, one key per named element). A name
 * the form does not have, or a value of the wrong kind for its element, is an `[a2i-fake]` error listing the fields.
 */
import { describeField, type FormField } from "./task-form.js";

/** A worker's values, by the `name`s in the template. */
export type FormFill = Readonly<Record<string, unknown>>;

type Answer = Record<string, unknown>;

class FillError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function fieldList(fields: readonly FormField[]): string {
  return fields.length === 0
    ? "The form has no named fields."
    : `Its fields: ${fields.map((f) => `${f.name} (${f.element}${f.type && f.element === "input" ? ` type=${f.type}` : ""}: ${describeField(f)})`).join("; ")}.`;
}

function oneOf(field: FormField, value: unknown): string {
  if (typeof value !== "string") throw new FillError(`takes ${describeField(field)}; got ${JSON.stringify(value)}`);
  if (field.options && !field.options.includes(value)) throw new FillError(`takes ${describeField(field)}; "${value}" is not one of them`);
  return value;
}

function someOf(field: FormField, value: unknown): string[] {
  if (!Array.isArray(value)) throw new FillError(`takes ${describeField(field)}; got ${JSON.stringify(value)}`);
  return value.map((v) => oneOf(field, v));
}

function needs(cond: boolean, field: FormField, value: unknown): void {
  if (!cond) throw new FillError(`takes ${describeField(field)}; got ${JSON.stringify(value)}`);
}

/** Checkboxes, radio buttons, toggles: `{ <value>: boolean }` for every control of the name. */
function controlStates(field: FormField, value: unknown): Record<string, boolean> {
  const states: Record<string, boolean> = {};
  for (const c of field.controls) states[c.value] = c.checked;
  if (value === undefined) return states;
  if (typeof value === "boolean" && field.controls.length === 1) {
    states[field.controls[0]!.value] = value;
  } else if (typeof value === "string" && field.options!.includes(value)) {
    for (const key of Object.keys(states)) states[key] = key === value;
  } else if (isObject(value) && Object.entries(value).every(([k, v]) => field.options!.includes(k) && typeof v === "boolean")) {
    Object.assign(states, value);
  } else {
    throw new FillError(`takes ${describeField(field)}; got ${JSON.stringify(value)}`);
  }
  return states;
}

function imageProperties(field: FormField, value: Record<string, unknown>): { height: number; width: number } {
  const p = value.inputImageProperties;
  needs(isObject(p) && isNumber(p.width) && isNumber(p.height), field, value);
  const { height, width } = p as { height: number; width: number };
  return { height, width };
}

function labelled<T>(field: FormField, value: unknown, key: string, shape: (item: Record<string, unknown>) => T | undefined): T[] {
  needs(isObject(value) && Array.isArray(value[key]), field, value);
  return ((value as Record<string, unknown[]>)[key] ?? []).map((item) => {
    const out = isObject(item) && typeof item.label === "string" ? shape(item) : undefined;
    needs(out !== undefined, field, item);
    const label = (item as { label: string }).label;
    if (field.options && !field.options.includes(label)) {
      throw new FillError(`has labels ${field.options.map((o) => JSON.stringify(o)).join(", ")}; "${label}" is not one of them`);
    }
    return out!;
  });
}

/** The answer under one field's name, or undefined when the element gives none. */
function answerOf(field: FormField, value: unknown): unknown {
  const filled = value !== undefined;
  switch (field.element) {
    case "crowd-input":
    case "crowd-text-area": {
      if (filled) needs(typeof value === "string" || (isNumber(value) && field.element === "crowd-input"), field, value);
      const text = filled ? String(value) : (field.initial ?? "");
      return text === "" ? undefined : text; // an element left empty is absent
    }
    case "crowd-classifier":
      return filled ? { label: oneOf(field, value) } : undefined;
    case "crowd-image-classifier": {
      if (!filled) return undefined;
      if (typeof value === "string") return { label: oneOf(field, value) };
      needs(isObject(value) && (value.workerComment === undefined || typeof value.workerComment === "string"), field, value);
      const v = value as { label?: unknown; workerComment?: string };
      return { label: oneOf(field, v.label), ...(v.workerComment ? { workerComment: v.workerComment } : {}) };
    }
    case "crowd-classifier-multi-select":
    case "crowd-image-classifier-multi-select":
      return filled ? { labels: someOf(field, value) } : undefined;
    case "crowd-checkbox":
    case "crowd-radio-button":
    case "crowd-toggle-button":
      return controlStates(field, value);
    case "crowd-slider": {
      if (!filled) return field.initial === undefined ? undefined : Number(field.initial);
      needs(isNumber(value), field, value);
      const n = value as number;
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) throw new FillError(`takes ${describeField(field)}; got ${n}`);
      return n;
    }
    case "crowd-bounding-box":
      if (!filled) return undefined;
      return {
        boundingBoxes: labelled(field, value, "boundingBoxes", (b) =>
          [b.left, b.top, b.width, b.height].every(isNumber)
            ? { height: b.height, label: b.label, left: b.left, top: b.top, width: b.width }
            : undefined,
        ),
        inputImageProperties: imageProperties(field, value as Record<string, unknown>),
      };
    case "crowd-keypoint":
      if (!filled) return undefined;
      return {
        inputImageProperties: imageProperties(field, value as Record<string, unknown>),
        keypoints: labelled(field, value, "keypoints", (k) => (isNumber(k.x) && isNumber(k.y) ? { label: k.label, x: k.x, y: k.y } : undefined)),
      };
    case "crowd-polygon":
      if (!filled) return undefined;
      return {
        inputImageProperties: imageProperties(field, value as Record<string, unknown>),
        polygons: labelled(field, value, "polygons", (p) =>
          Array.isArray(p.vertices) && p.vertices.every((v) => isObject(v) && isNumber(v.x) && isNumber(v.y))
            ? { label: p.label, vertices: (p.vertices as { x: number; y: number }[]).map(({ x, y }) => ({ x, y })) }
            : undefined,
        ),
      };
    case "crowd-entity-annotation":
      if (!filled) return undefined;
      return {
        entities: labelled(field, value, "entities", (e) =>
          Number.isInteger(e.startOffset) && Number.isInteger(e.endOffset) && (e.startOffset as number) <= (e.endOffset as number)
            ? { endOffset: e.endOffset, label: e.label, startOffset: e.startOffset }
            : undefined,
        ),
      };
    case "select":
      if (field.type === "multiple") return filled ? someOf(field, value) : [];
      return filled ? oneOf(field, value) : field.initial;
    case "textarea":
      if (filled) needs(typeof value === "string", field, value);
      return filled ? value : (field.initial ?? "");
    case "input":
      return nativeInput(field, value);
  }
}

/** Native inputs submit their string value, as an HTML form does (checkboxes only when checked). */
function nativeInput(field: FormField, value: unknown): unknown {
  const filled = value !== undefined;
  if (field.type === "checkbox") {
    if (field.controls.length === 1) {
      if (filled) needs(typeof value === "boolean", field, value);
      const on = filled ? value : field.controls[0]!.checked;
      return on ? field.controls[0]!.value : undefined;
    }
    return filled ? someOf(field, value) : field.controls.filter((c) => c.checked).map((c) => c.value);
  }
  if (field.type === "radio") return filled ? oneOf(field, value) : field.controls.find((c) => c.checked)?.value;
  if (filled) needs(typeof value === "string" || (isNumber(value) && (field.type === "number" || field.type === "range")), field, value);
  return filled ? String(value) : (field.initial ?? "");
}

/**
 * `answerContent` for a worker who filled `fill` into the form of `fields`; `where` names the task in messages.
 * @throws Error `[a2i-fake] …` for an unknown name, a wrong kind of value, or a required field left empty.
 */
export function buildAnswerContent(fields: readonly FormField[], fill: FormFill, where: string): Answer {
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const name of Object.keys(fill)) {
    if (!byName.has(name)) throw new Error(`[a2i-fake] ${where}: the task's form has no field named '${name}'. ${fieldList(fields)}`);
  }
  const answer: Answer = {};
  for (const field of fields) {
    let value: unknown;
    try {
      value = answerOf(field, fill[field.name]);
    } catch (err) {
      if (!(err instanceof FillError)) throw err;
      throw new Error(`[a2i-fake] ${where}: field '${field.name}' (${field.element}) ${err.message}. ${fieldList(fields)}`, { cause: err });
    }
    if (field.required && (value === undefined || value === "")) {
      throw new Error(`[a2i-fake] ${where}: field '${field.name}' (${field.element}) is required: a worker cannot submit the form without it. ${fieldList(fields)}`);
    }
    if (value !== undefined) answer[field.name] = value;
  }
  settleRadioGroups(fields, answer, fill, where);
  return answer;
}

/** One button of a crowd-radio-group is on: the one a worker turned on turns the others off, as in the browser. */
function settleRadioGroups(fields: readonly FormField[], answer: Answer, fill: FormFill, where: string): void {
  const turnedOn = new Map<number, string>();
  for (const field of fields) {
    if (field.element !== "crowd-radio-button" || fill[field.name] === undefined) continue;
    const states = answer[field.name] as Record<string, boolean>;
    for (const control of field.controls) {
      if (control.group === undefined || !states[control.value]) continue;
      const other = turnedOn.get(control.group);
      if (other !== undefined && other !== field.name) {
        throw new Error(`[a2i-fake] ${where}: '${other}' and '${field.name}' are buttons of one crowd-radio-group: only one of them can be on.`);
      }
      turnedOn.set(control.group, field.name);
    }
  }
  for (const field of fields) {
    if (field.element !== "crowd-radio-button") continue;
    const states = answer[field.name] as Record<string, boolean>;
    for (const control of field.controls) {
      const on = control.group === undefined ? undefined : turnedOn.get(control.group);
      if (on !== undefined && on !== field.name) states[control.value] = false;
    }
  }
}
