/**
 * The simulated workforce: the workers a test drives by hand (`accept`, `submit`, `abandon`) or through
 * auto-responders, on the slots human loops offer (decisions.md "Time and workers"). Nothing answers
 * unless a test asks.
 */
import { answerProblem } from "../json-depth.js";
import { checkOptionalNumber, COUNT, DURATION_MS } from "../limits.js";
import { checkKnownKeys, checkOptional } from "../known-names.js";
import { createHash } from "node:crypto";
import type { A2IBackend } from "./backend.js";
import { loopIdentity, type Claim, type HumanLoop, type HumanLoopStatus } from "./human-loops.js";
import type { ScheduledAction } from "./clock.js";
import { confirmAnswer, formReviewAnswer, moderationReviewAnswer } from "./activation/review-answers.js";
import type { FormFill } from "./templates/form-answer.js";
import { loopHtml } from "./templates/task-templates.js";
import { answerFromForm, taskForm, type TaskForm } from "./templates/worker-form.js";
import type { WorkerDefinition } from "./worker-identity.js";

export type SlotStatus = "open" | "claimed" | "submitted";

export interface TaskSlotView {
  readonly status: SlotStatus;
  readonly workerId?: string;
  /** When the worker's claim lapses (TaskTimeLimitInSeconds after acceptance). */
  readonly claimDeadline?: Date;
}

/** One human loop's task as workers see it. */
export interface WorkerTask {
  readonly humanLoopName: string;
  readonly humanLoopArn: string;
  readonly humanLoopStatus: HumanLoopStatus;
  readonly flowDefinitionName: string;
  readonly flowDefinitionArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly taskTitle: string;
  readonly taskCount: number;
  /** HumanLoopInput.InputContent, parsed. */
  readonly input: unknown;
  readonly inputContent: string;
  readonly createdAt: Date;
  /** When unclaimed slots expire (TaskAvailabilityLifetimeInSeconds after creation). */
  readonly availableUntil: Date;
  readonly slots: readonly TaskSlotView[];
  /**
   * The task as a worker sees it: the flow definition's task UI rendered with the loop's input (rendered when first
   * read; not enumerable, so it stays out of `toEqual` and JSON).
   */
  readonly html: string;
}

export interface TaskFilter {
  humanLoopName?: string;
  flowDefinitionName?: string;
  flowDefinitionArn?: string;
  /** Only tasks with at least one slot in this status. */
  slotStatus?: SlotStatus;
  region?: string;
  accountId?: string;
}

export interface WorkerOptions {
  /** The worker's id; distinct workers fill TaskCount. Default: a new id. */
  workerId?: string;
  /** Where the loop lives, when the same name exists in several Regions or accounts. */
  region?: string;
  accountId?: string;
}

/** A worker holding one task slot. */
export interface WorkerClaim {
  readonly workerId: string;
  readonly humanLoopName: string;
  readonly acceptedAt: Date;
  readonly deadline: Date;
  /** Submit the worker's answer (the crowd-form content), free-form: nothing checks it against the form. */
  submit(answerContent: unknown): void;
  /**
   * Fill the task's form by the names in its template and submit: the fake builds `answerContent` as A2I does for
   * each element. @throws Error `[a2i-fake] …` listing the form's fields, for an unknown name or a wrong value.
   */
  submitForm(fill: FormFill): void;
  /** Leave the task without submitting: the slot returns to the pool (or, while Stopping, the loop stops). */
  abandon(): void;
}

/** What a worker's crowd-form submits (any JSON value). */
export type AnswerContent = { [key: string]: unknown } | unknown[] | string | number | boolean | null;

/** A fixed answer, or one computed from the loop's input (InputContent, parsed) and its task. */
export type AutoAnswer = AnswerContent | ((input: unknown, task: WorkerTask) => unknown);

/** Values by field name for the task's form, fixed or computed from the loop's input and its task. */
export type AutoFill = FormFill | ((input: unknown, task: WorkerTask) => FormFill);

export interface AutoRespondPolicy {
  /** Only loops of this flow definition (name or ARN). Default: every loop. */
  flowDefinition?: string;
  /** What each worker does. Shorthand: `answer` alone means submit it. */
  answer?: AutoAnswer;
  /** Answer by filling the task's form instead (checked against the template, like `submitForm`). */
  form?: AutoFill;
  action?: "submit" | "abandon" | "ignore";
  /** ms from the loop's start until a worker accepts a slot. Default 0. */
  acceptAfterMs?: number;
  /** ms a worker spends on the task, from acceptance to submission (or abandonment). Default 1000. */
  workMs?: number;
  /** How many workers take part per loop. Default: the loop's TaskCount. */
  workers?: number;
  /** Prefix of the ids of this responder's workers (`<prefix>-1`, `<prefix>-2`, ...). Default `auto-worker`. */
  workerIdPrefix?: string;
}

/** Every key of AutoRespondPolicy (the type makes the list whole): any other is refused as a likely typo. */
const POLICY_KEY_SET: Record<keyof AutoRespondPolicy, true> = {
  flowDefinition: true,
  answer: true,
  form: true,
  action: true,
  acceptAfterMs: true,
  workMs: true,
  workers: true,
  workerIdPrefix: true,
};
const POLICY_KEYS = Object.keys(POLICY_KEY_SET);

export interface AutoResponder {
  /** Stop answering new tasks; work already scheduled is dropped. */
  cancel(): void;
}

/** A worker operation named a human loop that does not exist (never started, or deleted). */
export class UnknownHumanLoopError extends Error {
  override name = "UnknownHumanLoopError";
  constructor(humanLoopName: string, region?: string) {
    super(
      `[a2i-fake] No human loop named '${humanLoopName}' exists${region ? ` in ${region}` : ""}: it was never started, or it was deleted and its task is no longer available to workers.`,
    );
  }
}

export class Workforce {
  private workerCount = 0;
  private readonly responders = new Set<ResponderState>();

  constructor(
    private readonly backend: A2IBackend,
    /** Wraps every action like an API call: catch up with the clock first, deliver events after. */
    private readonly operation: <T>(fn: () => T) => T,
  ) {
    backend.onLoopStarted((loop) => {
      for (const responder of this.responders) responder.offer(loop);
    });
  }

  /** Task slots workers can see or hold, across every account and Region (oldest first). */
  tasks(filter: TaskFilter = {}): WorkerTask[] {
    return this.operation(() =>
      this.loops(filter)
        .map(toWorkerTask)
        .filter((t) => !filter.slotStatus || t.slots.some((s) => s.status === filter.slotStatus)),
    );
  }

  /** A worker accepts one slot of the loop's task. */
  accept(humanLoopName: string, options: WorkerOptions = {}): WorkerClaim {
    return this.operation(() => {
      const loop = this.findLoop(humanLoopName, options);
      const workerId = options.workerId ?? this.newWorkerId();
      this.backend.workers.requireMember(loop, workerId);
      return this.claimView(loop.region.humanLoops.accept(loop, workerId));
    });
  }

  /**
   * The form of a loop's task: its rendered HTML, its named fields and what each takes.
   * @example
   * expect(a2i.workforce.form("review-1").fields.map((f) => f.name)).toEqual(["total", "currency"]);
   */
  form(humanLoopName: string, options: Omit<WorkerOptions, "workerId"> = {}): TaskForm {
    return this.operation(() => taskForm(this.findLoop(humanLoopName, options)));
  }

  /**
   * A worker accepts a slot, fills the task's form by the names in its template and submits.
   * @example
   * a2i.workforce.submitForm("review-1", { total: "12.50", currency: "EUR", legible: true });
   */
  submitForm(humanLoopName: string, fill: FormFill, options: WorkerOptions = {}): void {
    // The fill is checked before a worker takes a slot: a fill the form rejects changes nothing. A loop that takes no
    // worker says so first (a finished loop's form is no longer the question).
    const answer = this.operation(() => {
      const loop = this.findLoop(humanLoopName, options);
      loop.region.humanLoops.requireTakesWorkers(loop, options.workerId);
      return answerFromForm(loop, fill);
    });
    this.accept(humanLoopName, options).submit(answer);
  }

  /** A worker accepts a slot and submits `answerContent` at once. */
  submit(humanLoopName: string, answerContent: unknown, options: WorkerOptions = {}): void {
    const problem = answerProblem(answerContent);
    if (problem) throw new Error(`[a2i-fake] workforce.submit('${humanLoopName}'): the answer cannot be stored: ${problem}. Nothing was changed.`);
    this.accept(humanLoopName, options).submit(answerContent);
  }

  /**
   * A worker reviews a Textract form task (built-in task type): the selected key-value pairs, with `values`
   * (key text → corrected value) applied; a key not among them is added as a missed key. No values: the
   * reviewer confirms what Textract read.
   * @example
   * a2i.workforce.reviewForm("doc-7", { "Mail address:": "12 Main Street" });
   */
  reviewForm(humanLoopName: string, values: Readonly<Record<string, string>> = {}, options: WorkerOptions = {}): void {
    const input = this.builtInInput(humanLoopName, "AWS/Textract/AnalyzeDocument/Forms/V1", options);
    this.submit(humanLoopName, formReviewAnswer(input, values), options);
  }

  /**
   * A worker reviews a Rekognition moderation task (built-in task type) and selects these labels (names; an
   * empty list is "no content"). Default: the labels the conditions selected.
   * @example
   * a2i.workforce.reviewModerationLabels("img-3", ["Weapons"]);
   */
  reviewModerationLabels(humanLoopName: string, labels?: readonly string[], options: WorkerOptions = {}): void {
    const input = this.builtInInput(humanLoopName, "AWS/Rekognition/DetectModerationLabels/Image/V3", options);
    this.submit(humanLoopName, moderationReviewAnswer(input, labels), options);
  }

  private builtInInput(humanLoopName: string, source: string, options: WorkerOptions): unknown {
    return this.operation(() => {
      const loop = this.findLoop(humanLoopName, options);
      if (loop.flowDefinition.builtIn?.source !== source) {
        throw new Error(
          `[a2i-fake] HumanLoop '${humanLoopName}' is not a ${source} review (its flow definition's request source is ${loop.flowDefinition.builtIn?.source ?? "none: a custom task type"}). Use workforce.submit() with the answer its template produces.`,
        );
      }
      return loop.input;
    });
  }

  /** Answer (or abandon, or ignore) every new task after a delay on the fake clock. */
  autoRespond(policy: AutoRespondPolicy): AutoResponder {
    const where = "workforce.autoRespond";
    checkKnownKeys(where, policy, POLICY_KEYS);
    if (policy === undefined) throw new TypeError(`[a2i-fake] ${where} takes a policy object such as { answer: { approved: true }, workMs: 60_000 }.`);
    checkOptional(where, "flowDefinition", policy.flowDefinition, (v) => typeof v === "string", "a flow definition name or ARN");
    checkOptional(where, "action", policy.action, (v) => v === "submit" || v === "abandon" || v === "ignore", '"submit", "abandon" or "ignore"');
    checkOptional(where, "form", policy.form, (v) => typeof v === "function" || (typeof v === "object" && v !== null), "an object of field values or a function");
    checkOptional(where, "workerIdPrefix", policy.workerIdPrefix, (v) => typeof v === "string" && v !== "", "a non-empty string");
    checkOptionalNumber("workforce.autoRespond", "acceptAfterMs", policy.acceptAfterMs, DURATION_MS);
    checkOptionalNumber("workforce.autoRespond", "workMs", policy.workMs, DURATION_MS);
    checkOptionalNumber("workforce.autoRespond", "workers", policy.workers, COUNT);
    const responder = new ResponderState(this.backend, policy, (loop, workerId) => this.autoClaim(loop, workerId));
    this.responders.add(responder);
    this.operation(() => {
      for (const region of this.backend.allRegions()) {
        for (const loop of region.humanLoops.all()) if (loop.status === "InProgress") responder.offer(loop);
      }
    });
    return {
      cancel: () => {
        responder.cancel();
        this.responders.delete(responder);
      },
    };
  }

  /**
   * Name a worker and the user groups they are in: they take only the tasks of private teams that include one of
   * those groups, and output.json reports their `sub` (decisions.md "Workforces").
   * @example
   * a2i.workforce.addWorker({ workerId: "alice", groups: ["invoice-reviewers"], sub: "7d3f…" });
   */
  addWorker(worker: WorkerDefinition): void {
    this.backend.workers.define(worker);
  }

  /** Drop every auto-responder (reset). */
  clear(): void {
    for (const responder of this.responders) responder.cancel();
    this.responders.clear();
    this.workerCount = 0;
  }

  private autoClaim(loop: HumanLoop, workerId: string): Claim | undefined {
    if (loop.region.humanLoops.openSlots(loop) <= 0 || loop.claims.has(workerId)) return undefined;
    if (loop.answers.some((a) => a.workerId === workerId)) return undefined;
    if (!this.backend.workers.mayTake(loop, workerId)) return undefined;
    return loop.region.humanLoops.accept(loop, workerId);
  }

  private claimView(claim: Claim): WorkerClaim {
    const loop = claim.loop;
    const metadata = this.backend.workers.metadata(loop, claim.workerId);
    return {
      workerId: claim.workerId,
      humanLoopName: loop.name,
      acceptedAt: new Date(claim.acceptedAt),
      deadline: new Date(claim.deadline),
      submit: (answerContent) =>
        this.operation(() => {
          loop.region.humanLoops.submit(claim, answerContent, metadata);
        }),
      submitForm: (fill) =>
        this.operation(() => {
          loop.region.humanLoops.submit(claim, answerFromForm(loop, fill), metadata);
        }),
      abandon: () => this.operation(() => loop.region.humanLoops.abandon(claim)),
    };
  }

  private loops(filter: TaskFilter): HumanLoop[] {
    const loops: HumanLoop[] = [];
    for (const region of this.backend.allRegions()) {
      if (filter.region !== undefined && region.scope.region !== filter.region) continue;
      if (filter.accountId !== undefined && region.scope.accountId !== filter.accountId) continue;
      for (const loop of region.humanLoops.all()) {
        if (loop.status !== "InProgress" && loop.status !== "Stopping") continue;
        if (filter.humanLoopName !== undefined && loop.name !== filter.humanLoopName) continue;
        if (filter.flowDefinitionName !== undefined && loop.flowDefinition.name !== filter.flowDefinitionName) continue;
        if (filter.flowDefinitionArn !== undefined && loop.flowDefinition.arn !== filter.flowDefinitionArn) continue;
        loops.push(loop);
      }
    }
    return loops.sort((a, b) => a.creationTime - b.creationTime || a.seq - b.seq);
  }

  private findLoop(name: string, options: WorkerOptions): HumanLoop {
    const matches: HumanLoop[] = [];
    for (const region of this.backend.allRegions()) {
      if (options.region !== undefined && region.scope.region !== options.region) continue;
      if (options.accountId !== undefined && region.scope.accountId !== options.accountId) continue;
      const loop = region.humanLoops.get(name);
      if (loop) matches.push(loop);
    }
    if (matches.length === 0) {
      throw new UnknownHumanLoopError(name, options.region);
    }
    if (matches.length > 1) {
      throw new Error(
        `[a2i-fake] Human loops named '${name}' exist in ${matches.map((l) => `${l.region.scope.accountId}/${l.region.scope.region}`).join(" and ")}; pass { region, accountId } to say which.`,
      );
    }
    return matches[0]!;
  }

  private newWorkerId(): string {
    return createHash("sha256").update(`worker-${++this.workerCount}`).digest("hex").slice(0, 16);
  }
}

class ResponderState {
  private readonly actions = new Set<ScheduledAction>();
  private cancelled = false;

  constructor(
    private readonly backend: A2IBackend,
    private readonly policy: AutoRespondPolicy,
    private readonly claim: (loop: HumanLoop, workerId: string) => Claim | undefined,
  ) {}

  private matches(loop: HumanLoop): boolean {
    const fd = this.policy.flowDefinition;
    return fd === undefined || loop.flowDefinition.name === fd || loop.flowDefinition.arn === fd;
  }

  offer(loop: HumanLoop): void {
    if (this.cancelled || !this.matches(loop)) return;
    const action = this.policy.action ?? "submit";
    if (action === "ignore") return;
    const workers = Math.min(this.policy.workers ?? loop.flowDefinition.review.taskCount, loop.flowDefinition.review.taskCount);
    const prefix = this.policy.workerIdPrefix ?? "auto-worker";
    const acceptAt = loop.creationTime + (this.policy.acceptAfterMs ?? 0);
    const workMs = this.policy.workMs ?? 1000;
    for (let i = 1; i <= workers; i++) {
      const workerId = `${prefix}-${i}`;
      this.schedule(Math.max(acceptAt, this.backend.scheduler.now()), () => {
        const claim = this.claim(loop, workerId);
        if (!claim) return;
        this.schedule(claim.acceptedAt + workMs, () => {
          if (claim.state !== "held") return;
          const loops = loop.region.humanLoops;
          if (action === "abandon") {
            loops.abandon(claim);
            return;
          }
          const task = toWorkerTask(loop);
          const { form } = this.policy;
          const answer =
            form !== undefined
              ? answerFromForm(loop, typeof form === "function" ? form(loop.input, task) : form)
              : typeof this.policy.answer === "function"
                ? this.policy.answer(loop.input, task)
                : this.policy.answer;
          loops.submit(claim, answer ?? defaultAnswer(loop), this.backend.workers.metadata(loop, claim.workerId));
        });
      });
    }
  }

  private schedule(at: number, run: () => void): void {
    const action = this.backend.scheduler.at(at, () => {
      this.actions.delete(action);
      if (!this.cancelled) run();
    });
    this.actions.add(action);
  }

  cancel(): void {
    this.cancelled = true;
    for (const action of this.actions) this.backend.scheduler.cancel(action);
    this.actions.clear();
  }
}

/** No answer given: a built-in task's reviewer confirms the selected inferences; a custom task answers `{}`. */
function defaultAnswer(loop: HumanLoop): unknown {
  const builtIn = loop.flowDefinition.builtIn;
  return builtIn ? confirmAnswer(builtIn.source, loop.input) : {};
}

function toWorkerTask(loop: HumanLoop): WorkerTask {
  const review = loop.flowDefinition.review;
  const slots: TaskSlotView[] = [
    ...loop.answers.map((a) => ({ status: "submitted" as const, workerId: a.workerId })),
    ...[...loop.claims.values()].map((c) => ({
      status: "claimed" as const,
      workerId: c.workerId,
      claimDeadline: new Date(c.deadline),
    })),
  ];
  while (slots.length < review.taskCount) slots.push({ status: "open" });
  const task = {
    ...loopIdentity(loop),
    taskTitle: review.taskTitle,
    taskCount: review.taskCount,
    input: loop.input,
    inputContent: loop.inputContent,
    createdAt: new Date(loop.creationTime),
    availableUntil: new Date(loop.creationTime + review.taskAvailabilityLifetimeSeconds * 1000),
    slots: loop.expired || loop.status !== "InProgress" ? slots.filter((s) => s.status !== "open") : slots,
  };
  return Object.defineProperty(task, "html", { get: () => loopHtml(loop), enumerable: false }) as unknown as WorkerTask;
}
