/**
 * Errors the model raises, each named after the AWS error code the real service sends and carrying
 * AWS's wording. One mapping per protocol turns them into wire responses (style principle 2).
 *
 * SageMaker codes have no "Exception" suffix (`ResourceNotFound`, `ResourceInUse`,
 * `ResourceLimitExceeded`); `ValidationException` is not a modeled SageMaker class and arrives as
 * `SageMakerServiceException` named `ValidationException`. The A2I runtime uses `*Exception` names
 * with their own HTTP statuses (spec §1.1, §1.2, §9.1).
 */
export type AwsErrorCode =
  // SageMaker (awsJson1_1), every one HTTP 400
  | "ResourceNotFound"
  | "ResourceInUse"
  | "ResourceLimitExceeded"
  // both services
  | "ValidationException"
  | "ThrottlingException"
  // A2I runtime (restJson1)
  | "ResourceNotFoundException"
  | "ConflictException"
  | "ServiceQuotaExceededException"
  | "InternalServerException"
  // SageMaker's common errors (awsJson1_1), for fault injection
  | "InternalFailure"
  | "ServiceUnavailable"
  // Textract and Rekognition (awsJson1_1): the built-in task types (a2i-next-spec.md §1.2, §1.8)
  | "InvalidParameterException"
  | "HumanLoopQuotaExceededException"
  | "InternalServerError"
  | "ProvisionedThroughputExceededException"
  // the request could not be read at all (wrong JSON types, bad JSON): both protocols, HTTP 400
  | "SerializationException"
  // AWS common error, for fault injection (HTTP 400 on the "Common Errors" page)
  | "AccessDeniedException";

/** HTTP status of each code on the A2I runtime, from the Smithy `httpError` traits (spec §1.2). */
export const A2I_RUNTIME_ERROR_STATUS: Readonly<Record<string, number>> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  InternalServerException: 500,
  SerializationException: 400,
};

export class AwsServiceError extends Error {
  readonly code: AwsErrorCode;
  /** `server` for 5xx errors (their `$fault`); everything else is the caller's. */
  readonly fault: "client" | "server";
  /** The HTTP status when the protocol's own table has none for the code (SageMaker's 5xx common errors). */
  readonly httpStatus: number | undefined;
  /** Members of the error shape beyond `Message` (HumanLoopQuotaExceededException's `ResourceType`, ...). */
  readonly members: Readonly<Record<string, unknown>> | undefined;

  constructor(code: AwsErrorCode, message: string, httpStatus?: number, members?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = code;
    this.code = code;
    this.httpStatus = httpStatus;
    this.members = members;
    this.fault = code === "InternalServerException" || (httpStatus ?? 0) >= 500 ? "server" : "client";
  }
}

export const resourceNotFound = (message: string) => new AwsServiceError("ResourceNotFound", message);
export const resourceInUse = (message: string) => new AwsServiceError("ResourceInUse", message);
export const resourceLimitExceeded = (message: string) => new AwsServiceError("ResourceLimitExceeded", message);
export const validationException = (message: string) => new AwsServiceError("ValidationException", message);
export const resourceNotFoundException = (message: string) =>
  new AwsServiceError("ResourceNotFoundException", message);
export const conflictException = (message: string) => new AwsServiceError("ConflictException", message);
export const serviceQuotaExceeded = (message: string) => new AwsServiceError("ServiceQuotaExceededException", message);

/** Textract's and Rekognition's InvalidParameterException (400); AWS's text begins "Request has invalid parameters". */
export const invalidParameterException = (message: string) => new AwsServiceError("InvalidParameterException", message, 400);
