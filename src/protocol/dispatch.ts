/**
 * One request through one protocol and one service: read the operation and input, invoke, write the
 * output or the AWS error. Every transport (SDK middleware, HTTP server) goes through here, and so do the
 * call history and fault injection.
 */
import { own } from "../own.js";
import type { Scope } from "../model/arns.js";
import type { AwsServiceError } from "../model/errors.js";
import type { RegionBackend } from "../model/region-backend.js";
import { EncodedOutput, invokeHandler, UnsupportedOperationError, type JsonObject, type Service } from "../services/service.js";
import type { ParsedRequest, Protocol } from "./protocol.js";
import { timestampMs } from "../services/validate.js";
import { asServiceError, type WireRequest, type WireResponse } from "./wire.js";

const timestampMembers = new WeakMap<object, readonly string[]>();

/** The top-level timestamp members of an operation's input shape (computed once per shape). */
function timestampsOf(service: Service, operation: string): readonly string[] {
  const shape = own(service.shapes, operation);
  if (shape?.type !== "structure") return [];
  let names = timestampMembers.get(shape);
  if (!names) {
    names = Object.entries(shape.members)
      .filter(([, member]) => member.type === "timestamp")
      .map(([name]) => name);
    timestampMembers.set(shape, names);
  }
  return names;
}

/** The input with its top-level timestamp members as `Date`s, as the SDK user wrote them. */
function datesIn(service: Service, operation: string, input: JsonObject): JsonObject {
  let copy: JsonObject | undefined;
  for (const name of timestampsOf(service, operation)) {
    if (input[name] === undefined) continue;
    const ms = timestampMs(input[name]);
    if (ms === undefined) continue;
    copy ??= { ...input };
    copy[name] = new Date(ms);
  }
  return copy ?? input;
}

export interface DispatchHooks {
  /** An error to answer instead of invoking the operation (fault injection), or undefined. */
  fault?(service: Service, operation: string, input: JsonObject): AwsServiceError | undefined;
  /** Called once per call the service answered with an output; `input` as the client sent it (timestamps as `Date`s). */
  recordOutput?(scope: Scope, service: string, operation: string, input: JsonObject, output: JsonObject): void;
  /** Called once per call the service answered with an AWS error. */
  recordError?(scope: Scope, service: string, operation: string, input: JsonObject, error: AwsServiceError, httpStatusCode: number): void;
}

/** `parsed`: the request as `protocol.parse` read it, when the caller already did (it is not read twice). */
export function dispatch(
  protocol: Protocol,
  service: Service,
  request: WireRequest,
  region: RegionBackend,
  hooks: DispatchHooks = {},
  parsed: ParsedRequest | undefined = protocol.parse(request),
): WireResponse {
  const operation = parsed?.operation;
  if (parsed === undefined || operation === undefined || !own(service.handlers, operation)) {
    throw new UnsupportedOperationError(service, operation ?? `${request.method} ${request.path}`);
  }
  let input: JsonObject = {};
  try {
    input = parsed.decode();
    const fault = hooks.fault?.(service, operation, input);
    if (fault) throw fault;
    const result = invokeHandler(service, operation, region, input);
    const output = result instanceof EncodedOutput ? result.output : result;
    hooks.recordOutput?.(region.scope, service.name, operation, datesIn(service, operation, input), output);
    return protocol.encodeOutput(output, result instanceof EncodedOutput ? result.encoded : undefined);
  } catch (err) {
    const error = asServiceError(err);
    if (!error) throw err;
    const response = protocol.encodeError(error);
    hooks.recordError?.(region.scope, service.name, operation, datesIn(service, operation, input), error, response.statusCode);
    return response;
  }
}
