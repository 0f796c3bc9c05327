import {
  CreateFlowDefinitionCommand,
  CreateHumanTaskUiCommand,
  DeleteFlowDefinitionCommand,
  ListFlowDefinitionsCommand,
  ListHumanTaskUisCommand,
  SageMakerClient,
  paginateListFlowDefinitions,
  paginateListHumanTaskUis,
  type ListFlowDefinitionsCommandInput,
} from "@aws-sdk/client-sagemaker";
import { A2IFake } from "../../src/index.js";
import { createReviewResources, flowDefinitionInput, validationMessage, type ReviewResources } from "./support.js";

const T0 = new Date("2024-05-06T07:08:09.123Z");
/** fd-01 ... fd-12, created one second apart (fd-01 at T0 + 1 s). */
const NAMES = Array.from({ length: 12 }, (_, i) => `fd-${String(i + 1).padStart(2, "0")}`);
const createdAt = (name: string) => new Date(T0.getTime() + Number(name.slice(3)) * 1000);

describe("pagination of SageMaker lists", () => {
  const a2i = new A2IFake();
  const sm = new SageMakerClient({});
  let refs: ReviewResources;

  const createFd = (name: string) => sm.send(new CreateFlowDefinitionCommand(flowDefinitionInput(name, refs)));
  const page = async (input: ListFlowDefinitionsCommandInput = {}) => {
    const out = await sm.send(new ListFlowDefinitionsCommand(input));
    expect(out.$metadata.httpStatusCode).toBe(200);
    return { names: (out.FlowDefinitionSummaries ?? []).map((s) => s.FlowDefinitionName), next: out.NextToken };
  };

  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  beforeEach(async () => {
    jest.useFakeTimers({ now: T0 });
    refs = await createReviewResources(sm);
  });
  afterEach(() => {
    a2i.reset();
    jest.useRealTimers();
  });

  describe("ListFlowDefinitions", () => {
    beforeEach(async () => {
      for (const name of NAMES) {
        jest.advanceTimersByTime(1000);
        await createFd(name);
      }
    });

    it("defaults to newest first, 10 per page, with NextToken absent on the last page", async () => {
      const first = await page();
      expect(first.names).toEqual([...NAMES].reverse().slice(0, 10));
      expect(first.next).toEqual(expect.any(String));

      const last = await page({ NextToken: first.next });
      expect(last.names).toEqual(["fd-02", "fd-01"]);
      expect(last.next).toBeUndefined();
    });

    it("reports each summary's CreationTime from the fake clock", async () => {
      const out = await sm.send(new ListFlowDefinitionsCommand({ MaxResults: 2 }));
      expect(out.FlowDefinitionSummaries?.map((s) => s.CreationTime)).toEqual([createdAt("fd-12"), createdAt("fd-11")]);
    });

    it("SortOrder Ascending lists oldest first", async () => {
      const first = await page({ SortOrder: "Ascending" });
      expect(first.names).toEqual(NAMES.slice(0, 10));
      const last = await page({ SortOrder: "Ascending", NextToken: first.next });
      expect(last.names).toEqual(["fd-11", "fd-12"]);
      expect(last.next).toBeUndefined();
    });

    it("MaxResults sets the page size; exactly one full page has no NextToken", async () => {
      const sizes: number[] = [];
      let next: string | undefined;
      do {
        const p = await page({ MaxResults: 5, NextToken: next });
        sizes.push(p.names.length);
        next = p.next;
      } while (next);
      expect(sizes).toEqual([5, 5, 2]);

      const all = await page({ MaxResults: 12 });
      expect(all.names).toHaveLength(12);
      expect(all.next).toBeUndefined();
    });

    it("CreationTimeAfter is inclusive, to the millisecond", async () => {
      const after = await page({ CreationTimeAfter: createdAt("fd-09") });
      expect(after.names).toEqual(["fd-12", "fd-11", "fd-10", "fd-09"]);
      const justAfter = await page({ CreationTimeAfter: new Date(createdAt("fd-09").getTime() + 1) });
      expect(justAfter.names).toEqual(["fd-12", "fd-11", "fd-10"]);
    });

    it("CreationTimeBefore is exclusive", async () => {
      const before = await page({ CreationTimeBefore: createdAt("fd-04") });
      expect(before.names).toEqual(["fd-03", "fd-02", "fd-01"]);
      const justAfter = await page({ CreationTimeBefore: new Date(createdAt("fd-04").getTime() + 1) });
      expect(justAfter.names).toEqual(["fd-04", "fd-03", "fd-02", "fd-01"]);
    });

    it("combines both filters with paging and either order", async () => {
      const window = { CreationTimeAfter: createdAt("fd-03"), CreationTimeBefore: createdAt("fd-08") };
      const first = await page({ ...window, MaxResults: 3 });
      expect(first.names).toEqual(["fd-07", "fd-06", "fd-05"]);
      const last = await page({ ...window, MaxResults: 3, NextToken: first.next });
      expect(last.names).toEqual(["fd-04", "fd-03"]);
      expect(last.next).toBeUndefined();

      const ascending = await page({ ...window, SortOrder: "Ascending" });
      expect(ascending.names).toEqual(["fd-03", "fd-04", "fd-05", "fd-06", "fd-07"]);
      expect(await page({ CreationTimeAfter: createdAt("fd-08"), CreationTimeBefore: createdAt("fd-03") })).toEqual({
        names: [],
        next: undefined,
      });
    });

    it("paginateListFlowDefinitions walks every page", async () => {
      const pages: string[][] = [];
      for await (const p of paginateListFlowDefinitions({ client: sm, pageSize: 5 }, {})) {
        pages.push((p.FlowDefinitionSummaries ?? []).map((s) => s.FlowDefinitionName!));
      }
      expect(pages).toEqual([
        ["fd-12", "fd-11", "fd-10", "fd-09", "fd-08"],
        ["fd-07", "fd-06", "fd-05", "fd-04", "fd-03"],
        ["fd-02", "fd-01"],
      ]);

      const ascending: string[] = [];
      for await (const p of paginateListFlowDefinitions({ client: sm }, { SortOrder: "Ascending" })) {
        ascending.push(...(p.FlowDefinitionSummaries ?? []).map((s) => s.FlowDefinitionName!));
      }
      expect(ascending).toEqual(NAMES);
    });

    it("a NextToken stays valid when flow definitions are created or deleted between pages", async () => {
      const first = await page({ MaxResults: 4 });
      expect(first.names).toEqual(["fd-12", "fd-11", "fd-10", "fd-09"]);
      jest.advanceTimersByTime(2000);
      await createFd("fd-13");
      await sm.send(new DeleteFlowDefinitionCommand({ FlowDefinitionName: "fd-07" }));

      const second = await page({ MaxResults: 4, NextToken: first.next });
      expect(second.names).toEqual(["fd-08", "fd-06", "fd-05", "fd-04"]);
    });

    it("a malformed NextToken is a ValidationException", async () => {
      expect(await validationMessage(sm.send(new ListFlowDefinitionsCommand({ NextToken: "not-a-token" })))).toMatch(/NextToken/);
      expect(await validationMessage(sm.send(new ListFlowDefinitionsCommand({ NextToken: Buffer.from("[1,2]").toString("base64") })))).toMatch(
        /NextToken/,
      );
    });

    it("a NextToken from another list is a ValidationException", async () => {
      for (const name of ["ui-1", "ui-2"]) {
        await sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: name, UiTemplate: { Content: "<p/>" } }));
      }
      const uis = await sm.send(new ListHumanTaskUisCommand({ MaxResults: 1 }));
      expect(uis.NextToken).toEqual(expect.any(String));
      expect(await validationMessage(sm.send(new ListFlowDefinitionsCommand({ NextToken: uis.NextToken })))).toMatch(/NextToken/);
    });
  });

  it("flow definitions created at the same instant page in a stable order, none twice", async () => {
    for (const name of ["same-a", "same-b", "same-c"]) await createFd(name);
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const p = await page({ MaxResults: 1, NextToken: next });
      seen.push(...(p.names as string[]));
      next = p.next;
    } while (next);
    expect(seen).toEqual(["same-c", "same-b", "same-a"]);
  });

  it("an empty list is [] with no NextToken", async () => {
    const out = await sm.send(new ListFlowDefinitionsCommand({}));
    expect(out.FlowDefinitionSummaries).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  describe("ListHumanTaskUis", () => {
    // createReviewResources already made "invoice-ui" at T0.
    const UIS = Array.from({ length: 11 }, (_, i) => `ui-${String(i + 1).padStart(2, "0")}`);

    beforeEach(async () => {
      for (const name of UIS) {
        jest.advanceTimersByTime(1000);
        await sm.send(new CreateHumanTaskUiCommand({ HumanTaskUiName: name, UiTemplate: { Content: `<p>${name}</p>` } }));
      }
    });

    it("defaults to newest first, 10 per page; SortOrder Ascending; NextToken absent on the last page", async () => {
      const first = await sm.send(new ListHumanTaskUisCommand({}));
      expect(first.HumanTaskUiSummaries?.map((s) => s.HumanTaskUiName)).toEqual([...UIS].reverse().slice(0, 10));
      const last = await sm.send(new ListHumanTaskUisCommand({ NextToken: first.NextToken }));
      expect(last.HumanTaskUiSummaries?.map((s) => s.HumanTaskUiName)).toEqual(["ui-01", "invoice-ui"]);
      expect(last.NextToken).toBeUndefined();

      const ascending = await sm.send(new ListHumanTaskUisCommand({ SortOrder: "Ascending", MaxResults: 3 }));
      expect(ascending.HumanTaskUiSummaries?.map((s) => s.HumanTaskUiName)).toEqual(["invoice-ui", "ui-01", "ui-02"]);
    });

    it("filters by creation time (After inclusive, Before exclusive)", async () => {
      const at = (n: number) => new Date(T0.getTime() + n * 1000);
      const out = await sm.send(new ListHumanTaskUisCommand({ CreationTimeAfter: at(3), CreationTimeBefore: at(6) }));
      expect(out.HumanTaskUiSummaries?.map((s) => s.HumanTaskUiName)).toEqual(["ui-05", "ui-04", "ui-03"]);
    });

    it("paginateListHumanTaskUis walks every page", async () => {
      const names: string[] = [];
      let pages = 0;
      for await (const p of paginateListHumanTaskUis({ client: sm, pageSize: 4 }, {})) {
        pages++;
        names.push(...(p.HumanTaskUiSummaries ?? []).map((s) => s.HumanTaskUiName!));
      }
      expect(pages).toBe(3);
      expect(names).toEqual([...UIS].reverse().concat("invoice-ui"));
    });

    it("a malformed NextToken is a ValidationException", async () => {
      expect(await validationMessage(sm.send(new ListHumanTaskUisCommand({ NextToken: "%%%" })))).toMatch(/NextToken/);
    });
  });
});
