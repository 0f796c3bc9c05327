/**
 * A Textract or Rekognition call with `HumanLoopConfig`: find the flow definition, evaluate its activation
 * conditions against the model's result, and start the human loop through the same machinery as StartHumanLoop
 * (name rules, quotas, events, workers, output.json), with the built-in InputContent of a2i-next-spec.md §1.9.
 * Errors are the calling service's (§1.8, decisions.md "Built-in task types"): InvalidParameterException (400),
 * HumanLoopQuotaExceededException (402).
 */
import { AwsServiceError, invalidParameterException } from "../errors.js";
import type { RegionBackend } from "../region-backend.js";
import { camelCased } from "./camel-case.js";
import type { CamelResponse } from "./camel-responses.js";
import { ResponseJson } from "./input-json.js";
import type { RequestSource } from "./conditions.js";
import { ALWAYS, evaluate, type Evaluation, type Subject } from "./evaluate.js";
import { sampler } from "./sampling.js";

/** "Request has invalid parameters" is the text AWS answers (aws/aws-sdk-js-v3#3306, with AnalyzeDocument). */
const INVALID = "Request has invalid parameters";

/** The request's HumanLoopConfig. */
export interface BuiltInLoopConfig {
  readonly humanLoopName: string;
  readonly flowDefinitionArn: string;
  readonly contentClassifiers: readonly string[];
}

export interface BuiltInLoopRequest {
  readonly source: RequestSource;
  /** The request as the SDK user sent it (PascalCase). */
  readonly request: Record<string, unknown>;
  /** The model's result as the service answers it (PascalCase, without HumanLoopActivationOutput). */
  readonly response: Record<string, unknown>;
  /** `aiServices.camelResponses.get(response)`, which the service also answers from (undefined: not JSON data). */
  readonly shared: CamelResponse | undefined;
  readonly subject: Subject;
  /** The part of the response reviewers see, from the camelCased response and the selected inferences. */
  readonly select: (selected: Evaluation["selected"], response: Record<string, unknown>) => Record<string, unknown>;
  /** The document's identity for Sampling: `s3://bucket/key`, or a hash of the bytes. */
  readonly document: string;
}

/** HumanLoopActivationOutput (TX-MODEL/RK-MODEL), as decisions.md fills it. */
export interface ActivationOutput {
  HumanLoopArn?: string;
  HumanLoopActivationReasons?: string[];
  HumanLoopActivationConditionsEvaluationResults?: string;
}

export const MAINTENANCE_MESSAGE =
  "Amazon Augmented AI (A2I) is in maintenance mode and no longer accepts new customers: this account is not an existing Amazon A2I customer.";

export function startBuiltInLoop(region: RegionBackend, req: BuiltInLoopRequest, config: BuiltInLoopConfig): ActivationOutput {
  const fd = region.flowDefinitions.byArn(config.flowDefinitionArn);
  const { accountId, region: regionName } = region.scope;
  if (!fd) {
    throw invalidParameterException(
      `${INVALID}: FlowDefinition ${config.flowDefinitionArn} does not exist in account ${accountId} and Region ${regionName}. Flow definitions must be in the Region of the ${serviceOf(req.source)} call.`,
    );
  }
  if (fd.status !== "Active") {
    throw invalidParameterException(`${INVALID}: FlowDefinition ${fd.arn} is ${fd.status}; human loops can only be started with an Active flow definition.`);
  }
  if (!fd.builtIn) {
    throw invalidParameterException(
      `${INVALID}: FlowDefinition ${fd.arn} is a custom task type (it has no HumanLoopRequestSource); ${serviceOf(req.source)} needs one created with HumanLoopRequestSource ${req.source}. Start loops of custom task types with StartHumanLoop.`,
    );
  }
  if (fd.builtIn.source !== req.source) {
    throw invalidParameterException(
      `${INVALID}: FlowDefinition ${fd.arn} has HumanLoopRequestSource ${fd.builtIn.source}; ${serviceOf(req.source)} needs ${req.source}.`,
    );
  }
  const conditions = fd.builtIn.conditions;
  const ev = conditions
    ? evaluate(conditions, req.subject, sampler(region.backend.aiServices.seed, fd.arn, req.document, region.backend.aiServices.samplingOverride))
    : ALWAYS;
  const resultsJson = JSON.stringify(ev.results);
  const results = conditions ? { HumanLoopActivationConditionsEvaluationResults: resultsJson } : {};
  if (!ev.activated) return results;

  const existing = region.humanLoops.get(config.humanLoopName);
  if (existing) {
    throw invalidParameterException(
      existing.status === "InProgress"
        ? `HumanLoop '${config.humanLoopName}' already exists. Human loop names are unique within the Region in your account: try your request again with a different HumanLoopName.`
        : `HumanLoop '${config.humanLoopName}' already exists and is finished. To start a new HumanLoop, you can try your request again with a different HumanLoopName.`,
    );
  }
  // The declared document seen before (the usual case) is neither copied nor written again (camel-responses.ts).
  const shared = req.shared;
  const response = shared?.camel ?? (camelCased(req.response) as Record<string, unknown>);
  const input = {
    aiServiceRequest: camelCased(req.request),
    aiServiceResponse: response,
    ...(req.source === "AWS/Textract/AnalyzeDocument/Forms/V1" ? { humanLoopContext: { importantFormKeys: ev.importantFormKeys } } : {}),
    // The evaluation tree shares its conditions' members with other evaluations: a loop that keeps its input
    // object (not a shared response) gets its own copy.
    humanTaskActivationConditionResults: shared ? ev.results : JSON.parse(resultsJson),
    selectedAiServiceResponse: req.select(ev.selected, response),
  };
  const responseJson = shared?.json ?? (isPlainRecord(response) ? new ResponseJson(response) : undefined);
  const inputContent = responseJson ? inputJson(input, response, resultsJson, responseJson) : JSON.stringify(input);
  try {
    const { loop } = region.humanLoops.start({
      name: config.humanLoopName,
      flowDefinitionArn: fd.arn,
      inputContent,
      // With a shared response, the render reads the shared objects and the loop parses its own input from the
      // text when first asked; otherwise the input is built from fresh copies (camelCased). Either way the loop's
      // input shares no object with the declared result or the response the caller gets.
      ...(shared ? { renderInput: input } : { parsedInput: input }),
      contentClassifiers: config.contentClassifiers,
    });
    return { HumanLoopArn: loop.arn, HumanLoopActivationReasons: ["ConditionsEvaluation"], ...results };
  } catch (err) {
    throw asServiceError(err, req.source);
  }
}

/** StartHumanLoop's errors, in the calling service's vocabulary. */
function asServiceError(err: unknown, source: RequestSource): unknown {
  if (!(err instanceof AwsServiceError)) return err;
  if (err.code === "ServiceQuotaExceededException") {
    const text =
      source === "AWS/Textract/AnalyzeDocument/Forms/V1"
        ? "Indicates you have exceeded the maximum number of active human in the loop workflows available"
        : "The number of in-progress human reviews you have has exceeded the number allowed";
    return new AwsServiceError("HumanLoopQuotaExceededException", `${text}. ${err.message}`, 402, {
      ResourceType: "HumanLoop",
      QuotaCode: "a2i-fake:maxInProgressHumanLoops",
      ServiceCode: "sagemaker",
    });
  }
  if (err.code === "ValidationException" || err.code === "ConflictException") return invalidParameterException(err.message);
  return err;
}

/** JSON.stringify(input), with the response's text written once and the evaluation's text reused (input-json.ts). */
function inputJson(input: Record<string, unknown>, response: Record<string, unknown>, resultsJson: string, responseJson: ResponseJson): string {
  let out = "";
  for (const key of Object.keys(input)) {
    const value = input[key];
    const json =
      key === "aiServiceResponse" && value === response
        ? responseJson.json
        : key === "humanTaskActivationConditionResults"
          ? resultsJson
          : key === "selectedAiServiceResponse" && isPlainRecord(value)
            ? responseJson.selectionJson(value)
            : JSON.stringify(value);
    if (json !== undefined) out += `${out === "" ? "" : ","}${JSON.stringify(key)}:${json}`;
  }
  return `{${out}}`;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== "function";

const serviceOf = (source: RequestSource) =>
  source === "AWS/Textract/AnalyzeDocument/Forms/V1" ? "Textract AnalyzeDocument" : "Rekognition DetectModerationLabels";
