/**
 * What the server answers to HTTP that Node's parser refuses before any request exists (issue 10): random
 * bytes, conflicting Content-Length and Transfer-Encoding, raw bytes in the request line, headers over 16 KiB,
 * an `Expect` other than `100-continue`, a `100-continue` for a body over the cap. Node would write a bare
 * 400/431/417 (or a `100 Continue`) with no body; the fake answers in the error shape of the service the bytes
 * look meant for (an `X-Amz-Target` header: SageMaker; a `/human-loops` path: the A2I runtime; `/_a2i`: the
 * control endpoints; else S3's XML), closes the connection (the stream cannot be trusted after a framing error),
 * and logs what it dropped.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { bodyTooLarge, errorAnswer } from "./http-server.js";

type Target = Parameters<typeof errorAnswer>[0];

const REASONS: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 417: "Expectation Failed", 431: "Request Header Fields Too Large" };

/** The target a raw request's first bytes point at. */
function targetOf(raw: Buffer | undefined): Target {
  if (!raw) return "S3";
  const head = raw.subarray(0, 64 * 1024).toString("latin1");
  const requestLine = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? "";
  if (requestLine === "/_a2i" || requestLine.startsWith("/_a2i/")) return "control";
  if (/\r\nx-amz-target:/i.test(head) || requestLine === "/") return "SageMaker";
  if (requestLine === "/human-loops" || requestLine.startsWith("/human-loops/") || requestLine.startsWith("/human-loops?")) {
    return "SageMaker A2I Runtime";
  }
  return "S3";
}

/** The request line and header names of a request node:http read, as `targetOf` reads raw bytes. */
function headOf(req: IncomingMessage): Buffer {
  return Buffer.from(`${req.method} ${req.url} HTTP/1.1\r\n${Object.keys(req.headers).map((h) => `${h}: x`).join("\r\n")}\r\n`, "latin1");
}

/** What the transport does for a connection about to be closed for bad bytes (http-server.ts). */
export interface AnsweredRequests {
  /** Write at once the answers waiting for the end of the event loop's pass (the transport's `Outbox`). */
  writeWaiting(): void;
  /** End the connection once the answers written to it (node:http queues pipelined ones) are out. */
  endAfterAnswers(socket: Duplex): void;
}

/**
 * `clientError` listener: answer in the service's shape when the socket can still take it, then close.
 * `answered`: the requests read before the bad bytes get their answers first, in order, instead of being lost with
 * the connection.
 */
export function answerClientError(
  err: Error & { code?: string; rawPacket?: Buffer },
  socket: Duplex,
  log: (line: string) => void,
  answered?: AnsweredRequests,
): void {
  const code = err.code ?? "ERR";
  if (code === "ECONNRESET" || !socket.writable) {
    log(`[a2i-fake] dropped a request: the client closed the connection (${code}).`);
    socket.destroy();
    return;
  }
  answered?.writeWaiting();
  // Bytes after an answered request (a client that sent a body with no length): Node writes nothing then either
  // (its answer may have said `Connection: close`). The connection ends once the answers written are out; one still
  // being written (a streamed body) is cut.
  const current = (socket as Duplex & { _httpMessage?: (ServerResponse & { req?: IncomingMessage }) | null })._httpMessage;
  if (current?.headersSent) {
    log(`[a2i-fake] bad bytes (${code}) after an answered request: closed the connection without answering them.`);
    if (!current.writableEnded) socket.destroy();
    else if (answered) answered.endAfterAnswers(socket);
    else socket.end();
    return;
  }
  // The client closed its side inside a request's body (fewer bytes than its Content-Length, a chunk cut short).
  const cutShort = code === "HPE_INVALID_EOF_STATE" && current && !current.headersSent && current.req ? current.req : undefined;
  const status = code === "HPE_HEADER_OVERFLOW" ? 431 : code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const awsCode = cutShort ? "IncompleteBody" : status === 431 ? "RequestHeaderSectionTooLarge" : status === 408 ? "RequestTimeout" : "BadRequest";
  const message = cutShort
    ? "The request body ended before it was complete: the client closed its side of the connection before sending all of it (Content-Length, or the last chunk)."
    : status === 431
      ? "The request's headers are larger than the server accepts (16 KiB, Node's --max-http-header-size)."
      : status === 408
        ? "The request was not received in time."
        : `The request is not valid HTTP/1.1 (${err.message.replace(/\s+/g, " ")}).`;
  const target = targetOf(cutShort ? headOf(cutShort) : err.rawPacket);
  const answer = errorAnswer(target, awsCode, message, status);
  const body = Buffer.from(String(answer.body), "utf8");
  const headers = Object.entries({ ...answer.headers, "content-length": String(body.length), connection: "close" })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  log(`[a2i-fake] malformed HTTP request (${code}): answered ${status} ${awsCode} in the ${target} shape and closed the connection.`);
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} ${REASONS[status]}\r\n${headers}\r\n`, "latin1"), body]));
}

/** `checkExpectation` listener: an `Expect` the server does not meet is 417 in the service's shape. */
export function answerExpectation(req: IncomingMessage, res: ServerResponse, log: (line: string) => void): void {
  const answer = errorAnswer(
    targetOf(headOf(req)),
    "ExpectationFailed",
    `The server meets only 'Expect: 100-continue'; got 'Expect: ${req.headers.expect ?? ""}'.`,
    417,
  );
  log(`[a2i-fake] ${req.method} ${req.url}: refused 'Expect: ${req.headers.expect ?? ""}' (417).`);
  res.writeHead(417, { ...answer.headers, connection: "close" });
  res.end(answer.body);
  req.resume();
}

/**
 * `checkContinue` listener (`Expect: 100-continue`): a body declared larger than the cap is refused at once, 413 in
 * the service's shape with the connection closed (its client has not sent the body and need not), instead of a
 * `100 Continue` that invites it to upload what would be read and dropped. Any other goes on as a request does.
 */
export function answerContinue(
  req: IncomingMessage,
  res: ServerResponse,
  cap: number,
  log: (line: string) => void,
  proceed: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  const length = Number(req.headers["content-length"]);
  if (!(length > cap)) {
    res.writeContinue();
    proceed(req, res);
    return;
  }
  const answer = bodyTooLarge(targetOf(headOf(req)), cap);
  log(`[a2i-fake] ${req.method} ${req.url}: 'Expect: 100-continue' for a ${length}-byte body over the cap: answered 413 before it was sent.`);
  res.writeHead(413, { ...answer.headers, connection: "close" });
  res.end(answer.body);
}
