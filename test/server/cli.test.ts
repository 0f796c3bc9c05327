/**
 * `a2i-fake serve`: options, the start-up lines scripts read (URL first, loopback said out loud), and errors.
 * Ctrl-C of the real process is covered by test/conformance/run.sh, which needs the build.
 */
import { createServer } from "node:net";
import { parseServeOptions, runCli } from "../../src/server/cli-main.js";
import { ListenError, startServer } from "../../src/index.js";
import { raw } from "./harness.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) }, out, err };
}

describe("a2i-fake serve", () => {
  it("parses every option, both --name value and --name=value", () => {
    const options = parseServeOptions([
      "--port=0",
      "--host",
      "::1",
      "--region",
      "eu-west-1",
      "--account",
      "210987654321",
      "--account=AKIDTEAMA=111111111111",
      "--account",
      "AKIDTEAMB=222222222222",
      "--real-time",
      "--activation-ms",
      "0",
      "--max-body-bytes=1024",
      "--seed",
      "7",
    ]);
    expect(options).toEqual({
      port: 0,
      host: "::1",
      region: "eu-west-1",
      accountId: "210987654321",
      accounts: { AKIDTEAMA: "111111111111", AKIDTEAMB: "222222222222" },
      realTime: true,
      timing: { flowDefinitionActivationMs: 0 },
      maxBodyBytes: 1024,
      seed: 7,
    });
    expect(parseServeOptions([])).toEqual({ port: 4566, host: "127.0.0.1" });
  });

  it("prints the URL first and says it listens on loopback only, then serves until closed", async () => {
    const { io, out, err } = capture();
    const result = await runCli(["serve", "--port", "0", "--max-body-bytes", "100"], io);
    if (!("server" in result)) throw new Error(`exit ${result.exitCode}: ${err.join("\n")}`);
    try {
      expect(out[0]).toBe(`a2i-fake listening on ${result.server.url}`);
      expect(result.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out.join("\n")).toMatch(/Loopback only \(127\.0\.0\.1\)/);
      expect(out.join("\n")).toMatch(/Manual clock/);
      expect(out.join("\n")).toMatch(/signatures are not verified; nothing is forwarded to AWS/);
      const tooBig = await raw(result.server.url, "POST", "/human-loops", { "content-type": "application/json" }, "x".repeat(101));
      expect(tooBig.status).toBe(413);
    } finally {
      await result.server.close();
    }
  });

  it("exits 2 with the usage on a bad command line, 0 on --help, 1 when the port is taken", async () => {
    for (const argv of [[], ["start"], ["serve", "--port", "http"], ["serve", "--account", "12"], ["serve", "--bogus"], ["serve", "--port"], ["serve", "--activation-ms", "315360000001"], ["serve", "--host="]]) {
      const { io, err } = capture();
      expect(await runCli(argv, io)).toEqual({ exitCode: 2 });
      expect(err.join("\n")).toMatch(/^a2i-fake: .*\n\nUsage: a2i-fake serve/s);
    }
    const help = capture();
    expect(await runCli(["--help"], help.io)).toEqual({ exitCode: 0 });
    expect(help.out[0]).toMatch(/^Usage: a2i-fake serve/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = capture();
      expect(await runCli(["serve", "--port", String(port)], taken.io)).toEqual({ exitCode: 1 });
      expect(taken.err).toEqual([`a2i-fake: cannot listen on 127.0.0.1:${port}: port ${port} is in use (--port 0 picks a free one).`]);
      // The programmatic API: a ListenError naming the address, with Node's code and error.
      const refused = await startServer({ port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(ListenError);
      expect(refused).toMatchObject({
        name: "ListenError",
        code: "EADDRINUSE",
        message: `[a2i-fake] startServer cannot listen on 127.0.0.1:${port}: port ${port} is in use (port 0 picks a free one).`,
        cause: expect.objectContaining({ code: "EADDRINUSE" }),
      });
    } finally {
      blocker.close();
    }
  });

  it("says why an address cannot be listened on: not this machine's, a name it cannot resolve, a privileged port", async () => {
    // 192.0.2.1 (TEST-NET-1, RFC 5737) is no interface's address: bind fails at once, without any traffic.
    const notLocal = capture();
    expect(await runCli(["serve", "--host", "192.0.2.1", "--port", "0"], notLocal.io)).toEqual({ exitCode: 1 });
    expect(notLocal.err).toEqual([
      "a2i-fake: cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine (the default, 127.0.0.1, is loopback only).",
    ]);
    // Resolving a host name would send a DNS query off the machine, so the test builds Node's errors itself.
    const cause = (code: string) => Object.assign(new Error(`getaddrinfo ${code} example.invalid`), { code });
    expect(new ListenError("example.invalid", 4566, cause("ENOTFOUND")).message).toBe(
      "[a2i-fake] startServer cannot listen on example.invalid:4566: this machine cannot resolve the host name 'example.invalid' (give a local address such as 127.0.0.1, or 0.0.0.0 for every interface).",
    );
    expect(new ListenError("127.0.0.1", 80, cause("EACCES")).message).toMatch(/: permission denied \(ports below 1024 need privileges; port 0 picks a free one\)\.$/);
    expect(new ListenError("127.0.0.1", 1, cause("EMFILE")).message).toBe("[a2i-fake] startServer cannot listen on 127.0.0.1:1: getaddrinfo EMFILE example.invalid.");
  });
});
