/**
 * The HTTP transport: a `node:http` request listener over the same `A2IFake.handleWire` the SDK middleware
 * uses (style.md: transports are thin adapters). One port serves the three services, told apart by the
 * request's shape, as AWS tells them apart by host name:
 * - `X-Amz-Target: SageMaker.<Op>` (or any `POST /`): SageMaker, awsJson1_1;
 * - `/human-loops`, `/human-loops/...`: the A2I runtime, restJson1;
 * - anything else: S3, path-style (`/<bucket>/<key>`), for the reads of A2I output objects;
 * - `/_a2i/...`: the control endpoints (docs/server.md), when a control handler is given.
 *
 * Account and Region come from the SigV4 credential scope (`Credential=AKID/date/<region>/<service>/aws4_request`)
 * and the access key id; signatures are never checked, and nothing is ever forwarded anywhere.
 * No request can throw out of the listener: every failure becomes the AWS-shaped error of its service.
 */
import { own } from "../own.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
// The module's own function, not the global: a test's fake timers (jest, vitest, sinon) replace only the global.
import { setImmediate as realSetImmediate } from "node:timers";
import type { A2IFake } from "../fake.js";
import { A2I_RUNTIME_ROUTES, restJsonProtocol, RoutedRequest } from "../protocol/rest-json.js";
import { awsJsonProtocol } from "../protocol/aws-json.js";
import { s3Address, s3Error, s3Read } from "../protocol/rest-xml.js";
import { asServiceError, nextRequestId, type QueryValue, type WireRequest } from "../protocol/wire.js";
import { UnsupportedOperationError } from "../services/service.js";
import { CallDroppedError } from "../held-calls.js";
import { BodyBudget, DEFAULT_MAX_BODY_BYTES_IN_FLIGHT, LARGE_BODY_BYTES } from "./body-budget.js";
import type { WireAnswer } from "./sdk-middleware.js";

/** The services the server tells apart by a request's shape (faked-services.ts may register more in-process). */
type FakedServiceId = "SageMaker" | "SageMaker A2I Runtime" | "S3" | "Textract" | "Rekognition";

/** Default cap on request bodies: above StartHumanLoop's 3 MiB InputContent even fully JSON-escaped. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A request to the control endpoints, as the transport read it. */
export interface ControlRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, QueryValue>>;
  readonly body: Uint8Array | undefined;
}

export interface ControlResponse {
  readonly statusCode: number;
  /** Written as JSON, unless `contentType` is given: then it is the text to write. */
  readonly body: unknown;
  readonly contentType?: string;
}

export interface HttpTransportOptions {
  readonly fake: A2IFake;
  /** Answers `/_a2i/...`; without it those paths are S3 paths like any other. */
  readonly control?: (request: ControlRequest) => ControlResponse;
  /** Access key id → account id. Unmapped 12-digit access keys are their own account; others the default. */
  readonly accounts?: Readonly<Record<string, string>>;
  readonly defaultAccountId: string;
  /** The Region of requests that carry no SigV4 credential scope. */
  readonly defaultRegion: string;
  readonly maxBodyBytes?: number;
  /** Bytes of large bodies (over 1 MiB) buffered at once; later ones wait unread. Default 64 MiB. */
  readonly maxBodyBytesInFlight?: number;
  /** One line per request (method, path, target, status), and the stack of any unexpected error. */
  readonly log?: (line: string) => void;
}

type Target = FakedServiceId | "control";

const SAGEMAKER_PROTOCOL = awsJsonProtocol("SageMaker");
const RUNTIME_PROTOCOL = restJsonProtocol(A2I_RUNTIME_ROUTES);
const AWS_JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
const SIGV4_CREDENTIAL = /Credential=([^,\s]+)/;
const CREDENTIAL_SCOPE = /^([^/\s,]+)\/(\d{8})\/([^/\s,]*)\/([^/\s,]+)\/aws4_request$/;
const VALID_REGION = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;

export class HttpTransport {
  /** Set by the server's close(): every later response asks its client to close the connection. */
  closing = false;
  private readonly maxBodyBytes: number;
  private readonly budget: BodyBudget;

  constructor(private readonly options: HttpTransportOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.budget = new BodyBudget(options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT);
  }

  /**
   * The `node:http` request listener. Never throws, never rejects.
   *
   * A request is answered synchronously in its body's `end` event whenever it can be: a body that fits in one
   * read, an operation with no latency fault, an answer that is not a stream. Promises and `await` only come in
   * where something really waits (a large body's turn in the budget, a held call, a streamed S3 body): on a
   * keep-alive connection, each microtask turn and promise showed in the server's requests per second (issue 13).
   *
   * Answers are written together once the event loop has read every request that was ready (see `Outbox`).
   */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      this.receive(req, res);
    } catch (err) {
      this.failed(req, res, err);
    }
  };

  /** Only a failure to write the response itself lands here (the client went away). */
  private failed(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    this.options.log?.(`[a2i-fake] could not answer ${req.method} ${req.url}: ${String(err)}`);
    res.destroy();
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const method = (req.method ?? "GET").toUpperCase();
    const { path, query } = splitUrl(req.url ?? "/");
    const headers = headersOf(req);
    const exchange: Exchange = { req, res, method, path, query, headers, target: this.targetOf(method, path, headers) };
    // A large body waits, unread, for room in the budget of bodies in flight (bounded memory, issue 10).
    const reservation = this.reserveBody(headers);
    if (reservation === undefined && !chunkedOrSized(headers)) {
      // No Content-Length (or 0) and no Transfer-Encoding: HTTP/1.1 says there is no body (RFC 9112 §6.3), so
      // there is nothing to wait for; node:http reads the (empty) rest of the request once the answer is written.
      const waiting = turnsOf(req);
      if (waiting === undefined || waiting.length === 0) this.respond(exchange, undefined, undefined);
      else takeTurn(waiting, () => this.respond(exchange, undefined, undefined));
      return;
    }
    const turns = turnsOf(req) ?? newTurns(req);
    if (reservation === undefined) {
      // A small body has almost always come in with its headers: node:http has pushed it by the time the event loop
      // has read every request that was ready, so it is read then, without a listener or an event (see `Outbox`).
      // It holds its place in its connection's line meanwhile: a request sent after it runs after it.
      const place: Turn = { run: undefined };
      turns.push(place);
      this.outbox.arrive({ x: exchange, turns, place });
      return;
    }
    // The body comes in later events: a request sent after this one on the same connection waits for its turn.
    const turn = takeTurn(turns);
    reservation.then(
      (release) => readBody(req, this.maxBodyBytes, (body) => turn(() => this.respond(exchange, body, release))),
      (err: unknown) => turn(() => this.failed(req, res, err)),
    );
  }

  private reserveBody(headers: Record<string, string | undefined>): Promise<() => void> | undefined {
    const length = Number(headers["content-length"]);
    const chunked = headers["transfer-encoding"] !== undefined;
    if (!chunked && !(length > LARGE_BODY_BYTES)) return undefined;
    return this.budget.reserve(chunked || !Number.isFinite(length) ? this.maxBodyBytes : Math.min(length, this.maxBodyBytes));
  }

  /** Answer a request whose body was read; `release` gives its bytes back to the budget once the answer is written. */
  private respond(x: Exchange, body: ReadBody, release: (() => void) | undefined): void {
    let answer: WireAnswer | Promise<WireAnswer>;
    try {
      answer = this.answerOf(x, body);
    } catch (err) {
      answer = this.unexpected(x.target, err);
    }
    if (answer instanceof Promise) {
      answer.then(
        (a) => this.finish(x, a, release),
        (err: unknown) => this.finish(x, this.unexpected(x.target, err), release),
      );
    } else {
      this.finish(x, answer, release);
    }
  }

  private answerOf(x: Exchange, body: ReadBody): WireAnswer | Promise<WireAnswer> {
    const { method, path, query, headers, target } = x;
    if (body === TOO_LARGE) return bodyTooLarge(target, this.maxBodyBytes);
    if (body instanceof IncompleteBodyError) {
      this.options.log?.(`[a2i-fake] ${method} ${path}: incomplete body (${body.message}), answered 400.`);
      return errorAnswer(target, "IncompleteBody", `The request body ended before it was complete (${body.message}).`, 400);
    }
    if (target === "control") return controlAnswer(this.options.control!({ method, path, query, body }));
    // Only S3 reads the host (virtual-hosted buckets).
    return this.serve(target, { method, hostname: target === "S3" ? hostOf(headers) : undefined, path, query, headers, body });
  }

  private finish(x: Exchange, answer: WireAnswer, release: (() => void) | undefined): void {
    const { method, path, headers } = x;
    this.options.log?.(`${method} ${path}${headers["x-amz-target"] ? ` ${headers["x-amz-target"]}` : ""} -> ${answer.statusCode}`);
    const body = answer.body;
    if (typeof body === "string" || body instanceof Uint8Array) {
      this.outbox.add({ x, answer, body, release });
      return;
    }
    streamBytes(body).then(
      (bytes) => this.outbox.add({ x, answer, body: bytes, release }),
      (err: unknown) => {
        release?.();
        this.failed(x.req, x.res, err);
      },
    );
  }

  /** Write one answer (from the outbox); a failure to write is the client's going away, never a throw. */
  private write({ x, answer, body, release }: PendingAnswer): void {
    try {
      (x.req.socket as { [LAST_ANSWER]?: ServerResponse })[LAST_ANSWER] = x.res;
      send(x.res, answer, body, this.closing);
    } catch (err) {
      this.failed(x.req, x.res, err);
    } finally {
      release?.();
    }
  }

  /**
   * A small body's request once the event loop has read every request that was ready: its body as node:http
   * buffered it, or, when not all of it came yet, read as it comes, in its connection's turn.
   */
  private take({ x, turns, place }: Arrival): void {
    let body;
    try {
      body = bufferedBody(x.req, this.maxBodyBytes);
    } catch (err) {
      body = err instanceof Error ? new IncompleteBodyError(err.message) : new IncompleteBodyError(String(err));
    }
    if (body === NOT_ALL_IN) {
      readBody(x.req, this.maxBodyBytes, (read) => {
        place.run = () => this.respond(x, read, undefined);
        runReady(turns);
      });
      return;
    }
    if (turns[0] === place) {
      // First in its connection's line (always, but for pipelined requests): no closure to make.
      turns.shift();
      this.respond(x, body, undefined);
      runReady(turns);
      return;
    }
    place.run = () => this.respond(x, body, undefined);
    runReady(turns);
  }

  /**
   * Take the requests and write the answers waiting for the end of the event loop's pass now (before the server
   * answers bad bytes on a connection and closes it: the requests read before them keep their answers).
   */
  writeWaiting(): void {
    this.outbox.flush();
  }

  /** End a connection once the last answer written to it is out (node:http holds pipelined answers in a queue). */
  endAfterAnswers(socket: Duplex): void {
    const last = (socket as { [LAST_ANSWER]?: ServerResponse })[LAST_ANSWER];
    if (last === undefined || last.writableFinished || last.destroyed) socket.end();
    else last.once("finish", () => socket.end()).once("close", () => socket.end());
  }

  private readonly outbox = new Outbox(
    (x) => this.take(x),
    (answer) => this.write(answer),
  );

  private targetOf(method: string, path: string, headers: Record<string, string | undefined>): Target {
    if (this.options.control && (path === "/_a2i" || path.startsWith("/_a2i/"))) return "control";
    const amzTarget = headers["x-amz-target"];
    // Textract and Rekognition (the built-in task types) share the port, told apart by their target prefix.
    if (amzTarget?.startsWith("Textract.")) return "Textract";
    if (amzTarget?.startsWith("RekognitionService.")) return "Rekognition";
    if (amzTarget !== undefined || (method === "POST" && path === "/")) return "SageMaker";
    if (path === "/human-loops" || path.startsWith("/human-loops/")) return "SageMaker A2I Runtime";
    return "S3";
  }

  private serve(target: FakedServiceId, request: WireRequest): WireAnswer | Promise<WireAnswer> {
    const scope = this.scopeOf(request);
    if (typeof scope === "string") return errorAnswer(target, "InvalidSignatureException", scope, 403);
    const early = checkShape(target, request, this.options.fake);
    // A runtime request comes out of the front end with its route: the fake does not match it again.
    const routed = early instanceof RoutedRequest ? early : undefined;
    if (early && !routed) return early as WireAnswer;
    let pending;
    try {
      pending = this.options.fake.handleWire(target, request, scope.region, scope.accountId, routed);
    } catch (err) {
      return failureAnswer(target, err);
    }
    // A promise only for a call a latency fault holds, or a body that streams.
    if (pending instanceof Promise) return pending.then(orNotImplemented, (err: unknown) => failureAnswer(target, err));
    return orNotImplemented(pending);
  }

  /** Account and Region of a request, or why its credential scope cannot be used. */
  private scopeOf(request: WireRequest): { accountId: string; region: string } | string {
    const auth = request.headers.authorization;
    const sigV4 = auth === undefined ? undefined : SIGV4_CREDENTIAL.exec(auth)?.[1];
    // A client signs every request with the same credential scope: it is read once, not on every request.
    if (sigV4 !== undefined && sigV4 === this.lastCredentialScope) return this.lastScope!;
    const credential = sigV4 !== undefined ? parseCredentialScope(sigV4) : credentialOf(request);
    const accountId = credential ? this.accountOf(credential.accessKeyId) : this.options.defaultAccountId;
    const region = credential?.region || this.options.defaultRegion;
    if (!VALID_REGION.test(region)) return `Credential should be scoped to a valid region, not '${region}'.`;
    const scope = { accountId, region };
    if (sigV4 !== undefined) {
      this.lastCredentialScope = sigV4;
      this.lastScope = scope;
    }
    return scope;
  }

  private lastCredentialScope: string | undefined;
  private lastScope: { accountId: string; region: string } | undefined;

  private accountOf(accessKeyId: string): string {
    const mapped = own(this.options.accounts, accessKeyId);
    if (mapped !== undefined) return mapped;
    return /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.options.defaultAccountId;
  }

  private unexpected(target: Target, err: unknown): WireAnswer {
    this.options.log?.(`[a2i-fake] internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const message = `a2i-fake failed to answer: ${err instanceof Error ? err.message : String(err)}`;
    switch (target) {
      case "SageMaker":
        return errorAnswer(target, "InternalFailure", message, 500);
      case "Textract":
      case "Rekognition":
        return errorAnswer(target, "InternalServerError", message, 500);
      case "SageMaker A2I Runtime":
        return errorAnswer(target, "InternalServerException", message, 500);
      case "S3":
        return errorAnswer(target, "InternalError", message, 500);
      case "control":
        return controlAnswer({ statusCode: 500, body: { error: `[a2i-fake] ${message}` } });
    }
  }
}

/**
 * What the transport does once the event loop has read every request that was ready (the end of its poll phase,
 * `setImmediate`): take the requests whose small bodies came in that pass, then write every answer waiting.
 *
 * Why (issue 13): node:http reads the requests of every connection that is ready in one pass of the event loop.
 * Writing each answer at once wakes the client for each (on loopback, the write runs the client's side of TCP and
 * wakes it); writing them together after the pass wakes it about once. Measured with wrk (16 keep-alive
 * connections): the same server does 16% to 30% more requests per second (bench/README §7). A small body is in by
 * then too (node:http pushes it as it parses the request), so it is read from the request's buffer, with no
 * `data` and `end` listeners, their events and the ticks they wait for. An answer waits at most for the requests
 * read in the same pass; a lone request is answered in the same turn of the loop.
 * The real `setImmediate` of `node:timers` (a test's fake timers replace only the global one), so a server started
 * inside a test with fake timers still answers.
 */
class Outbox {
  private arrived: Arrival[] = [];
  private pending: PendingAnswer[] = [];
  private scheduled = false;

  constructor(
    private readonly take: (arrival: Arrival) => void,
    private readonly write: (answer: PendingAnswer) => void,
  ) {}

  /** A request with a small body, taken at the end of the pass. */
  arrive(arrival: Arrival): void {
    this.arrived.push(arrival);
    this.schedule();
  }

  add(answer: PendingAnswer): void {
    this.pending.push(answer);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    realSetImmediate(this.flush);
  }

  readonly flush = (): void => {
    const arrived = this.arrived;
    if (arrived.length > 0) {
      this.arrived = [];
      // Their answers go out with the others of this pass.
      for (const arrival of arrived) this.take(arrival);
    }
    const due = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const answer of due) this.write(answer);
  };
}

/** A request with a small body, waiting for the end of the pass, and its place in its connection's line. */
interface Arrival {
  readonly x: Exchange;
  readonly turns: Turns;
  readonly place: Turn;
}

/** An answer to write: its request, the answer and its body's bytes, and what gives a large body's budget back. */
interface PendingAnswer {
  readonly x: Exchange;
  readonly answer: WireAnswer;
  readonly body: string | Uint8Array;
  readonly release: (() => void) | undefined;
}

/**
 * The requests of one connection run in the order they arrived. A client may send a request before the answer to
 * the one before it (HTTP/1.1 pipelining, RFC 9112 §9.3.2); node:http emits each at once, but a request with a body
 * is only whole some events later, so a Describe sent after a Start could otherwise run before it. A connection
 * holds its requests still waiting for a body, in order; each runs once it and all before it can.
 */
const TURNS = Symbol("a2i-fake requests in turn");
/** The last answer written on a connection (`endAfterAnswers`). */
const LAST_ANSWER = Symbol("a2i-fake last answer");

/** A request's place in its connection's line: what it runs, once it can (undefined while its body is read). */
type Turn = { run: (() => void) | undefined };
type Turns = Turn[];

function turnsOf(req: IncomingMessage): Turns | undefined {
  return (req.socket as { [TURNS]?: Turns })[TURNS];
}

function newTurns(req: IncomingMessage): Turns {
  const turns: Turns = [];
  (req.socket as { [TURNS]?: Turns })[TURNS] = turns;
  return turns;
}

/**
 * Take a place at the end of the line. With `run`, the request is ready now; without, the function returned is
 * called once it is (with what it runs). Either way, ready requests at the head of the line run, in order.
 */
function takeTurn(turns: Turns, run: () => void): void;
function takeTurn(turns: Turns): (run: () => void) => void;
function takeTurn(turns: Turns, run?: () => void): ((run: () => void) => void) | void {
  const turn: Turn = { run };
  turns.push(turn);
  if (run !== undefined) return runReady(turns);
  return (ready) => {
    turn.run = ready;
    runReady(turns);
  };
}

function runReady(turns: Turns): void {
  while (turns.length > 0 && turns[0]!.run !== undefined) {
    const turn = turns.shift()!;
    const run = turn.run!;
    // The request's listeners hold its turn as long as the request lives: not what it ran (its body).
    turn.run = undefined;
    run();
  }
}

/** One request on its way through the listener. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, QueryValue>;
  readonly headers: Record<string, string | undefined>;
  readonly target: Target;
}

function orNotImplemented(answer: WireAnswer | undefined): WireAnswer {
  return answer ?? errorAnswer("S3", "NotImplemented", "a2i-fake does not serve this S3 request.", 501);
}

/** The answer to an error the fake threw: AWS-shaped when it is one; anything else is rethrown (a 500). */
function failureAnswer(target: FakedServiceId, err: unknown): WireAnswer {
  // A call held by a latencyMs fault, dropped by POST /_a2i/reset (docs/server.md): not retryable, not a 5xx.
  if (err instanceof CallDroppedError) return errorAnswer(target, "A2IFakeCallDropped", err.message, 409);
  if (err instanceof UnsupportedOperationError) {
    return errorAnswer(target, "UnknownOperationException", err.message, isAwsJson(target) ? 400 : 404);
  }
  const serviceError = asServiceError(err);
  if (!serviceError) throw err;
  return isAwsJson(target) ? SAGEMAKER_PROTOCOL.encodeError(serviceError) : RUNTIME_PROTOCOL.encodeError(serviceError);
}

/**
 * What the service's front end answers before the operation runs: a missing or foreign target, an unknown
 * route, a body of the wrong media type, an S3 request the fake does not serve. Undefined when the request
 * goes on to the fake, or, for the A2I runtime, the request matched to its route.
 */
function checkShape(target: FakedServiceId, request: WireRequest, fake: A2IFake): WireAnswer | RoutedRequest | undefined {
  const hasBody = request.body !== undefined && request.body.length > 0;
  const mediaType = hasBody ? mediaTypeOf(request.headers["content-type"]) : undefined;
  if (isAwsJson(target)) {
    const targetHeader = request.headers["x-amz-target"];
    if (request.method !== "POST" || !targetHeader || !targetHeader.startsWith(`${TARGET_PREFIX[target]}.`)) {
      const why = !targetHeader
        ? "The request has no X-Amz-Target header"
        : request.method !== "POST"
          ? `awsJson1_1 operations are POST requests, not ${request.method}`
          : `'${targetHeader}' is not a SageMaker operation (X-Amz-Target: SageMaker.<Operation>)`;
      return errorAnswer(target, "UnknownOperationException", `${why}.`, 400);
    }
    // The Smithy awsJson1_1 protocol tests (AwsJson11ContentTypeParameters): parameters are ignored.
    if (hasBody && mediaType !== AWS_JSON_CONTENT_TYPE) {
      return errorAnswer(
        target,
        "SerializationException",
        `Content-Type '${request.headers["content-type"] ?? ""}' is not supported: send ${AWS_JSON_CONTENT_TYPE}.`,
        400,
      );
    }
    return undefined;
  }
  if (target === "SageMaker A2I Runtime") {
    let routed;
    try {
      routed = RUNTIME_PROTOCOL.parse(request) as RoutedRequest | undefined;
    } catch (err) {
      return RUNTIME_PROTOCOL.encodeError(asServiceError(err)!);
    }
    if (!routed) {
      return errorAnswer(target, "UnknownOperationException", `No A2I runtime operation is ${request.method} ${request.path}.`, 404);
    }
    // Smithy restJson1 malformed-request tests (RestJsonWithBodyExpectsApplicationJsonContentType*): 415.
    if (routed.match.route.body && hasBody && mediaType !== "application/json") {
      return errorAnswer(
        target,
        "UnsupportedMediaTypeException",
        `Content-Type '${request.headers["content-type"] ?? ""}' is not supported: send application/json.`,
        415,
      );
    }
    return routed;
  }
  const address = s3Address(request);
  if (!address) return errorAnswer("S3", "NotImplemented", `a2i-fake serves no S3 ${request.method} ${request.path} (it names no bucket).`, 501);
  if (!fake.isOutputBucket(address.bucket)) {
    return errorAnswer(
      "S3",
      "NoSuchBucket",
      `The specified bucket does not exist: '${address.bucket}' is not the S3OutputPath bucket of any flow definition (a2i-fake serves only A2I output buckets).`,
      404,
    );
  }
  // Server mode serves the reads only (PutObject/DeleteObject outside the output prefixes are in-process only).
  const read = s3Read(request, address);
  if (!read || read.operation === "PutObject" || read.operation === "DeleteObject") {
    return errorAnswer("S3", "NotImplemented", "On A2I output buckets a2i-fake serves only GetObject, HeadObject and ListObjectsV2 (path-style).", 501);
  }
  return undefined;
}

/** `type/subtype` of a Content-Type, lower case, without parameters. */
function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const semicolon = contentType.indexOf(";");
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** An AWS-shaped error as each service writes it (same shapes as the protocols' encodeError). */
export function errorAnswer(target: Target, code: string, message: string, statusCode: number): WireAnswer {
  switch (target) {
    case "SageMaker":
    case "Textract":
    case "Rekognition":
      return {
        statusCode,
        headers: { "content-type": AWS_JSON_CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
        body: JSON.stringify({ __type: code, Message: message }),
      };
    case "SageMaker A2I Runtime":
      return {
        statusCode,
        headers: { "content-type": "application/json", "x-amzn-errortype": code, "x-amzn-requestid": nextRequestId() },
        body: JSON.stringify({ Message: message }),
      };
    case "S3":
      // The body's RequestId is the header's, as in the errors of the fake's own S3 answers (s3Error).
      return s3Error(code, message, statusCode);
    case "control":
      return controlAnswer({ statusCode, body: { error: `[a2i-fake] ${message}`, code } });
  }
}

/** The awsJson1_1 services and their X-Amz-Target prefixes. */
const TARGET_PREFIX = { SageMaker: "SageMaker", Textract: "Textract", Rekognition: "RekognitionService" } as const;

function isAwsJson(target: Target): target is keyof typeof TARGET_PREFIX {
  return target in TARGET_PREFIX;
}

export function bodyTooLarge(target: Target, cap: number): WireAnswer {
  const message = `The request body is larger than the a2i-fake server's cap of ${cap} bytes (maxBodyBytes, --max-body-bytes).`;
  return errorAnswer(target, target === "S3" ? "EntityTooLarge" : "ValidationException", message, 413);
}

function controlAnswer(response: ControlResponse): WireAnswer {
  if (response.contentType !== undefined) {
    return { statusCode: response.statusCode, headers: { "content-type": response.contentType }, body: String(response.body) };
  }
  return {
    statusCode: response.statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(response.body ?? {}),
  };
}

const TOO_LARGE = Symbol("too large");

/** The body as read: bytes (undefined when empty), TOO_LARGE, or why it ended early. */
type ReadBody = Uint8Array | undefined | typeof TOO_LARGE | IncompleteBodyError;

/**
 * Read the whole body, then call `done` once: with TOO_LARGE once it passed the cap (the rest is read and dropped
 * so the client sees the answer), or an IncompleteBodyError when the client stopped sending.
 */
function readBody(req: IncomingMessage, cap: number, done: (body: ReadBody) => void): void {
  let chunks: Buffer[] | undefined;
  let size = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= cap) (chunks ??= []).push(chunk);
    else chunks = undefined;
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    // One chunk (every small body) is used as it is, not copied.
    const body = size > cap ? TOO_LARGE : size === 0 ? undefined : chunks!.length === 1 ? chunks![0] : Buffer.concat(chunks!, size);
    // The listeners stay on the request, which lives as long as something holds its response: not the chunks.
    chunks = undefined;
    done(body);
  });
  req.on("error", (err) => {
    if (settled) return;
    settled = true;
    chunks = undefined;
    done(new IncompleteBodyError(err.message));
  });
}

const NOT_ALL_IN = Symbol("not all in");

/**
 * The body node:http has buffered for a request it has read to the end (`complete`), as `readBody` gives it;
 * NOT_ALL_IN while some of it is still to come (or more than the stream buffers: node:http then stops reading).
 */
function bufferedBody(req: IncomingMessage, cap: number): ReadBody | typeof NOT_ALL_IN {
  if (!req.complete) return NOT_ALL_IN;
  const size = req.readableLength;
  if (size === 0) return undefined;
  // Every buffered chunk at once (one chunk as it is, more concatenated).
  const body = req.read() as Buffer | null;
  if (body === null || body.length !== size) throw new Error(`[a2i-fake] internal: read ${body?.length ?? 0} of the ${size} bytes node:http buffered`);
  return size > cap ? TOO_LARGE : body;
}

/** Whether a request has a body to read: a Transfer-Encoding, or a Content-Length other than 0. */
function chunkedOrSized(headers: Record<string, string | undefined>): boolean {
  const length = headers["content-length"];
  return headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** The client stopped sending before the body was complete (Content-Length not reached, a chunk cut short). */
class IncompleteBodyError extends Error {}

function send(res: ServerResponse, answer: WireAnswer, body: string | Uint8Array, closing: boolean): void {
  if (res.destroyed || res.writableEnded) return;
  // Names and values in one flat list (node:http takes it as it is): a copy of the answer's headers object with a
  // member added made V8 build a new hidden class on every answer (issue 13, perf of the server under wrk).
  const given = answer.headers;
  const headers: string[] = [];
  for (const name in given) headers.push(name, given[name]!);
  if (given["content-length"] === undefined) headers.push("content-length", String(typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.length));
  if (closing) headers.push("connection", "close");
  res.writeHead(answer.statusCode, headers);
  // A string body goes out as a string: node:http then writes the head and the body in one write, not two.
  res.end(body);
}

async function streamBytes(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Path (still percent-encoded: the protocols decode labels and keys themselves) and query parameters. */
function splitUrl(url: string): { path: string; query: Readonly<Record<string, string | string[]>> } {
  const q = url.indexOf("?");
  if (q < 0) return { path: url === "" ? "/" : url, query: NO_QUERY };
  const path = url.slice(0, q);
  // No prototype: a parameter named __proto__ or constructor is a parameter like any other.
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const part of url.slice(q + 1).split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeLenient(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : decodeLenient(part.slice(eq + 1));
    const prior = query[name];
    query[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return { path: path === "" ? "/" : path, query };
}

/** The query of every URL without one (frozen: no request can change another's). */
const NO_QUERY: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);

/** RFC 3986 decoding, as SigV4 clients encode (a `+` is a plus); malformed escapes are kept as sent. */
function decodeLenient(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  const headers = req.headers;
  // Object.keys, not Object.entries: no [name, value] pair per header per request.
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function hostOf(headers: Record<string, string | undefined>): string | undefined {
  return headers.host?.replace(/:\d+$/, "");
}

/** Access key id and Region of a SigV4 credential (header, or query of a presigned URL); SigV2 S3 keys too. */
function credentialOf(request: WireRequest): { accessKeyId: string; region: string } | undefined {
  const auth = request.headers.authorization;
  let scope: string | undefined;
  if (auth) {
    const sigV4 = SIGV4_CREDENTIAL.exec(auth);
    if (sigV4) scope = sigV4[1];
    else {
      const sigV2 = /^AWS ([^:\s]+):/.exec(auth);
      if (sigV2) return { accessKeyId: sigV2[1]!, region: "" };
    }
  } else {
    const presigned = request.query["X-Amz-Credential"];
    scope = typeof presigned === "string" ? presigned : undefined;
  }
  return scope === undefined ? undefined : parseCredentialScope(scope);
}

/** Access key id and Region of a credential scope (`AKID/date/region/service/aws4_request`). */
function parseCredentialScope(scope: string): { accessKeyId: string; region: string } | undefined {
  const m = CREDENTIAL_SCOPE.exec(scope);
  return m ? { accessKeyId: m[1]!, region: m[3]! } : undefined;
}
