/**
 * Bad input never crashes the server or corrupts its state: each malformed request gets the AWS-shaped error
 * its service would send, then a normal flow still works and nothing was created by the bad requests.
 */
import { connect } from "node:net";
import { DescribeHumanLoopCommand, StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand } from "@aws-sdk/client-sagemaker";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/transport/http-server.js";
import { ROLE_ARN, raw, serveForDescribe, type RawResponse } from "./harness.js";

const JSON11 = { "content-type": "application/x-amz-json-1.1" };
const target = (op: string) => ({ ...JSON11, "x-amz-target": `SageMaker.${op}` });
const APP_JSON = { "content-type": "application/json" };
const INVALID_UTF8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}

interface BadRequest {
  what: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  status: number;
  /** The error code: `__type` (SageMaker), `x-amzn-errortype` (runtime), `<Code>` (S3), `code` or none (control). */
  code?: string;
}

const fdArn = "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/bad-input";
const startBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ HumanLoopName: "bad-1", FlowDefinitionArn: fdArn, HumanLoopInput: { InputContent: "{}" }, ...extra });

const BAD_REQUESTS: BadRequest[] = [
  { what: "SageMaker: malformed JSON", method: "POST", path: "/", headers: target("ListFlowDefinitions"), body: "{not json", status: 400, code: "SerializationException" },
  { what: "SageMaker: a JSON array body", method: "POST", path: "/", headers: target("ListFlowDefinitions"), body: "[1,2]", status: 400, code: "SerializationException" },
  { what: "SageMaker: invalid UTF-8", method: "POST", path: "/", headers: target("DescribeFlowDefinition"), body: INVALID_UTF8, status: 400, code: "SerializationException" },
  { what: "SageMaker: wrong content type", method: "POST", path: "/", headers: { ...APP_JSON, "x-amz-target": "SageMaker.ListFlowDefinitions" }, body: "{}", status: 400, code: "SerializationException" },
  { what: "SageMaker: no content type", method: "POST", path: "/", headers: { "x-amz-target": "SageMaker.ListFlowDefinitions" }, body: "{}", status: 400, code: "SerializationException" },
  { what: "SageMaker: operation the fake does not serve", method: "POST", path: "/", headers: target("CreateTrainingJob"), body: "{}", status: 400, code: "UnknownOperationException" },
  { what: "another service's target", method: "POST", path: "/", headers: { ...JSON11, "x-amz-target": "DynamoDB_20120810.ListTables" }, body: "{}", status: 400, code: "UnknownOperationException" },
  { what: "POST / with no X-Amz-Target", method: "POST", path: "/", headers: JSON11, body: "{}", status: 400, code: "UnknownOperationException" },
  { what: "SageMaker target on a GET", method: "GET", path: "/", headers: target("ListFlowDefinitions"), status: 400, code: "UnknownOperationException" },
  { what: "SageMaker: wrong member type", method: "POST", path: "/", headers: target("DescribeFlowDefinition"), body: '{"FlowDefinitionName": 5}', status: 400, code: "SerializationException" },
  { what: "runtime: malformed JSON", method: "POST", path: "/human-loops", headers: APP_JSON, body: '{"HumanLoopName":', status: 400, code: "SerializationException" },
  { what: "runtime: invalid UTF-8", method: "POST", path: "/human-loops", headers: APP_JSON, body: INVALID_UTF8, status: 400, code: "SerializationException" },
  { what: "runtime: text/plain body", method: "POST", path: "/human-loops", headers: { "content-type": "text/plain" }, body: startBody(), status: 415, code: "UnsupportedMediaTypeException" },
  { what: "runtime: body without content type", method: "POST", path: "/human-loops/stop", body: '{"HumanLoopName":"x"}', status: 415, code: "UnsupportedMediaTypeException" },
  { what: "runtime: unknown method on a route", method: "PUT", path: "/human-loops", headers: APP_JSON, body: "{}", status: 404, code: "UnknownOperationException" },
  { what: "runtime: unknown route", method: "GET", path: "/human-loops/a/b", status: 404, code: "UnknownOperationException" },
  { what: "runtime: broken percent-encoding", method: "GET", path: "/human-loops/%E0%A4%A", status: 400, code: "SerializationException" },
  { what: "runtime: MaxResults not a number", method: "GET", path: `/human-loops?FlowDefinitionArn=${encodeURIComponent(fdArn)}&MaxResults=ten`, status: 400, code: "SerializationException" },
  { what: "runtime: missing required members", method: "POST", path: "/human-loops", headers: APP_JSON, body: "{}", status: 400, code: "ValidationException" },
  {
    what: "runtime: InputContent over 3 MiB",
    method: "POST",
    path: "/human-loops",
    headers: APP_JSON,
    body: startBody({ HumanLoopInput: { InputContent: "x".repeat(3 * 1024 * 1024 + 1) } }),
    status: 400,
    code: "ValidationException",
  },
  { what: "runtime: body over the server's cap", method: "POST", path: "/human-loops", headers: APP_JSON, body: "x".repeat(DEFAULT_MAX_BODY_BYTES + 1), status: 413, code: "ValidationException" },
  { what: "SageMaker: body over the server's cap", method: "POST", path: "/", headers: target("ListFlowDefinitions"), body: " ".repeat(DEFAULT_MAX_BODY_BYTES + 1), status: 413, code: "ValidationException" },
  { what: "SigV4 scope with a bogus Region", method: "GET", path: "/human-loops/x", headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKID/20260101/US_EAST!/sagemaker/aws4_request, SignedHeaders=host, Signature=00" }, status: 403, code: "InvalidSignatureException" },
  { what: "S3: a bucket no flow definition writes to", method: "GET", path: "/some-bucket/some-key", status: 404, code: "NoSuchBucket" },
  { what: "S3: ListBuckets", method: "GET", path: "/", status: 501, code: "NotImplemented" },
  { what: "control: malformed JSON", method: "POST", path: "/_a2i/clock/advance", headers: APP_JSON, body: "{", status: 400 },
  { what: "control: unknown endpoint", method: "POST", path: "/_a2i/nope", status: 404 },
  { what: "control: negative clock advance", method: "POST", path: "/_a2i/clock/advance", headers: APP_JSON, body: '{"ms": -1}', status: 400 },
];

function codeOf(res: RawResponse): string | undefined {
  const errorType = res.headers["x-amzn-errortype"];
  if (typeof errorType === "string") return errorType;
  if (res.text.startsWith("<?xml")) return /<Code>([^<]+)<\/Code>/.exec(res.text)?.[1];
  if (res.text === "") return undefined;
  const body = JSON.parse(res.text) as { __type?: string; code?: string };
  return body.__type ?? body.code;
}

describe("the server under bad input", () => {
  const env = serveForDescribe();

  it("answers every malformed request with its service's error, then serves a normal flow", async () => {
    for (const bad of BAD_REQUESTS) {
      const res = await raw(env.server.url, bad.method, bad.path, bad.headers, bad.body);
      expect({ what: bad.what, status: res.status, code: codeOf(res) }).toEqual({ what: bad.what, status: bad.status, code: bad.code });
      if (bad.status < 500 && bad.path.startsWith("/_a2i")) expect(res.json()).toEqual({ error: expect.stringMatching(/^\[a2i-fake\] /) });
    }

    // An HTTP-level wreck: node answers 400 and drops the connection; the server goes on.
    await new Promise<void>((resolve) => {
      const socket = connect(env.server.port, "127.0.0.1", () => socket.end("THIS IS NOT HTTP\r\n\r\n"));
      socket.on("close", () => resolve());
      socket.on("error", () => resolve());
      socket.resume();
    });

    // Nothing was created by any of them...
    expect(env.server.fake.humanLoops()).toEqual([]);
    expect(env.server.fake.flowDefinitions()).toEqual([]);

    // ...and the normal flow still works.
    const { sm, runtime } = env.clients;
    const seeded = env.server.fake.seedFlowDefinition({ name: "seed-for-refs" });
    await sm.send(
      new CreateFlowDefinitionCommand({
        FlowDefinitionName: "bad-input",
        RoleArn: ROLE_ARN,
        OutputConfig: { S3OutputPath: "s3://after-bad-input/out" },
        HumanLoopConfig: {
          WorkteamArn: seeded.workteamArn,
          HumanTaskUiArn: seeded.humanTaskUiArn,
          TaskTitle: "t",
          TaskDescription: "d",
          TaskCount: 1,
        },
      }),
    );
    env.server.advanceClock(2000);
    expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "bad-input" }))).FlowDefinitionStatus).toBe("Active");
    const started = await runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: "bad-1", FlowDefinitionArn: fdArn, HumanLoopInput: { InputContent: "{}" } }),
    );
    expect(started.$metadata.httpStatusCode).toBe(200);
    expect((await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "bad-1" }))).HumanLoopStatus).toBe("InProgress");
  });

  it("reads a body led by a UTF-8 byte order mark as the same body without it, and one with multi-byte characters", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('{"FlowDefinitionName":"with-bom"}')]);
    const res = await raw(env.server.url, "POST", "/", target("DescribeFlowDefinition"), bom);
    expect({ status: res.status, code: codeOf(res) }).toEqual({ status: 400, code: "ResourceNotFound" });
    expect(res.json()).toMatchObject({ Message: expect.stringContaining("flow-definition/with-bom does not exist") });
    const utf8 = await raw(env.server.url, "POST", "/", target("DescribeFlowDefinition"), Buffer.from('{"FlowDefinitionName":"é-name"}'));
    // The name came through as sent: the validation error quotes it (AWS's pattern refuses its characters).
    expect({ status: utf8.status, code: codeOf(utf8) }).toEqual({ status: 400, code: "ValidationException" });
    expect(utf8.json()).toMatchObject({ Message: expect.stringContaining("Value 'é-name' at 'flowDefinitionName'") });
  });

  it("answers 413 to a body twice the cap, reading and dropping it instead of buffering it", async () => {
    const res = await raw(env.server.url, "POST", "/human-loops", APP_JSON, new Uint8Array(DEFAULT_MAX_BODY_BYTES * 2));
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ Message: expect.stringContaining(`cap of ${DEFAULT_MAX_BODY_BYTES} bytes`) });
  });

  it("'Expect: 100-continue' for a body over the cap is 413 at once, before the body is sent; under it, 100 Continue", async () => {
    const head = (name: string, length: number) =>
      `POST /human-loops HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\n\r\n`;
    // 1 GiB declared, nothing sent: the answer comes at once and the connection is closed (the body never will be).
    const refused = await new Promise<string>((resolve, reject) => {
      const socket = connect(env.server.port, env.server.host, () => socket.write(head("huge", 1024 ** 3)));
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(refused).toMatch(/^HTTP\/1\.1 413 /);
    expect(refused).not.toContain("100 Continue");
    expect(refused).toMatch(/\r\nx-amzn-errortype: ValidationException\r\n/i);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(refused).toContain(`cap of ${DEFAULT_MAX_BODY_BYTES} bytes`);

    // A body under the cap: 100 Continue, then the body, then the operation's answer.
    env.server.fake.seedFlowDefinition({ name: "bad-input" });
    const body = startBody({ HumanLoopName: "continued" });
    const answered = await new Promise<string>((resolve, reject) => {
      const socket = connect(env.server.port, env.server.host, () => socket.write(head("continued", Buffer.byteLength(body))));
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (text === "HTTP/1.1 100 Continue\r\n\r\n") socket.write(body);
        else if (/\r\n\r\n\{.*\}$/.test(text)) socket.end();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answered).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    expect(answered).toContain('{"HumanLoopArn":"arn:aws:sagemaker:us-east-1:123456789012:human-loop/continued"}');
  });
});

describe("the server when the fake itself fails", () => {
  const env = serveForDescribe();

  it("answers an unexpected error with each service's 500 and keeps serving", async () => {
    const spy = jest.spyOn(env.server.fake, "handleWire").mockImplementation(() => {
      throw new Error("a bug in the fake");
    });
    try {
      const sm = await raw(env.server.url, "POST", "/", target("ListFlowDefinitions"), "{}");
      expect([sm.status, codeOf(sm)]).toEqual([500, "InternalFailure"]);
      const runtime = await raw(env.server.url, "GET", "/human-loops/x");
      expect([runtime.status, codeOf(runtime)]).toEqual([500, "InternalServerException"]);
      expect(runtime.json()).toEqual({ Message: expect.stringContaining("a bug in the fake") });
    } finally {
      spy.mockRestore();
    }
    const seeded = await raw(env.server.url, "POST", "/_a2i/seed/flow-definition", APP_JSON, '{"name": {"not": "a string"}}');
    expect([seeded.status, codeOf(seeded)]).toEqual([400, "SerializationException"]);
    const ok = await raw(env.server.url, "POST", "/", target("ListFlowDefinitions"), "{}");
    expect(ok.status).toBe(200);
  });
});
