/**
 * Helpers for the consumer-style tests in test/workforce/: the fake set up as a user's test file would,
 * and thin wrappers over the real SDK clients. Nothing here reaches into the fake's internals.
 */
import { useJestFakeTimersFrom } from "../support/setup.js";
import {
  DeleteHumanLoopCommand,
  DescribeHumanLoopCommand,
  SageMakerA2IRuntimeClient,
  StartHumanLoopCommand,
  StopHumanLoopCommand,
  type DescribeHumanLoopCommandOutput,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** 2026-03-04T05:06:07.890Z: where the fake clock starts in these tests. */
export const T0 = Date.parse("2026-03-04T05:06:07.890Z");

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export const loopArn = (name: string): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:human-loop/${name}`;
export const flowDefinitionArnOf = (name: string): string =>
  `arn:aws:sagemaker:${REGION}:${ACCOUNT}:flow-definition/${name}`;

export { installFake } from "../support/setup.js";

/** jest modern fake timers starting at T0 (or `start`) for each test of the enclosing `describe`. */
export const useJestFakeTimers = (start = T0): void => useJestFakeTimersFrom(start);

/** Real SDK clients with no region and no credentials, as on a bare CI machine. */
export function clients(): { runtime: SageMakerA2IRuntimeClient; s3: S3Client } {
  return { runtime: new SageMakerA2IRuntimeClient({}), s3: new S3Client({}) };
}

export async function startLoop(
  runtime: SageMakerA2IRuntimeClient,
  name: string,
  flowDefinitionArn: string,
  input: unknown = { item: name },
): Promise<string> {
  const out = await runtime.send(
    new StartHumanLoopCommand({
      HumanLoopName: name,
      FlowDefinitionArn: flowDefinitionArn,
      HumanLoopInput: { InputContent: JSON.stringify(input) },
    }),
  );
  return out.HumanLoopArn!;
}

export function describeLoop(runtime: SageMakerA2IRuntimeClient, name: string): Promise<DescribeHumanLoopCommandOutput> {
  return runtime.send(new DescribeHumanLoopCommand({ HumanLoopName: name }));
}

export async function statusOf(runtime: SageMakerA2IRuntimeClient, name: string): Promise<string | undefined> {
  return (await describeLoop(runtime, name)).HumanLoopStatus;
}

export function stopLoop(runtime: SageMakerA2IRuntimeClient, name: string): Promise<unknown> {
  return runtime.send(new StopHumanLoopCommand({ HumanLoopName: name }));
}

export function deleteLoop(runtime: SageMakerA2IRuntimeClient, name: string): Promise<unknown> {
  return runtime.send(new DeleteHumanLoopCommand({ HumanLoopName: name }));
}

/** `s3://bucket/key` → { Bucket, Key }. */
export function s3Location(uri: string): { Bucket: string; Key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw new Error(`not an s3:// URI: ${uri}`);
  return { Bucket: m[1]!, Key: m[2]! };
}

export interface OutputDocument {
  flowDefinitionArn: string;
  humanAnswers: Array<{
    acceptanceTime: string;
    answerContent: unknown;
    submissionTime: string;
    timeSpentInSeconds: number;
    workerId: string;
    workerMetadata?: { identityData: { identityProviderType: string; issuer: string; sub: string } };
  }>;
  humanLoopName: string;
  inputContent: unknown;
}

/** The loop's output.json read with GetObject through the real S3Client. */
export async function readOutput(runtime: SageMakerA2IRuntimeClient, s3: S3Client, loopName: string): Promise<OutputDocument> {
  const uri = (await describeLoop(runtime, loopName)).HumanLoopOutput!.OutputS3Uri!;
  const object = await s3.send(new GetObjectCommand(s3Location(uri)));
  return JSON.parse(await object.Body!.transformToString()) as OutputDocument;
}

/** Whether the loop's output.json exists, by HeadObject (false on S3's `NotFound`). */
export async function outputExists(runtime: SageMakerA2IRuntimeClient, s3: S3Client, loopName: string): Promise<boolean> {
  const uri = (await describeLoop(runtime, loopName)).HumanLoopOutput!.OutputS3Uri!;
  try {
    await s3.send(new HeadObjectCommand(s3Location(uri)));
    return true;
  } catch (err) {
    if ((err as Error).name === "NotFound") return false;
    throw err;
  }
}

/** The rejection of `promise`, so several properties of the error can be asserted. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to be rejected, but it succeeded");
}

/** The error `fn` throws (synchronously). */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to throw, but it returned");
}
