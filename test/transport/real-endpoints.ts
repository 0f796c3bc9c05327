/**
 * Stand-ins for "the real endpoint" in transport tests: a client's own `requestHandler` and a loopback
 * HTTP listener. When one of them answers, the call did not go to the fake (and never left the machine).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { HttpResponse } from "@smithy/protocol-http";

/** Static credentials and a Region, so an un-faked client never runs a provider chain. */
export const REAL_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDREALCLIENT000000", secretAccessKey: "real-client-secret" },
} as const;

/** A body each service's deserializer understands, for the list/head calls the tests send. */
export const STUB_BODIES = {
  SageMaker: JSON.stringify({
    FlowDefinitionSummaries: [
      {
        FlowDefinitionName: "from-the-real-endpoint",
        FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:999999999999:flow-definition/from-the-real-endpoint",
        FlowDefinitionStatus: "Active",
        CreationTime: 0,
      },
    ],
  }),
  Runtime: JSON.stringify({
    HumanLoopSummaries: [{ HumanLoopName: "from-the-real-endpoint", HumanLoopStatus: "Completed" }],
  }),
} as const;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

function stubAnswer(path: string, hostOrTarget: string): { status: number; headers: Record<string, string>; body: string } {
  if (hostOrTarget.startsWith("SageMaker.")) {
    return { status: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: STUB_BODIES.SageMaker };
  }
  if (path.startsWith("/human-loops")) {
    return { status: 200, headers: { "content-type": "application/json" }, body: STUB_BODIES.Runtime };
  }
  // S3 HeadObject: the metadata header marks who answered.
  return { status: 200, headers: { "x-amz-meta-answered-by": "real-endpoint", "content-length": "0" }, body: "" };
}

/**
 * A `requestHandler` for a client: answers every request itself (the client's real network layer would
 * sit here) and records it.
 */
export function recordingRequestHandler(): {
  handle(request: { method: string; path: string; headers: Record<string, string> }): Promise<{ response: HttpResponse }>;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    async handle(request) {
      requests.push({ method: request.method, path: request.path, headers: { ...request.headers } });
      const answer = stubAnswer(request.path, request.headers["x-amz-target"] ?? "");
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: answer.headers,
          body: new TextEncoder().encode(answer.body),
        }),
      };
    },
  };
}

/** An HTTP listener on 127.0.0.1 (port chosen by the OS) that answers like `recordingRequestHandler`. */
export async function startLoopbackEndpoint(): Promise<{
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    req.resume();
    req.on("end", () => {
      const target = req.headers["x-amz-target"];
      const answer = stubAnswer(req.url ?? "", typeof target === "string" ? target : "");
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
