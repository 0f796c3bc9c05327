/**
 * S3 over HTTP (path-style, `forcePathStyle: true`): A2I output buckets answer GetObject, HeadObject and
 * ListObjectsV2; other buckets are NoSuchBucket and other operations NotImplemented, as S3 shapes them.
 * And the server's own lifecycle: close() with keep-alive connections open, twice.
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchBucket, NotFound, PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { ListFlowDefinitionsCommand } from "@aws-sdk/client-sagemaker";
import { startServer } from "../../src/index.js";
import { clientsFor, raw, serveForDescribe } from "./harness.js";

async function rejection(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (err) {
    return err as S3ServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("S3 over HTTP", () => {
  const env = serveForDescribe();

  it("answers S3's errors for what the fake does not serve", async () => {
    env.server.fake.seedFlowDefinition({ name: "s3-errors", outputPath: "s3://review-output/a2i" });
    const { s3 } = env.clients;

    const otherBucket = await rejection(s3.send(new GetObjectCommand({ Bucket: "not-an-output-bucket", Key: "k" })));
    expect(otherBucket).toBeInstanceOf(NoSuchBucket);
    expect(otherBucket.$metadata.httpStatusCode).toBe(404);
    // The body's RequestId and the x-amz-request-id header are one id, as S3 sends them (it said "a2i-fake").
    expect((otherBucket as S3ServiceException & { RequestId?: string }).RequestId).toBe(otherBucket.$metadata.requestId);
    expect(otherBucket.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const put = await rejection(s3.send(new PutObjectCommand({ Bucket: "review-output", Key: "a2i/mine.json", Body: "{}" })));
    expect(put).toBeInstanceOf(S3ServiceException);
    expect(put.name).toBe("NotImplemented");
    expect(put.$metadata.httpStatusCode).toBe(501);

    const missing = await rejection(s3.send(new HeadObjectCommand({ Bucket: "review-output", Key: "a2i/none.json" })));
    expect(missing).toBeInstanceOf(NotFound);
  });
});

describe("server lifecycle", () => {
  it("closes with keep-alive connections open, once however often close() is called, and the port is free after", async () => {
    const server = await startServer();
    const clients = clientsFor(server.url);
    server.fake.seedFlowDefinition({ name: "keep-alive" });
    // A call leaves the client's keep-alive socket open and idle.
    expect((await raw(server.url, "GET", "/_a2i/health")).status).toBe(200);
    await clients.sm.send(new ListFlowDefinitionsCommand({}));

    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
    await expect(raw(server.url, "GET", "/_a2i/health")).rejects.toThrow(/ECONNREFUSED/);
    clients.destroy();

    const again = await startServer({ port: server.port });
    expect(again.url).toBe(server.url);
    await again.close();
  });
});
