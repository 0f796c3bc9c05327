/**
 * The middleware stack a faked client's cached chains are resolved from (handler-cache.ts): a clone of the client's
 * own stack with two changes that nothing outside the SDK could tell apart from the stack itself (issues 13, 14).
 *
 * 1. **Schema serde bound to the fast config view.** Clients generated with schema serde (Textract, Rekognition,
 *    the newest SageMaker) add their serializer and deserializer at construction, bound to the client's own config
 *    object, and every call spreads that whole object into a fresh context (`{ ...config, ...context }`), twice.
 *    The config is a dictionary-mode object, and those two spreads (and the slow objects they make) were about a
 *    third of a faked DetectModerationLabels. The clone holds the same two middleware, made by the same factory of
 *    the client's own `@smithy/core` (`getSchemaSerdePlugin`), bound to a fast view of the config (config-view.ts:
 *    the same keys, read through to the config) whose protocol reads a declared result once
 *    (answer-parts.ts). They are used only when their code is the very code of the middleware they replace and the
 *    clone's order (`identify()`) is the stack's own.
 * 2. **No header-only middleware when nothing else watches.** The user agent, host header, recursion detection
 *    (trace id) and content length middleware only add request headers, which the fake never reads; the logger
 *    middleware only hands each call to a logger, which a client on the SDK's default NoOpLogger does not have
 *    (sdk-middleware.ts gives it one without `info`). When every middleware in the client's stack is the SDK's own
 *    or the fake's (no middleware of the user's or of a plugin's could read a header) and the stack is not asked
 *    to print itself (`identifyOnResolve`), they are left out of the clone. Retries, endpoint rules, auth and
 *    signing, serializer and deserializer all stay. A middleware the user adds resets the cache, and the next chain
 *    is resolved from a clone that keeps all of them.
 */

/** The parts of the SDK's middleware stack used here (structural: any copy of the SDK fits). */
export interface StackLike {
  add(middleware: unknown, options: Record<string, unknown>): void;
  remove(name: string): boolean;
  clone(): StackLike;
  identify(): string[];
  identifyOnResolve?(): boolean;
  applyToStack?(recorder: unknown): void;
}

export type SerdePluginFactory = (config: object) => { applyToStack(stack: unknown): void };

export interface FakedChainOptions {
  /** The client's own config object (what the schema serde middleware was bound to). */
  readonly config: Record<string, unknown>;
  /**
   * What the schema serde is bound to instead: a fast view of the config (its keys read through to it), whose
   * `protocol` reads answers made of parts once (answer-parts.ts).
   */
  serdeView(): object;
  /** `getSchemaSerdePlugin` of the client's own `@smithy/core`, when found (undefined: serde left as it is). */
  schemaSerdePlugin(): SerdePluginFactory | undefined;
  /** Whether the client's logger is the fake's NoOpLogger without `info` (then the logger middleware does nothing). */
  quietLogger(): boolean;
}

/** Every middleware name the SDK's own clients add at client level (identify() lists the client stack). */
const SDK_MIDDLEWARE = new Set([
  "loggerMiddleware",
  "serializerMiddleware",
  "deserializerMiddleware",
  "contentLengthMiddleware",
  "getUserAgentMiddleware",
  "hostHeaderMiddleware",
  "recursionDetectionMiddleware",
  "retryMiddleware",
  "httpSigningMiddleware",
  "httpAuthSchemeMiddleware",
  "endpointV2Middleware",
  "a2iFakeTransport",
]);

/** SDK middleware whose only effect is a request header (read by no server under the fake). */
const HEADER_ONLY = ["getUserAgentMiddleware", "hostHeaderMiddleware", "recursionDetectionMiddleware", "contentLengthMiddleware"];

const SERDE = ["serializerMiddleware", "deserializerMiddleware"] as const;

interface Entry {
  readonly middleware: unknown;
  readonly options: Record<string, unknown>;
}

/** The absolute entries of a stack by name, through its public `applyToStack` (the SDK's own `clone` path). */
function absoluteEntries(apply: (recorder: unknown) => void): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const recorder = {
    add(middleware: unknown, options: Record<string, unknown> = {}) {
      if (typeof options.name === "string") entries.set(options.name, { middleware, options });
    },
    addRelativeTo() {},
    identifyOnResolve() {},
  };
  apply(recorder);
  return entries;
}

/** "retryMiddleware - finalizeRequest" or "httpSigningMiddleware (a.k.a. ...) - finalizeRequest" → the name. */
function entryName(identified: string): string {
  const end = identified.search(/ \(a\.k\.a\. | - /);
  return end < 0 ? identified : identified.slice(0, end);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The stack to resolve a faked client's cached chains from (see the module comment); `stack` itself if in doubt. */
export function fakedChainStack(stack: StackLike, options: FakedChainOptions): StackLike {
  if (typeof stack.clone !== "function" || typeof stack.identify !== "function" || typeof stack.applyToStack !== "function") return stack;
  const order = stack.identify();
  const clone = withSchemaSerdeOnView(stack, order, options) ?? stack.clone();
  const watched = stack.identifyOnResolve?.() === true || order.some((line) => !SDK_MIDDLEWARE.has(entryName(line)));
  if (!watched) {
    for (const name of HEADER_ONLY) clone.remove(name);
    if (options.quietLogger()) clone.remove("loggerMiddleware");
  }
  return clone;
}

/** A clone whose schema serializer and deserializer are bound to the view, or undefined when that is not exact. */
function withSchemaSerdeOnView(stack: StackLike, order: readonly string[], options: FakedChainOptions): StackLike | undefined {
  const own = absoluteEntries((recorder) => stack.applyToStack!(recorder));
  if (!SERDE.every((name) => own.has(name))) return undefined;
  const factory = options.schemaSerdePlugin();
  if (!factory) return undefined;
  const protocol = options.config.protocol as { setSerdeContext?(context: object): void } | undefined;
  if (typeof protocol?.setSerdeContext !== "function") return undefined;
  let bound: Map<string, Entry>;
  try {
    bound = absoluteEntries((recorder) => factory(options.serdeView()).applyToStack(recorder));
  } finally {
    // The plugin also points the protocol's serde context at what it was given: put back the client's own.
    protocol.setSerdeContext(options.config);
  }
  // Only the very same code, bound to another config object.
  const same = SERDE.every((name) => String(bound.get(name)?.middleware) === String(own.get(name)!.middleware));
  if (!same) return undefined;
  const clone = stack.clone();
  for (const name of SERDE) {
    clone.remove(name);
    const { middleware: _old, ...entryOptions } = own.get(name)!.options;
    clone.add(bound.get(name)!.middleware, entryOptions);
  }
  return sameList(clone.identify(), order) ? clone : undefined;
}
