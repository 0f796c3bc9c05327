/** Set-up shared by the test directories, written the way a user's test file sets a fake up. */
import { CreateFlowDefinitionCommand, DescribeFlowDefinitionCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { A2IFake, type A2IFakeOptions } from "../../src/index.js";

/** A fake installed for the enclosing `describe`: install once, reset after each test, uninstall at the end. */
export function installFake(options: A2IFakeOptions = {}): A2IFake {
  const a2i = new A2IFake(options);
  beforeAll(() => {
    a2i.install();
  });
  afterEach(() => a2i.reset());
  afterAll(() => a2i.uninstall());
  return a2i;
}

/** jest modern fake timers (Date, timers, nextTick, queueMicrotask) starting at `start`, per test. */
export function useJestFakeTimersFrom(start: number): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: start });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

/**
 * CreateFlowDefinition `name` through `client` (so it starts `Initializing`), on the work team and task UI of a
 * seeded flow definition, with a role of `accountId`.
 */
export async function createFlowDefinition(
  client: SageMakerClient,
  name: string,
  seeded: { workteamArn: string; humanTaskUiArn: string },
  accountId: string,
): Promise<void> {
  await client.send(
    new CreateFlowDefinitionCommand({
      FlowDefinitionName: name,
      RoleArn: `arn:aws:iam::${accountId}:role/a2i`,
      OutputConfig: { S3OutputPath: "s3://bucket/out" },
      HumanLoopConfig: { WorkteamArn: seeded.workteamArn, HumanTaskUiArn: seeded.humanTaskUiArn, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 },
    }),
  );
}

/** The FlowDefinitionStatus DescribeFlowDefinition answers for `name`. */
export async function flowDefinitionStatus(client: SageMakerClient, name: string): Promise<string | undefined> {
  return (await client.send(new DescribeFlowDefinitionCommand({ FlowDefinitionName: name }))).FlowDefinitionStatus;
}
