/**
 * Rendering a human task UI for a loop or a preview (a2i-next-spec.md §2.5, decisions.md "Worker task templates").
 * What is cacheable is cached so that a faked StartHumanLoop stays cheap: the parsed template per task UI (kept as
 * long as the task UI record lives), and a loop's HTML once something asked for it (the render is deterministic: it
 * runs at the loop's creation time, so the HTML a worker sees is the HTML the start-time render checked).
 */
import { compileCached, compileTemplate, renderCompiled, type CompiledTemplate, type RenderResult } from "./liquid.js";

export interface TemplateSource {
  readonly content: string;
}

/** What a loop's render needs (HumanLoop has these members). */
export interface RenderableLoop {
  readonly name: string;
  readonly input: unknown;
  readonly creationTime: number;
  readonly region: { readonly scope: { readonly region: string } };
  readonly taskUi: TemplateSource | undefined;
}

const compiledByUi = new WeakMap<TemplateSource, CompiledTemplate>();
const htmlByLoop = new WeakMap<RenderableLoop, string>();

/** The task UI's template, parsed once. */
export function compiledTaskUi(ui: TemplateSource): CompiledTemplate {
  let compiled = compiledByUi.get(ui);
  if (!compiled) {
    compiled = compileTemplate(ui.content);
    compiledByUi.set(ui, compiled);
  }
  return compiled;
}

/** Render a loop's task UI with its input, at its creation time. A loop without a task UI renders as "". */
export function renderLoop(loop: RenderableLoop): RenderResult {
  const cached = htmlByLoop.get(loop);
  if (cached !== undefined) return { ok: true, html: cached };
  if (!loop.taskUi) return { ok: true, html: "" };
  return renderCompiled(compiledTaskUi(loop.taskUi), loop.input, { region: loop.region.scope.region, time: loop.creationTime });
}

/** The HTML a worker sees for this loop (rendered on first use, then kept with the loop). */
export function loopHtml(loop: RenderableLoop): string {
  let html = htmlByLoop.get(loop);
  if (html === undefined) {
    const result = renderLoop(loop);
    if (!result.ok) {
      throw new Error(`[a2i-fake] internal error: the task UI of HumanLoop '${loop.name}' rendered at start but not now: ${result.error.message}`);
    }
    html = result.html;
    htmlByLoop.set(loop, html);
  }
  return html;
}

/** RenderUiTemplate: render `content` (or a task UI's) with `input` as `task.input`. */
export function renderPreview(source: string | TemplateSource, input: unknown, region: string, time: number): RenderResult {
  const compiled = typeof source === "string" ? compileCached(source) : compiledTaskUi(source);
  return renderCompiled(compiled, input, { region, time });
}
