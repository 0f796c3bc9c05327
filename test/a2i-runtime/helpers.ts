/**
 * Small helpers shared by the consumer-style tests in test/a2i-runtime/ and test/aws-pages/.
 * Everything goes through the real SDK clients; nothing here reaches into the fake's internals.
 */
import { useJestFakeTimersFrom } from "../support/setup.js";
import {
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  type DescribeHumanLoopCommandOutput,
  type StartHumanLoopCommandInput,
  type StartHumanLoopCommandOutput,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** 2026-01-02T03:04:05.678Z: the fake clock's start in every test of these directories. */
export const T0 = Date.parse("2026-01-02T03:04:05.678Z");

export { installFake } from "../support/setup.js";

/** jest modern fake timers starting at T0 (or `start`) for each test of the enclosing `describe`. */
export const useJestFakeTimers = (start = T0): void => useJestFakeTimersFrom(start);

/** The rejection of `promise`, so several properties of the error can be asserted. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (err) {
    return err as Record<string, unknown> & Error;
  }
  throw new Error("expected the call to be rejected, but it succeeded");
}

export function startLoop(
  runtime: SageMakerA2IRuntimeClient,
  name: string,
  flowDefinitionArn: string,
  input: unknown = { item: name },
  extra: Partial<StartHumanLoopCommandInput> = {},
): Promise<StartHumanLoopCommandOutput> {
  return runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: name,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify(input) },
      ...extra,
    }),
  );
}

export function describeLoop(runtime: SageMakerA2IRuntimeClient, name: string): Promise<DescribeHumanLoopCommandOutput> {
  return runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));
}

export async function statusOf(runtime: SageMakerA2IRuntimeClient, name: string): Promise<string | undefined> {
  return (await describeLoop(runtime, name)).HumanLoopStatus;
}

/** `s3://bucket/key` → { Bucket, Key }. */
export function s3Location(uri: string): { Bucket: string; Key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new Error(`not an s3:// URI: ${uri}`);
  return { Bucket: m[1]!, Key: m[2]! };
}

/** GetObject through the real S3Client, parsed as JSON. */
export async function readOutput(s3: S3Client, uri: string): Promise<{
  flowDefinitionArn: string;
  humanLoopName: string;
  inputContent: unknown;
  humanAnswers: Array<{ answerContent: unknown; workerId: string }>;
}> {
  const object = await s3.send(new GetObjectCommand(s3Location(uri)));
  return JSON.parse(await object.Body!.transformToString());
}
