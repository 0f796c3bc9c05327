/** ListHumanLoops and paginateListHumanLoops through the real SageMakerA2IRuntimeClient (spec §3.2; decisions.md "Defaults"). */
import {
  DeleteHumanLoopCommand,
  ListHumanLoopsCommand,
  paginateListHumanLoops,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
  ValidationException,
  type HumanLoopSummary,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { installFake, rejectionOf, startLoop, T0, useJestFakeTimers } from "./helpers.js";

const names = (summaries: HumanLoopSummary[] | undefined) => (summaries ?? []).map((s) => s.HumanLoopName);

describe("ListHumanLoops", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});

  /** Loops loop-1..loop-n, one second apart, starting at T0. */
  async function startLoops(flowDefinitionArn: string, n: number, prefix = "loop"): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await startLoop(runtime, `${prefix}-${i}`, flowDefinitionArn);
      jest.advanceTimersByTime(1000);
    }
  }

  it("requires FlowDefinitionArn (the SDK refuses to send without it)", async () => {
    await expect(
      runtime.send(new ListHumanLoopsCommand({} as unknown as { FlowDefinitionArn: string })),
    ).rejects.toThrow(/FlowDefinitionArn/);
  });

  it("lists the flow definition's loops, newest first by default, with every summary field", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd", workteamArn: "public" });
    const other = a2i.seedFlowDefinition({ name: "other" });
    await startLoop(runtime, "first", flowDefinitionArn, {}, {
      DataAttributes: { ContentClassifiers: ["FreeOfPersonallyIdentifiableInformation"] },
    });
    jest.advanceTimersByTime(1000);
    await startLoop(runtime, "second", flowDefinitionArn); // no PII declaration: Failed
    jest.advanceTimersByTime(1000);
    await startLoop(runtime, "not-mine", other.flowDefinitionArn);

    const out = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.NextToken).toBeUndefined();
    expect(out.HumanLoopSummaries).toEqual([
      {
        HumanLoopName: "second",
        HumanLoopStatus: "Failed",
        CreationTime: new Date(T0 + 1000),
        FailureReason: expect.stringContaining("FreeOfPersonallyIdentifiableInformation"),
        FlowDefinitionArn: flowDefinitionArn,
      },
      {
        HumanLoopName: "first",
        HumanLoopStatus: "InProgress",
        CreationTime: new Date(T0),
        FlowDefinitionArn: flowDefinitionArn,
      },
    ]);
  });

  it("an empty flow definition gives an empty list, not a missing one", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "empty" });
    const out = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(out.HumanLoopSummaries).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it("SortOrder Ascending lists oldest first", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 3);
    const asc = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, SortOrder: "Ascending" }));
    expect(names(asc.HumanLoopSummaries)).toEqual(["loop-1", "loop-2", "loop-3"]);
    const desc = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, SortOrder: "Descending" }));
    expect(names(desc.HumanLoopSummaries)).toEqual(["loop-3", "loop-2", "loop-1"]);
  });

  it("MaxResults defaults to 100; NextToken is present until the last page and absent on it", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "big" });
    await startLoops(flowDefinitionArn, 101);
    const page1 = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(page1.HumanLoopSummaries).toHaveLength(100);
    expect(page1.HumanLoopSummaries![0]!.HumanLoopName).toBe("loop-101");
    expect(page1.NextToken).toEqual(expect.any(String));
    const page2 = await runtime.send(
      new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, NextToken: page1.NextToken }),
    );
    expect(names(page2.HumanLoopSummaries)).toEqual(["loop-1"]);
    expect(page2.NextToken).toBeUndefined();
    expect(page2).not.toHaveProperty("NextToken");
  });

  it("exactly MaxResults loops fit on one page with no NextToken", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 3);
    const out = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, MaxResults: 3 }));
    expect(out.HumanLoopSummaries).toHaveLength(3);
    expect(out.NextToken).toBeUndefined();
  });

  it("CreationTimeAfter and CreationTimeBefore filter by creation time", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 5); // at T0, T0+1s, ..., T0+4s
    const after = await runtime.send(
      new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, CreationTimeAfter: new Date(T0 + 2500) }),
    );
    expect(names(after.HumanLoopSummaries)).toEqual(["loop-5", "loop-4"]);
    const before = await runtime.send(
      new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, CreationTimeBefore: new Date(T0 + 1500) }),
    );
    expect(names(before.HumanLoopSummaries)).toEqual(["loop-2", "loop-1"]);
    const between = await runtime.send(
      new ListHumanLoopsCommand({
        FlowDefinitionArn: flowDefinitionArn,
        CreationTimeAfter: new Date(T0 + 500),
        CreationTimeBefore: new Date(T0 + 3500),
        SortOrder: "Ascending",
      }),
    );
    expect(names(between.HumanLoopSummaries)).toEqual(["loop-2", "loop-3", "loop-4"]);
    // whole seconds, as the SDK sends them without a millisecond part
    const wholeSeconds = await runtime.send(
      new ListHumanLoopsCommand({
        FlowDefinitionArn: flowDefinitionArn,
        CreationTimeAfter: new Date("2026-01-02T03:04:08Z"),
      }),
    );
    expect(names(wholeSeconds.HumanLoopSummaries)).toEqual(["loop-5", "loop-4"]);
  });

  it("paginateListHumanLoops walks every page, in order, without repeats", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 7);
    const pages: string[][] = [];
    for await (const page of paginateListHumanLoops(
      { client: runtime, pageSize: 3 },
      { FlowDefinitionArn: flowDefinitionArn, SortOrder: "Ascending" },
    )) {
      pages.push(names(page.HumanLoopSummaries) as string[]);
    }
    expect(pages).toEqual([
      ["loop-1", "loop-2", "loop-3"],
      ["loop-4", "loop-5", "loop-6"],
      ["loop-7"],
    ]);
  });

  it("a NextToken stays valid when loops are deleted between pages", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 4);
    const page1 = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, MaxResults: 2 }));
    expect(names(page1.HumanLoopSummaries)).toEqual(["loop-4", "loop-3"]);
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "loop-2" }));
    await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-2" }));
    const page2 = await runtime.send(
      new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, MaxResults: 2, NextToken: page1.NextToken }),
    );
    expect(names(page2.HumanLoopSummaries)).toEqual(["loop-1"]);
    expect(page2.NextToken).toBeUndefined();
  });

  it("a NextToken from another flow definition's list -> ValidationException", async () => {
    const a = a2i.seedFlowDefinition({ name: "fd-a" });
    const b = a2i.seedFlowDefinition({ name: "fd-b" });
    await startLoops(a.flowDefinitionArn, 3, "a");
    const page = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: a.flowDefinitionArn, MaxResults: 1 }));
    const err = await rejectionOf(
      runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: b.flowDefinitionArn, NextToken: page.NextToken })),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
  });

  it("MaxResults outside 1..100 -> ValidationException in AWS's format", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    const err = await rejectionOf(
      runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn, MaxResults: 101 })),
    );
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it("an unknown flow definition ARN -> ResourceNotFoundException (404)", async () => {
    const err = await rejectionOf(
      runtime.send(
        new ListHumanLoopsCommand({ FlowDefinitionArn: "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/nope" }),
      ),
    );
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.$fault).toBe("client");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
  });

  it("deleted loops are omitted", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoops(flowDefinitionArn, 3);
    a2i.workforce.submit("loop-2", { done: true });
    await runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: "loop-2" }));
    const out = await runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: flowDefinitionArn }));
    expect(names(out.HumanLoopSummaries)).toEqual(["loop-3", "loop-1"]);
  });
});
