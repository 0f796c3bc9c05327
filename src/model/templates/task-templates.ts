/**
 * Rendering a human task UI for a loop or a preview (a2i-next-spec.md §2.5, decisions.md "Worker task templates").
 * What is cacheable is cached so that a faked StartHumanLoop stays cheap: the parsed template per task UI (kept as
 * long as the task UI record lives), the last renders of each task UI by input (loops started with the same
 * input, as tests do, render once), and a loop's HTML once something asked for it (the render is deterministic: it
 * runs at the loop's creation time, so the HTML a worker sees is the HTML the start-time render checked).
 */
import { compileCached, compileTemplate, renderCompiled, renderFailureReason, type CompiledTemplate, type RenderResult } from "./liquid.js";

export interface TemplateSource {
  readonly content: string;
}

/** What a loop's render needs (HumanLoop has these members). */
export interface RenderableLoop {
  readonly name: string;
  readonly input: unknown;
  /** The input's JSON text (`input` is its parse): the key of the render cache. */
  readonly inputContent: string;
  readonly creationTime: number;
  readonly region: { readonly scope: { readonly region: string } };
  readonly taskUi: TemplateSource | undefined;
}

const compiledByUi = new WeakMap<TemplateSource, CompiledTemplate>();
const htmlByLoop = new WeakMap<RenderableLoop, string>();
/**
 * The last renders of each task UI, by what the output depends on: the input text and, for a template that calls
 * `grant_read_access` (it signs with the loop's Region and its time to the second: X-Amz-Date), the Region and
 * that second. A template that names `now` or `today` (liquidjs's `date` reads the clock) is not cached: null.
 */
interface RenderCache {
  readonly renders: Map<string, RenderResult>;
  readonly signs: boolean;
}
const rendersByUi = new WeakMap<TemplateSource, RenderCache | null>();
const RENDERS_KEPT = 16;
const READS_CLOCK = /\bnow\b|\btoday\b/;

function renderCache(ui: TemplateSource): RenderCache | null {
  let cache = rendersByUi.get(ui);
  if (cache === undefined) {
    cache = READS_CLOCK.test(ui.content) ? null : { renders: new Map(), signs: ui.content.includes("grant_read_access") };
    rendersByUi.set(ui, cache);
  }
  return cache;
}

/** The task UI's template, parsed once. */
export function compiledTaskUi(ui: TemplateSource): CompiledTemplate {
  let compiled = compiledByUi.get(ui);
  if (!compiled) {
    compiled = compileTemplate(ui.content);
    compiledByUi.set(ui, compiled);
  }
  return compiled;
}

/**
 * Liquid that renders for every input: only `{{ task.input.<name>... }}` outputs (a missing member prints "", and
 * output cannot fail), like the seeded task UI's. A template of only such outputs and plain text needs no start-time
 * render to know it renders, so starting its loops loads no template engine; its HTML is rendered when asked for.
 */
const INPUT_OUTPUT = /\{\{-?\s*task\.input(?:\.[A-Za-z_][\w-]*)*\s*-?\}\}/g;
const rendersForAnyInput = new WeakMap<TemplateSource, boolean>();

function alwaysRenders(ui: TemplateSource): boolean {
  let known = rendersForAnyInput.get(ui);
  if (known === undefined) {
    const rest = ui.content.replace(INPUT_OUTPUT, "");
    known = !rest.includes("{{") && !rest.includes("{%");
    rendersForAnyInput.set(ui, known);
  }
  return known;
}

/** The start-time check: does the loop's task UI render with its input? Renders only when the answer needs it. */
export function checkLoopRenders(loop: RenderableLoop): { readonly ok: true } | Extract<RenderResult, { ok: false }> {
  if (!loop.taskUi || alwaysRenders(loop.taskUi)) return { ok: true };
  const result = renderLoop(loop);
  return result.ok ? { ok: true } : result;
}

/** Render a loop's task UI with its input, at its creation time. A loop without a task UI renders as "". */
export function renderLoop(loop: RenderableLoop): RenderResult {
  const cached = htmlByLoop.get(loop);
  if (cached !== undefined) return { ok: true, html: cached };
  const ui = loop.taskUi;
  if (!ui) return { ok: true, html: "" };
  const render = () => renderCompiled(compiledTaskUi(ui), loop.input, { region: loop.region.scope.region, time: loop.creationTime });
  const cache = renderCache(ui);
  if (cache === null) return render();
  const key = cache.signs ? `${loop.region.scope.region}\n${Math.floor(loop.creationTime / 1000)}\n${loop.inputContent}` : loop.inputContent;
  let result = cache.renders.get(key);
  if (!result) {
    result = render();
    if (cache.renders.size >= RENDERS_KEPT) cache.renders.delete(cache.renders.keys().next().value!);
    cache.renders.set(key, result);
  }
  return result;
}

/** The HTML a worker sees for this loop (rendered on first use, then kept with the loop). */
export function loopHtml(loop: RenderableLoop): string {
  let html = htmlByLoop.get(loop);
  if (html === undefined) {
    const result = renderLoop(loop);
    if (!result.ok) {
      // Renders are deterministic: this loop failed to render as it started, and is Failed.
      throw new Error(
        `[a2i-fake] HumanLoop '${loop.name}' has no task for workers: its task UI did not render when it started, so the loop is Failed (ValidationError: ${renderFailureReason(result.error)}).`,
      );
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
