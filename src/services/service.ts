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
export type Handler = (region: RegionBackend, input: JsonObject) => JsonObject;

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

const encodedMembers = new WeakMap<JsonObject, EncodedMembers>();

/** Mark `output` (made of the members of `json`'s object, then those of `rest`) for the protocols; returns it. */
export function withEncodedMembers(output: JsonObject, encoded: EncodedMembers): JsonObject {
  encodedMembers.set(output, encoded);
  return output;
}

/** The text of `output`'s first members, when its service wrote it (`withEncodedMembers`). */
export function encodedMembersOf(output: JsonObject): EncodedMembers | undefined {
  return encodedMembers.get(output);
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

export function invoke(service: Service, operation: string, region: RegionBackend, input: JsonObject): JsonObject {
  const handler = own(service.handlers, operation);
  const shape = own(service.shapes, operation);
  if (!handler || !shape) throw new UnsupportedOperationError(service, operation);
  validate(shape, input, service.model && messageMaxOf(service.model));
  return handler(region, input);
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
