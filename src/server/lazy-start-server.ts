/**
 * The package entry's `startServer`: loads server mode (node:http transport, control API, the manual clock's
 * `@sinonjs/fake-timers`) on first use, so importing `a2i-fake` for in-process tests never pays for it (issue 13).
 */
import type { A2IServer, StartServerOptions } from "./start-server.js";

/**
 * Start an HTTP server that answers SageMaker, A2I runtime and S3 output reads from one port (docs/server.md).
 * @example
 * const server = await startServer({ port: 0 });
 * const runtime = new SageMakerA2IRuntimeClient({ endpoint: server.url, region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * // ...
 * await server.close();
 */
export async function startServer(options: StartServerOptions = {}): Promise<A2IServer> {
  // CommonJS (and jest's module registry, where a dynamic import() needs --experimental-vm-modules): require.
  const server: typeof import("./start-server.js") =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    typeof require === "function" ? (require("./start-server.js") as typeof import("./start-server.js")) : await import("./start-server.js");
  return server.startServer(options);
}
