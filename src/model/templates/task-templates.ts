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

const htmlByLoop = new WeakMap<RenderableLoop, string>();

/** What is worked out once per task UI, kept as long as the task UI record lives. */
interface TaskUiTemplate {
  /** The parsed template, on first render. */
  compiled: CompiledTemplate | undefined;
  /**
   * Liquid that renders for every input: only `{{ task.input.<name>... }}` outputs (a missing member prints "", and
   * output cannot fail), like the seeded task UI's. Such a template needs no start-time render to know it renders,
   * so starting its loops loads no template engine; its HTML is rendered when asked for.
   */
  readonly alwaysRenders: boolean;
  /**
   * The last renders, by what the output depends on: the input text and, for a template that calls
   * `grant_read_access` (`signs`: it signs with the loop's Region and its time to the second, X-Amz-Date), the Region
   * and that second. Null for a template that names `now` or `today` (liquidjs's `date` reads the clock): not cached.
   */
  readonly renders: Map<string, RenderResult> | null;
  readonly signs: boolean;
}
const templates = new WeakMap<TemplateSource, TaskUiTemplate>();
const RENDERS_KEPT = 16;
const READS_CLOCK = /\bnow\b|\btoday\b/;
const INPUT_OUTPUT = /\{\{-?\s*task\.input(?:\.[A-Za-z_][\w-]*)*\s*-?\}\}/g;

function templateOf(ui: TemplateSource): TaskUiTemplate {
  let template = templates.get(ui);
  if (!template) {
    const rest = ui.content.replace(INPUT_OUTPUT, "");
    template = {
      compiled: undefined,
      alwaysRenders: !rest.includes("{{") && !rest.includes("{%"),
      renders: READS_CLOCK.test(ui.content) ? null : new Map(),
      signs: ui.content.includes("grant_read_access"),
    };
    templates.set(ui, template);
  }
  return template;
}

/** The task UI's template, parsed once. */
export function compiledTaskUi(ui: TemplateSource): CompiledTemplate {
  const template = templateOf(ui);
  return (template.compiled ??= compileTemplate(ui.content));
}

/** The start-time check: does the loop's task UI render with its input? Renders only when the answer needs it. */
export function checkLoopRenders(loop: RenderableLoop): { readonly ok: true } | Extract<RenderResult, { ok: false }> {
  if (!loop.taskUi || templateOf(loop.taskUi).alwaysRenders) return { ok: true };
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
  const { renders, signs } = templateOf(ui);
  if (renders === null) return render();
  const key = signs ? `${loop.region.scope.region}\n${Math.floor(loop.creationTime / 1000)}\n${loop.inputContent}` : loop.inputContent;
  let result = renders.get(key);
  if (!result) {
    result = render();
    if (renders.size >= RENDERS_KEPT) renders.delete(renders.keys().next().value!);
    renders.set(key, result);
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
