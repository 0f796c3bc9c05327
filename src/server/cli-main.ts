/**
 * `a2i-fake serve`: argument parsing and start-up lines of the command line (src/cli.ts is the `bin`).
 */
import { startServer, type A2IServer, type StartServerOptions } from "./start-server.js";
import { ListenError } from "./listen-error.js";
import { MAX_DURATION_MS } from "../limits.js";

export const USAGE = `Usage: a2i-fake serve [options]

Serves SageMaker (flow definitions, task UIs, work teams), the A2I runtime (human loops) and S3 reads of
output.json on one port, for the AWS CLI (--endpoint-url), boto3 (endpoint_url) and any SDK.

Options:
  --port <n>                 Port to listen on (default 4566; 0 picks a free one).
  --host <address>           Interface (default 127.0.0.1: loopback only).
  --region <region>          Region of requests without a SigV4 scope, and of seeds (default us-east-1).
  --account <id>             Default account id (default 123456789012).
  --account <AKID>=<id>      Requests signed with access key AKID act in account <id> (repeatable).
                             An unmapped 12-digit access key is its own account id.
  --real-time                Real clock instead of the manual one (POST /_a2i/clock/advance moves it).
  --activation-ms <n>        How long a new flow definition stays Initializing (default 2000).
  --max-body-bytes <n>       Larger request bodies are answered 413 (default 16777216).
  --max-body-bytes-in-flight <n>
                             Bytes of large bodies (over 1 MiB) read at once; others wait (default 67108864).
  --max-calls <n>            Calls kept for GET /_a2i/calls, the oldest dropped first (default 10000).
  --seed <n>                 Seed of fault injection rates (default 1).
  --verbose                  Log every request to stderr.
  --help                     This text.

Control endpoints (JSON) are under /_a2i/: see docs/server.md.`;

export interface CliIO {
  stdout(line: string): void;
  stderr(line: string): void;
}

export type CliResult = { server: A2IServer } | { exitCode: number };

const defaultIO: CliIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

/** Run the command line; `serve` resolves once the server listens (the caller stops it). */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<CliResult> {
  let options: StartServerOptions;
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.stdout(USAGE);
      return { exitCode: 0 };
    }
    if (argv[0] !== "serve") throw new UsageError(argv[0] === undefined ? "Say what to do: a2i-fake serve." : `Unknown command '${argv[0]}'.`);
    options = parseServeOptions(argv.slice(1), io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`a2i-fake: ${err.message}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  let server: A2IServer;
  try {
    server = await startServer(options);
  } catch (err) {
    if (err instanceof ListenError) {
      io.stderr(`a2i-fake: cannot listen on ${err.address}: ${err.reason.replace("port 0 picks", "--port 0 picks")}.`);
      return { exitCode: 1 };
    }
    // An option the server refused (its own check, not the command line's): a usage error, not a listening one.
    if (err instanceof Error && err.message.startsWith("[a2i-fake] ")) {
      io.stderr(`a2i-fake: ${err.message.slice("[a2i-fake] ".length)}\n\n${USAGE}`);
      return { exitCode: 2 };
    }
    throw err;
  }
  // The first line is the URL, for scripts: `read` it or grep http://.
  io.stdout(`a2i-fake listening on ${server.url}`);
  io.stdout(
    isLoopback(server.host)
      ? `  Loopback only (${server.host}): other machines cannot connect (--host to change that).`
      : `  WARNING: listening on ${server.host}: other machines can connect, and signatures are not verified.`,
  );
  io.stdout(
    server.clock === "manual"
      ? `  Manual clock at ${server.now().toISOString()}: time moves only on POST ${server.url}/_a2i/clock/advance {"ms": ...}.`
      : "  Real clock: durations run in real time (a new flow definition is Active after 2 s).",
  );
  io.stdout(
    `  Default account ${server.fake.accountId}, Region ${server.fake.region}; SigV4 signatures are not verified; nothing is forwarded to AWS.`,
  );
  io.stdout("  Ctrl-C stops it.");
  return { server };
}

export function parseServeOptions(args: readonly string[], io: CliIO = defaultIO): StartServerOptions {
  const options: StartServerOptions = { port: 4566, host: "127.0.0.1" };
  const accounts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      return next;
    };
    switch (name) {
      case "--port":
        options.port = integer(name, value(), 0, 65535);
        break;
      case "--host":
        options.host = value();
        break;
      case "--region":
        options.region = value();
        break;
      case "--account": {
        const v = value();
        const mapping = /^([^=]+)=(\d{12})$/.exec(v);
        if (mapping) accounts[mapping[1]!] = mapping[2]!;
        else if (/^\d{12}$/.test(v)) options.accountId = v;
        else throw new UsageError(`--account takes a 12-digit account id or <access key id>=<12-digit account id>; got '${v}'.`);
        break;
      }
      case "--real-time":
        options.realTime = true;
        break;
      case "--activation-ms":
        options.timing = { ...options.timing, flowDefinitionActivationMs: integer(name, value(), 0, MAX_DURATION_MS) };
        break;
      case "--max-body-bytes":
        options.maxBodyBytes = integer(name, value(), 1, 2 ** 31 - 1);
        break;
      case "--max-body-bytes-in-flight":
        options.maxBodyBytesInFlight = integer(name, value(), 1, 2 ** 31 - 1);
        break;
      case "--max-calls":
        options.callHistoryLimit = integer(name, value(), 0, Number.MAX_SAFE_INTEGER);
        break;
      case "--seed":
        options.seed = integer(name, value(), 0, 2 ** 32 - 1);
        break;
      case "--verbose":
        options.log = (line) => io.stderr(line);
        break;
      default:
        throw new UsageError(`Unknown option '${arg}'.`);
    }
  }
  if (Object.keys(accounts).length > 0) options.accounts = accounts;
  return options;
}

function integer(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`${name} takes a whole number from ${min} to ${max}; got '${raw}'.`);
  return n;
}

function isLoopback(host: string): boolean {
  return host === "::1" || host === "localhost" || /^127\./.test(host) || host === "::ffff:127.0.0.1";
}
