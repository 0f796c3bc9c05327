/**
 * The fake answers inside the client's real stack: the SDK's own deserializers build outputs and the
 * exception classes, its retry strategy counts attempts, its paginators follow NextToken; signing is
 * skipped and no credentials are needed.
 */
import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import {
  CreateHumanTaskUiCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  paginateListFlowDefinitions,
  ResourceInUse,
  ResourceNotFound,
  SageMakerClient,
  SageMakerServiceException,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "@aws-sdk/client-sagemaker";
import {
  ConflictException,
  DescribeHumanLoopCommand,
  paginateListHumanLoops,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  SageMakerA2IRuntimeServiceException,
  StartHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { NoOpLogger } from "@smithy/smithy-client";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { A2IFake } from "../../src/index.js";
import { REAL_CONFIG, recordingRequestHandler } from "./real-endpoints.js";

/** The fake's request ids: valid UUIDs (v4 layout), distinct per response. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: Record<string, unknown> }> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: Error & { $metadata: Record<string, unknown> }) => e,
  );
}

/** Records the headers of each request as it leaves the signing middleware. */
function observeSignedHeaders(client: SageMakerClient) {
  const seen: Array<Record<string, string>> = [];
  const observe: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
    seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
    return next(args);
  };
  client.middlewareStack.addRelativeTo(observe, {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name: "observeSignedHeaders",
  });
  return seen;
}

describe("through the SDK's own stack", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  const sageMaker = new SageMakerClient({});
  const runtime = new SageMakerA2IRuntimeClient({});
  const s3 = new S3Client({});

  describe("loggers", () => {
    it("a user's logger gets every faked call's info and errors, filtered as the SDK filters them", async () => {
      const logger = { trace: jest.fn(), debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
      const client = new SageMakerA2IRuntimeClient({ logger });
      a2i.seedFlowDefinition({ name: "fd" });
      const arn = a2i.flowDefinitions()[0]!.flowDefinitionArn;
      await client.send(new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: arn, HumanLoopInput: { InputContent: '{"secret":1}' } }));
      await rejection(client.send(new DescribeHumanLoopCommand({ HumanLoopName: "missing" })));
      expect(logger.info).toHaveBeenCalledWith(
        expect.objectContaining({
          commandName: "StartHumanLoopCommand",
          input: expect.objectContaining({ HumanLoopName: "l1", HumanLoopInput: { InputContent: '{"secret":1}' } }),
          output: { HumanLoopArn: expect.stringContaining(":human-loop/l1") },
        }),
      );
      expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ commandName: "DescribeHumanLoopCommand", error: expect.any(ResourceNotFoundException) }));
    });

    it("the SDK's default NoOpLogger stays a NoOpLogger (what the SDK checks) while faked", async () => {
      const client = new SageMakerA2IRuntimeClient({});
      await client.send(new DescribeHumanLoopCommand({ HumanLoopName: "none" })).catch(() => undefined);
      expect(client.config.logger).toBeInstanceOf(NoOpLogger);
      expect(() => client.config.logger.warn("nothing")).not.toThrow();
    });
  });

  describe("$metadata", () => {
    it("reports one attempt, no retry delay, status 200 and the fake's request id on success", async () => {
      a2i.seedFlowDefinition({ name: "fd" });
      const first = await sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
      const second = await sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
      expect(first.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
      expect(first.$metadata.requestId).toMatch(REQUEST_ID);
      expect(second.$metadata.requestId).toMatch(REQUEST_ID);
      expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId);
    });

    it("reports one attempt for the runtime and for S3 too", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const started = await runtime.send(
        new StartHumanLoopCommand({ HumanLoopName: "l", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }),
      );
      expect(started.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
      expect(started.$metadata.requestId).toMatch(REQUEST_ID);
      a2i.workforce.submit("l", { ok: 1 });
      const [output] = a2i.outputs();
      const object = await s3.send(new GetObjectCommand({ Bucket: output!.bucket, Key: output!.key }));
      expect(object.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 });
      expect(object.$metadata.requestId).toMatch(REQUEST_ID);
      await object.Body!.transformToString();
    });
  });

  describe("errors", () => {
    it("SageMaker: the exported ResourceNotFound and ResourceInUse, with message, 400 and request id, tried once", async () => {
      const missing = await rejection(sageMaker.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "nope" })));
      expect(missing).toBeInstanceOf(ResourceNotFound);
      expect(missing).toBeInstanceOf(SageMakerServiceException);
      expect(missing.name).toBe("ResourceNotFound");
      expect(missing.message).toContain("nope");
      expect(missing.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 });
      expect(missing.$metadata.requestId).toMatch(REQUEST_ID);

      await sageMaker.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: "ui", UiTemplate: { Content: "<p/>" } }));
      const inUse = await rejection(
        sageMaker.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: "ui", UiTemplate: { Content: "<p/>" } })),
      );
      expect(inUse).toBeInstanceOf(ResourceInUse);
      expect(inUse.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    });

    it("SageMaker: ValidationException (not modeled) as SageMakerServiceException named ValidationException", async () => {
      const error = await rejection(sageMaker.send(new ListFlowDefinitionsCommand({ MaxResults: 0 })));
      expect(error).toBeInstanceOf(SageMakerServiceException);
      expect(error).not.toBeInstanceOf(ResourceNotFound);
      expect(error.name).toBe("ValidationException");
      expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
      expect(error.$metadata.requestId).toMatch(REQUEST_ID);
    });

    it("runtime: the exported ResourceNotFoundException (404), ValidationException (400), ConflictException (409)", async () => {
      const missing = await rejection(runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "nope" })));
      expect(missing).toBeInstanceOf(ResourceNotFoundException);
      expect(missing).toBeInstanceOf(SageMakerA2IRuntimeServiceException);
      expect(missing.$metadata).toMatchObject({ httpStatusCode: 404, attempts: 1 });
      expect(missing.$metadata.requestId).toMatch(REQUEST_ID);

      const noFlow = await rejection(
        runtime.send(
          new StartHumanLoopCommand({
            HumanLoopName: "l",
            FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/missing",
            HumanLoopInput: { InputContent: "{}" },
          }),
        ),
      );
      expect(noFlow).toBeInstanceOf(ValidationException);
      expect(noFlow.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });

      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const start = (InputContent: string) =>
        runtime.send(new StartHumanLoopCommand({ HumanLoopName: "dup", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent } }));
      await start('{"a":1}');
      const conflict = await rejection(start('{"a":2}'));
      expect(conflict).toBeInstanceOf(ConflictException);
      expect(conflict.$metadata).toMatchObject({ httpStatusCode: 409, attempts: 1 });
      expect(conflict.$metadata.requestId).toMatch(REQUEST_ID);
    });

    it("S3: the exported NoSuchKey (404) for a missing output object, with S3's request id", async () => {
      const { outputPath } = a2i.seedFlowDefinition({ name: "fd" });
      const bucket = /^s3:\/\/([^/]+)/.exec(outputPath)![1]!;
      const error = await rejection(s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a2i-output/none/output.json" })));
      expect(error).toBeInstanceOf(NoSuchKey);
      expect(error).toBeInstanceOf(S3ServiceException);
      expect(error.$metadata).toMatchObject({ httpStatusCode: 404, attempts: 1 });
      expect(error.$metadata.requestId).toMatch(REQUEST_ID);
    });
  });

  describe("paginators", () => {
    it("paginateListHumanLoops and paginateListFlowDefinitions follow the fake's NextToken", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      for (const name of ["l1", "l2", "l3", "l4", "l5"]) {
        await runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
      }
      const pages: string[][] = [];
      for await (const page of paginateListHumanLoops(
        { client: runtime, pageSize: 2 },
        { FlowDefinitionArn: flowDefinitionArn, SortOrder: "Ascending" },
      )) {
        pages.push(page.HumanLoopSummaries!.map((s) => s.HumanLoopName!));
      }
      expect(pages).toEqual([["l1", "l2"], ["l3", "l4"], ["l5"]]);

      a2i.seedFlowDefinition({ name: "fd2" });
      a2i.seedFlowDefinition({ name: "fd3" });
      const flowPages: number[] = [];
      for await (const page of paginateListFlowDefinitions({ client: sageMaker, pageSize: 2 }, {})) {
        flowPages.push(page.FlowDefinitionSummaries!.length);
      }
      expect(flowPages).toEqual([2, 1]);
    });
  });

  describe("credentials and signing", () => {
    it("needs no credentials: the client resolves the fake's static ones and no request is signed", async () => {
      const client = new SageMakerClient({});
      const signed = observeSignedHeaders(client);
      a2i.seedFlowDefinition({ name: "fd" });
      await client.send(new ListFlowDefinitionsCommand({}));
      await client.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
      expect(signed).toHaveLength(2);
      for (const headers of signed) {
        expect(headers).toHaveProperty("x-amz-target");
        expect(headers).not.toHaveProperty("authorization");
        expect(headers).not.toHaveProperty("x-amz-date");
      }
    });
  });
});

describe("the signing observer without the fake", () => {
  it("sees the authorization header the SDK adds (so the check above can fail)", async () => {
    const client = new SageMakerClient({ ...REAL_CONFIG, requestHandler: recordingRequestHandler() });
    const signed = observeSignedHeaders(client);
    await client.send(new ListFlowDefinitionsCommand({}));
    expect(signed).toHaveLength(1);
    expect(signed[0]!.authorization).toContain("Credential=AKIDREALCLIENT000000/");
  });
});
