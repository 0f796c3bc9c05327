/**
 * What the server tests share: the JS SDK clients pointed at a server (`endpoint: server.url`, static
 * credentials, as a user's integration test configures them), raw HTTP for what no SDK sends, the control
 * endpoints, and one "harness" that runs the same scenario in-process or over HTTP.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { createClock } from "@sinonjs/fake-timers";
import { request as httpRequest } from "node:http";
import { A2IFake, startServer, type A2IServer, type SeedFlowDefinitionOptions, type StartServerOptions } from "../../src/index.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/a2i-review-role`;

export interface ClientOptions {
  accessKeyId?: string;
  region?: string;
}

export interface Clients {
  sm: SageMakerClient;
  runtime: SageMakerA2IRuntimeClient;
  s3: S3Client;
  destroy(): void;
}

/** The three clients as an app's integration test builds them against a server. */
export function clientsFor(url: string, options: ClientOptions = {}): Clients {
  const config = {
    endpoint: url,
    region: options.region ?? REGION,
    credentials: { accessKeyId: options.accessKeyId ?? "AKIDA2IFAKETEST", secretAccessKey: "not-checked" },
  };
  const sm = new SageMakerClient(config);
  const runtime = new SageMakerA2IRuntimeClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  return { sm, runtime, s3, destroy: () => [sm, runtime, s3].forEach((c) => c.destroy()) };
}

/** A server started for the enclosing `describe`, reset after each test, closed at the end. */
export function serveForDescribe(options: StartServerOptions = {}): { readonly server: A2IServer; readonly clients: Clients } {
  const holder = {} as { server: A2IServer; clients: Clients };
  beforeAll(async () => {
    holder.server = await startServer(options);
    holder.clients = clientsFor(holder.server.url);
  });
  afterEach(() => holder.server.fake.reset());
  afterAll(async () => {
    holder.clients.destroy();
    await holder.server.close();
  });
  return holder;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** One HTTP request with exactly these headers and body bytes (what a broken client might send). */
export function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A control endpoint call; its JSON answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read and asserted field by field
export async function control(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await raw(url, method, `/_a2i${path}`, body === undefined ? {} : { "content-type": "application/json" }, body === undefined ? undefined : JSON.stringify(body));
  return { status: res.status, body: res.json() };
}

/** The same scenario's needs, met in-process (attached clients, a sinon clock) or over HTTP (control endpoints). */
export interface Harness extends Clients {
  advance(ms: number): Promise<void>;
  seedFlowDefinition(options: SeedFlowDefinitionOptions): Promise<{ flowDefinitionArn: string }>;
  submit(humanLoopName: string, answer: unknown): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const T0 = Date.parse("2026-03-04T05:06:07.000Z");

export function inProcessHarness(): Harness {
  const clock = createClock(T0);
  const a2i = new A2IFake({ clock });
  const clients = clientsFor("http://in-process.invalid");
  const detach = [clients.sm, clients.runtime, clients.s3].map((c) => a2i.attach(c));
  return {
    ...clients,
    advance: async (ms) => {
      clock.tick(ms);
    },
    seedFlowDefinition: async (options) => a2i.seedFlowDefinition(options),
    submit: async (name, answer) => a2i.workforce.submit(name, answer),
    reset: async () => a2i.reset(),
    close: async () => {
      detach.forEach((d) => d());
      clients.destroy();
    },
  };
}

export async function httpHarness(): Promise<Harness> {
  const server = await startServer();
  const clients = clientsFor(server.url);
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await control(server.url, method, path, body);
    if (res.status !== 200) throw new Error(`control ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    ...clients,
    advance: async (ms) => {
      await ok("POST", "/clock/advance", { ms });
    },
    seedFlowDefinition: (options) => ok("POST", "/seed/flow-definition", options),
    submit: async (humanLoopName, answer) => {
      await ok("POST", "/workers/submit", { humanLoopName, answer });
    },
    reset: async () => {
      await ok("POST", "/reset");
    },
    close: async () => {
      clients.destroy();
      await server.close();
    },
  };
}
