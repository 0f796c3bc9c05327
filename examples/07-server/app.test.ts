/**
 * Example 7, the JS SDK against the server: `startServer()` and the app's clients with `endpoint: server.url`.
 * Nothing is installed into the SDK: requests really go over HTTP (loopback), as they would from a process
 * the test cannot patch. The test holds `server.fake` for seeds and workers; tests in other languages use the
 * control endpoints instead (see aws-cli.sh and test_boto3_app.py next to this file).
 */
import { ResourceNotFoundException } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { startServer, type A2IServer } from "../../src/index.js";
import { reviewService } from "./app.js";

let server: A2IServer;
beforeAll(async () => {
  server = await startServer({ port: 0 }); // a free port, loopback only, manual clock
});
afterEach(() => server.fake.reset());
afterAll(() => server.close());

function service() {
  const { flowDefinitionArn } = server.fake.seedFlowDefinition({ name: "item-review" });
  return reviewService(
    { endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } },
    flowDefinitionArn,
  );
}

test("a reviewer's answer reaches the app through DescribeHumanLoop and S3", async () => {
  const app = service();
  try {
    const loopName = await app.requestReview("item-42", { text: "Is this spam?" });
    expect(await app.collectAnswer(loopName)).toBeUndefined();

    server.fake.workforce.submit(loopName, { spam: false });

    expect(await app.collectAnswer(loopName)).toEqual({ spam: false });
  } finally {
    app.close();
  }
});

test("auto-responding workers answer as the manual clock moves", async () => {
  const app = service();
  try {
    server.fake.workforce.autoRespond({ answer: { spam: true }, workMs: 30_000 });
    const loopName = await app.requestReview("item-43", { text: "WIN A PRIZE" });

    server.advanceClock(29_999); // what POST /_a2i/clock/advance {"ms": 29999} does
    expect(await app.collectAnswer(loopName)).toBeUndefined();
    server.advanceClock(1);
    expect(await app.collectAnswer(loopName)).toEqual({ spam: true });
  } finally {
    app.close();
  }
});

test("errors arrive as the SDK's own exception classes", async () => {
  const app = service();
  try {
    await expect(app.collectAnswer("never-started")).rejects.toBeInstanceOf(ResourceNotFoundException);
  } finally {
    app.close();
  }
});
