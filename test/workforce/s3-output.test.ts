/**
 * The output.json A2I writes (spec §5, DG:a2i-output-data), read back through the real S3Client:
 * exact document format, exact key from the loop's UTC creation time, ListObjectsV2, reads under jest's
 * modern fake timers, and S3 traffic to buckets that are not A2I output buckets.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { DeleteFlowDefinitionCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { StartHumanLoopCommand } from "@aws-sdk/client-sagemaker-a2i-runtime";
import type { HttpRequest, HttpResponse } from "@smithy/types";
import { A2IFake } from "../../src/index.js";
import {
  clients,
  deleteLoop,
  describeLoop,
  flowDefinitionArnOf,
  installFake,
  readOutput,
  rejectionOf,
  s3Location,
  startLoop,
  useJestFakeTimers,
} from "./support.js";

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("output.json in S3", () => {
  const a2i = installFake();
  const { runtime, s3 } = clients();

  describe("under jest modern fake timers", () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it("has exactly the documented keys and values for a private work team (TaskCount 2)", async () => {
      jest.useFakeTimers();
      jest.setSystemTime(Date.parse("2026-07-08T09:10:11.120Z"));
      const { flowDefinitionArn } = a2i.seedFlowDefinition({
        name: "claims-review",
        taskCount: 2,
        outputPath: "s3://acme-a2i-results/reviews/out",
      });
      await startLoop(runtime, "claim-42", flowDefinitionArn, { text: "Is this a scratch?", amount: 120.5 });

      jest.advanceTimersByTime(1_000); // 09:10:12.120
      const alpha = a2i.workforce.accept("claim-42", { workerId: "a12b3cdefg4h5i67" });
      jest.advanceTimersByTime(1_000); // 09:10:13.120
      const beta = a2i.workforce.accept("claim-42", { workerId: "z98y7xwvut6s5r43" });
      jest.advanceTimersByTime(40_543); // 09:10:53.663
      alpha.submit({ damage: "scratch", confident: true });
      jest.advanceTimersByTime(5_000); // 09:10:58.663
      beta.submit({ damage: "dent", confident: false });

      const described = await describeLoop(runtime, "claim-42");
      expect(described.HumanLoopStatus).toBe("Completed");
      const key = "reviews/out/claims-review/2026/07/08/09/10/11/claim-42/output.json";
      expect(described.HumanLoopOutput!.OutputS3Uri).toBe(`s3://acme-a2i-results/${key}`);

      const object = await s3.send(new GetObjectCommand({ Bucket: "acme-a2i-results", Key: key }));
      expect(object.ContentType).toBe("application/json");
      const text = await object.Body!.transformToString();
      expect(object.ContentLength).toBe(Buffer.byteLength(text));
      const doc = JSON.parse(text) as Record<string, unknown>;

      expect(Object.keys(doc)).toEqual(["flowDefinitionArn", "humanAnswers", "humanLoopName", "inputContent"]);
      expect(doc.flowDefinitionArn).toBe(flowDefinitionArnOf("claims-review"));
      expect(doc.humanLoopName).toBe("claim-42");
      // inputContent is the parsed InputContent: an object, not a string.
      expect(doc.inputContent).toEqual({ text: "Is this a scratch?", amount: 120.5 });

      const answers = doc.humanAnswers as Array<Record<string, unknown>>;
      expect(answers).toHaveLength(2);
      for (const answer of answers) {
        expect(Object.keys(answer)).toEqual([
          "acceptanceTime",
          "answerContent",
          "submissionTime",
          "timeSpentInSeconds",
          "workerId",
          "workerMetadata",
        ]);
        expect(answer.acceptanceTime).toMatch(ISO_MS);
        expect(answer.submissionTime).toMatch(ISO_MS);
      }
      expect(answers[0]).toMatchObject({
        acceptanceTime: "2026-07-08T09:10:12.120Z",
        answerContent: { damage: "scratch", confident: true },
        submissionTime: "2026-07-08T09:10:53.663Z",
        timeSpentInSeconds: 41.543,
        workerId: "a12b3cdefg4h5i67",
      });
      expect(answers[1]).toMatchObject({
        acceptanceTime: "2026-07-08T09:10:13.120Z",
        answerContent: { damage: "dent", confident: false },
        submissionTime: "2026-07-08T09:10:58.663Z",
        timeSpentInSeconds: 45.543,
        workerId: "z98y7xwvut6s5r43",
      });

      const identities = answers.map((a) => (a.workerMetadata as { identityData: Record<string, string> }).identityData);
      for (const identity of identities) {
        expect(Object.keys(identity).sort()).toEqual(["identityProviderType", "issuer", "sub"]);
        expect(identity.identityProviderType).toBe("Cognito");
        expect(identity.issuer).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[A-Za-z0-9]+$/);
        expect(identity.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
      // `sub` identifies the worker: distinct workers, distinct subs.
      expect(identities[0]!.sub).not.toBe(identities[1]!.sub);
    });

    it("uses the loop's UTC creation time in the key, not the completion time", async () => {
      jest.useFakeTimers({ now: Date.parse("2025-12-31T23:59:59.500Z") });
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "year-end", outputPath: "s3://acme-a2i-results/out/" });
      await startLoop(runtime, "nye", flowDefinitionArn);
      jest.advanceTimersByTime(1_000); // 2026-01-01T00:00:00.500Z
      a2i.workforce.submit("nye", { ok: true });

      const uri = (await describeLoop(runtime, "nye")).HumanLoopOutput!.OutputS3Uri!;
      expect(uri).toBe("s3://acme-a2i-results/out/year-end/2025/12/31/23/59/59/nye/output.json");
      const doc = await readOutput(runtime, s3, "nye");
      expect(doc.humanAnswers[0]!.submissionTime).toBe("2026-01-01T00:00:00.500Z");
    });

    it("reports OutputS3Uri while InProgress, before the object exists", async () => {
      jest.useFakeTimers({ now: Date.parse("2026-02-03T04:05:06.007Z") });
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://bucket-root-only" });
      await startLoop(runtime, "early", flowDefinitionArn);
      const described = await describeLoop(runtime, "early");
      expect(described.HumanLoopStatus).toBe("InProgress");
      expect(described.HumanLoopOutput).toEqual({
        OutputS3Uri: "s3://bucket-root-only/fd/2026/02/03/04/05/06/early/output.json",
      });
      const list = await s3.send(new ListObjectsV2Command({ Bucket: "bucket-root-only" }));
      expect(list.KeyCount).toBe(0);
      expect(list.Contents).toBeUndefined();
    });

    it("GetObject and HeadObject resolve under jest.useFakeTimers() (process.nextTick faked)", async () => {
      jest.useFakeTimers();
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn, { q: "nextTick" });
      a2i.workforce.submit("loop-1", { a: "ok" });
      const location = s3Location((await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!);

      const object = await s3.send(new GetObjectCommand(location));
      await expect(object.Body!.transformToString()).resolves.toContain('"inputContent":{"q":"nextTick"}');
      const bytes = await (await s3.send(new GetObjectCommand(location))).Body!.transformToByteArray();
      expect(JSON.parse(Buffer.from(bytes).toString("utf8")).humanAnswers[0].answerContent).toEqual({ a: "ok" });
      const head = await s3.send(new HeadObjectCommand(location));
      expect(head.ContentLength).toBe(bytes.length);
      expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
      expect(head.LastModified).toBeInstanceOf(Date);
    });
  });

  describe("listing and lifetime of output objects", () => {
    useJestFakeTimers();

    it("ListObjectsV2 with a Prefix lists each written output.json, in key order", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://results-bucket/a2i" });
      await startLoop(runtime, "loop-b", flowDefinitionArn);
      jest.advanceTimersByTime(2_000);
      await startLoop(runtime, "loop-a", flowDefinitionArn);
      await startLoop(runtime, "loop-unanswered", flowDefinitionArn);
      a2i.workforce.submit("loop-a", { n: 1 });
      a2i.workforce.submit("loop-b", { n: 2 });

      const list = await s3.send(new ListObjectsV2Command({ Bucket: "results-bucket", Prefix: "a2i/fd/" }));
      const keyA = s3Location((await describeLoop(runtime, "loop-a")).HumanLoopOutput!.OutputS3Uri!).Key;
      const keyB = s3Location((await describeLoop(runtime, "loop-b")).HumanLoopOutput!.OutputS3Uri!).Key;
      expect(list.KeyCount).toBe(2);
      expect(list.IsTruncated).toBe(false);
      expect(list.Contents!.map((c) => c.Key)).toEqual([keyB, keyA]);
      const head = await s3.send(new HeadObjectCommand({ Bucket: "results-bucket", Key: keyA }));
      expect(list.Contents![1]!.Size).toBe(head.ContentLength);

      const none = await s3.send(new ListObjectsV2Command({ Bucket: "results-bucket", Prefix: "a2i/other/" }));
      expect(none.KeyCount).toBe(0);
    });

    it("ListObjectsV2 pages with MaxKeys and ContinuationToken (paginateListObjectsV2)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://results-bucket/paged" });
      a2i.workforce.autoRespond({ answer: { ok: true }, workMs: 10 });
      for (const name of ["p-1", "p-2", "p-3"]) await startLoop(runtime, name, flowDefinitionArn);
      jest.advanceTimersByTime(10);

      const pages: Array<string[]> = [];
      for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: "results-bucket", Prefix: "paged/" })) {
        pages.push((page.Contents ?? []).map((c) => c.Key!));
      }
      expect(pages.map((p) => p.length)).toEqual([2, 1]);
      expect(pages.flat().map((k) => k.split("/")[8])).toEqual(["p-1", "p-2", "p-3"]);
    });

    it("serves path-style clients, other client Regions and bucket names with dots alike", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://my.dotted.bucket/pre" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { dotted: true });
      const location = s3Location((await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!);

      for (const client of [new S3Client({ forcePathStyle: true }), new S3Client({ region: "eu-west-1" })]) {
        const list = await client.send(new ListObjectsV2Command({ Bucket: "my.dotted.bucket", Prefix: "pre/" }));
        expect(list.Contents!.map((c) => c.Key)).toEqual([location.Key]);
        const object = await client.send(new GetObjectCommand(location));
        expect(JSON.parse(await object.Body!.transformToString()).humanAnswers[0].answerContent).toEqual({ dotted: true });
      }
    });

    it("deleting the loop or the flow definition never removes the output", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { keep: "me" });
      const location = s3Location((await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!);
      await deleteLoop(runtime, "loop-1");
      await new SageMakerClient({}).send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "fd" }));
      jest.advanceTimersByTime(60_000);

      const object = await s3.send(new GetObjectCommand(location));
      expect(JSON.parse(await object.Body!.transformToString()).humanAnswers[0].answerContent).toEqual({ keep: "me" });
    });

    it("writes the output once: late worker actions change nothing", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      await startLoop(runtime, "loop-1", flowDefinitionArn);
      a2i.workforce.submit("loop-1", { first: true });
      const location = s3Location((await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!);
      const before = await s3.send(new HeadObjectCommand(location));
      jest.advanceTimersByTime(10_000);
      expect(() => a2i.workforce.submit("loop-1", { second: true })).toThrow(/^\[a2i-fake\] /);
      const after = await s3.send(new HeadObjectCommand(location));
      expect(after.ETag).toBe(before.ETag);
      expect(after.LastModified).toEqual(before.LastModified);
    });

    it("a public-workforce answer carries no workerMetadata (undocumented for Mechanical Turk)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "mturk", workteamArn: "public" });
      await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: "public-1",
          FlowDefinitionArn: flowDefinitionArn,
          HumanLoopInput: { InputContent: JSON.stringify({ img: "cat.png" }) },
          DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
        }),
      );
      a2i.workforce.submit("public-1", { label: "cat" }, { workerId: "mturk-worker" });
      const doc = await readOutput(runtime, s3, "public-1");
      expect(Object.keys(doc.humanAnswers[0]!)).toEqual([
        "acceptanceTime",
        "answerContent",
        "submissionTime",
        "timeSpentInSeconds",
        "workerId",
      ]);
    });
  });

  describe("S3 requests to other buckets (default: an [a2i-fake] error, never the network)", () => {
    useJestFakeTimers();

    /** An S3 client whose own HTTP handler records what reaches it (nothing should). */
    function recordingS3(): { client: S3Client; reached: HttpRequest[] } {
      const reached: HttpRequest[] = [];
      const client = new S3Client({
        requestHandler: {
          handle: async (request: HttpRequest) => {
            reached.push(request);
            throw new Error("the network was reached");
          },
        },
      });
      return { client, reached };
    }

    it("GetObject on a bucket no flow definition writes to fails with an [a2i-fake] error", async () => {
      a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://the-output-bucket/x" });
      const { client, reached } = recordingS3();
      const err = await rejectionOf(client.send(new GetObjectCommand({ Bucket: "someone-elses-bucket", Key: "a.json" })));
      expect(err.message).toMatch(/^\[a2i-fake\] /);
      expect(err.message).toContain("someone-elses-bucket");
      expect(err.message).toContain("passThrough");
      expect(reached).toEqual([]);
    });

    it("ListObjectsV2 and PutObject are refused too, even on an output bucket for writes", async () => {
      a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://the-output-bucket/x" });
      const { client, reached } = recordingS3();
      const list = await rejectionOf(client.send(new ListObjectsV2Command({ Bucket: "unrelated" })));
      expect(list.message).toMatch(/^\[a2i-fake\] /);
      const put = await rejectionOf(client.send(new PutObjectCommand({ Bucket: "the-output-bucket", Key: "x/y", Body: "{}" })));
      expect(put.message).toMatch(/^\[a2i-fake\] /);
      expect(put.message).toContain("GetObject");
      expect(reached).toEqual([]);
    });
  });
});

describe("output.json with { otherS3Requests: 'passThrough' }", () => {
  const a2i = new A2IFake({ otherS3Requests: "passThrough" });
  beforeAll(() => {
    a2i.install();
  });
  afterEach(() => a2i.reset());
  afterAll(() => a2i.uninstall());

  it("lets other S3 requests go on to the client's own handler, and still answers output reads itself", async () => {
    const { runtime } = clients();
    const reached: HttpRequest[] = [];
    const s3 = new S3Client({
      requestHandler: {
        handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
          reached.push(request);
          const body = new TextEncoder().encode("from my own mock");
          return {
            response: {
              statusCode: 200,
              headers: { "content-type": "text/plain", "content-length": String(body.length) },
              body: new ReadableStream<Uint8Array>({
                start(controller) {
                  controller.enqueue(body);
                  controller.close();
                },
              }),
            },
          };
        },
      },
    });

    const other = await s3.send(new GetObjectCommand({ Bucket: "my-app-bucket", Key: "config.json" }));
    expect(await other.Body!.transformToString()).toBe("from my own mock");
    expect(reached).toHaveLength(1);
    expect(reached[0]!.method).toBe("GET");
    expect(`${reached[0]!.hostname}${reached[0]!.path}`).toContain("my-app-bucket");
    expect(`${reached[0]!.hostname}${reached[0]!.path}`).toContain("config.json");

    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "loop-1", flowDefinitionArn);
    a2i.workforce.submit("loop-1", { mine: false });
    const location = s3Location((await describeLoop(runtime, "loop-1")).HumanLoopOutput!.OutputS3Uri!);
    const output = await s3.send(new GetObjectCommand(location));
    expect(JSON.parse(await output.Body!.transformToString()).humanAnswers[0].answerContent).toEqual({ mine: false });
    expect(reached).toHaveLength(1);
  });
});

describe("the fake owns the output prefix, not the whole bucket (issue 9)", () => {
  const a2i = new A2IFake();
  beforeAll(() => {
    a2i.install();
  });
  afterEach(() => a2i.reset());
  afterAll(() => a2i.uninstall());

  it("objects the app or the test puts in an output bucket are read back, listed and deleted; A2I's outputs stay apart", async () => {
    const { runtime } = clients();
    const s3 = new S3Client({});
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://ingestion/a2i-output/" });
    // The app's own objects, as a string, bytes and a stream.
    await s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-1.json", Body: JSON.stringify({ total: 42 }), ContentType: "application/json" }));
    await s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "scans/doc-1.png", Body: new Uint8Array([137, 80, 78, 71, 0, 255]) }));
    await s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "scans/doc-2.txt", Body: Readable.from([Buffer.from("stre"), Buffer.from("amed")]), ContentLength: 8 }));
    const extracted = await s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-1.json" }));
    expect(JSON.parse(await extracted.Body!.transformToString())).toEqual({ total: 42 });
    expect(extracted.ContentType).toBe("application/json");
    const png = await s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "scans/doc-1.png" }));
    expect([...(await png.Body!.transformToByteArray())]).toEqual([137, 80, 78, 71, 0, 255]);
    const streamed = await s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "scans/doc-2.txt" }));
    expect(await streamed.Body!.transformToString()).toBe("streamed");
    expect((await s3.send(new HeadObjectCommand({ Bucket: "ingestion", Key: "scans/doc-1.png" }))).ContentLength).toBe(6);

    await runtime.send(new StartHumanLoopCommand({ HumanLoopName: "l1", FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: "{}" } }));
    a2i.workforce.submit("l1", { ok: true });
    const list = await s3.send(new ListObjectsV2Command({ Bucket: "ingestion" }));
    expect(list.Contents!.map((o) => o.Key!.replace(/\/\d{4}\/.*$/, "/..."))).toEqual(["a2i-output/fd/...", "extracted/doc-1.json", "scans/doc-1.png", "scans/doc-2.txt"]);
    expect(a2i.outputs().map((o) => o.document.humanLoopName)).toEqual(["l1"]); // only A2I's
    expect(a2i.calls("PutObject").map((c) => c.input.Key)).toEqual(["extracted/doc-1.json", "scans/doc-1.png", "scans/doc-2.txt"]);

    await s3.send(new DeleteObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-1.json" }));
    await expect(s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-1.json" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    a2i.reset();
    a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://ingestion/a2i-output/" });
    await expect(s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "scans/doc-1.png" }))).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("under the output prefix A2I alone writes: PutObject and DeleteObject there are refused", async () => {
    const s3 = new S3Client({});
    a2i.seedFlowDefinition({ name: "fd", outputPath: "s3://ingestion/a2i-output" });
    const err = await rejectionOf(s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "a2i-output/fd/x.json", Body: "{}" })));
    expect(err.message).toMatch(/^\[a2i-fake\] S3 PutObject .*s3:\/\/ingestion\/a2i-output\/ is the output prefix of a flow definition, where A2I alone writes/);
    // A key that merely starts like the prefix is the app's.
    await s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "a2i-output-archive/x.json", Body: "{}" }));
  });

  it('with "passThrough", a key outside the prefix that the fake does not hold goes to the user\'s own handler', async () => {
    const passing = new A2IFake({ otherS3Requests: "passThrough" });
    a2i.uninstall();
    passing.install();
    try {
      const reached: string[] = [];
      const s3 = new S3Client({
        requestHandler: {
          handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
            reached.push(`${request.method} ${request.hostname}${request.path}`);
            return { response: { statusCode: 200, headers: { "content-length": "7" }, body: Readable.from([Buffer.from("my mock")]) } };
          },
        },
      });
      passing.seedFlowDefinition({ name: "fd", outputPath: "s3://ingestion/a2i-output" });
      const mine = await s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-9.json" }));
      expect(await mine.Body!.transformToString()).toBe("my mock");
      await s3.send(new PutObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-8.json", Body: "held" }));
      const held = await s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "extracted/doc-8.json" }));
      expect(await held.Body!.transformToString()).toBe("held"); // what the fake holds, it answers
      await expect(s3.send(new GetObjectCommand({ Bucket: "ingestion", Key: "a2i-output/none.json" }))).rejects.toMatchObject({ name: "NoSuchKey" });
      expect(reached).toEqual(["GET ingestion.s3.us-east-1.amazonaws.com/extracted/doc-9.json"]);
    } finally {
      passing.uninstall();
      a2i.install();
    }
  });
});
