/** StopHumanLoop and DeleteHumanLoop through the real SageMakerA2IRuntimeClient (spec §4.2; decisions.md). */
import {
  DeleteHumanLoopCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StopHumanLoopCommand,
  ValidationException,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { describeLoop, installFake, rejectionOf, startLoop, statusOf, useJestFakeTimers } from "./helpers.js";

describe("StopHumanLoop", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});
  const stop = (name: string) => runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }));

  it("stops an InProgress loop no worker started: Stopped at once, HTTP 200", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "idle", flowDefinitionArn);
    const out = await stop("idle");
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await statusOf(runtime, "idle")).toBe("Stopped");
    expect(a2i.workforce.tasks()).toEqual([]);
  });

  it("a loop a worker holds is Stopping until the worker submits, then Stopped", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "busy", flowDefinitionArn);
    const claim = a2i.workforce.accept("busy", { workerId: "w-1" });
    await stop("busy");
    expect(await statusOf(runtime, "busy")).toBe("Stopping");
    claim.submit({ verdict: "ok" });
    expect(await statusOf(runtime, "busy")).toBe("Stopped");
  });

  it.each([
    ["Stopping", "held"],
    ["Stopped", "stopped"],
    ["Completed", "completed"],
    ["Failed", "failed"],
  ] as const)("on a %s loop -> ValidationException naming the status", async (status, name) => {
    const privateFd = a2i.seedFlowDefinition({ name: "private" });
    const publicFd = a2i.seedFlowDefinition({ name: "public", workteamArn: "public" });
    await startLoop(runtime, name, status === "Failed" ? publicFd.flowDefinitionArn : privateFd.flowDefinitionArn);
    if (status === "Stopping") {
      a2i.workforce.accept(name);
      await stop(name);
    }
    if (status === "Stopped") await stop(name);
    if (status === "Completed") a2i.workforce.submit(name, {});
    expect(await statusOf(runtime, name)).toBe(status);

    const err = await rejectionOf(stop(name));
    expect(err).toBeInstanceOf(ValidationException);
    expect(err.$fault).toBe("client");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(err.message).toContain(name);
    expect(err.message).toContain(status);
    expect(await statusOf(runtime, name)).toBe(status); // unchanged
  });

  it("an unknown loop -> ResourceNotFoundException (404)", async () => {
    const err = await rejectionOf(stop("ghost"));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
  });
});

describe("DeleteHumanLoop", () => {
  const a2i = installFake();
  useJestFakeTimers();
  const runtime = new SageMakerA2IRuntimeClient({});
  const del = (name: string) => runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: name }));

  it("an InProgress loop -> ValidationException (stop it first)", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "running", flowDefinitionArn);
    const err = await rejectionOf(del("running"));
    expect(err).toBeInstanceOf(ValidationException);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(err.message).toContain("InProgress");
    expect(await statusOf(runtime, "running")).toBe("InProgress");
  });

  it("a Stopping loop -> ValidationException", async () => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
    await startLoop(runtime, "stopping", flowDefinitionArn);
    a2i.workforce.accept("stopping");
    await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "stopping" }));
    const err = await rejectionOf(del("stopping"));
    expect(err).toBeInstanceOf(ValidationException);
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    expect(err.message).toContain("Stopping");
    expect(await statusOf(runtime, "stopping")).toBe("Stopping");
  });

  it.each(["Completed", "Stopped", "Failed"] as const)("a %s loop is deleted: HTTP 200, then ResourceNotFoundException", async (status) => {
    const { flowDefinitionArn } = a2i.seedFlowDefinition({
      name: "fd",
      ...(status === "Failed" ? { workteamArn: "public" } : {}),
    });
    await startLoop(runtime, "finished", flowDefinitionArn);
    if (status === "Completed") a2i.workforce.submit("finished", {});
    if (status === "Stopped") await runtime.send(new StopHumanLoopCommand({ HumanLoopName: "finished" }));
    expect(await statusOf(runtime, "finished")).toBe(status);

    const out = await del("finished");
    expect(out.$metadata.httpStatusCode).toBe(200);

    const describeErr = await rejectionOf(describeLoop(runtime, "finished"));
    expect(describeErr).toBeInstanceOf(ResourceNotFoundException);
    expect((describeErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    const deleteErr = await rejectionOf(del("finished"));
    expect(deleteErr).toBeInstanceOf(ResourceNotFoundException);
    expect((deleteErr.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    await expect(runtime.send(new StopHumanLoopCommand({ HumanLoopName: "finished" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("an unknown loop -> ResourceNotFoundException (404)", async () => {
    const err = await rejectionOf(del("ghost"));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe("ResourceNotFoundException");
    expect((err.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
  });
});
