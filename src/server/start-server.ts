/**
 * Server mode: the same fake over HTTP, for the AWS CLI, boto3, other languages' SDKs and the JS SDK with an
 * `endpoint` (docs/server.md). A manual clock by default: time moves only when a test says so.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
// The module's own timers, not the globals: a test's fake timers must not hold close() (a new user's trial).
import { clearTimeout as realClearTimeout, setTimeout as realSetTimeout } from "node:timers";
import type { Duplex } from "node:stream";
import type { AddressInfo } from "node:net";
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake, checkA2IFakeOptions, type A2IFakeOptions } from "../fake.js";
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from "../model/options.js";
import { ListenError } from "./listen-error.js";
import { DEFAULT_MAX_BODY_BYTES, HttpTransport } from "../transport/http-server.js";
import { answerClientError, answerContinue, answerExpectation } from "../transport/malformed-http.js";
import { checkOptionalNumber } from "../limits.js";
import { A2I_FAKE_OPTION_KEYS, checkKnownKeys, checkOptional, isAccountId } from "../known-names.js";
import { advanceManualClock, ControlApi, type ManualClock } from "./control.js";

export interface StartServerOptions extends Omit<A2IFakeOptions, "clock" | "otherS3Requests"> {
  /** Default 0: a free port (read it from `url` / `port`). The CLI's default is 4566. */
  port?: number;
  /** Default `127.0.0.1`: loopback only. `0.0.0.0` serves other machines too (signatures are never checked). */
  host?: string;
  /**
   * Use the global timers instead of the manual clock that only `POST /_a2i/clock/advance` moves: the real ones,
   * or a test's fake timers when the server runs inside a test that installed them.
   */
  realTime?: boolean;
  /**
   * Access key id → account id, for several tenants on one server. Unmapped access keys that are 12 digits
   * are their own account id; any other is `accountId` (default `123456789012`).
   */
  accounts?: Record<string, string>;
  /** Larger request bodies are answered HTTP 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Bytes of large request bodies (over 1 MiB each) buffered at once; later ones wait unread. Default 64 MiB. */
  maxBodyBytesInFlight?: number;
  /** One line per request and the stack of any unexpected error (the CLI's `--verbose`). */
  log?: (line: string) => void;
}

export interface A2IServer {
  /** `http://<host>:<port>`: the `endpoint` / `--endpoint-url` of every client. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The fake behind the server: seed it, drive workers, read events and calls, as in-process. */
  readonly fake: A2IFake;
  /** `manual` (default) or `real`. */
  readonly clock: "manual" | "real";
  /** The time on the server's clock. */
  now(): Date;
  /** Move the manual clock forward (what `POST /_a2i/clock/advance` does). Throws in real time. */
  advanceClock(ms: number): void;
  /** Stop accepting connections, finish the requests in flight, close keep-alive connections. */
  close(): Promise<void>;
}

/** Every key of StartServerOptions (the type makes the list whole): the fake's own, but not `clock` or `otherS3Requests`. */
const SERVER_OPTIONS: Record<Exclude<keyof StartServerOptions, keyof A2IFakeOptions>, true> = {
  port: true,
  host: true,
  realTime: true,
  accounts: true,
  maxBodyBytes: true,
  maxBodyBytesInFlight: true,
  log: true,
};
const SERVER_OPTION_KEYS: readonly string[] = [
  ...A2I_FAKE_OPTION_KEYS.filter((key) => key !== "clock" && key !== "otherS3Requests"),
  ...Object.keys(SERVER_OPTIONS),
];

/** The server keeps the last 10000 calls for `GET /_a2i/calls` (`callHistoryLimit`, `--max-calls`). */
export const DEFAULT_SERVER_CALL_HISTORY_LIMIT = 10_000;

const BODY_BYTES = { min: 1, max: 2 ** 31 - 1, integer: true, unit: "bytes" };

/** How long close() lets requests in flight finish (a fault's latency on a manual clock never does). */
const CLOSE_GRACE_MS = 1000;

/**
 * Start an HTTP server that answers SageMaker, A2I runtime and S3 output reads from one port.
 * @example
 * const server = await startServer({ port: 0 });
 * const runtime = new SageMakerA2IRuntimeClient({ endpoint: server.url, region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * // ...
 * await server.close();
 */
export async function startServer(options: StartServerOptions = {}): Promise<A2IServer> {
  checkKnownKeys("startServer", options, SERVER_OPTION_KEYS);
  const { port = 0, host = "127.0.0.1", realTime = false, accounts, maxBodyBytes, maxBodyBytesInFlight, log, ...fakeOptions } = options;
  checkOptional("startServer", "host", host, (v) => typeof v === "string" && v !== "", 'a host name or address such as "127.0.0.1"');
  checkOptional("startServer", "realTime", realTime, (v) => typeof v === "boolean", "true or false");
  checkOptional("startServer", "log", log, (v) => typeof v === "function", "a function taking one line, such as console.log");
  checkOptional(
    "startServer",
    "accounts",
    accounts,
    (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    'an object of access key id to 12-digit account id, such as { AKIDTENANTA: "111111111111" }',
  );
  for (const [accessKeyId, accountId] of Object.entries(accounts ?? {})) {
    checkOptional("startServer", `accounts.${accessKeyId}`, accountId, isAccountId, "a 12-digit account id");
  }
  checkOptionalNumber("startServer", "maxBodyBytes", maxBodyBytes, BODY_BYTES);
  checkOptionalNumber("startServer", "maxBodyBytesInFlight", maxBodyBytesInFlight, BODY_BYTES);
  checkOptionalNumber("startServer", "port", port, { min: 0, max: 65535, integer: true });
  checkA2IFakeOptions("startServer", fakeOptions);
  const clock = realTime ? undefined : createClock(Date.now());
  const fake = new A2IFake({
    callHistoryLimit: DEFAULT_SERVER_CALL_HISTORY_LIMIT,
    ...fakeOptions,
    ...(clock ? { clock } : {}),
    otherS3Requests: "passThrough",
  });
  const control = new ControlApi(fake, clock as ManualClock | undefined);
  // In real time, the fake's own timers run auto-responders and listeners: a failure there is logged, never fatal.
  fake.onTimerError((err) => {
    const line = `[a2i-fake] a scheduled action failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    if (log) log(line);
    else process.stderr.write(`${line}\n`);
  });
  const transport = new HttpTransport({
    fake,
    control: (request) => control.handle(request),
    accounts,
    defaultAccountId: fakeOptions.accountId ?? DEFAULT_ACCOUNT_ID,
    defaultRegion: fakeOptions.region ?? DEFAULT_REGION,
    maxBodyBytes,
    maxBodyBytesInFlight,
    log,
  });
  // HTTP/1.1 without a Host header: answered by the fake (it needs no host), not Node's bare 400.
  const server = createServer({ requireHostHeader: false }, transport.listener);
  // A client that half-closes (ends its side after the request) still gets its answer, even one a fault holds.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const logDropped = (line: string) => (log ? log(line) : process.stderr.write(`${line}\n`));
  server.on("clientError", (err: Error, socket: Duplex) => answerClientError(err, socket, logDropped, transport));
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => answerExpectation(req, res, logDropped));
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) =>
    answerContinue(req, res, maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, logDropped, transport.listener),
  );
  try {
    await listen(server, port, host);
  } catch (err) {
    fake.uninstall();
    throw err;
  }
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    fake,
    clock: clock ? "manual" : "real",
    now: () => new Date(clock ? clock.now : Date.now()),
    advanceClock(ms: number): void {
      if (!clock) throw new Error("[a2i-fake] This server runs on the real clock (realTime: true): time cannot be advanced.");
      advanceManualClock(clock, ms, "server.advanceClock");
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve, reject) => {
        transport.closing = true;
        const force = realSetTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close((err) => {
          realClearTimeout(force);
          // Timers of the real clock (the manual one holds none outside the process's loop).
          fake.uninstall();
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new ListenError(host, port, err));
    server.once("error", onError);
    server.listen({ port, host, backlog: 1024 }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
