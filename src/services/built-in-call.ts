/**
 * What Textract AnalyzeDocument and Rekognition DetectModerationLabels share: input checks in the services'
 * vocabulary, the document's identity, and the human loop of `HumanLoopConfig` (a2i-next-spec.md §1).
 */
import { createHash } from "node:crypto";
import { invalidParameterException } from "../model/errors.js";
import type { RegionBackend } from "../model/region-backend.js";
import { startBuiltInLoop, type ActivationOutput, type BuiltInLoopRequest } from "../model/activation/built-in-loop.js";
import { inputViolations, messageMaxOf, validationMessage } from "./validate.js";
import { SERVICE_MODELS } from "./generated/index.js";
import type { CamelResponse } from "../model/activation/camel-responses.js";
import { withEncodedMembers, type EncodedOutput, type JsonObject } from "./service.js";

/**
 * Textract and Rekognition answer constraint failures with InvalidParameterException, "Request has invalid
 * parameters" (aws/aws-sdk-js-v3#3306), not ValidationException; the details of the failure follow.
 */
export function validateBuiltIn(serviceId: "Textract" | "Rekognition", operation: string, input: JsonObject): void {
  const errors = inputViolations(serviceId, operation, input);
  if (errors.length === 0) return;
  const model = SERVICE_MODELS[serviceId]!;
  const prefix = "Request has invalid parameters: ";
  throw invalidParameterException(`${prefix}${validationMessage(errors, (messageMaxOf(model) ?? 1024 + prefix.length) - prefix.length)}`);
}

type Source = { Bytes?: unknown; S3Object?: { Bucket?: string; Name?: string; Version?: string } };

/** The document (or image) with `Bytes` as the Uint8Array the SDK user passed (awsJson1_1 sends base64). */
export function withBytes(doc: Source | undefined): Source | undefined {
  if (!doc || typeof doc.Bytes !== "string") return doc;
  return { ...doc, Bytes: new Uint8Array(Buffer.from(doc.Bytes, "base64")) };
}

/** Sampling's identity of a document: S3 bucket, key and version, or a hash of the bytes (decisions.md). */
export function documentIdentity(doc: Source | undefined): string {
  const s3 = doc?.S3Object;
  if (s3) return `s3://${s3.Bucket ?? ""}/${s3.Name ?? ""}${s3.Version ? `?versionId=${s3.Version}` : ""}`;
  const bytes = doc?.Bytes instanceof Uint8Array ? doc.Bytes : new Uint8Array();
  return `bytes:sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/**
 * The declared result's defined members without HumanLoopActivationOutput (the fake's to add), in order: a copy
 * by a plain loop (an object rest pattern copies through a slow runtime path, on every call).
 */
export function declaredResult<T extends object>(declared: T): T {
  const out: Record<string, unknown> = {};
  const record = declared as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (key !== "HumanLoopActivationOutput" && value !== undefined) out[key] = value;
  }
  return out as T;
}

/**
 * The service's output: the result, then HumanLoopActivationOutput when there is one. A result met before (`shared`)
 * is written from its kept JSON text: a Textract document is not written again for every call.
 */
export function builtInOutput(
  result: JsonObject,
  shared: CamelResponse | undefined,
  activation: ActivationOutput | undefined,
): JsonObject | EncodedOutput {
  const rest: JsonObject = {};
  if (activation !== undefined) result.HumanLoopActivationOutput = rest.HumanLoopActivationOutput = activation;
  return shared ? withEncodedMembers(result, { json: shared.pascalJson, rest }) : result;
}

/** HumanLoopActivationOutput for a request with HumanLoopConfig; undefined without one. */
export function activationOutput(region: RegionBackend, input: JsonObject, req: BuiltInLoopRequest): ActivationOutput | undefined {
  const config = input.HumanLoopConfig as JsonObject | undefined;
  if (!config) return undefined;
  return startBuiltInLoop(region, req, {
    humanLoopName: config.HumanLoopName as string,
    flowDefinitionArn: config.FlowDefinitionArn as string,
    contentClassifiers: ((config.DataAttributes as JsonObject | undefined)?.ContentClassifiers as string[] | undefined) ?? [],
  });
}
