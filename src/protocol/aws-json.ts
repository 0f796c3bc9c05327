/**
 * awsJson1_1, the SageMaker wire format (spec §1.1): `POST /` with `X-Amz-Target: SageMaker.<Operation>`,
 * JSON bodies, timestamps as epoch seconds (fractional), errors as HTTP 400 with
 * `{"__type": "<Code>", "Message": "..."}` (decisions.md).
 */
import type { AwsServiceError } from "../model/errors.js";
import type { EncodedMembers, JsonObject } from "../services/service.js";
import type { ParsedRequest, Protocol } from "./protocol.js";
import { joinJsonObjects, jsonBody, nextRequestId, stringifyWithDates, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.1";

/** A request with its operation from X-Amz-Target (a class, not a closure: one is made for every call). */
class TargetedRequest implements ParsedRequest {
  constructor(
    readonly operation: string,
    private readonly request: WireRequest,
  ) {}

  decode(): JsonObject {
    return jsonBody(this.request.body);
  }
}

export function awsJsonProtocol(targetPrefix: string): Protocol {
  return {
    parse(request: WireRequest): ParsedRequest | undefined {
      const target = request.headers["x-amz-target"];
      if (!target || !target.startsWith(`${targetPrefix}.`)) return undefined;
      return new TargetedRequest(target.slice(targetPrefix.length + 1), request);
    },
    encodeOutput(output: JsonObject, encoded?: EncodedMembers): WireResponse {
      if (encoded) {
        const rest = stringifyWithDates(encoded.rest, (d) => d.getTime() / 1000);
        const body = joinJsonObjects(encoded.json, rest);
        return {
          statusCode: 200,
          headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
          body: body === "{}" ? "" : body,
          parts: { encoded: encoded.json, rest },
        };
      }
      return {
        statusCode: 200,
        headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
        // An empty output (DeleteFlowDefinition, DeleteHumanTaskUi, DeleteTags) is "an HTTP 200 response with an
        // empty HTTP body" (DG:a2i-delete-flow-definition); the SDK reads an empty body as `{}`.
        body: Object.keys(output).length === 0 ? "" : stringifyWithDates(output, (d) => d.getTime() / 1000),
      };
    },
    encodeError(err: AwsServiceError): WireResponse {
      return {
        statusCode: err.httpStatus ?? 400,
        headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": nextRequestId() },
        body: JSON.stringify({ __type: err.code, Message: err.message, ...err.members }),
      };
    },
  };
}
