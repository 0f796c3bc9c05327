/**
 * The core behaviours through the JS SDK, run twice: in-process (clients attached to an A2IFake on a sinon
 * clock) and over HTTP (clients with `endpoint: server.url`, the server's manual clock moved through the
 * control endpoint). Same outputs, same exception classes, same HTTP statuses: the server is only a transport.
 */
import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ResourceInUse,
  ResourceNotFound,
  SageMakerServiceException,
} from "@aws-sdk/client-sagemaker";
import {
  ConflictException,
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  ResourceNotFoundException,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
  ValidationException,
  paginateListHumanLoops,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey } from "@aws-sdk/client-s3";
import { httpHarness, inProcessHarness, ROLE_ARN, type Harness } from "./harness.js";

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; name: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number }; name: string };
  }
  throw new Error("expected the call to fail");
}

const transports: Array<[string, () => Promise<Harness>]> = [
  ["in-process", async () => inProcessHarness()],
  ["over HTTP", httpHarness],
];

describe.each(transports)("core behaviour %s", (_name, makeHarness) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.reset());
  afterAll(() => h.close());

  async function activeFlowDefinition(name: string): Promise<string> {
    const { flowDefinitionArn } = await h.seedFlowDefinition({ name });
    return flowDefinitionArn;
  }

  async function startLoop(name: string, flowDefinitionArn: string, input: unknown = { item: name }) {
    return h.runtime.send(
      new StartHumanLoopCommand({
        HumanLoopName: name,
        FlowDefinitionArn: flowDefinitionArn,
        HumanLoopInput: { InputContent: JSON.stringify(input) },
      }),
    );
  }

  it("runs a flow definition from Initializing to Active to deleted, with SageMaker's errors", async () => {
    const { flowDefinitionArn: seededTeamFd } = await h.seedFlowDefinition({ name: "seed-resources" });
    const seeded = (await h.sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "seed-resources" }))).HumanLoopConfig!;
    expect(seededTeamFd).toBe("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/seed-resources");

    const input = {
      FlowDefinitionName: "invoice-review",
      RoleArn: ROLE_ARN,
      OutputConfig: { S3OutputPath: "s3://invoice-bucket/reviews" },
      HumanLoopConfig: {
        WorkteamArn: seeded.WorkteamArn!,
        HumanTaskUiArn: seeded.HumanTaskUiArn!,
        TaskTitle: "Check the total",
        TaskDescription: "Is the total right?",
        TaskCount: 1,
      },
    };
    const created = await h.sm.send(new CreateFlowDefinitionCommand(input));
    expect(created.FlowDefinitionArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:flow-definition/invoice-review");
    expect(created.$metadata.httpStatusCode).toBe(200);

    const initializing = await h.sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));
    expect(initializing.FlowDefinitionStatus).toBe("Initializing");
    expect(initializing.CreationTime).toBeInstanceOf(Date);

    await h.advance(1999);
    expect((await h.sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }))).FlowDefinitionStatus).toBe(
      "Initializing",
    );
    await h.advance(1);
    expect((await h.sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }))).FlowDefinitionStatus).toBe(
      "Active",
    );

    const list = await h.sm.send(new ListFlowDefinitionsCommand({ SortOrder: "Ascending" }));
    expect(list.FlowDefinitionSummaries!.map((s) => [s.FlowDefinitionName, s.FlowDefinitionStatus])).toEqual([
      ["seed-resources", "Active"],
      ["invoice-review", "Active"],
    ]);

    const duplicate = await rejection(h.sm.send(new CreateFlowDefinitionCommand(input)));
    expect(duplicate).toBeInstanceOf(ResourceInUse);
    expect(duplicate.$metadata.httpStatusCode).toBe(400);

    const invalid = await rejection(h.sm.send(new CreateFlowDefinitionCommand({ ...input, FlowDefinitionName: "Not_Valid" })));
    expect(invalid).toBeInstanceOf(SageMakerServiceException);
    expect(invalid.name).toBe("ValidationException");
    expect(invalid.$metadata.httpStatusCode).toBe(400);

    const deleted = await h.sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const gone = await rejection(h.sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "invoice-review" })));
    expect(gone).toBeInstanceOf(ResourceNotFound);
    expect(gone.$metadata.httpStatusCode).toBe(400);
  });

  it("starts, describes, lists page by page, stops and deletes human loops, with the runtime's errors", async () => {
    const fd = await activeFlowDefinition("label-review");
    for (const name of ["loop-1", "loop-2", "loop-3", "loop-4", "loop-5"]) {
      const started = await startLoop(name, fd);
      expect(started.HumanLoopArn).toBe(`arn:aws:sagemaker:us-east-1:123456789012:human-loop/${name}`);
      await h.advance(1000);
    }

    const described = await h.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-3" }));
    expect(described).toMatchObject({ HumanLoopStatus: "InProgress", FlowDefinitionArn: fd, HumanLoopName: "loop-3" });
    expect(described.CreationTime).toBeInstanceOf(Date);

    const pages = [];
    for await (const page of paginateListHumanLoops({ client: h.runtime, pageSize: 2 }, { FlowDefinitionArn: fd })) pages.push(page);
    expect(pages.map((p) => p.HumanLoopSummaries!.map((s) => s.HumanLoopName))).toEqual([
      ["loop-5", "loop-4"],
      ["loop-3", "loop-2"],
      ["loop-1"],
    ]);

    const conflict = await rejection(startLoop("loop-1", fd, { different: true }));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);

    const stillRunning = await rejection(h.runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-2" })));
    expect(stillRunning).toBeInstanceOf(ValidationException);
    expect(stillRunning.$metadata.httpStatusCode).toBe(400);

    await h.runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-2" }));
    expect((await h.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-2" }))).HumanLoopStatus).toBe("Stopped");
    const deleted = await h.runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-2" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);

    const missing = await rejection(h.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-2" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);

    const noFlow = await rejection(startLoop("orphan", fd.replace("label-review", "no-such-flow")));
    expect(noFlow).toBeInstanceOf(ValidationException);
  });

  it("writes output.json when a worker submits, and S3 serves it", async () => {
    const fd = await activeFlowDefinition("answered");
    await startLoop("needs-answer", fd, { question: "cat or dog?" });

    const early = await h.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "needs-answer" }));
    const uri = early.HumanLoopOutput!.OutputS3Uri!;
    const location = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
    const bucket = location[1]!;
    const key = location[2]!;
    const notYet = await rejection(h.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    expect(notYet).toBeInstanceOf(NoSuchKey);
    expect(notYet.$metadata.httpStatusCode).toBe(404);
    // The body's RequestId and the x-amz-request-id header are one id, as S3 sends them.
    const { $metadata, RequestId } = notYet as NoSuchKey & { RequestId?: string };
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(RequestId).toBe($metadata.requestId);

    await h.submit("needs-answer", { label: "dog" });
    expect((await h.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "needs-answer" }))).HumanLoopStatus).toBe("Completed");

    const object = await h.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const document = JSON.parse(await object.Body!.transformToString());
    expect(document).toMatchObject({
      flowDefinitionArn: fd,
      humanLoopName: "needs-answer",
      inputContent: { question: "cat or dog?" },
      humanAnswers: [{ answerContent: { label: "dog" } }],
    });
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(Buffer.byteLength(JSON.stringify(document)));
    const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key.split("/")[0] }));
    expect(listed.Contents!.map((c) => c.Key)).toEqual([key]);
  });
});
