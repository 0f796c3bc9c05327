/**
 * The server writes the answers of the requests it read in one pass of the event loop together, after the pass
 * (http-server.ts `Outbox`, issue 13). What that must never change: every request is answered, in order on its
 * connection, with its own answer; a server started inside a test with fake timers still answers; and an answer
 * whose client went away loses no other answer of its batch.
 */
import { connect } from "node:net";
import { setImmediate as realSetImmediate } from "node:timers";
import { DescribeHumanLoopCommand, ResourceNotFoundException, SageMakerA2IRuntimeClient, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { startServer, type A2IServer } from "../../src/index.js";
import { raw } from "./harness.js";

const AUTH = "AWS4-HMAC-SHA256 Credential=AKIDBATCH/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=00";

/** Everything the server writes back on one connection to these bytes, until it closes the connection. */
function exchange(server: A2IServer, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host, () => socket.end(bytes));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

function request(method: string, path: string, body?: unknown, last = false): string {
  const text = body === undefined ? "" : JSON.stringify(body);
  const headers = [`${method} ${path} HTTP/1.1`, "Host: localhost", `Authorization: ${AUTH}`, `Content-Length: ${Buffer.byteLength(text)}`];
  if (body !== undefined) headers.push("Content-Type: application/json");
  if (last) headers.push("Connection: close");
  return `${headers.join("\r\n")}\r\n\r\n${text}`;
}

describe("answers written together after each pass of the event loop", () => {
  let server: A2IServer;
  let flowDefinitionArn: string;
  beforeEach(async () => {
    server = await startServer();
    flowDefinitionArn = server.fake.seedFlowDefinition({ name: "batch-flow" }).flowDefinitionArn;
  });
  afterEach(async () => {
    jest.useRealTimers();
    await server.close();
  });

  it("answers requests sent together on one connection, each with its own answer, in order", async () => {
    const start = { HumanLoopName: "pipelined", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } };
    const text = await exchange(
      server,
      request("POST", "/human-loops", start) +
        request("GET", "/human-loops/pipelined") +
        request("GET", "/human-loops/never-started") +
        request("DELETE", "/human-loops/pipelined", undefined, true),
    );
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 200, 404, 400]);
    // The Describe answer is the loop the Start before it created; the delete of an InProgress loop is refused (ValidationException).
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    const describeBody = JSON.parse(answers[1]!.slice(answers[1]!.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>;
    expect(describeBody).toMatchObject({ HumanLoopName: "pipelined", HumanLoopStatus: "InProgress" });
    expect(text).toMatch(/x-amzn-errortype: ResourceNotFoundException[\s\S]*x-amzn-errortype: ValidationException/i);
    expect(server.fake.humanLoop("pipelined")?.humanLoopStatus).toBe("InProgress");
  });

  it("reads a body that comes in two writes, then the requests pipelined after it, in order", async () => {
    const start = (name: string) => request("POST", "/human-loops", { HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } });
    const first = start("split-body");
    const cut = first.length - 10;
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, server.host);
      let out = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (out += chunk));
      socket.on("end", () => resolve(out));
      socket.on("error", reject);
      socket.setNoDelay(true);
      // The head and most of the body, then (several passes of the server's event loop later) the rest of the body,
      // a second Start and a Describe of each loop.
      socket.write(first.slice(0, cut), () =>
        setTimeout(
          () => socket.end(first.slice(cut) + start("after-split") + request("GET", "/human-loops/split-body") + request("GET", "/human-loops/after-split", undefined, true)),
          50,
        ),
      );
    });
    expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(["200", "200", "200", "200"]);
    const bodies = text.split(/(?=HTTP\/1\.1 )/).map((answer) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>);
    expect(bodies[0]!.HumanLoopArn).toMatch(/human-loop\/split-body$/);
    expect(bodies[1]!.HumanLoopArn).toMatch(/human-loop\/after-split$/);
    expect(bodies[2]).toMatchObject({ HumanLoopName: "split-body", HumanLoopStatus: "InProgress" });
    expect(bodies[3]).toMatchObject({ HumanLoopName: "after-split", HumanLoopStatus: "InProgress" });
  });

  it("answers 400 to a body its client stopped sending, and keeps serving", async () => {
    const first = request("POST", "/human-loops", { HumanLoopName: "cut-short", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } });
    const text = await exchange(server, first.slice(0, first.length - 10));
    // The client half-closed the connection mid-body: 400 IncompleteBody, in the A2I runtime's error shape.
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/\r\nx-amzn-errortype: IncompleteBody\r\n/i);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toEqual({ Message: expect.stringContaining("ended before it was complete") });
    expect(server.fake.humanLoop("cut-short")).toBeUndefined();
    const after = await raw(server.url, "GET", "/human-loops/after", { authorization: AUTH });
    expect(after.status).toBe(404);
  });

  it("answers the requests read before bad bytes on their connection, then closes it", async () => {
    const start = request("POST", "/human-loops", { HumanLoopName: "before-garbage", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } });
    // Bad bytes right after answered requests are not answered (as Node does): the connection ends after the answers.
    const text = await exchange(server, start + request("GET", "/human-loops/before-garbage") + "GARBAGE\r\n\r\n");
    expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(["200", "200"]);
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/"HumanLoopArn":"arn:aws:sagemaker:[^"]+:human-loop\/before-garbage"/);
    expect(answers[1]).toContain('"HumanLoopStatus":"InProgress"');
    // Bad bytes alone on a connection get the 400 of the service they look meant for.
    const alone = await exchange(server, "GARBAGE /human-loops HTTP/1.1\r\n\r\n");
    expect(alone).toMatch(/^HTTP\/1\.1 400 /);
    expect(alone).toMatch(/\r\nconnection: close\r\n/i);
  });

  it("answers many connections whose requests arrive at once, each its own", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `many-${i}`);
    const answers = await Promise.all(
      names.map((name) =>
        exchange(server, request("POST", "/human-loops", { HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }) + request("GET", `/human-loops/${name}`, undefined, true)),
      ),
    );
    answers.forEach((text, i) => {
      expect([...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(["200", "200"]);
      expect(text).toContain(`"HumanLoopName":"${names[i]}"`);
    });
    expect(server.fake.humanLoops()).toHaveLength(40);
  });

  it("still answers when the test's fake timers replaced every global timer (setImmediate included)", async () => {
    jest.useFakeTimers();
    const res = await raw(server.url, "GET", "/human-loops/missing", { authorization: AUTH });
    expect(res.status).toBe(404);
    expect(res.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    // The same through the SDK client, as an app's test sends it.
    const runtime = new SageMakerA2IRuntimeClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "AKIDBATCH", secretAccessKey: "x" } });
    try {
      await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "under-fake-timers", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
      await expect(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "under-fake-timers" }))).resolves.toMatchObject({ HumanLoopStatus: "InProgress" });
      await expect(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "missing" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      runtime.destroy();
    }
    // Nothing of the server's waits on the fake clock.
    expect(jest.getTimerCount()).toBe(0);
  });

  it("loses no answer of a batch when one of its clients went away before the batch was written", async () => {
    const gone = connect(server.port, server.host);
    await new Promise<void>((resolve) => gone.on("connect", () => resolve()));
    const others = ["a", "b", "c"].map((name) => exchange(server, request("GET", `/human-loops/${name}`, undefined, true)));
    // The client that went away sent its request and closed without reading the answer.
    gone.end(request("GET", "/human-loops/gone", undefined, true));
    gone.destroy();
    for (const text of await Promise.all(others)) expect(text).toMatch(/^HTTP\/1\.1 404 /);
    const after = await raw(server.url, "GET", "/human-loops/after", { authorization: AUTH });
    expect(after.status).toBe(404);
  });
});

describe("close() under a test's fake timers", () => {
  afterEach(() => jest.useRealTimers());

  it("closes within its real-time grace while a request is held, and the held client sees its connection closed", async () => {
    const server = await startServer();
    server.fake.faults.inject({ operation: "DescribeHumanLoop", latencyMs: 60_000 });
    jest.useFakeTimers();
    const held = raw(server.url, "GET", "/human-loops/held", { authorization: AUTH }).then(
      (res) => `answered ${res.status}`,
      (err: NodeJS.ErrnoException) => `failed ${err.code ?? err.message}`,
    );
    // Until the fault holds the request.
    while (server.fake.pendingTimers() === 0) await new Promise((resolve) => realSetImmediate(resolve));
    // The grace period runs on real time: no fake timer of the test's is needed to finish close().
    await server.close();
    expect(jest.getTimerCount()).toBe(0);
    expect(await held).toMatch(/^failed (ECONNRESET|socket hang up)/);
  });
});
