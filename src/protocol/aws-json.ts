/**
 * awsJson1_1, the SageMaker wire format (spec §1.1): `POST /` with `X-Amz-Target: SageMaker.<Operation>`,
 * JSON bodies, timestamps as epoch seconds (fractional), errors as HTTP 400 with
 * `{"__type": "<Code>", "Message": "..."}` (decisions.md).
 */
import type { AwsServiceError } from "../model/errors.js";
import type { RegionBackend } from "../model/region-backend.js";
import { invoke, type Service } from "../services/service.js";
import { asServiceError, jsonBody, nextRequestId, stringifyWithDates, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.1";

export function operationOf(request: WireRequest, targetPrefix: string): string | undefined {
  const target = request.headers["x-amz-target"];
  if (!target || !target.startsWith(`${targetPrefix}.`)) return undefined;
  return target.slice(targetPrefix.length + 1);
}

/**
 * Answer one awsJson1_1 request. Throws UnsupportedOperationError for an operation the fake does not
 * serve (the transport decides how to report it) and any error that is the fake's own bug.
 */
export function handleAwsJson(service: Service, targetPrefix: string, request: WireRequest, region: RegionBackend): WireResponse {
  const operation = operationOf(request, targetPrefix) ?? "";
  try {
    const output = invoke(service, operation, region, jsonBody(request.body));
    return {
      statusCode: 200,
      headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
      body: stringifyWithDates(output, (d) => d.getTime() / 1000),
    };
  } catch (err) {
    const serviceError = asServiceError(err);
    if (!serviceError) throw err;
    return awsJsonError(serviceError);
  }
}

export function awsJsonError(err: AwsServiceError): WireResponse {
  return {
    statusCode: 400,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
    body: JSON.stringify({ __type: err.code, Message: err.message }),
  };
}
