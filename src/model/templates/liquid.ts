/**
 * Liquid as A2I runs worker task templates (a2i-next-spec.md §2.2, §2.4; DG:a2i-custom-templates), on liquidjs:
 *
 * - output is HTML-escaped by default ("By default, inputs are HTML-escaped");
 * - `escape`, `escape_once`, `skip_autoescape` and `to_json` are RAW filters: autoescape does not run again after
 *   them. That is the setup that reproduces the Developer Guide's table; liquidjs's plain `escape` under
 *   `outputEscape` double-escapes (`&amp;#39;`), and a non-raw `to_json` prints `{&#34;point_number&#34;:8,…}`
 *   (PROBE, §2.4);
 * - objects and arrays print as JSON (the DG's Textract template writes `initial-value="{{ …blocks }}"`; liquidjs
 *   alone prints `[object Object]`);
 * - `grant_read_access` (grant-read-access.ts);
 * - undefined filters are errors (strictFilters); `include`/`render`/`layout` find no files (A2I templates are one
 *   file).
 *
 * liquidjs is loaded at the first compile (src/lazy-require.ts). Errors map onto `RenderingError{Code, Message}`
 * (decisions.md): `InvalidParameters` for a filter's bad input (observed), `TemplateSyntaxError` for what does not
 * parse and `TemplateRenderError` for other failures while rendering (**Choice**: A2I documents no codes); messages
 * carry liquidjs's `line:N, col:M`.
 */
import type { FS, Liquid, Template } from "liquidjs";
import { lazyRequire } from "../../lazy-require.js";
import { grantReadAccess, TemplateInputError } from "./grant-read-access.js";

export interface RenderingError {
  /** `InvalidParameters`, `TemplateSyntaxError` or `TemplateRenderError`. */
  readonly code: string;
  readonly message: string;
}

/** A parsed template, or why it cannot be parsed. */
export type CompiledTemplate =
  | { readonly ok: true; readonly templates: Template[] }
  | { readonly ok: false; readonly error: RenderingError };

/** What a render sees besides `task.input`: where and when, for `grant_read_access`. */
export interface RenderEnvironment {
  readonly region: string;
  /** Epoch ms; the presigned URLs' X-Amz-Date. */
  readonly time: number;
}

export type RenderResult =
  | { readonly ok: true; readonly html: string }
  | { readonly ok: false; readonly error: RenderingError };

/** Text of a value as A2I prints it: nil → "", objects and arrays → JSON. */
export function printable(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value) ?? "";
  return String(value);
}

// liquidjs's own `escape` and `escape_once` tables (its filters read `this.context`, so they are not called here).
const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
const UNESCAPES: Readonly<Record<string, string>> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'" };
const ENTITY = /&(?:amp|lt|gt|#34|#39);/g;

/** HTML-escape a value's text (A2I's autoescape and `escape`). */
export function htmlEscape(value: unknown): string {
  return printable(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

let engine: Liquid | undefined;
/** The render in progress (renders are synchronous, so one at a time). */
let current: RenderEnvironment | undefined;

const NO_FILES: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(noFile(file)),
  readFileSync: (file) => {
    throw noFile(file);
  },
  resolve: (_dir, file) => file,
};

function noFile(file: string): Error {
  return new Error(`"${file}" cannot be included: an A2I worker task template is a single file`);
}

function liquid(): Liquid {
  if (engine) return engine;
  const { Liquid: LiquidClass } = lazyRequire<typeof import("liquidjs")>("liquidjs");
  const created = new LiquidClass({
    outputEscape: htmlEscape,
    strictFilters: true,
    fs: NO_FILES,
    relativeReference: false,
    cache: false,
    // Without a locale liquidjs asks Intl for the machine's default one, which loads ICU data: ~40 ms, the largest
    // part of a test file's first StartHumanLoop. A2I's date names are English whatever the machine.
    locale: "en-US",
  });
  created.registerFilter("escape", { handler: htmlEscape, raw: true });
  created.registerFilter("escape_once", {
    handler: (v: unknown) => htmlEscape(printable(v).replace(ENTITY, (e) => UNESCAPES[e]!)),
    raw: true,
  });
  created.registerFilter("skip_autoescape", { handler: printable, raw: true });
  created.registerFilter("to_json", { handler: (v: unknown) => JSON.stringify(v ?? null), raw: true });
  created.registerFilter("grant_read_access", (v: unknown) => {
    if (!current) throw new Error("[a2i-fake] internal error: grant_read_access outside a render");
    return grantReadAccess(v, current.region, current.time);
  });
  engine = created;
  return created;
}

interface LiquidErrorLike extends Error {
  originalError?: unknown;
}

function renderingError(err: unknown, phase: "parse" | "render"): RenderingError {
  const e = err as LiquidErrorLike;
  if (e?.originalError instanceof TemplateInputError) return { code: e.originalError.code, message: e.originalError.message };
  if (err instanceof TemplateInputError) return { code: err.code, message: err.message };
  // liquidjs looks files up before reading them: say why there is nothing to find.
  const message = (err instanceof Error ? err.message : String(err)).replace(
    /^ENOENT: Failed to lookup "(.*?)" in ".*?"/,
    (_all, file: string) => noFile(file).message,
  );
  const syntax = phase === "parse" || e?.name === "ParseError" || e?.name === "TokenizationError";
  return { code: syntax ? "TemplateSyntaxError" : "TemplateRenderError", message };
}

/** Parse a template once; the result (or the syntax error) is reused for every render. */
export function compileTemplate(content: string): CompiledTemplate {
  try {
    return { ok: true, templates: liquid().parse(content) };
  } catch (err) {
    return { ok: false, error: renderingError(err, "parse") };
  }
}

/** Render with `task.input` = `input` (the parsed Task.Input or HumanLoopInput.InputContent). */
export function renderCompiled(compiled: CompiledTemplate, input: unknown, env: RenderEnvironment): RenderResult {
  if (!compiled.ok) return compiled;
  current = env;
  try {
    return { ok: true, html: liquid().renderSync(compiled.templates, { task: { input } }) as string };
  } catch (err) {
    return { ok: false, error: renderingError(err, "render") };
  } finally {
    current = undefined;
  }
}

const recent = new Map<string, CompiledTemplate>();
const RECENT_MAX = 64;

/** compileTemplate with a small cache by content (RenderUiTemplate calls that send the same template again). */
export function compileCached(content: string): CompiledTemplate {
  let compiled = recent.get(content);
  if (!compiled) {
    compiled = compileTemplate(content);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(content, compiled);
  }
  return compiled;
}

/** `Task failed to render: [ <Code>: '<message>' ]`, the loop FailureReason A2I writes (sample-task-uis#8). */
export function renderFailureReason(error: RenderingError): string {
  return `Task failed to render: [ ${error.code}: '${error.message}' ]`;
}
