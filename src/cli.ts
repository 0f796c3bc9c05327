#!/usr/bin/env node
/**
 * The `a2i-fake` command (package.json `bin`): `a2i-fake serve [options]`. Ctrl-C (SIGINT) or SIGTERM closes
 * the server cleanly and exits 0; a second signal exits at once.
 */
import { runCli } from "./server/cli-main.js";

runCli(process.argv.slice(2)).then(
  (result) => {
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
  },
  (err: unknown) => {
    process.stderr.write(`a2i-fake: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
