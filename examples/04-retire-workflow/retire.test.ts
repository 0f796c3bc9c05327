/**
 * Example 4, the test: the app's cleanup against the rules of the AWS pages "Delete a Flow Definition" and
 * "Delete a Human Loop", with a busy worker that keeps the flow definition Deleting.
 */
import { CreateFlowDefinitionCommand, ListFlowDefinitionsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import {
  ListHumanLoopsCommand,
  ResourceNotFoundException,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { A2IFake } from "../../src/index.js";
import { retireWorkflow } from "./retire.js";

const a2i = new A2IFake();
const runtime = new SageMakerA2IRuntimeClient({});
const sagemaker = new SageMakerClient({});
beforeAll(() => a2i.install());
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  a2i.reset();
  jest.useRealTimers();
});
afterAll(() => a2i.uninstall());

const start = (name: string, arn: string) =>
  runtime.send(new StartHumanLoopCommand({ HumanLoopName: name, FlowDefinitionArn: arn, HumanLoopInput: { InputContent: "{}" } }));

test("a busy worker keeps the flow definition Deleting until the task is done; answers stay in S3; the name is reusable", async () => {
  const seeded = a2i.seedFlowDefinition({ name: "claims-review" });
  await start("finished", seeded.flowDefinitionArn);
  a2i.workforce.submit("finished", { ok: true });
  await start("idle", seeded.flowDefinitionArn);
  await start("busy", seeded.flowDefinitionArn);
  const worker = a2i.workforce.accept("busy");

  const retiring = retireWorkflow("claims-review");
  await jest.advanceTimersByTimeAsync(60_000);
  expect(a2i.flowDefinitions()).toEqual([expect.objectContaining({ flowDefinitionStatus: "Deleting" })]);
  expect(a2i.humanLoops().map((l) => [l.humanLoopName, l.humanLoopStatus])).toEqual([["busy", "Stopping"]]);

  worker.submit({ ok: "late" });
  await jest.advanceTimersByTimeAsync(30_000);
  await expect(retiring).resolves.toEqual({ polls: 4 });

  expect(a2i.outputs().map((o) => o.document.humanLoopName).sort()).toEqual(["busy", "finished"]);
  await expect(runtime.send(new ListHumanLoopsCommand({ FlowDefinitionArn: seeded.flowDefinitionArn }))).rejects.toBeInstanceOf(
    ResourceNotFoundException,
  );
  expect((await sagemaker.send(new ListFlowDefinitionsCommand({}))).FlowDefinitionSummaries).toEqual([]);
  await sagemaker.send(
    new CreateFlowDefinitionCommand({
      FlowDefinitionName: "claims-review",
      RoleArn: "arn:aws:iam::123456789012:role/a2i",
      OutputConfig: { S3OutputPath: seeded.outputPath },
      HumanLoopConfig: { WorkteamArn: seeded.workteamArn, HumanTaskUiArn: seeded.humanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
    }),
  );
});

test("with no worker busy, the flow definition is gone at the first poll", async () => {
  const seeded = a2i.seedFlowDefinition({ name: "claims-review" });
  await start("idle", seeded.flowDefinitionArn);
  await expect(retireWorkflow("claims-review")).resolves.toEqual({ polls: 1 });
  expect(a2i.events.map((e) => [e.detail.humanLoopName, e.detail.humanLoopStatus])).toEqual([["idle", "Stopped"]]);
});
