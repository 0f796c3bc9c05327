/**
 * The shapes of the official service models, as `scripts/generate-shapes.mjs` writes them into
 * `src/services/generated/` (never by hand). `pattern` is the pattern as the service writes it in its messages;
 * `regex` is the Smithy model's pattern (ECMAScript, matched anywhere: its own `^`/`$` anchor it), which is what
 * decides.
 */
export type Shape =
  | {
      readonly type: "string";
      readonly min?: number;
      readonly max?: number;
      readonly pattern?: string;
      readonly regex?: string;
      readonly enum?: readonly string[];
    }
  /** Smithy integer, long, short, byte and intEnum. */
  | { readonly type: "integer"; readonly min?: number; readonly max?: number; readonly enum?: readonly number[] }
  /** Smithy float and double. */
  | { readonly type: "number"; readonly min?: number; readonly max?: number }
  | { readonly type: "boolean" }
  | { readonly type: "timestamp" }
  /** Base64 on the JSON wire; lengths count decoded bytes. */
  | { readonly type: "blob"; readonly min?: number; readonly max?: number }
  | { readonly type: "document" }
  | {
      readonly type: "structure";
      readonly members: Readonly<Record<string, Shape>>;
      readonly required?: readonly string[];
      /** A Smithy union: exactly one member set. */
      readonly union?: boolean;
    }
  | { readonly type: "list"; readonly member: Shape; readonly min?: number; readonly max?: number }
  | { readonly type: "map"; readonly key?: Shape; readonly value: Shape; readonly min?: number; readonly max?: number };

export type StructureShape = Extract<Shape, { type: "structure" }>;

export interface OperationModel {
  readonly input: StructureShape;
  readonly output: StructureShape;
  /** The error codes the model declares for the operation (the service's common errors not included). */
  readonly errors: readonly string[];
}

export interface ErrorModel {
  readonly httpStatus?: number;
  readonly fault: "client" | "server";
  /** The model's maximum length of the error's `Message`, when it states one. */
  readonly messageMax?: number;
}

export interface ServiceModel {
  /** The SDK's serviceId (`SageMaker`, `SageMaker A2I Runtime`, `Textract`, `Rekognition`). */
  readonly sdkId: string;
  readonly protocol: "awsJson1_1" | "restJson1";
  /** awsJson1_1's `X-Amz-Target` prefix. */
  readonly targetPrefix?: string;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly errors: Readonly<Record<string, ErrorModel>>;
}
