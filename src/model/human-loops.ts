/**
 * Human loops, their task slots and their state machine (spec §4.2, decisions.md "Time and workers",
 * DG:a2i-delete-human-loop):
 *
 *   StartHumanLoop ──► InProgress ──(TaskCount workers submitted)──► Completed
 *                         │ ├──(availability lifetime passed, no claim left)──► Failed (Expired)
 *                         │ └──(public workforce without the PII declaration)──► Failed (ValidationError)
 *                         └──StopHumanLoop──► Stopping ──(no claim left)──► Stopped
 *                                        └──(no claim held)──────────────► Stopped
 *   DeleteHumanLoop from Completed | Failed | Stopped ──► gone (never reported as Deleting/Deleted)
 *
 * A loop offers TaskCount slots. A worker's claim holds one slot for at most TaskTimeLimitInSeconds,
 * then lapses and the slot returns to the pool.
 */
import { humanLoopArn } from "./arns.js";
import { eventTime, type TerminalHumanLoopStatus } from "./events.js";
import {
  conflictException,
  resourceNotFoundException,
  serviceQuotaExceeded,
  validationException,
} from "./errors.js";
import { paginate, type Page, type PageRequest } from "./pagination.js";
import { byCreation, type Resource } from "./resource.js";
import { requireActive, type FlowDefinition } from "./flow-definitions.js";
import { outputDocument, outputKey } from "./output-document.js";
import type { ScheduledAction } from "./clock.js";
import type { RegionBackend } from "./region-backend.js";
import { answerProblem, MAX_JSON_DEPTH, nestsTooDeep } from "../json-depth.js";
import type { HumanTaskUi } from "./human-task-uis.js";
import { renderFailureReason } from "./templates/liquid.js";
import { checkLoopRenders } from "./templates/task-templates.js";

export type HumanLoopStatus = "InProgress" | "Stopping" | "Stopped" | "Completed" | "Failed";
export type FailureCode = "ValidationError" | "Expired" | "InternalError";

const ALLOWED: Record<HumanLoopStatus, readonly HumanLoopStatus[]> = {
  InProgress: ["Completed", "Failed", "Stopping", "Stopped"],
  Stopping: ["Stopped"],
  Completed: [],
  Failed: [],
  Stopped: [],
};

const PII_FREE = "FreeOfPersonallyIdentifiableInformation";

export interface HumanAnswer {
  readonly workerId: string;
  readonly acceptanceTime: number;
  readonly submissionTime: number;
  readonly answerContent: unknown;
  readonly workerMetadata: unknown;
}

export type ClaimState = "held" | "submitted" | "abandoned" | "lapsed" | "withdrawn";

export interface Claim {
  readonly loop: HumanLoop;
  readonly workerId: string;
  readonly acceptedAt: number;
  /** When the claim lapses (TaskTimeLimitInSeconds after acceptance). */
  readonly deadline: number;
  state: ClaimState;
  lapse: ScheduledAction | undefined;
}

export interface HumanLoopInit {
  readonly name: string;
  readonly flowDefinitionArn: string;
  readonly inputContent: string;
  readonly contentClassifiers: readonly string[];
  /** InputContent already parsed, when the caller built it (the built-in task types): not parsed again. */
  readonly parsedInput?: unknown;
  /**
   * Instead of `parsedInput` (the built-in task types): InputContent's data for the start-time render only, which
   * may share objects with other loops (read only); the loop's own `input` is parsed from InputContent when first
   * read (a loop no one looks at is never parsed).
   */
  readonly renderInput?: unknown;
}

export interface HumanLoop extends Resource {
  readonly flowDefinition: FlowDefinition;
  readonly region: RegionBackend;
  status: HumanLoopStatus;
  failure: { readonly code: FailureCode; readonly reason: string } | undefined;
  readonly inputContent: string;
  /** InputContent parsed: output.json carries it as an object (spec §5). */
  readonly input: unknown;
  readonly contentClassifiers: readonly string[];
  /** The flow definition's worker task template when the loop started (it goes on if the task UI is deleted). */
  readonly taskUi: HumanTaskUi | undefined;
  /** Where output.json goes: fixed when the loop is created (its key holds the creation time, spec §5). */
  readonly output: { readonly bucket: string; readonly key: string; readonly uri: string };
  outputWritten: boolean;
  /** The workers' answers, in the order they were submitted. */
  readonly answers: readonly HumanAnswer[];
  /** A worker's answer is in (its claim ends). */
  addAnswer(answer: HumanAnswer): void;
  /** Held claims by worker. */
  readonly claims: ReadonlyMap<string, Claim>;
  /** A worker's claim is held (`claims` has it). */
  addClaim(claim: Claim): void;
  /** The claim is no longer held (answered, abandoned, lapsed or withdrawn). */
  removeClaim(workerId: string): void;
  /** TaskAvailabilityLifetime passed: no new claims. */
  expired: boolean;
  expiry: ScheduledAction | undefined;
  deleted: boolean;
}

export class HumanLoops {
  private readonly byName = new Map<string, HumanLoop>();
  private inProgress = 0;

  constructor(private readonly region: RegionBackend) {}

  /** A loop's TaskAvailabilityLifetimeInSeconds ran out (one function for every loop's timer, no closure each). */
  private readonly expireAtDeadline = (loop: HumanLoop): void => {
    loop.expiry = undefined;
    this.expire(loop);
  };

  /**
   * Returns the loop and whether it is new: the same name, flow definition and input as an InProgress
   * loop is idempotent (decisions.md).
   */
  start(init: HumanLoopInit): { loop: HumanLoop; created: boolean } {
    const scope = this.region.scope;
    const existing = this.byName.get(init.name);
    if (existing) {
      if (existing.status !== "InProgress") {
        throw validationException(
          `HumanLoop '${init.name}' already exists and is finished. To start a new HumanLoop, you can try your request again with a different HumanLoopName.`,
        );
      }
      if (
        existing.flowDefinition.arn === init.flowDefinitionArn &&
        existing.inputContent === init.inputContent &&
        sameSet(existing.contentClassifiers, init.contentClassifiers)
      ) {
        return { loop: existing, created: false };
      }
      throw conflictException(
        `HumanLoop '${init.name}' already exists with a different flow definition or input. Human loop names are unique within the Region in your account.`,
      );
    }
    const fd = requireActive(this.region.flowDefinitions.byArn(init.flowDefinitionArn), init.flowDefinitionArn, scope);
    const uiName = fd.review.humanTaskUiName;
    const taskUi = uiName === undefined ? undefined : this.region.humanTaskUis.get(uiName);
    if (uiName !== undefined && !taskUi) {
      throw validationException(
        `The human task UI of FlowDefinition ${fd.arn} was deleted; a flow definition whose worker task template was deleted can no longer start human loops.`,
      );
    }
    // With `renderInput` alone, the input is parsed when first read (HumanLoopRecord's getter).
    let input: unknown = init.parsedInput;
    if (input === undefined && init.renderInput === undefined) {
      if (nestsTooDeep(init.inputContent)) {
        throw validationException(`Invalid HumanLoopInput.InputContent: the JSON document nests deeper than ${MAX_JSON_DEPTH} levels.`);
      }
      try {
        input = JSON.parse(init.inputContent);
      } catch {
        throw validationException("Invalid HumanLoopInput.InputContent: it must be a string holding a JSON document.");
      }
    }
    const quota = this.region.backend.quotas.maxInProgressHumanLoops;
    if (this.inProgress >= quota) {
      throw serviceQuotaExceeded(
        `You have reached the quota of ${quota} InProgress human loops in this account and Region. Stop or complete human loops, or ask for a quota increase.`,
      );
    }
    const now = this.region.now();
    const arn = humanLoopArn(scope, init.name);
    const loop = new HumanLoopRecord(init, arn, now, this.region.nextSeq(), fd, this.region, taskUi, input);
    this.byName.set(loop.name, loop);
    fd.loops.insert(loop);
    this.inProgress++;
    this.region.backend.humanLoopsStarted++;
    try {
      this.begin(loop, init, fd);
    } finally {
      // The parsed input is not kept with every loop (a few KiB of JSON parse into several times that): it is
      // parsed again when first read after the start (issue 13: a server may hold 100,000 loops).
      loop.releaseInput();
    }
    return { loop, created: true };
  }

  /** The start of a loop just created: refused at once (public workforce without the declaration, a template that cannot render) or on its way. */
  private begin(loop: HumanLoop, init: HumanLoopInit, fd: FlowDefinition): void {
    if (fd.review.workforce === "public" && !init.contentClassifiers.includes(PII_FREE)) {
      // DG:a2i-start-human-loop: without the declaration, tasks are not sent to Mechanical Turk and
      // "your human review tasks will fail" (decisions.md: Failed/ValidationError at once).
      this.fail(
        loop,
        "ValidationError",
        `Human loops that use the public workforce must declare the input data free of personally identifiable information (DataAttributes.ContentClassifiers must contain ${PII_FREE}).`,
      );
      return;
    }
    // The task UI renders with the loop's own input as it starts; a template that cannot render fails the loop,
    // while StartHumanLoop succeeds (aws-samples/amazon-a2i-sample-task-uis#8; decisions.md "Worker task templates").
    const rendered = checkLoopRenders(init.renderInput === undefined ? loop : renderView(loop, init.renderInput));
    if (!rendered.ok) {
      this.fail(loop, "ValidationError", renderFailureReason(rendered.error));
      return;
    }
    loop.expiry = this.region.backend.scheduler.after(fd.review.taskAvailabilityLifetimeSeconds * 1000, this.expireAtDeadline, loop);
    this.region.backend.announceLoopStarted(loop);
  }

  get(name: string): HumanLoop | undefined {
    return this.byName.get(name);
  }

  describe(name: string): HumanLoop {
    const loop = this.byName.get(name);
    if (!loop) throw resourceNotFoundException(`HumanLoop '${name}' does not exist.`);
    return loop;
  }

  list(flowDefinitionArn: string, req: Omit<PageRequest, "list">): Page<HumanLoop> {
    const fd = this.region.flowDefinitions.byArn(flowDefinitionArn);
    if (!fd) throw resourceNotFoundException(`FlowDefinition ${flowDefinitionArn} does not exist.`);
    return paginate(fd.loops.items, byCreation, { ...req, list: `ListHumanLoops:${fd.arn}:${fd.seq}` });
  }

  /** StopHumanLoop: only InProgress loops (decisions.md: otherwise ValidationException naming the status). */
  stop(name: string): void {
    const loop = this.describe(name);
    if (loop.status !== "InProgress") {
      throw validationException(
        `HumanLoop '${name}' is ${loop.status}; only a human loop that is InProgress can be stopped.`,
      );
    }
    this.beginStopping(loop);
  }

  /** DeleteHumanLoop: only Completed, Failed or Stopped loops; an InProgress loop must be stopped first. */
  delete(name: string): void {
    const loop = this.describe(name);
    if (loop.status === "InProgress" || loop.status === "Stopping") {
      throw validationException(
        `HumanLoop '${name}' is ${loop.status}; only human loops that are Completed, Failed or Stopped can be deleted. Stop the human loop first.`,
      );
    }
    this.remove(loop);
  }

  /** The flow definition is being deleted: stop and delete this loop, at once unless a worker holds a task. */
  withdrawForDeletion(loop: HumanLoop): void {
    if (loop.status === "InProgress") this.beginStopping(loop);
    if (loop.status !== "Stopping") this.remove(loop);
  }

  // ---- the workforce's side ----------------------------------------------------------------

  /** Slots no one holds or answered, while workers may still pick the task up. */
  openSlots(loop: HumanLoop): number {
    if (loop.status !== "InProgress" || loop.expired || loop.deleted) return 0;
    return loop.flowDefinition.review.taskCount - loop.answers.length - loop.claims.size;
  }

  /**
   * Throws the `[a2i-fake]` error that says why the loop's task cannot take a worker (`workerId`, when known) now:
   * deleted, not InProgress, expired, the worker took one of its tasks already, every slot taken.
   */
  requireTakesWorkers(loop: HumanLoop, workerId: string | undefined): void {
    if (loop.deleted) throw new Error(`[a2i-fake] HumanLoop '${loop.name}' was deleted: its task is no longer available to workers.`);
    if (loop.status !== "InProgress") {
      const why = loop.failure ? ` (${loop.failure.code}: ${loop.failure.reason})` : "";
      throw new Error(`[a2i-fake] HumanLoop '${loop.name}' is ${loop.status}${why}: its task takes no new workers.`);
    }
    if (loop.expired) {
      throw new Error(`[a2i-fake] The task of HumanLoop '${loop.name}' expired (TaskAvailabilityLifetimeInSeconds passed).`);
    }
    if (workerId !== undefined && (loop.claims.has(workerId) || loop.answers.some((a) => a.workerId === workerId))) {
      throw new Error(
        `[a2i-fake] Worker '${workerId}' already took a task of HumanLoop '${loop.name}': each of its TaskCount tasks goes to a distinct worker. Use another workerId.`,
      );
    }
    if (this.openSlots(loop) <= 0) {
      throw new Error(
        `[a2i-fake] All ${loop.flowDefinition.review.taskCount} task(s) of HumanLoop '${loop.name}' are taken or answered.`,
      );
    }
  }

  accept(loop: HumanLoop, workerId: string): Claim {
    this.requireTakesWorkers(loop, workerId);
    const now = this.region.now();
    const deadline = now + loop.flowDefinition.review.taskTimeLimitSeconds * 1000;
    const claim: Claim = { loop, workerId, acceptedAt: now, deadline, state: "held", lapse: undefined };
    claim.lapse = this.region.backend.scheduler.at(deadline, () => {
      claim.lapse = undefined;
      if (claim.state === "held") this.release(claim, "lapsed");
    });
    loop.addClaim(claim);
    return claim;
  }

  submit(claim: Claim, answerContent: unknown, workerMetadata: unknown): HumanAnswer {
    requireHeld(claim);
    const problem = answerProblem(answerContent);
    if (problem) {
      throw new Error(
        `[a2i-fake] Worker '${claim.workerId}' cannot submit this answer to HumanLoop '${claim.loop.name}': ${problem}. ` +
          "A crowd form submits a JSON object; nothing was changed and the worker still holds the task.",
      );
    }
    const answer: HumanAnswer = {
      workerId: claim.workerId,
      acceptanceTime: claim.acceptedAt,
      submissionTime: this.region.now(),
      answerContent,
      workerMetadata,
    };
    claim.loop.addAnswer(answer);
    this.release(claim, "submitted");
    return answer;
  }

  abandon(claim: Claim): void {
    requireHeld(claim);
    this.release(claim, "abandoned");
  }

  private release(claim: Claim, state: Exclude<ClaimState, "held">): void {
    const loop = claim.loop;
    claim.state = state;
    this.region.backend.scheduler.cancel(claim.lapse);
    claim.lapse = undefined;
    loop.removeClaim(claim.workerId);
    this.settle(loop);
  }

  /** Move a loop on after a claim resolved or its availability ended. */
  private settle(loop: HumanLoop): void {
    const taskCount = loop.flowDefinition.review.taskCount;
    if (loop.status === "InProgress") {
      if (loop.answers.length >= taskCount) this.complete(loop);
      else if (loop.expired && loop.claims.size === 0) {
        this.fail(
          loop,
          "Expired",
          `The human loop expired: ${loop.answers.length} of ${taskCount} worker(s) completed the task within TaskAvailabilityLifetimeInSeconds (${loop.flowDefinition.review.taskAvailabilityLifetimeSeconds}).`,
        );
      }
    } else if (loop.status === "Stopping" && loop.claims.size === 0) {
      this.finishStopped(loop);
    }
  }

  private expire(loop: HumanLoop): void {
    if (loop.status !== "InProgress") return;
    loop.expired = true;
    this.settle(loop);
  }

  private beginStopping(loop: HumanLoop): void {
    if (loop.claims.size === 0) {
      this.finishStopped(loop);
    } else {
      this.transition(loop, "Stopping");
    }
  }

  private finishStopped(loop: HumanLoop): void {
    // Answers submitted before or during the stop are stored in S3 (DG:a2i-delete-human-loop).
    if (loop.answers.length > 0) this.writeOutput(loop);
    this.transition(loop, "Stopped");
    if (loop.flowDefinition.status === "Deleting") this.remove(loop);
  }

  private complete(loop: HumanLoop): void {
    this.writeOutput(loop);
    this.transition(loop, "Completed");
  }

  private fail(loop: HumanLoop, code: FailureCode, reason: string): void {
    loop.failure = { code, reason };
    this.transition(loop, "Failed");
  }

  private transition(loop: HumanLoop, to: HumanLoopStatus): void {
    if (!ALLOWED[loop.status].includes(to)) {
      throw new Error(`[a2i-fake] internal error: human loop ${loop.name} cannot move from ${loop.status} to ${to}.`);
    }
    if (loop.status === "InProgress") this.inProgress--;
    loop.status = to;
    if (to === "Stopping" || to === "InProgress") return;
    this.region.backend.scheduler.cancel(loop.expiry);
    loop.expiry = undefined;
    this.emit(loop, to);
  }

  private emit(loop: HumanLoop, status: TerminalHumanLoopStatus): void {
    const { scope } = this.region;
    this.region.backend.events.record({
      version: "0",
      "detail-type": "SageMaker A2I HumanLoop Status Change",
      source: "aws.sagemaker",
      account: scope.accountId,
      time: eventTime(this.region.now()),
      region: scope.region,
      resources: [loop.arn],
      detail: {
        creationTime: new Date(loop.creationTime).toISOString(),
        failureCode: loop.failure?.code ?? null,
        failureReason: loop.failure?.reason ?? null,
        flowDefinitionArn: loop.flowDefinition.arn,
        humanLoopArn: loop.arn,
        humanLoopName: loop.name,
        ...(loop.outputWritten ? { humanLoopOutput: { outputS3Uri: loop.output.uri } } : {}),
        humanLoopStatus: status,
      },
    });
  }

  private writeOutput(loop: HumanLoop): void {
    const { bucket, key } = loop.output;
    this.region.backend.outputs.put(bucket, key, outputDocument(loop), this.region.now());
    loop.outputWritten = true;
  }

  private remove(loop: HumanLoop): void {
    loop.deleted = true;
    for (const claim of [...loop.claims.values()]) {
      claim.state = "withdrawn";
      this.region.backend.scheduler.cancel(claim.lapse);
      loop.removeClaim(claim.workerId);
    }
    this.region.backend.scheduler.cancel(loop.expiry);
    if (this.byName.get(loop.name) === loop) this.byName.delete(loop.name);
    loop.flowDefinition.loops.remove(loop);
    this.region.flowDefinitions.removeIfDrained(loop.flowDefinition);
  }

  /** How many this account and Region holds. */
  count(): number {
    return this.byName.size;
  }

  all(): HumanLoop[] {
    return [...this.byName.values()];
  }
}

/** What names a loop and where it lives, as workers' tasks and snapshots show it. */
export function loopIdentity(loop: HumanLoop) {
  return {
    humanLoopName: loop.name,
    humanLoopArn: loop.arn,
    humanLoopStatus: loop.status,
    flowDefinitionName: loop.flowDefinition.name,
    flowDefinitionArn: loop.flowDefinition.arn,
    accountId: loop.region.scope.accountId,
    region: loop.region.scope.region,
  };
}

/** Where a loop's output.json goes; its `s3://` URI is made when read, not kept with every loop (issue 13). */
class LoopOutput {
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {}

  get uri(): string {
    return `s3://${this.bucket}/${this.key}`;
  }
}

const NO_CLASSIFIERS: readonly string[] = Object.freeze([]);

/** The answers of a loop that has none yet (frozen: nothing adds to it). */
const NO_ANSWERS: readonly HumanAnswer[] = Object.freeze([]);

/** The claims of a loop that never had one (typed read-only: nothing adds to it). */
const NO_CLAIMS: ReadonlyMap<string, Claim> = new Map();

/**
 * A human loop's record. A class, not an object literal: a literal with a getter is a dictionary-mode object in V8
 * (~4 µs to make, slower to read), and every StartHumanLoop makes one.
 */
class HumanLoopRecord implements HumanLoop {
  readonly name: string;
  readonly inputContent: string;
  readonly contentClassifiers: readonly string[];
  status: HumanLoopStatus = "InProgress";
  failure: HumanLoop["failure"] = undefined;
  outputWritten = false;
  /** Made at the first answer: most loops of a load test never get one (issue 13). */
  private answersInOrder: HumanAnswer[] | undefined = undefined;
  /** Made at the first claim: most loops never have one, and a server may hold 100,000 loops (issue 13). */
  private claimsByWorker: Map<string, Claim> | undefined = undefined;
  expired = false;
  expiry: ScheduledAction | undefined = undefined;
  deleted = false;
  /** InputContent parsed; `undefined` with `parsed` false until first read. */
  private parsedInput: unknown;
  private parsed: boolean;
  /** Worked out when first asked (describing the loop, writing its output): most loops of a load test never are. */
  private outputPlace: LoopOutput | undefined = undefined;

  constructor(
    init: HumanLoopInit,
    readonly arn: string,
    readonly creationTime: number,
    readonly seq: number,
    readonly flowDefinition: FlowDefinition,
    readonly region: RegionBackend,
    readonly taskUi: HumanTaskUi | undefined,
    input: unknown,
  ) {
    this.name = init.name;
    this.inputContent = init.inputContent;
    this.contentClassifiers = init.contentClassifiers.length === 0 ? NO_CLASSIFIERS : [...init.contentClassifiers];
    this.parsedInput = input;
    this.parsed = input !== undefined || init.renderInput === undefined;
  }

  /** The key depends only on what never changes: the flow definition's output path, the name and the creation time. */
  get output(): HumanLoop["output"] {
    return (this.outputPlace ??= new LoopOutput(this.flowDefinition.output.bucket, outputKey(this.flowDefinition, this.name, this.creationTime)));
  }

  get answers(): readonly HumanAnswer[] {
    return this.answersInOrder ?? NO_ANSWERS;
  }

  addAnswer(answer: HumanAnswer): void {
    (this.answersInOrder ??= []).push(answer);
  }

  get claims(): ReadonlyMap<string, Claim> {
    return this.claimsByWorker ?? NO_CLAIMS;
  }

  addClaim(claim: Claim): void {
    (this.claimsByWorker ??= new Map()).set(claim.workerId, claim);
  }

  removeClaim(workerId: string): void {
    this.claimsByWorker?.delete(workerId);
  }

  /** Forget the parsed input (the next read parses InputContent again). */
  releaseInput(): void {
    this.parsedInput = undefined;
    this.parsed = false;
  }

  get input(): unknown {
    if (!this.parsed) {
      this.parsedInput = JSON.parse(this.inputContent);
      this.parsed = true;
    }
    return this.parsedInput;
  }
}

/** The loop as a render reads it, with `input` for its input. */
function renderView(loop: HumanLoop, input: unknown) {
  return { name: loop.name, input, inputContent: loop.inputContent, creationTime: loop.creationTime, region: loop.region, taskUi: loop.taskUi };
}

function requireHeld(claim: Claim): void {
  if (claim.state === "held") return;
  const why: Record<Exclude<ClaimState, "held">, string> = {
    submitted: "was already submitted",
    abandoned: "was abandoned: a worker who leaves a task without submitting cannot return to it",
    lapsed: `lapsed: TaskTimeLimitInSeconds passed and the task went back to the pool`,
    withdrawn: "was withdrawn: the human loop was deleted",
  };
  throw new Error(
    `[a2i-fake] Worker '${claim.workerId}' cannot answer HumanLoop '${claim.loop.name}': the claim ${why[claim.state]}.`,
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

