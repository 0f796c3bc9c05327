/**
 * The server's control endpoints (`/_a2i/...`, JSON in and out; docs/server.md): what a test in any language
 * needs to drive the fake it cannot hold: workers, the manual clock, reset, seeds, faults, and reads of events,
 * calls, loops and outputs. Each is a thin call to the same `A2IFake` methods an in-process test uses.
 */
import type { A2IFake } from "../fake.js";
import type { SeedFlowDefinitionOptions, SeedVendorWorkteamOptions, SeedWorkforceOptions } from "../seeding.js";
import type { WorkerDefinition } from "../model/worker-identity.js";
import type { FaultHandle, FaultRule } from "../faults.js";
import type { A2IOperationName } from "../operations.js";
import type { HumanLoopStatus } from "../model/human-loops.js";
import { UnknownHumanLoopError, type AutoRespondPolicy, type AutoResponder, type SlotStatus, type WorkerClaim } from "../model/workforce.js";
import { asServiceError, type QueryValue } from "../protocol/wire.js";
import { own } from "../own.js";
import { MAX_JSON_DEPTH, nestsTooDeep } from "../json-depth.js";
import { checkNumber, DURATION_MS, MAX_CLOCK_MS } from "../limits.js";
import type { ControlRequest, ControlResponse } from "../transport/http-server.js";
import { AiResultsControl, AiResultsControlError } from "./control-ai-results.js";

/** The part of an `@sinonjs/fake-timers` clock the manual-clock endpoints use. */
export interface ManualClock {
  readonly now: number;
  tick(ms: number): number;
}

class ControlError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`[a2i-fake] ${message}`);
  }
}

type Body = Record<string, unknown>;

/** A route's answer that is a page to look at in a browser (the rendered task), not JSON. */
class HtmlPage {
  constructor(readonly html: string) {}
}
type Route = (body: Body, query: Readonly<Record<string, QueryValue>>, id: string | undefined) => unknown;

const decoder = new TextDecoder("utf-8", { fatal: true });

export class ControlApi {
  /** Claims taken through `workers/accept`, by loop and worker, until submitted or abandoned. */
  private readonly claims = new Map<string, WorkerClaim>();
  private readonly responders = new Map<string, AutoResponder>();
  private readonly faults = new Map<string, FaultHandle>();
  private ids = 0;
  private readonly routes: Record<string, Route>;
  private readonly aiResults: AiResultsControl;

  /** `clock` undefined: the server runs in real time and the clock cannot be advanced. */
  constructor(
    private readonly fake: A2IFake,
    private readonly clock: ManualClock | undefined,
  ) {
    this.aiResults = new AiResultsControl(fake);
    this.routes = {
      "GET /_a2i/health": () => ({ status: "ok", clock: this.clock ? "manual" : "real", now: this.now() }),
      "GET /_a2i/clock": () => ({ clock: this.clock ? "manual" : "real", now: this.now(), epochMs: this.epochMs() }),
      "POST /_a2i/clock/advance": (body) => this.advance(body),
      "POST /_a2i/reset": () => this.reset(),
      "POST /_a2i/seed/flow-definition": (body) => this.fake.seedFlowDefinition(body as unknown as SeedFlowDefinitionOptions),
      "POST /_a2i/seed/workforce": (body) => this.fake.seedWorkforce(body as SeedWorkforceOptions),
      "POST /_a2i/seed/workteam": (body) => this.fake.seedWorkteam(body as unknown as Parameters<A2IFake["seedWorkteam"]>[0]),
      "POST /_a2i/seed/vendor-workteam": (body) => this.fake.seedVendorWorkteam(body as unknown as SeedVendorWorkteamOptions),
      "GET /_a2i/workforces": (_b, q) => this.fake.workforces({ region: param(q, "region"), accountId: param(q, "accountId") }),
      "POST /_a2i/workers": (body) => (this.fake.workforce.addWorker(body as unknown as WorkerDefinition), {}),
      "GET /_a2i/tasks": (_b, q) =>
        this.fake.workforce.tasks({
          humanLoopName: param(q, "humanLoopName"),
          flowDefinitionName: param(q, "flowDefinitionName"),
          flowDefinitionArn: param(q, "flowDefinitionArn"),
          slotStatus: param(q, "slotStatus") as SlotStatus | undefined,
          region: param(q, "region"),
          accountId: param(q, "accountId"),
        }),
      "GET /_a2i/tasks/html": (_b, q) => new HtmlPage(this.taskForm(q).html),
      "GET /_a2i/tasks/form": (_b, q) => {
        const { humanLoopName, fields } = this.taskForm(q);
        return { humanLoopName, fields };
      },
      "POST /_a2i/workers/accept": (body) => this.accept(body),
      "POST /_a2i/workers/submit-form": (body) => this.submitForm(body),
      "POST /_a2i/workers/submit": (body) => this.submit(body),
      "POST /_a2i/workers/abandon": (body) => this.abandon(body),
      "POST /_a2i/workers/auto-respond": (body) => this.autoRespond(body),
      "DELETE /_a2i/workers/auto-respond": (_b, _q, id) => this.cancel(this.responders, id, "auto-responder"),
      "POST /_a2i/faults": (body) => this.injectFault(body),
      "POST /_a2i/maintenance-mode": () => {
        const id = `fault-${++this.ids}`;
        this.faults.set(id, this.fake.faults.maintenanceMode());
        return { id };
      },
      "POST /_a2i/ai-results/analyze-document": (body) => this.aiResults.analyzeDocument(body),
      "POST /_a2i/ai-results/detect-moderation-labels": (body) => this.aiResults.detectModerationLabels(body),
      "POST /_a2i/workers/review-form": (body) => {
        const humanLoopName = requiredString(body, "humanLoopName");
        this.fake.workforce.reviewForm(humanLoopName, (body.values ?? {}) as Record<string, string>, workerOptions(body));
        return { humanLoopName };
      },
      "POST /_a2i/workers/review-moderation-labels": (body) => {
        const humanLoopName = requiredString(body, "humanLoopName");
        this.fake.workforce.reviewModerationLabels(humanLoopName, body.labels as string[] | undefined, workerOptions(body));
        return { humanLoopName };
      },
      "DELETE /_a2i/faults": (_b, _q, id) => this.cancel(this.faults, id, "fault"),
      "GET /_a2i/events": () => this.fake.events,
      "GET /_a2i/calls": (_b, q) => this.fake.calls(param(q, "operation") as A2IOperationName | undefined),
      "DELETE /_a2i/calls": () => (this.fake.resetHistory(), {}),
      "GET /_a2i/human-loops": (_b, q) =>
        this.fake.humanLoops({
          flowDefinitionName: param(q, "flowDefinitionName"),
          status: param(q, "status") as HumanLoopStatus | undefined,
          region: param(q, "region"),
          accountId: param(q, "accountId"),
        }),
      "GET /_a2i/flow-definitions": (_b, q) => this.fake.flowDefinitions({ region: param(q, "region"), accountId: param(q, "accountId") }),
      "GET /_a2i/outputs": () => this.fake.outputs(),
    };
  }

  /** One control request; errors of the caller are 4xx `{"error": "[a2i-fake] ..."}`, others are thrown. */
  handle(request: ControlRequest): ControlResponse {
    const path = request.path.replace(/\/+$/, "");
    // DELETE /_a2i/workers/auto-respond/<id> and DELETE /_a2i/faults/<id> name one item.
    const withId = /^(\/_a2i\/(?:workers\/auto-respond|faults))\/([^/]+)$/.exec(path);
    const key = `${request.method} ${withId ? withId[1] : path}`;
    const route = own(this.routes, key);
    if (!route || (withId && request.method !== "DELETE")) {
      const known = Object.keys(this.routes).some((k) => k.endsWith(` ${withId ? withId[1] : path}`));
      return error(
        known ? 405 : 404,
        known
          ? `${request.method} is not allowed on ${path}.`
          : `No control endpoint ${request.method} ${path}. The endpoints are listed in docs/server.md.`,
      );
    }
    try {
      const result = route(this.bodyOf(request), request.query, withId?.[2]);
      if (result instanceof HtmlPage) return { statusCode: 200, body: result.html, contentType: "text/html; charset=utf-8" };
      return { statusCode: 200, body: result ?? {} };
    } catch (err) {
      if (err instanceof ControlError) return error(err.statusCode, err.message);
      if (err instanceof UnknownHumanLoopError) return error(404, err.message);
      if (err instanceof AiResultsControlError) return error(400, err.message);
      const serviceError = asServiceError(err);
      if (serviceError) return { statusCode: 400, body: { error: `[a2i-fake] ${serviceError.code}: ${serviceError.message}`, code: serviceError.code } };
      if (err instanceof Error && err.message.startsWith("[a2i-fake]")) return { statusCode: 400, body: { error: err.message } };
      throw err;
    }
  }

  private bodyOf(request: ControlRequest): Body {
    if (!request.body || request.body.length === 0) return {};
    let parsed: unknown;
    try {
      const text = decoder.decode(request.body);
      if (nestsTooDeep(text)) throw new ControlError(400, `The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`);
      parsed = JSON.parse(text);
    } catch (err) {
      if (err instanceof ControlError) throw err;
      throw new ControlError(400, "The request body is not valid UTF-8 JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ControlError(400, "The request body must be a JSON object.");
    }
    return parsed as Body;
  }

  private now(): string {
    return new Date(this.epochMs()).toISOString();
  }

  private epochMs(): number {
    return this.clock ? this.clock.now : Date.now();
  }

  private advance(body: Body): unknown {
    if (!this.clock) {
      throw new ControlError(409, "This server runs on the real clock (--real-time / realTime: true): time cannot be advanced.");
    }
    advanceManualClock(this.clock, own(body, "ms"), "clock/advance {\"ms\"}");
    return { clock: "manual", now: this.now(), epochMs: this.epochMs() };
  }

  private reset(): unknown {
    this.fake.reset();
    this.aiResults.clear();
    this.claims.clear();
    this.responders.clear();
    this.faults.clear();
    return {};
  }

  private accept(body: Body): unknown {
    const humanLoopName = requiredString(body, "humanLoopName");
    const claim = this.fake.workforce.accept(humanLoopName, workerOptions(body));
    this.claims.set(claimKey(humanLoopName, claim.workerId), claim);
    return { workerId: claim.workerId, humanLoopName, acceptedAt: claim.acceptedAt, deadline: claim.deadline };
  }

  /** Submit with the worker's held claim (from `workers/accept`), or accept a new slot and submit at once. */
  private submit(body: Body): unknown {
    const humanLoopName = requiredString(body, "humanLoopName");
    if (!Object.hasOwn(body, "answer")) throw new ControlError(400, 'workers/submit takes {"humanLoopName", "answer", "workerId"?}: the answer is missing.');
    const workerId = optionalString(body, "workerId");
    const held = workerId === undefined ? undefined : this.claims.get(claimKey(humanLoopName, workerId));
    const claim = held ?? this.fake.workforce.accept(humanLoopName, workerOptions(body));
    this.claims.delete(claimKey(humanLoopName, claim.workerId));
    claim.submit(body.answer);
    return { workerId: claim.workerId, humanLoopName };
  }

  /** The form of `?humanLoopName=` (with `region`/`accountId` when the name is in several). */
  private taskForm(query: Readonly<Record<string, QueryValue>>) {
    const humanLoopName = param(query, "humanLoopName");
    if (humanLoopName === undefined) throw new ControlError(400, "Name the task: ?humanLoopName=<name> (and region, accountId when needed).");
    return this.fake.workforce.form(humanLoopName, { region: param(query, "region"), accountId: param(query, "accountId") });
  }

  /** Fill the task's form by field name and submit, with the worker's held claim or a new one. */
  private submitForm(body: Body): unknown {
    const humanLoopName = requiredString(body, "humanLoopName");
    const fill = body.fields;
    if (typeof fill !== "object" || fill === null || Array.isArray(fill)) {
      throw new ControlError(400, 'workers/submit-form takes {"humanLoopName", "fields": {<name>: <value>}, "workerId"?}: fields must be an object.');
    }
    const workerId = optionalString(body, "workerId");
    const held = workerId === undefined ? undefined : this.claims.get(claimKey(humanLoopName, workerId));
    const claim = held ?? this.fake.workforce.accept(humanLoopName, workerOptions(body));
    try {
      claim.submitForm(fill as Record<string, unknown>);
    } catch (err) {
      // A fill the form rejects leaves the worker holding the claim: keep it for a corrected fill.
      this.claims.set(claimKey(humanLoopName, claim.workerId), claim);
      throw err;
    }
    this.claims.delete(claimKey(humanLoopName, claim.workerId));
    return { workerId: claim.workerId, humanLoopName };
  }

  private abandon(body: Body): unknown {
    const humanLoopName = requiredString(body, "humanLoopName");
    const workerId = requiredString(body, "workerId");
    const claim = this.claims.get(claimKey(humanLoopName, workerId));
    if (!claim) {
      if (this.fake.humanLoop(humanLoopName) === undefined) throw new UnknownHumanLoopError(humanLoopName);
      throw new ControlError(
        400,
        `Worker '${workerId}' holds no claim on human loop '${humanLoopName}' taken through this server: call workers/accept first.`,
      );
    }
    this.claims.delete(claimKey(humanLoopName, workerId));
    claim.abandon();
    return { workerId, humanLoopName };
  }

  private autoRespond(body: Body): unknown {
    const action = optionalString(body, "action");
    if (action !== undefined && !["submit", "abandon", "ignore"].includes(action)) {
      throw new ControlError(400, `auto-respond action must be submit, abandon or ignore; got '${action}'.`);
    }
    const policy: AutoRespondPolicy = {
      flowDefinition: optionalString(body, "flowDefinition"),
      answer: body.answer as AutoRespondPolicy["answer"],
      form: body.form as AutoRespondPolicy["form"],
      action: action as AutoRespondPolicy["action"],
      acceptAfterMs: optionalNumber(body, "acceptAfterMs"),
      workMs: optionalNumber(body, "workMs"),
      workers: optionalNumber(body, "workers"),
      workerIdPrefix: optionalString(body, "workerIdPrefix"),
    };
    const id = `responder-${++this.ids}`;
    this.responders.set(id, this.fake.workforce.autoRespond(policy));
    return { id };
  }

  private injectFault(body: Body): unknown {
    const id = `fault-${++this.ids}`;
    this.faults.set(id, this.fake.faults.inject(body as FaultRule));
    return { id };
  }

  /** Cancel one item by id, or every one when no id is given. */
  private cancel(items: Map<string, { cancel(): void }>, id: string | undefined, what: string): unknown {
    if (id === undefined) {
      for (const item of items.values()) item.cancel();
      const cancelled = items.size;
      items.clear();
      return { cancelled };
    }
    const item = items.get(id);
    if (!item) throw new ControlError(404, `No ${what} '${id}' (cancelled already, or cleared by reset).`);
    item.cancel();
    items.delete(id);
    return { cancelled: 1 };
  }
}

/**
 * Move the server's manual clock by `ms` (0 to 10 years), never past 9999-12-31: a clock outside the range
 * of the times A2I formats would break every later call (issue 10).
 */
export function advanceManualClock(clock: ManualClock, ms: unknown, where: string): void {
  const by = checkNumber(where, "ms", ms, DURATION_MS);
  if (clock.now + by > MAX_CLOCK_MS) {
    throw new ControlError(
      400,
      `${where}: advancing ${by} ms would take the clock past ${new Date(MAX_CLOCK_MS).toISOString()} (${MAX_CLOCK_MS}), the latest time the fake can record; it reads ${new Date(clock.now).toISOString()}.`,
    );
  }
  clock.tick(by);
}

/** A caller's error; the message gets the `[a2i-fake]` prefix once (a ControlError's has it already). */
function error(statusCode: number, message: string): ControlResponse {
  return { statusCode, body: { error: message.startsWith("[a2i-fake]") ? message : `[a2i-fake] ${message}` } };
}

function claimKey(humanLoopName: string, workerId: string): string {
  return `${humanLoopName}\u0000${workerId}`;
}

function workerOptions(body: Body): { workerId?: string; region?: string; accountId?: string } {
  return {
    workerId: optionalString(body, "workerId"),
    region: optionalString(body, "region"),
    accountId: optionalString(body, "accountId"),
  };
}

function param(query: Readonly<Record<string, QueryValue>>, name: string): string | undefined {
  const v = own(query, name);
  if (v === null || v === undefined) return undefined;
  return typeof v === "string" ? v : v[0];
}

function requiredString(body: Body, name: string): string {
  const v = own(body, name);
  if (typeof v !== "string" || v === "") throw new ControlError(400, `"${name}" is required and must be a non-empty string.`);
  return v;
}

function optionalString(body: Body, name: string): string | undefined {
  const v = own(body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ControlError(400, `"${name}" must be a string.`);
  return v;
}

function optionalNumber(body: Body, name: string): number | undefined {
  const v = own(body, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ControlError(400, `"${name}" must be a number, 0 or more.`);
  return v;
}
