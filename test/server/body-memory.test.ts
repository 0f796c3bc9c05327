/**
 * A request's body is not kept once its answer is written (issue 13, found by `npm run memory`): the server keeps
 * the last answer of each connection while it stays open (to end a connection after its answers, http-server.ts),
 * and a request's listeners and its place in its connection's line live as long as the request. None of them may
 * hold the body's bytes: a keep-alive client that sent 16 MiB bodies would otherwise pin them per connection.
 */
import { connect, type Socket } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { startServer, type A2IServer } from "../../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
/**
 * Heap and Buffer bytes (request bodies are Buffers, outside the JS heap) after full collections, once sockets
 * closed before (by an earlier test file in this worker) have let go of their buffers: the least of three looks.
 */
const held = async () => {
  let least = Infinity;
  for (let look = 0; look < 3; look++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 3; i++) gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    least = Math.min(least, heapUsed + arrayBuffers);
  }
  return least;
};

const AUTH = "AWS4-HMAC-SHA256 Credential=AKIDMEMORY/20260101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=00";

function startRequest(name: string, inputBytes: number): string {
  const body = JSON.stringify({
    HumanLoopName: name,
    FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/memory",
    HumanLoopInput: { InputContent: JSON.stringify({ text: "x".repeat(inputBytes) }) },
  });
  return `POST /human-loops HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${AUTH}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Send on a kept-alive connection and wait for one whole answer (its headers and Content-Length bytes). */
function ask(socket: Socket, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (end >= 0 && length >= 0 && text.length >= end + 4 + length) {
        socket.off("data", onData);
        resolve(text);
      }
    };
    socket.on("data", onData);
    socket.write(bytes);
  });
}

describe("request bodies after their answers", () => {
  let server: A2IServer;
  let socket: Socket;
  beforeAll(async () => {
    server = await startServer();
    server.fake.seedFlowDefinition({ name: "memory" });
    socket = connect(server.port, server.host);
    await new Promise((resolve) => socket.once("connect", resolve));
  });
  afterAll(async () => {
    socket.destroy();
    await server.close();
  });

  it("are not held while their connection stays open, large (read in turn) or small (taken from the buffer)", async () => {
    expect(await ask(socket, startRequest("warm-up", 10))).toMatch(/^HTTP\/1\.1 200 /);
    const before = await held();
    // Three bodies of 900 KiB (the small path), then three of 8 MiB (over 1 MiB: read with a reservation, in turn);
    // the connection keeps its last answer, so the last request is a large one.
    for (let i = 0; i < 3; i++) expect(await ask(socket, startRequest(`small-${i}`, 900 * 1024))).toMatch(/^HTTP\/1\.1 200 /);
    for (let i = 0; i < 3; i++) expect(await ask(socket, startRequest(`large-${i}`, 8 * 1024 * 1024))).toMatch(/^HTTP\/1\.1 400 .*[\s\S]*ValidationException/);
    // The three small loops keep their InputContent (2.7 MiB as text); the large bodies (24 MiB) must be gone.
    const grown = (await held()) - before;
    expect(grown).toBeGreaterThan(2.5 * 1024 * 1024);
    expect(grown).toBeLessThan(6 * 1024 * 1024);
    // 50 MiB of requests and 18 full collections of a worker's heap: 1.7 s alone, over jest's 5 s default once in a
    // loaded CI run. The limit only ends a hang; nothing here measures time.
  }, 30_000);
});
