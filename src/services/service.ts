/**
 * What a protocol needs from a service: operation name → handler. A handler validates nothing itself:
 * `invoke` checks the Smithy constraints first, then calls it with the account and Region's state.
 */
import { own } from "../own.js";
import { AwsServiceError } from "../model/errors.js";
import type { RegionBackend } from "../model/region-backend.js";
import type { PageRequest, SortOrder } from "../model/pagination.js";
import type { ServiceModel } from "./shape.js";
import { messageMaxOf, timestampMs, validate, type Shape } from "./validate.js";

export type JsonObject = Record<string, unknown>;
/** An operation's output, or its output with the JSON text of its first members (`withEncodedMembers`). */
export type Handler = (region: RegionBackend, input: JsonObject) => JsonObject | EncodedOutput;

/**
 * An output whose first members are already JSON text: a declared model result met before (camel-responses.ts),
 * which JSON protocols write from `json` instead of writing its members again, then the `rest` of the members.
 */
export interface EncodedMembers {
  /** The JSON text of an object holding the output's first members. */
  readonly json: string;
  /** The output's other members. */
  readonly rest: JsonObject;
}

/**
 * An output and the JSON text of its first members, as a handler returns it (a plain object, not a mark on the
 * output in a WeakMap: one was set for every DescribeHumanLoop, issue 13). `dispatch` records `output` and hands
 * `encoded` to the protocol.
 */
export class EncodedOutput {
  constructor(
    readonly output: JsonObject,
    readonly encoded: EncodedMembers,
  ) {}
}

/** `output` (made of the members of `encoded.json`'s object, then those of `encoded.rest`) with its kept text. */
export function withEncodedMembers(output: JsonObject, encoded: EncodedMembers): EncodedOutput {
  return new EncodedOutput(output, encoded);
}

export interface Service {
  /** The SDK's serviceId and the name the fake's messages use. */
  readonly name: string;
  /** The npm package of its client, for "not served" messages. */
  readonly sdkPackage: string;
  /** Input shape of each operation, from the official model (`inputShapes(model)`). */
  readonly shapes: Readonly<Record<string, Shape>>;
  /** The generated official model (src/services/generated/): output shapes, declared errors, message length. */
  readonly model?: ServiceModel;
  readonly handlers: Readonly<Record<string, Handler>>;
}

export class UnsupportedOperationError extends Error {
  constructor(
    readonly service: Service,
    readonly operation: string,
  ) {
    super(
      `[a2i-fake] ${service.name} operation ${operation} is not served by a2i-fake, so the fake answered it ` +
        `instead of letting it reach AWS. ${service.sdkPackage} calls the fake serves: ` +
        `${Object.keys(service.handlers).join(", ")}. Stub ${operation} yourself (for example with ` +
        `aws-sdk-client-mock) or ask for it in an a2i-fake issue.`,
    );
    this.name = "A2IFakeUnsupportedOperation";
  }
}

/** Validate `input` against the operation's shape, then run its handler: its output, as the handler returned it. */
export function invokeHandler(service: Service, operation: string, region: RegionBackend, input: JsonObject): JsonObject | EncodedOutput {
  const handler = own(service.handlers, operation);
  const shape = own(service.shapes, operation);
  if (!handler || !shape) throw new UnsupportedOperationError(service, operation);
  validate(shape, input, service.model && messageMaxOf(service.model));
  return handler(region, input);
}

/** `invokeHandler`'s output object. */
export function invoke(service: Service, operation: string, region: RegionBackend, input: JsonObject): JsonObject {
  const result = invokeHandler(service, operation, region, input);
  return result instanceof EncodedOutput ? result.output : result;
}

/** The input shape of every operation of a generated model. */
export function inputShapes(model: ServiceModel): Readonly<Record<string, Shape>> {
  return Object.fromEntries(Object.entries(model.operations).map(([name, op]) => [name, op.input]));
}

/** The page request of a List operation (decisions.md defaults: Descending by creation time). */
export function pageRequest(input: JsonObject, defaultMaxResults: number, defaultOrder: SortOrder = "Descending"): Omit<PageRequest, "list"> {
  return {
    order: (input.SortOrder as SortOrder | undefined) ?? defaultOrder,
    maxResults: (input.MaxResults as number | undefined) ?? defaultMaxResults,
    nextToken: input.NextToken as string | undefined,
    from: input.CreationTimeAfter === undefined ? undefined : timestampMs(input.CreationTimeAfter),
    until: input.CreationTimeBefore === undefined ? undefined : timestampMs(input.CreationTimeBefore),
  };
}

/** Only the members that are set (outputs never carry `null`). */
export function defined(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  // for...of Object.entries allocated a pair per member: this runs once per summary of every List page.
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function validationError(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", message);
}
