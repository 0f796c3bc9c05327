/**
 * The control endpoints (docs/server.md), as a test in another language uses them: raw JSON over HTTP next
 * to the SDK calls of the app under test.
 */
import { DescribeHumanLoopCommand, StartHumanLoopCommand, ThrottlingException } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import { startServer } from "../../src/index.js";
import { control, raw, serveForDescribe } from "./harness.js";

describe("control endpoints", () => {
  const env = serveForDescribe();
  const url = () => env.server.url;

  async function startLoop(name: string, flowDefinitionArn: string) {
    return env.clients.runtime.send(
      new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: flowDefinitionArn, HumanLoopInput: { InputContent: `{"n":"${name}"}` } }),
    );
  }
  const status = async (name: string) => (await env.clients.runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }))).HumanLoopStatus;

  it("reports health and moves the manual clock only when told", async () => {
    const health = await control(url(), "GET", "/health");
    expect(health).toEqual({ status: 200, body: { status: "ok", clock: "manual", now: expect.any(String) } });
    const before = (await control(url(), "GET", "/clock")).body;
    const again = (await control(url(), "GET", "/clock")).body;
    expect(again.epochMs).toBe(before.epochMs);
    const advanced = await control(url(), "POST", "/clock/advance", { ms: 90_000 });
    expect(advanced.status).toBe(200);
    expect(advanced.body).toEqual({ clock: "manual", now: new Date(before.epochMs + 90_000).toISOString(), epochMs: before.epochMs + 90_000 });
    expect(env.server.now().getTime()).toBe(before.epochMs + 90_000);
    expect((await control(url(), "POST", "/clock/advance", { ms: "soon" })).status).toBe(400);
    expect((await control(url(), "GET", "/clock/advance")).status).toBe(405);
  });

  it("drives workers: accept, abandon, accept again and submit with the held claim", async () => {
    const seeded = await control(url(), "POST", "/seed/flow-definition", { name: "workers", taskCount: 1 });
    expect(seeded.status).toBe(200);
    await startLoop("review-1", seeded.body.flowDefinitionArn);

    const tasks = await control(url(), "GET", "/tasks?flowDefinitionName=workers");
    expect(tasks.body).toEqual([expect.objectContaining({ humanLoopName: "review-1", input: { n: "review-1" }, slots: [{ status: "open" }] })]);

    const claim = await control(url(), "POST", "/workers/accept", { humanLoopName: "review-1", workerId: "w-1" });
    expect(claim.body).toEqual({ workerId: "w-1", humanLoopName: "review-1", acceptedAt: expect.any(String), deadline: expect.any(String) });
    expect((await control(url(), "GET", "/tasks?slotStatus=claimed")).body).toHaveLength(1);

    expect((await control(url(), "POST", "/workers/abandon", { humanLoopName: "review-1", workerId: "w-1" })).status).toBe(200);
    expect((await control(url(), "GET", "/tasks?slotStatus=open")).body).toHaveLength(1);
    const notHeld = await control(url(), "POST", "/workers/abandon", { humanLoopName: "review-1", workerId: "w-1" });
    expect(notHeld).toEqual({ status: 400, body: { error: expect.stringContaining("holds no claim") } });

    await control(url(), "POST", "/workers/accept", { humanLoopName: "review-1", workerId: "w-2" });
    const submitted = await control(url(), "POST", "/workers/submit", { humanLoopName: "review-1", workerId: "w-2", answer: { ok: true } });
    expect(submitted.body).toEqual({ workerId: "w-2", humanLoopName: "review-1" });
    expect(await status("review-1")).toBe("Completed");

    const outputs = (await control(url(), "GET", "/outputs")).body;
    expect(outputs).toEqual([
      expect.objectContaining({ document: expect.objectContaining({ humanLoopName: "review-1", humanAnswers: [expect.objectContaining({ workerId: "w-2", answerContent: { ok: true } })] }) }),
    ]);
    const events = (await control(url(), "GET", "/events")).body;
    expect(events.map((e: { detail: { humanLoopName: string; humanLoopStatus: string } }) => [e.detail.humanLoopName, e.detail.humanLoopStatus])).toEqual([
      ["review-1", "Completed"],
    ]);
    const loops = (await control(url(), "GET", "/human-loops?status=Completed")).body;
    expect(loops.map((l: { humanLoopName: string }) => l.humanLoopName)).toEqual(["review-1"]);
  });

  it("seeds workforces, work teams, vendor teams and named workers; output.json reports the OIDC identity", async () => {
    const wf = await control(url(), "POST", "/seed/workforce", { oidc: { issuer: "https://idp.example.com" } });
    expect(wf).toEqual({ status: 200, body: { workforceArn: expect.stringMatching(/:workforce\/default$/) } });
    expect((await control(url(), "POST", "/seed/workforce", {})).body).toEqual({ error: expect.stringContaining("one private workforce"), code: "ValidationException" });
    const team = await control(url(), "POST", "/seed/workteam", { name: "finance", groups: ["finance"] });
    const vendor = await control(url(), "POST", "/seed/vendor-workteam", { name: "acme", sellerName: "Acme" });
    expect(vendor.body.workteamArn).toContain("vendor-crowd/acme");
    expect((await control(url(), "GET", "/workforces")).body).toEqual([
      expect.objectContaining({ workforceName: "default", status: "Active", identityProviderType: "Oidc", issuer: "https://idp.example.com", workteams: [expect.objectContaining({ workteamName: "finance", groups: ["finance"] })] }),
    ]);
    expect((await control(url(), "POST", "/workers", { workerId: "ann", groups: ["finance"], sub: "sub-ann" })).status).toBe(200);
    expect((await control(url(), "POST", "/workers", { workerId: "bo", groups: ["tax"] })).status).toBe(200);
    expect((await control(url(), "POST", "/workers", { workerId: "cy" })).status).toBe(400);

    const fd = (await control(url(), "POST", "/seed/flow-definition", { name: "oidc-review", workteamArn: team.body.workteamArn })).body;
    await startLoop("oidc-1", fd.flowDefinitionArn);
    const refused = await control(url(), "POST", "/workers/submit", { humanLoopName: "oidc-1", workerId: "bo", answer: {} });
    expect(refused).toEqual({ status: 400, body: { error: expect.stringContaining("is not a member of work team 'finance'") } });
    await control(url(), "POST", "/workers/submit", { humanLoopName: "oidc-1", workerId: "ann", answer: {} });
    const [output] = (await control(url(), "GET", "/outputs")).body;
    expect(output.document.humanAnswers[0].workerMetadata).toEqual({
      identityData: { identityProviderType: "Oidc", issuer: "https://idp.example.com", sub: "sub-ann" },
    });
  });

  it("runs auto-responders on the manual clock until cancelled", async () => {
    const { body: fd } = await control(url(), "POST", "/seed/flow-definition", { name: "auto" });
    const responder = await control(url(), "POST", "/workers/auto-respond", { flowDefinition: "auto", answer: { auto: 1 }, workMs: 60_000 });
    expect(responder.body).toEqual({ id: expect.stringMatching(/^responder-/) });

    await startLoop("auto-1", fd.flowDefinitionArn);
    await control(url(), "POST", "/clock/advance", { ms: 59_999 });
    expect(await status("auto-1")).toBe("InProgress");
    await control(url(), "POST", "/clock/advance", { ms: 1 });
    expect(await status("auto-1")).toBe("Completed");

    expect((await control(url(), "DELETE", `/workers/auto-respond/${responder.body.id}`)).body).toEqual({ cancelled: 1 });
    await startLoop("auto-2", fd.flowDefinitionArn);
    await control(url(), "POST", "/clock/advance", { ms: 120_000 });
    expect(await status("auto-2")).toBe("InProgress");
    expect((await control(url(), "DELETE", `/workers/auto-respond/${responder.body.id}`)).status).toBe(404);
  });

  it("lists and forgets calls, and reset empties the fake", async () => {
    const { body: fd } = await control(url(), "POST", "/seed/flow-definition", { name: "history" });
    await startLoop("h-1", fd.flowDefinitionArn);
    const calls = (await control(url(), "GET", "/calls?operation=StartHumanLoop")).body;
    expect(calls).toEqual([
      expect.objectContaining({ service: "SageMaker A2I Runtime", operation: "StartHumanLoop", ok: true, input: expect.objectContaining({ HumanLoopName: "h-1" }) }),
    ]);
    expect((await control(url(), "DELETE", "/calls")).status).toBe(200);
    expect((await control(url(), "GET", "/calls")).body).toEqual([]);

    expect((await control(url(), "GET", "/flow-definitions")).body.map((f: { flowDefinitionName: string }) => f.flowDefinitionName)).toEqual(["history"]);
    expect((await control(url(), "POST", "/reset")).status).toBe(200);
    expect((await control(url(), "GET", "/flow-definitions")).body).toEqual([]);
    expect((await control(url(), "GET", "/human-loops")).body).toEqual([]);
  });

  it("injects faults: an error, and a latency that only the manual clock ends", async () => {
    const { body: fd } = await control(url(), "POST", "/seed/flow-definition", { name: "faulty" });
    await startLoop("f-1", fd.flowDefinitionArn);
    const runtime = new SageMakerA2IRuntimeClient({
      endpoint: url(),
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDFAULTS", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    try {
      await control(url(), "POST", "/faults", { operation: "DescribeHumanLoop", error: "ThrottlingException" });
      const throttled = runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "f-1" }));
      await expect(throttled).rejects.toBeInstanceOf(ThrottlingException);

      const slow = await control(url(), "POST", "/faults", { operation: "DescribeHumanLoop", latencyMs: 5000 });
      let answered = false;
      const pending = runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "f-1" })).then((out) => {
        answered = true;
        return out;
      });
      // The server answers a health check meanwhile; the delayed call is still waiting.
      expect((await control(url(), "GET", "/health")).status).toBe(200);
      expect(answered).toBe(false);
      await control(url(), "POST", "/clock/advance", { ms: 5000 });
      expect((await pending).HumanLoopStatus).toBe("InProgress");
      expect((await control(url(), "DELETE", `/faults/${slow.body.id}`)).body).toEqual({ cancelled: 1 });
      expect((await control(url(), "DELETE", `/faults/${slow.body.id}`)).status).toBe(404);
    } finally {
      runtime.destroy();
    }
  });

  it("refuses to advance a real-time server's clock", async () => {
    const realTime = await startServer({ realTime: true });
    try {
      expect((await control(realTime.url, "GET", "/health")).body.clock).toBe("real");
      const refused = await control(realTime.url, "POST", "/clock/advance", { ms: 1000 });
      expect(refused).toEqual({ status: 409, body: { error: expect.stringContaining("real clock") } });
      // One prefix, not "[a2i-fake] [a2i-fake] ..." (a new user's trial).
      expect(refused.body.error).toMatch(/^\[a2i-fake\] This server runs on the real clock/);
      expect(() => realTime.advanceClock(1)).toThrow(/real clock/);
    } finally {
      await realTime.close();
    }
  });

  it("answers a worker operation on a loop that does not exist 404, with the in-process message", async () => {
    for (const [path, body] of [
      ["/workers/submit", { humanLoopName: "never-started", answer: {} }],
      ["/workers/accept", { humanLoopName: "never-started" }],
      ["/workers/abandon", { humanLoopName: "never-started", workerId: "w1" }],
    ] as const) {
      const res = await control(url(), "POST", path, body);
      expect(res).toEqual({ status: 404, body: { error: expect.stringMatching(/^\[a2i-fake\] No human loop named 'never-started' exists: it was never started/) } });
    }
  });

  it("answers unknown control paths with a JSON 404 naming the docs", async () => {
    const res = await raw(url(), "GET", "/_a2i/whatever");
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: expect.stringContaining("docs/server.md") });
  });

  it("shows a task's rendered HTML and form, and submits a form fill (a wrong field keeps the claim for a corrected fill)", async () => {
    const template = `<crowd-form><p>{{ task.input.n | append: " & co" }}</p><crowd-classifier name="animal" categories="['cat', 'dog']"></crowd-classifier></crowd-form>`;
    const ui = env.server.fake.seedHumanTaskUi({ name: "animals", content: template });
    const seeded = await control(url(), "POST", "/seed/flow-definition", { name: "forms", humanTaskUiArn: ui.humanTaskUiArn });
    await startLoop("review-9", seeded.body.flowDefinitionArn);

    const page = await raw(url(), "GET", "/_a2i/tasks/html?humanLoopName=review-9");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.text).toBe(`<crowd-form><p>review-9 &amp; co</p><crowd-classifier name="animal" categories="['cat', 'dog']"></crowd-classifier></crowd-form>`);
    expect((await control(url(), "GET", "/tasks/form?humanLoopName=review-9")).body).toEqual({
      humanLoopName: "review-9",
      fields: [{ name: "animal", element: "crowd-classifier", accepts: 'one of "cat", "dog"', options: ["cat", "dog"], required: false }],
    });
    expect((await control(url(), "GET", "/tasks/html")).status).toBe(400);

    const wrong = await control(url(), "POST", "/workers/submit-form", { humanLoopName: "review-9", workerId: "w-1", fields: { animl: "cat" } });
    expect(wrong).toEqual({ status: 400, body: { error: expect.stringContaining("the task's form has no field named 'animl'. Its fields: animal (crowd-classifier") } });
    expect((await control(url(), "GET", "/tasks?slotStatus=claimed")).body).toHaveLength(1);
    const ok = await control(url(), "POST", "/workers/submit-form", { humanLoopName: "review-9", workerId: "w-1", fields: { animal: "dog" } });
    expect(ok).toEqual({ status: 200, body: { workerId: "w-1", humanLoopName: "review-9" } });
    expect(env.server.fake.humanLoop("review-9")?.answers.map((a) => a.answerContent)).toEqual([{ animal: { label: "dog" } }]);
  });
});
