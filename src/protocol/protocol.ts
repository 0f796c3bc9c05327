/**
 * A wire format: which operation a request asks for, its input, and how outputs and AWS errors are written.
 * It knows nothing of the model; `dispatch` glues it to a service.
 */
import type { AwsServiceError } from "../model/errors.js";
import type { EncodedMembers, JsonObject } from "../services/service.js";
import type { WireRequest, WireResponse } from "./wire.js";

/** A request whose operation is known; its input is read on demand. */
export interface ParsedRequest {
  readonly operation: string;
  /** The operation's input (throws SerializationError when the request cannot be read). */
  decode(): JsonObject;
}

export interface Protocol {
  /** The operation a request asks for, or undefined when it names none this protocol knows. */
  parse(request: WireRequest): ParsedRequest | undefined;
  /** `encoded`: the JSON text of the output's first members and its other members (service.ts `EncodedOutput`). */
  encodeOutput(output: JsonObject, encoded?: EncodedMembers): WireResponse;
  encodeError(err: AwsServiceError): WireResponse;
}
