#!/usr/bin/env node
/**
 * The `a2i-fake` command (package.json `bin`): `a2i-fake serve [options]`. Ctrl-C (SIGINT) or SIGTERM closes
 * the server cleanly and exits 0; a second signal exits at once.
 */
import type { CliResult } from "./server/cli-main.js";

// Loaded lazily, so that a missing SDK client (a peer dependency) is named with its remedy, not a stack trace.
import("./server/cli-main.js").then(
  ({ runCli }) => runCli(process.argv.slice(2)).then(serveUntilSignal, fatal),
  (err: unknown) => {
    const missing = /Cannot find (?:module|package) '(@aws-sdk\/[^'/]+|@smithy\/[^'/]+)/.exec(String((err as Error)?.message))?.[1];
    if (!missing) return fatal(err);
    process.stderr.write(
      `[a2i-fake] ${missing} is not installed: a2i-fake loads the AWS SDK clients it fakes (peer dependencies). ` +
        `Install them next to it: npm install --save-dev a2i-fake @aws-sdk/client-s3 @aws-sdk/client-sagemaker @aws-sdk/client-sagemaker-a2i-runtime\n`,
    );
    process.exitCode = 1;
  },
);

function serveUntilSignal(result: CliResult): void {
  if ("exitCode" in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const { server } = result;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`a2i-fake: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`a2i-fake: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function fatal(err: unknown): void {
  process.stderr.write(`a2i-fake: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
