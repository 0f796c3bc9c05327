import {
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  DescribeHumanLoopCommand,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { SageMakerClient, CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand, ResourceNotFound } from "@aws-sdk/client-sagemaker";
import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";
import { A2IFake } from "../src/index.js";

describe("smoke", () => {
  const a2i = new A2IFake();
  beforeAll(() => a2i.install());
  afterAll(() => a2i.uninstall());
  afterEach(() => a2i.reset());

  it("runs a loop end to end", async () => {
    jest.useFakeTimers();
    try {
      const runtime = new SageMakerA2IRuntimeClient({});
      const { flowDefinitionArn } = a2i.seedFlowDefinition({ name: "fd" });
      const { HumanLoopArn } = await runtime.send(
        new StartHumanLoopCommand({
          HumanLoopName: "loop-1",
          FlowDefinitionArn: flowDefinitionArn,
          HumanLoopInput: { InputContent: JSON.stringify({ q: 1 }) },
        }),
      );
      expect(HumanLoopArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:human-loop/loop-1");
      a2i.workforce.submit("loop-1", { ok: true });
      const d = await runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: "loop-1" }));
      expect(d.HumanLoopStatus).toBe("Completed");
      expect(d.CreationTime).toBeInstanceOf(Date);
      const s3 = new S3Client({});
      const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(d.HumanLoopOutput!.OutputS3Uri!)!;
      const obj = await s3.send(new GetObjectCommand({ Bucket: m[1], Key: m[2] }));
      const doc = JSON.parse(await obj.Body!.transformToString());
      expect(doc.humanAnswers[0].answerContent).toEqual({ ok: true });
      const sm = new SageMakerClient({});
      await expect(sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "nope" }))).rejects.toBeInstanceOf(ResourceNotFound);
      const created = await sm.send(new CreateFlowDefinitionCommand({
        FlowDefinitionName: "fd2", RoleArn: "arn:aws:iam::123456789012:role/r", OutputConfig: { S3OutputPath: "s3://b/p" },
        HumanLoopConfig: { WorkteamArn: "arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default", HumanTaskUiArn: "arn:aws:sagemaker:us-east-1:123456789012:human-task-ui/a2i-fake-task-ui", TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
      }));
      const fd = await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd2" }));
      expect(fd.FlowDefinitionStatus).toBe("Initializing");
      expect(fd.CreationTime).toBeInstanceOf(Date);
      jest.advanceTimersByTime(2000);
      expect((await sm.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: "fd2" }))).FlowDefinitionStatus).toBe("Active");
      expect(created.FlowDefinitionArn).toContain("fd2");
    } finally {
      jest.useRealTimers();
    }
  });
});
