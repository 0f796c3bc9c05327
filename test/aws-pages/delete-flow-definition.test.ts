/**
 * The AWS page "Delete a Flow Definition" (/work/shared/reference/aws-docs-delete-flow-definition.txt),
 * sentence by sentence, through the real SageMakerClient, SageMakerA2IRuntimeClient and S3Client.
 * Each test name (or a comment in it) quotes the sentence it checks.
 *
 * Sentences out of scope, and why:
 * - "You might want to delete a flow definition for any of the following reasons:" and its two bullets
 *   ("You have sent data to a set of human reviewers and you want to delete all non-started human loops ...",
 *   "The worker task template used to generate your worker UI does not render correctly ...") give a user's
 *   motives, not behaviour. (What the first bullet relies on, that non-started loops no longer reach workers,
 *   is tested with the sentence on automatic stopping and deletion.)
 * - "The flow definition no longer appears on the Human review workflows page in the Augmented AI area of the
 *   Amazon SageMaker console.", the console half of "You can delete a flow definition on the Human review
 *   workflows page ... or by using the SageMaker API.", the console steps 1-5, "You're automatically redirected
 *   to the Human review workflows page.", "While your human review workflow is being deleted, the status
 *   Deleting appears in the status column for that workflow." and "After it's deleted, it won't appear in the
 *   list of workflows on this page.": the console is not part of a fake of the API. The console list is
 *   ListFlowDefinitions, so its API counterparts (Deleting listed while deleting, absent afterwards) are tested.
 * - "This API operation is supported through the AWS CLI and a variety of language specific SDKs.", the Boto3
 *   and CLI examples and "For more information, see ...": other clients and cross-references. The same request
 *   (FlowDefinitionName 'example-flow-definition') is sent through the JavaScript SDK.
 * - "Flow definitions can only be deleted if their status is Active." is tested for Initializing and Deleting;
 *   a `Failed` flow definition cannot be produced through the public API or the seeding API, so that status
 *   is not covered here.
 */
import {
  CreateFlowDefinitionCommand,
  DeleteFlowDefinitionCommand,
  DescribeFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ResourceInUse,
  ResourceNotFound,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import {
  ListHumanLoopsCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { createClock } from "@sinonjs/fake-timers";
import { A2IFake } from "../../src/index.js";
import {
  describeLoop,
  installFake,
  readOutput,
  rejectionOf,
  s3Location,
  startLoop,
  statusOf,
  useJestFakeTimers,
} from "../a2i-runtime/helpers.js";

const ACCOUNT = "123456789012";
const OUTPUT = "s3://review-results-bucket/a2i";

const sm = new SageMakerClient({});
const runtime = new SageMakerA2IRuntimeClient({});
const s3 = new S3Client({});

const fdStatus = async (name: string) =>
  (await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }))).FlowDefinitionStatus;
const deleteFd = (name: string) => sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: name }));
const listedFds = async () =>
  ((await sm.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries ?? []).map((s) => [
    s.FlowDefinitionName,
    s.FlowDefinitionStatus,
  ]);
const outputUri = async (loop: string) => (await describeLoop(runtime, loop)).HumanLoopOutput!.OutputS3Uri!;

function createFdInput(a2i: A2IFake, name: string) {
  const { workteamArn } = a2i.seedWorkteam({ name: `${name}-team` });
  const { humanTaskUiArn } = a2i.seedHumanTaskUi({ name: `${name}-ui` });
  return new CreateFlowDefinitionCommand({
    FlowDefinitionName: name,
    RoleArn: `arn:aws:iam::${ACCOUNT}:role/a2i-role`,
    OutputConfig: { S3OutputPath: OUTPUT },
    HumanLoopConfig: {
      WorkteamArn: workteamArn,
      HumanTaskUiArn: humanTaskUiArn,
      TaskTitle: "Review",
      TaskDescription: "Review the item",
      TaskCount: 1,
    },
  });
}

describe("Delete a Flow Definition (jest fake timers)", () => {
  const a2i = installFake();
  useJestFakeTimers();

  describe("When you delete a flow definition, your flow definition status changes to Deleting ...", () => {
    it("... (observed while a worker holds a task): Describe and ListFlowDefinitions report Deleting", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoices", outputPath: OUTPUT });
      await startLoop(runtime, "held", flowDefinitionArn);
      a2i.workforce.accept("held", { workerId: "worker-1" });
      expect(await fdStatus("invoices")).toBe("Active");
      await deleteFd("invoices");
      expect(await fdStatus("invoices")).toBe("Deleting");
      expect(await listedFds()).toEqual([["invoices", "Deleting"]]);
    });

    it("... and all associated human loops will automatically be stopped and deleted by Augmented AI if workers have not started tasks created by those human loops.", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "invoices", outputPath: OUTPUT });
      const other = a2i.seedFlowDefinition({ name: "other", outputPath: OUTPUT });
      await startLoop(runtime, "idle-1", flowDefinitionArn);
      await startLoop(runtime, "idle-2", flowDefinitionArn);
      await startLoop(runtime, "done", flowDefinitionArn);
      a2i.workforce.submit("done", { ok: true });
      await startLoop(runtime, "held", flowDefinitionArn);
      a2i.workforce.accept("held");
      await startLoop(runtime, "unrelated", other.flowDefinitionArn);

      await deleteFd("invoices");

      // Stopped ... (their status-change events say so) ...
      const stopped = a2i.events.filter((e) => e.detail.humanLoopStatus === "Stopped").map((e) => e.detail.humanLoopName);
      expect(stopped).toEqual(["idle-1", "idle-2"]);
      // ... and deleted: at once, without time passing.
      for (const name of ["idle-1", "idle-2", "done"]) {
        await expect(describeLoop(runtime, name)).rejects.toBeInstanceOf(ResourceNotFoundException);
      }
      // Their tasks no longer reach workers; only the started one and other flow definitions' tasks remain.
      expect(a2i.workforce.tasks().map((t) => t.humanLoopName)).toEqual(["held", "unrelated"]);
      expect(() => a2i.workforce.accept("idle-1")).toThrow(/\[a2i-fake\]/);
      // The loop a worker started is being stopped, not deleted; the other flow definition is untouched.
      expect(await statusOf(runtime, "held")).toBe("Stopping");
      expect(await statusOf(runtime, "unrelated")).toBe("InProgress");
      expect(await fdStatus("other")).toBe("Active");
    });
  });

  describe("If human workers are already working on a task, that task will continue to be available until it is completed or expires.", () => {
    it("completed: the worker who holds the task can still submit it", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
      await startLoop(runtime, "held", flowDefinitionArn);
      const claim = a2i.workforce.accept("held", { workerId: "worker-1" });
      await deleteFd("fd");
      jest.advanceTimersByTime(600_000);
      const task = a2i.workforce.tasks({ humanLoopName: "held" });
      expect(task).toHaveLength(1);
      expect(task[0]!.slots).toEqual([expect.objectContaining({ status: "claimed", workerId: "worker-1" })]);
      expect(() => claim.submit({ verdict: "approve" })).not.toThrow();
      expect(a2i.workforce.tasks()).toEqual([]);
    });

    it("expires: when the worker's TaskTimeLimitInSeconds lapses the task is gone and cannot be submitted", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT, taskTimeLimitSeconds: 300 });
      await startLoop(runtime, "held", flowDefinitionArn);
      const claim = a2i.workforce.accept("held");
      await deleteFd("fd");
      jest.advanceTimersByTime(299_999);
      expect(a2i.workforce.tasks({ humanLoopName: "held" })).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(a2i.workforce.tasks()).toEqual([]);
      expect(() => claim.submit({ late: true })).toThrow(/\[a2i-fake\]/);
      await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
        ResourceNotFound,
      );
    });

    it("only the task already being worked on stays available: its untaken slots go to no new worker", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT, taskCount: 2 });
      await startLoop(runtime, "pair", flowDefinitionArn);
      a2i.workforce.accept("pair", { workerId: "first" });
      await deleteFd("fd");
      expect(() => a2i.workforce.accept("pair", { workerId: "second" })).toThrow(/\[a2i-fake\]/);
      expect(a2i.workforce.tasks({ humanLoopName: "pair" })[0]!.slots).toEqual([
        expect.objectContaining({ status: "claimed", workerId: "first" }),
      ]);
    });
  });

  it("As long as workers are still working on a task, your flow definition's status will be Deleting.", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT, taskTimeLimitSeconds: 3600 });
    await startLoop(runtime, "held-a", flowDefinitionArn);
    await startLoop(runtime, "held-b", flowDefinitionArn);
    const a = a2i.workforce.accept("held-a");
    a2i.workforce.accept("held-b");
    await deleteFd("fd");
    for (const step of [1, 60_000, 1_800_000]) {
      jest.advanceTimersByTime(step);
      expect(await fdStatus("fd")).toBe("Deleting");
    }
    a.submit({ done: 1 });
    expect(await fdStatus("fd")).toBe("Deleting"); // held-b is still being worked on
    // While Deleting it starts no loop and its name is not free yet.
    await expect(startLoop(runtime, "new-loop", flowDefinitionArn)).rejects.toBeInstanceOf(ValidationException);
    const inUse = await rejectionOf(sm.send(createFdInput(a2i, "fd")));
    expect(inUse).toBeInstanceOf(ResourceInUse);
    expect((inUse.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
  });

  it("If these tasks are completed, the results are stored in the Amazon S3 bucket specified in your flow definition.", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
    await startLoop(runtime, "held", flowDefinitionArn, { invoice: 17 });
    const uri = await outputUri("held");
    const claim = a2i.workforce.accept("held", { workerId: "worker-9" });
    await deleteFd("fd");
    claim.submit({ amount: "17.00" });

    expect(uri.startsWith(`${OUTPUT}/fd/`)).toBe(true);
    expect(s3Location(uri).Bucket).toBe("review-results-bucket");
    const doc = await readOutput(s3, uri);
    expect(doc).toMatchObject({
      flowDefinitionArn,
      humanLoopName: "held",
      inputContent: { invoice: 17 },
      humanAnswers: [{ answerContent: { amount: "17.00" }, workerId: "worker-9" }],
    });
  });

  it("Deleting a flow definition won't remove any worker answers from your Amazon S3 bucket.", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
    await startLoop(runtime, "answered-1", flowDefinitionArn);
    await startLoop(runtime, "answered-2", flowDefinitionArn);
    a2i.workforce.submit("answered-1", { a: 1 });
    a2i.workforce.submit("answered-2", { a: 2 });
    const uris = [await outputUri("answered-1"), await outputUri("answered-2")];
    const before = await Promise.all(uris.map((u) => readOutput(s3, u)));

    await deleteFd("fd");
    await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
    jest.advanceTimersByTime(31 * 24 * 3600 * 1000); // well past any internal retention

    expect(await Promise.all(uris.map((u) => readOutput(s3, u)))).toEqual(before);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "review-results-bucket", Prefix: "a2i/fd/" }));
    expect((listed.Contents ?? []).map((o) => `s3://review-results-bucket/${o.Key}`).sort()).toEqual([...uris].sort());
    expect(a2i.outputs().map((o) => o.uri).sort()).toEqual([...uris].sort());
  });

  describe("After all human loops have been deleted, the flow definition will be permanently deleted.", () => {
    it("at once when no worker had started a task", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
      await startLoop(runtime, "idle", flowDefinitionArn);
      await deleteFd("fd");
      await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
        ResourceNotFound,
      );
    });

    it("once the last worker's task is completed (its loop stopped and deleted)", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
      await startLoop(runtime, "held", flowDefinitionArn);
      const claim = a2i.workforce.accept("held");
      await deleteFd("fd");
      expect(await fdStatus("fd")).toBe("Deleting");
      claim.submit({ ok: true });
      await expect(describeLoop(runtime, "held")).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
        ResourceNotFound,
      );
      // The loop ended Stopped (event), never Completed, since its flow definition was being deleted.
      expect(a2i.events.map((e) => [e.detail.humanLoopName, e.detail.humanLoopStatus])).toEqual([["held", "Stopped"]]);
    });

    it("once the last worker leaves the task without submitting", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
      await startLoop(runtime, "held", flowDefinitionArn);
      const claim = a2i.workforce.accept("held");
      await deleteFd("fd");
      claim.abandon();
      await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd" }))).rejects.toBeInstanceOf(
        ResourceNotFound,
      );
    });
  });

  it("When a flow definition has been deleted, you can reuse its name to create a new flow definition.", async () => {
    const old = a2i.seedFlowDefinition({ name: "reusable", outputPath: OUTPUT });
    await startLoop(runtime, "old-loop", old.flowDefinitionArn);
    await deleteFd("reusable");
    jest.advanceTimersByTime(10_000);

    const created = await sm.send(createFdInput(a2i, "reusable"));
    expect(created.FlowDefinitionArn).toBe(`arn:aws:sagemaker:us-east-1:${ACCOUNT}:flow-definition/reusable`);
    const d = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "reusable" }));
    expect(d.FlowDefinitionStatus).toBe("Initializing");
    expect(d.CreationTime!.getTime()).toBe(Date.parse("2026-01-02T03:04:15.678Z"));
    jest.advanceTimersByTime(2000);
    expect(await fdStatus("reusable")).toBe("Active");
    // A new flow definition: none of the old one's loops are its loops.
    const loops = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: created.FlowDefinitionArn! }));
    expect(loops.HumanLoopSummaries).toEqual([]);
  });

  describe("After you delete a flow definition, the following changes occur:", () => {
    async function deletedFd(): Promise<string> {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "example-flow-definition", outputPath: OUTPUT });
      a2i.seedFlowDefinition({ name: "kept", outputPath: OUTPUT });
      await startLoop(runtime, "some-loop", flowDefinitionArn);
      await deleteFd("example-flow-definition");
      return flowDefinitionArn;
    }

    it("When you use the flow definition name as input to the API operations DescribeFlowDefinition or DeleteFlowDefinition, Augmented AI returns a ResourceNotFound error.", async () => {
      await deletedFd();
      for (const call of [
        sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "example-flow-definition" })),
        deleteFd("example-flow-definition"),
      ]) {
        const err = await rejectionOf(call);
        expect(err).toBeInstanceOf(ResourceNotFound);
        expect(err.name).toBe("ResourceNotFound");
        expect(err.$fault).toBe("client");
        expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      }
    });

    it("When you use ListFlowDefinitions, deleted flow definitions won't be included in the results.", async () => {
      await deletedFd();
      expect(await listedFds()).toEqual([["kept", "Active"]]);
    });

    it("When use the flow definition ARN as input to the Augmented AI Runtime API operation ListHumanLoops, Augmented AI returns a ResourceNotFoundException.", async () => {
      const arn = await deletedFd();
      const err = await rejectionOf(runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: arn })));
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      expect(err.name).toBe("ResourceNotFoundException");
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    });
  });

  describe("Flow definitions can only be deleted if their status is Active.", () => {
    it("Initializing -> ResourceInUse; once Active the same call succeeds", async () => {
      await sm.send(createFdInput(a2i, "young"));
      const err = await rejectionOf(deleteFd("young"));
      expect(err).toBeInstanceOf(ResourceInUse);
      expect(err.$fault).toBe("client");
      expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
      expect(err.message).toContain("Initializing");
      expect(await fdStatus("young")).toBe("Initializing");
      jest.advanceTimersByTime(2000);
      await expect(deleteFd("young")).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    });

    it("Deleting -> ResourceInUse", async () => {
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", outputPath: OUTPUT });
      await startLoop(runtime, "held", flowDefinitionArn);
      a2i.workforce.accept("held");
      await deleteFd("fd");
      const err = await rejectionOf(deleteFd("fd"));
      expect(err).toBeInstanceOf(ResourceInUse);
      expect(err.message).toContain("Deleting");
      expect(await fdStatus("fd")).toBe("Deleting");
    });
  });

  describe("You can delete a flow definition using the SageMaker DeleteFlowDefinition API operation.", () => {
    it("client.delete_flow_definition(FlowDefinitionName='example-flow-definition'), from the JavaScript SDK", async () => {
      a2i.seedFlowDefinition({ name: "example-flow-definition" });
      await deleteFd("example-flow-definition");
      await expect(
        sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "example-flow-definition" })),
      ).rejects.toBeInstanceOf(ResourceNotFound);
    });

    it("If the action is successful, Augmented AI sends back an HTTP 200 response with an empty HTTP body.", async () => {
      const client = new SageMakerClient({});
      const raw: Array<{ statusCode: number; body: string }> = [];
      client.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          const response = result.response as { statusCode: number; body: Uint8Array };
          raw.push({ statusCode: response.statusCode, body: new TextDecoder().decode(response.body) });
          return result;
        },
        { step: "deserialize", priority: "low", name: "captureRawResponse" },
      );
      a2i.seedFlowDefinition({ name: "example-flow-definition" });
      const out = await client.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "example-flow-definition" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(Object.keys(out)).toEqual(["$metadata"]);
      expect(raw).toEqual([{ statusCode: 200, body: "" }]);
    });
  });
});

describe("Delete a Flow Definition (explicit @sinonjs/fake-timers clock)", () => {
  const clock = createClock(Date.parse("2026-01-02T03:04:05.678Z"));
  const a2i = installFake({ clock });

  it("Deleting while a worker works, until the task expires with clock.tick; then gone and the name reusable", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-fd", outputPath: OUTPUT, taskTimeLimitSeconds: 90 });
    await startLoop(runtime, "held", flowDefinitionArn);
    await startLoop(runtime, "idle", flowDefinitionArn);
    const claim = a2i.workforce.accept("held");
    await deleteFd("sinon-fd");
    expect(await fdStatus("sinon-fd")).toBe("Deleting");
    await expect(describeLoop(runtime, "idle")).rejects.toBeInstanceOf(ResourceNotFoundException);
    clock.tick(89_999);
    expect(await fdStatus("sinon-fd")).toBe("Deleting");
    expect(await statusOf(runtime, "held")).toBe("Stopping");
    clock.tick(1);
    expect(() => claim.submit({})).toThrow(/\[a2i-fake\]/);
    await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "sinon-fd" }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
    await expect(runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await sm.send(createFdInput(a2i, "sinon-fd"));
    expect(await fdStatus("sinon-fd")).toBe("Initializing");
    clock.tick(2000);
    expect(await fdStatus("sinon-fd")).toBe("Active");
  });

  it("a task completed while Deleting is written to S3 and stays after the flow definition is gone", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "sinon-fd", outputPath: OUTPUT });
    await startLoop(runtime, "held", flowDefinitionArn, { n: 1 });
    const uri = await outputUri("held");
    const claim = a2i.workforce.accept("held", { workerId: "w" });
    await deleteFd("sinon-fd");
    clock.tick(42_000);
    claim.submit({ n: "one" });
    clock.tick(40 * 24 * 3600 * 1000);
    const object = await s3.send(new GetObjectCommand(s3Location(uri)));
    const doc = JSON.parse(await object.Body!.transformToString());
    expect(doc.humanAnswers).toEqual([expect.objectContaining({ answerContent: { n: "one" }, timeSpentInSeconds: 42 })]);
  });
});
