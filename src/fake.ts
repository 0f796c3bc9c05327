/**
 * A2IFake: wires the model, the services and the transports together; the object a test holds.
 */
import type { Scope } from "./model/arns.js";
import { A2IBackend } from "./model/backend.js";
import type { ClockLike } from "./model/clock.js";
import type { EventListener, HumanLoopStatusChangeEvent } from "./model/events.js";
import { DEFAULT_ACCOUNT_ID, type Quotas, type Timing } from "./model/options.js";
import { Workforce } from "./model/workforce.js";
import type { RegionBackend } from "./model/region-backend.js";
import { dispatch, type DispatchHooks } from "./protocol/dispatch.js";
import type { WireRequest } from "./protocol/wire.js";
import type { ParsedRequest } from "./protocol/protocol.js";
import type { AwsServiceError } from "./model/errors.js";
import { AiResults } from "./ai-results/ai-results.js";
import { isAiService } from "./built-in-services.js";
import { SdkTransport, type FakedServiceId, type WireAnswer } from "./transport/sdk-middleware.js";
import { fakedService, fakedServices, type FakedServiceRegistration } from "./faked-services.js";
import { defaultRegion } from "./default-region.js";
import { CallHistory, callOfError, callOfOutput, callOfS3Read, type A2ICall } from "./call-history.js";
import {
  seedFlowDefinition,
  seedHumanTaskUi,
  seedVendorWorkteam,
  seedWorkforce,
  seedWorkteam,
  type SeededFlowDefinition,
  type SeedFlowDefinitionOptions,
  type SeedScope,
  type SeedVendorWorkteamOptions,
  type SeedWorkforceOptions,
} from "./seeding.js";
import { Faults, S3_OPERATIONS, type FaultDecision } from "./faults.js";
import { HeldCalls } from "./held-calls.js";
import { checkOptionalNumber, COUNT } from "./limits.js";
import { A2I_FAKE_OPTION_KEYS, checkKnownKeys, checkOptional, isAccountId } from "./known-names.js";
import { planS3, serveS3, type S3Context, type S3Plan } from "./s3-requests.js";
import type { A2IOperationName } from "./operations.js";
import type { HumanLoopStatus } from "./model/human-loops.js";
import {
  flowDefinitionSnapshot,
  humanLoopSnapshot,
  workforceSnapshot,
  type FlowDefinitionSnapshot,
  type HumanLoopSnapshot,
  type WorkforceSnapshot,
} from "./snapshots.js";

export interface A2IFakeOptions {
  /** The AWS account every faked client acts in. Default `123456789012`. */
  accountId?: string;
  /**
   * The Region seeds and the workforce use when none is given, and of clients with none configured. Default: the
   * one a client built with no options would resolve, without instance metadata: `AWS_REGION`, then the shared
   * config file's profile (`AWS_PROFILE`, `AWS_CONFIG_FILE`), then `us-east-1`.
   */
  region?: string;
  /**
   * An explicit `@sinonjs/fake-timers` clock (`createClock()`). Default: the global timers at the moment
   * of use, so `jest.useFakeTimers()`, `vi.useFakeTimers()` and sinon's `install()` drive the fake.
   */
  clock?: ClockLike;
  /** Simulated durations (flow definition activation, task defaults). */
  timing?: Partial<Timing>;
  /** Service quotas (InProgress loops, work teams). */
  quotas?: Partial<Quotas>;
  /**
   * S3 requests the fake does not answer (buckets no flow definition writes to; keys it does not hold outside
   * the output prefixes; S3 operations it does not serve): `"error"` (default) fails them with an `[a2i-fake]`
   * error (a missing key of an output bucket is `NoSuchKey`); `"passThrough"` leaves them to your own mocks
   * (aws-sdk-client-mock, your own `requestHandler`). Never to the network: what nothing answers is an
   * `[a2i-fake]` error.
   */
  otherS3Requests?: "error" | "passThrough";
  /**
   * Seed of the generator behind fault rates and event delivery faults, and of the built-in task types'
   * `Sampling` decisions. Default 1.
   */
  seed?: number;
  /**
   * Whether `install()` also fakes `TextractClient` and `RekognitionClient` (the built-in task types' AI
   * services). Default true; pass false when the app fakes Textract and Rekognition some other way.
   */
  fakeAiServices?: boolean;
  /**
   * The most calls `calls()` keeps; the oldest go first. Default: every call since the last reset (the server:
   * 10000). Of a refused call (an AWS error answered it), strings over 1024 characters and arrays over 100
   * items are cut in the recorded input.
   */
  callHistoryLimit?: number;
}

/** One output.json as A2I wrote it. */
export interface WrittenOutput {
  /** `s3://bucket/key`, as `HumanLoopOutput.OutputS3Uri` reports it. */
  uri: string;
  bucket: string;
  key: string;
  /** The parsed document (flowDefinitionArn, humanAnswers, humanLoopName, inputContent). */
  document: HumanLoopOutputDocument;
  lastModified: Date;
}

export interface HumanLoopOutputDocument {
  /** Built-in task types only: the flow definition's request source (DG:a2i-output-data). */
  awsManagedHumanLoopRequestSource?: string;
  flowDefinitionArn: string;
  humanAnswers: Array<{
    acceptanceTime: string;
    answerContent: unknown;
    submissionTime: string;
    timeSpentInSeconds: number;
    workerId: string;
    workerMetadata?: unknown;
  }>;
  humanLoopName: string;
  inputContent: unknown;
}

/** Every operation the fake serves: the names fault rules may use. */
const servedOperations = (): string[] => [
  ...fakedServices().flatMap((s) => (s.api ? Object.keys(s.api.service.handlers) : [])),
  ...S3_OPERATIONS,
];
const SEED = { ...COUNT, max: 2 ** 32 - 1 };

/** A Region name as AWS writes them: lowercase words and digits joined by hyphens (`us-east-1`, `us-gov-west-1`). */
const isRegionName = (value: unknown): boolean => typeof value === "string" && /^[a-z0-9]+(-[a-z0-9]+)+$/.test(value);

/**
 * @internal Check the options every fake takes (the clock, timing and quotas are checked where they are used), each
 * error naming `where` the user gave them: "A2IFake options", "startServer", "configureA2IFake".
 */
export function checkA2IFakeOptions(where: string, options: A2IFakeOptions): void {
  checkKnownKeys(where, options, A2I_FAKE_OPTION_KEYS);
  checkOptional(where, "accountId", options.accountId, isAccountId, 'a 12-digit AWS account id such as "123456789012"');
  checkOptional(where, "region", options.region, isRegionName, 'a Region name such as "us-east-1"');
  checkOptional(where, "otherS3Requests", options.otherS3Requests, (v) => v === "error" || v === "passThrough", '"error" or "passThrough"');
  checkOptional(where, "fakeAiServices", options.fakeAiServices, (v) => typeof v === "boolean", "true or false");
  checkOptionalNumber(where, "seed", options.seed, SEED);
  checkOptionalNumber(where, "callHistoryLimit", options.callHistoryLimit, COUNT);
}

/** `changes` over `base`: a key given (even as undefined) replaces; `timing` and `quotas` are merged key by key. */
function mergeOptions(base: A2IFakeOptions, changes: A2IFakeOptions): A2IFakeOptions {
  const merged: A2IFakeOptions = { ...base, ...changes };
  if (changes.timing !== undefined) merged.timing = { ...base.timing, ...changes.timing };
  if (changes.quotas !== undefined) merged.quotas = { ...base.quotas, ...changes.quotas };
  return merged;
}

export class A2IFake {
  readonly accountId!: string;
  readonly region!: string;
  /** The simulated workers: see tasks, accept, submit, abandon, auto-respond. */
  readonly workforce!: Workforce;
  /** Fault injection: calls that fail or answer late, events delivered twice or out of order. */
  readonly faults!: Faults;
  /** What Textract and Rekognition "read", for the built-in task types: declared by the test. */
  readonly aiResults!: AiResults;
  private readonly fakeAiServices!: boolean;
  private readonly backend!: A2IBackend;
  private readonly transport: SdkTransport;
  private readonly otherS3Requests!: "error" | "passThrough";
  private readonly history!: CallHistory;
  private readonly held!: HeldCalls;
  /** The options in force: what `configure()` changes (made from the constructor's, then each configure's). */
  private readonly options!: A2IFakeOptions;
  /** The injected error of the call being dispatched (set around `dispatch`, read by `hooks.fault`). */
  private faultOfCall: AwsServiceError | undefined;
  private readonly hooks: DispatchHooks = {
    fault: (_service, operation, input) => this.faultOfCall ?? this.faults.maintenanceRefusal(operation, input),
    recordOutput: (scope, service, operation, input, output) =>
      this.history.record(callOfOutput(scope, service, operation, input, output, this.backend.scheduler.now())),
    recordError: (scope, service, operation, input, error, status) =>
      this.history.record(callOfError(scope, service, operation, input, error, status, this.backend.scheduler.now())),
  };

  constructor(options: A2IFakeOptions = {}) {
    this.init(options);
    this.transport = new SdkTransport(this);
  }

  private init(options: A2IFakeOptions): void {
    checkA2IFakeOptions("A2IFake options", options);
    const backend = new A2IBackend({ clock: options.clock, timing: options.timing, quotas: options.quotas });
    const seed = options.seed ?? 1;
    const faults = new Faults(seed, servedOperations);
    // Sampling decisions of the built-in task types hash the same seed (decisions.md).
    backend.aiServices.seed = seed;
    const held = new HeldCalls(backend.scheduler);
    // Assigned through Object.assign: the public members stay readonly to users, and configure() replaces them.
    Object.assign(this, {
      options,
      aiResults: new AiResults(backend.aiServices),
      fakeAiServices: options.fakeAiServices ?? true,
      accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
      region: options.region ?? defaultRegion(),
      otherS3Requests: options.otherS3Requests ?? "error",
      backend,
      faults,
      workforce: new Workforce(backend, (fn) => this.operation(fn)),
      held,
      history: new CallHistory(
        options.callHistoryLimit ?? Infinity,
      ),
    });
    backend.scheduler.onSwitchToRealTimers = () =>
      held.dropAll("the test switched from fake to real timers, and the fake timer that would answer it went with them");
    backend.activationFailure = (name) => faults.activationFailure(name);
    backend.events.deliverWith((event, deliverNow) => faults.deliver(event, deliverNow, backend.scheduler));
  }

  /**
   * Make every `SageMakerClient`, `SageMakerA2IRuntimeClient` and `S3Client` in the process, built before
   * or after, talk to this fake.
   * @example
   * const a2i = new A2IFake().install();
   * afterAll(() => a2i.uninstall());
   */
  install(): this {
    this.transport.install();
    return this;
  }

  /** Give every client its real endpoint, config and environment back. */
  uninstall(): void {
    this.held.dropAll("the fake was uninstalled");
    this.transport.uninstall();
    // No timer is left behind; what is due stays due, so state is still right if this fake is used again.
    this.backend.scheduler.suspend();
  }

  /**
   * @internal Where an error thrown by a scheduled action (an auto-responder's answer function, an onEvent
   * listener) goes when the fake's own timer ran it: the server logs it instead of dying.
   */
  onTimerError(handler: (err: unknown) => void): void {
    this.backend.scheduler.onTimerError = handler;
  }

  /** Fake one client only (for bundles with several copies of the SDK); returns a function that detaches it. */
  attach(client: object): () => void {
    return this.transport.attach(client);
  }

  /** Empty state, auto-responders and events; no timer left behind. Listeners stay. */
  reset(): void {
    this.held.dropAll("the fake was reset");
    this.faults.clear();
    this.workforce.clear();
    this.backend.reset();
    this.history.clear();
  }

  /** Status-change events emitted so far, in order. */
  get events(): readonly HumanLoopStatusChangeEvent[] {
    this.operation(() => undefined);
    return [...this.backend.events.all];
  }

  /**
   * Call `listener` with each status-change event as the clock passes its transition; returns an unsubscribe.
   * Under `a2i-fake/jest` and `a2i-fake/vitest`, a subscription made inside a test (or a `beforeEach`) ends with
   * that test; one made at the top of the file or in `beforeAll` lasts for the file.
   */
  onEvent(listener: EventListener): () => void {
    const unsubscribe = this.backend.events.subscribe(listener);
    this.testScope?.push(unsubscribe);
    return unsubscribe;
  }

  /**
   * Resolves when every promise that async `onEvent` listeners returned has settled (those of events their own
   * work caused too); rejects with the first listener failure. Advance fake timers first if a listener waits on
   * them.
   * @example
   * a2i.onEvent(async (event) => { await handler(event); });
   * a2i.workforce.submit("review-1", { ok: true });
   * await a2i.settled(); // the handler's writes are done
   */
  settled(): Promise<void> {
    return this.backend.events.settled();
  }

  private testScope: Array<() => void> | undefined;

  /** @internal The setup files: subscriptions from now on belong to the current test. */
  beginTestScope(): void {
    this.testScope = [];
  }

  /** @internal The setup files: end the current test's subscriptions. */
  endTestScope(): void {
    const scope = this.testScope;
    this.testScope = undefined;
    for (const unsubscribe of scope ?? []) unsubscribe();
  }

  /**
   * Change this fake's options: the per-file way under `a2i-fake/jest` / `a2i-fake/vitest`, whose fake is made
   * before the test file runs. Only the options given change; the others keep what the constructor (or
   * `configureA2IFake`, or an earlier `configure`) set, and `timing` and `quotas` change key by key. An option given
   * as `undefined` goes back to its default. Call it at the top of the file (or in `beforeAll`), before the fake
   * holds anything; state, history, faults and listeners start afresh. Installed or not, it stays so.
   * @example
   * import { a2i } from "a2i-fake/jest";
   * a2i.configure({ seed: 7, otherS3Requests: "passThrough", clock: FakeTimers.createClock() });
   */
  configure(options: A2IFakeOptions): this {
    checkA2IFakeOptions("configure", options);
    if (this.backend.events.listenerCount() > 0 || this.humanLoops().length > 0 || this.flowDefinitions().length > 0) {
      throw new Error(
        "[a2i-fake] configure() changes the options of a fake that holds nothing: call it at the top of the test file or in beforeAll, before seeding, starting loops or onEvent (or after reset(), with no listener).",
      );
    }
    const merged = mergeOptions(this.options, options);
    this.backend.scheduler.clear();
    this.init(merged);
    return this;
  }

  /** Every output.json written so far (in S3 key order). */
  outputs(): WrittenOutput[] {
    return this.operation(() => this.backend.outputs.all().map(toWrittenOutput));
  }

  /** The output.json at an `s3://` URI (as `HumanLoopOutput.OutputS3Uri` reports it), or undefined. */
  output(s3Uri: string): WrittenOutput | undefined {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(s3Uri);
    if (!m) throw new Error(`[a2i-fake] output() takes an s3:// URI such as HumanLoopOutput.OutputS3Uri; got '${s3Uri}'.`);
    return this.operation(() => {
      const object = this.backend.outputs.get(m[1]!, m[2]!);
      return object ? toWrittenOutput(object) : undefined;
    });
  }

  /**
   * The human loops the fake holds (deleted ones are gone), oldest first, across accounts and Regions.
   * @example
   * expect(a2i.humanLoops({ status: "InProgress" })).toHaveLength(1);
   */
  humanLoops(filter: SeedScope & { flowDefinitionName?: string; status?: HumanLoopStatus } = {}): HumanLoopSnapshot[] {
    refuseUnknownKeys("humanLoops()", filter, HUMAN_LOOP_FILTER_KEYS);
    return this.operation(() =>
      this.backend
        .allRegions()
        .filter((r) => matchesScope(r.scope, filter))
        .flatMap((r) => r.humanLoops.all())
        .filter((l) => filter.flowDefinitionName === undefined || l.flowDefinition.name === filter.flowDefinitionName)
        .filter((l) => filter.status === undefined || l.status === filter.status)
        .sort((a, b) => a.creationTime - b.creationTime || a.seq - b.seq)
        .map(humanLoopSnapshot),
    );
  }

  /** One human loop by name (in any account and Region unless `scope` says which), or undefined. */
  humanLoop(name: string, scope: SeedScope = {}): HumanLoopSnapshot | undefined {
    refuseUnknownKeys("humanLoop()", scope, SCOPE_KEYS);
    return this.humanLoops(scope).find((l) => l.humanLoopName === name);
  }

  /** The flow definitions the fake holds, oldest first (Deleting ones included until they are gone). */
  flowDefinitions(scope: SeedScope = {}): FlowDefinitionSnapshot[] {
    refuseUnknownKeys("flowDefinitions()", scope, SCOPE_KEYS);
    return this.operation(() =>
      this.backend
        .allRegions()
        .filter((r) => matchesScope(r.scope, scope))
        .flatMap((r) => r.flowDefinitions.all().map((fd) => flowDefinitionSnapshot(fd, r.scope.accountId, r.scope.region)))
        .sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime()),
    );
  }

  /** How many human loops StartHumanLoop created since the last reset (idempotent repeats not counted). */
  startedHumanLoopCount(): number {
    return this.backend.humanLoopsStarted;
  }

  /** Actions scheduled on the clock and not yet run (0 after reset()). */
  pendingTimers(): number {
    return this.backend.scheduler.pending();
  }

  /** @internal Whether a flow definition writes to this bucket (the HTTP server's S3 error codes). */
  isOutputBucket(bucket: string): boolean {
    return this.operation(() => this.backend.outputs.isOutputBucket(bucket));
  }

  /**
   * A private work team, as CreateWorkteam would make it, in the Region's workforce (created `default` when none
   * exists). `groups`: its user groups (default `["reviewers"]`), OIDC groups when the workforce is OIDC.
   */
  seedWorkteam(options: SeedScope & { name: string; description?: string; groups?: string[] }): { workteamArn: string } {
    return this.operation(() => ({
      workteamArn: seedWorkteam(this.regionOf(options), options.name, options.description, options.groups),
    }));
  }

  /**
   * The Region's private workforce, `Active` at once (CreateWorkforce's checks apply: one per Region).
   * @example
   * a2i.seedWorkforce({ oidc: { issuer: "https://idp.example.com" } });
   */
  seedWorkforce(options: SeedWorkforceOptions = {}): { workforceArn: string } {
    return this.operation(() => ({ workforceArn: seedWorkforce(this.regionOf(options), options) }));
  }

  /**
   * A vendor (AWS Marketplace) work team the account subscribes to: listed by ListSubscribedWorkteams, usable as a
   * flow definition's WorkteamArn. Its workers carry no workerMetadata in output.json.
   */
  seedVendorWorkteam(options: SeedVendorWorkteamOptions): { workteamArn: string } {
    if (typeof options?.name !== "string" || !/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/.test(options.name)) {
      throw new Error("[a2i-fake] seedVendorWorkteam needs a name of letters, digits and hyphens, such as 'acme-reviewers'.");
    }
    return this.operation(() => ({ workteamArn: seedVendorWorkteam(this.regionOf(options), options) }));
  }

  /** The private workforces the fake holds (at most one per account and Region), with their teams. */
  workforces(scope: SeedScope = {}): WorkforceSnapshot[] {
    return this.operation(() =>
      this.backend
        .allRegions()
        .filter((r) => matchesScope(r.scope, scope))
        .map(workforceSnapshot)
        .filter((w): w is WorkforceSnapshot => w !== undefined),
    );
  }

  /** A worker task template, Active at once as CreateHumanTaskUi makes it. */
  seedHumanTaskUi(options: SeedScope & { name: string; content?: string }): { humanTaskUiArn: string } {
    return this.operation(() => ({ humanTaskUiArn: seedHumanTaskUi(this.regionOf(options), options.name, options.content) }));
  }

  /**
   * A flow definition that is `Active` at once, with a seeded private work team and task UI unless given,
   * for tests of apps that only start loops. Goes through CreateFlowDefinition's own checks.
   * @example
   * const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoice-review", taskCount: 2 });
   */
  seedFlowDefinition(options: SeedFlowDefinitionOptions): SeededFlowDefinition {
    return this.operation(() => seedFlowDefinition(this.regionOf(options), options));
  }

  /**
   * @internal The transports' entry: one request of one service, in one Region (of this fake's account unless
   * given). A Promise when an injected fault delays the answer on the fake clock (or a PutObject body streams);
   * undefined to leave the request to the user's own mocks (S3, `otherS3Requests: "passThrough"`).
   * `parsed`: the request as the service's protocol read it, when the transport already did (the server's front
   * end matches every A2I runtime route first), so that it is not read twice.
   */
  handleWire(
    serviceId: FakedServiceId,
    request: WireRequest,
    region: string,
    accountId: string = this.accountId,
    parsedBefore?: ParsedRequest,
  ): WireAnswer | undefined | Promise<WireAnswer | undefined> {
    const api = fakedService(serviceId)?.api;
    const parsed = parsedBefore ?? api?.protocol.parse(request);
    let s3Plan: S3Plan | undefined;
    if (!api) {
      s3Plan = this.operation(() => planS3(this.s3Context(region), request));
      if (s3Plan.kind === "passThrough") return undefined;
      if (s3Plan.kind === "refuse") throw new Error(s3Plan.message);
    }
    const faulted = s3Plan?.kind === "serve" ? s3Plan.read.operation : parsed?.operation;
    const decision = faulted === undefined ? undefined : this.faults.decide(faulted);
    // Most calls have no fault: answered at once, without a closure or a hooks object per call (issue 13).
    if (!decision?.latencyMs) return this.answerWire(api, request, region, accountId, parsed, s3Plan, decision);
    this.backend.catchUp();
    // A PutObject answer may itself be a promise (its body streams): resolve() flattens it.
    return this.held.hold(faulted ?? "", decision.latencyMs, () =>
      this.answerWire(api, request, region, accountId, parsed, s3Plan, decision),
    ) as Promise<WireAnswer | undefined>;
  }

  private answerWire(
    api: FakedServiceRegistration["api"],
    request: WireRequest,
    region: string,
    accountId: string,
    parsed: ParsedRequest | undefined,
    s3Plan: S3Plan | undefined,
    decision: FaultDecision | undefined,
  ): WireAnswer | Promise<WireAnswer> {
    if (s3Plan?.kind === "serve") return this.operation(() => serveS3(this.s3Context(region), request, s3Plan, decision));
    // `operation` without its closure, made on every call otherwise (issue 13).
    this.enterOperation();
    const regionBackend = this.backend.region({ accountId, region });
    const outer = this.faultOfCall;
    this.faultOfCall = decision?.error;
    try {
      return dispatch(api!.protocol, api!.service, request, regionBackend, this.hooks, parsed);
    } finally {
      this.faultOfCall = outer;
      // A read of an account and Region that never wrote leaves nothing behind (issue 10: memory).
      this.backend.dropIfEmpty(regionBackend);
      this.backend.settle();
    }
  }

  /** @internal The transport's questions: which clients it fakes (faked-services.ts). */
  isFakedService(serviceId: string): boolean {
    return fakedService(serviceId) !== undefined && (this.fakeAiServices || !isAiService(serviceId));
  }

  /** @internal */
  clientPackages(): readonly string[] {
    return fakedServices().map((s) => s.packageName);
  }

  /** @internal */
  clientPackage(serviceId: string): string | undefined {
    return fakedService(serviceId)?.packageName;
  }

  /** @internal */
  clientNames(): string {
    const names = fakedServices().map((s) => s.clientName);
    return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  }

  private s3Context(region: string): S3Context {
    return {
      outputs: this.backend.outputs,
      otherS3Requests: this.otherS3Requests,
      now: () => this.backend.scheduler.now(),
      record: (read, response) =>
        this.history.record(callOfS3Read(read, response, { time: this.backend.scheduler.now(), accountId: this.accountId, region })),
    };
  }

  /**
   * Every call the fake received, in order (optionally of one operation): input as sent, output or AWS error,
   * the fake clock's time.
   * @example
   * expect(a2i.calls("StartHumanLoop").map((c) => c.input.HumanLoopName)).toEqual(["review-1"]);
   */
  calls<Op extends A2IOperationName>(operation?: Op): A2ICall<Op>[] {
    return this.history.list(operation);
  }

  /** Forget the calls received so far; state stays. */
  resetHistory(): void {
    this.history.clear();
  }

  private regionOf(scope: SeedScope): RegionBackend {
    const s: Scope = { accountId: scope.accountId ?? this.accountId, region: scope.region ?? this.region };
    return this.backend.region(s);
  }

  /** Every entry point: catch up with the clock first (state exact at any instant), deliver events after. */
  private operation<T>(fn: () => T): T {
    this.enterOperation();
    try {
      return fn();
    } finally {
      this.backend.settle();
    }
  }

  /** Before an operation: a listener's rejection is thrown, and time catches up. `backend.settle()` ends it. */
  private enterOperation(): void {
    const rejection = this.backend.events.takeRejection();
    if (rejection) throw rejection;
    this.backend.catchUp();
  }
}

function matchesScope(scope: Scope, filter: SeedScope): boolean {
  return (
    (filter.region === undefined || scope.region === filter.region) &&
    (filter.accountId === undefined || scope.accountId === filter.accountId)
  );
}

function toWrittenOutput(o: { bucket: string; key: string; body: string; lastModified: number }): WrittenOutput {
  return {
    uri: `s3://${o.bucket}/${o.key}`,
    bucket: o.bucket,
    key: o.key,
    document: JSON.parse(o.body) as HumanLoopOutputDocument,
    lastModified: new Date(o.lastModified),
  };
}

const SCOPE_KEYS = ["accountId", "region"] as const;
const HUMAN_LOOP_FILTER_KEYS = [...SCOPE_KEYS, "flowDefinitionName", "status"] as const;

/**
 * A filter key the fake does not know would otherwise match everything (a typo, or a snapshot field name such
 * as `humanLoopStatus` where the filter says `status`): refuse it, naming the valid keys.
 */
function refuseUnknownKeys(where: string, filter: object, valid: readonly string[]): void {
  const unknown = Object.keys(filter).filter((k) => !valid.includes(k));
  if (unknown.length === 0) return;
  throw new Error(
    `[a2i-fake] ${where}: unknown filter key(s) ${unknown.map((k) => `'${k}'`).join(", ")}. Valid keys: ${valid.join(", ")}` +
      (unknown.includes("humanLoopStatus") ? " (filter by status: { status: \"InProgress\" })." : "."),
  );
}
