/**
 * The shapes of the two built-in model results, as the Textract and Rekognition SDKs type them (PascalCase).
 * Declared here, structurally, because both clients are OPTIONAL peers: the fake's type declarations must not
 * name a package the app may not have. An SDK `AnalyzeDocumentCommandOutput` or `Block` fits these types.
 */

export interface TextractRelationship {
  Type?: string;
  Ids?: string[];
}

export interface TextractGeometry {
  BoundingBox?: { Width?: number; Height?: number; Left?: number; Top?: number };
  Polygon?: Array<{ X?: number; Y?: number }>;
}

/** A Textract `Block` (TX-MODEL `Block`); members the fake does not read pass through unchanged. */
export interface TextractBlock {
  BlockType?: string;
  Confidence?: number;
  Text?: string;
  TextType?: string;
  RowIndex?: number;
  ColumnIndex?: number;
  RowSpan?: number;
  ColumnSpan?: number;
  Geometry?: TextractGeometry;
  Id?: string;
  Relationships?: TextractRelationship[];
  EntityTypes?: string[];
  SelectionStatus?: string;
  Page?: number;
  Query?: unknown;
  [member: string]: unknown;
}

/** What Textract `AnalyzeDocument` answers, without `HumanLoopActivationOutput` (the fake adds it). */
export interface AnalyzeDocumentResult {
  DocumentMetadata?: { Pages?: number };
  Blocks?: TextractBlock[];
  AnalyzeDocumentModelVersion?: string;
  [member: string]: unknown;
}

/** A Rekognition `ModerationLabel`. */
export interface ModerationLabel {
  Confidence?: number;
  Name?: string;
  ParentName?: string;
  TaxonomyLevel?: number;
}

/** What Rekognition `DetectModerationLabels` answers, without `HumanLoopActivationOutput`. */
export interface DetectModerationLabelsResult {
  ModerationLabels?: ModerationLabel[];
  ModerationModelVersion?: string;
  [member: string]: unknown;
}

/** The request as the SDK user wrote it (PascalCase; `Bytes` as a Uint8Array). */
export type AnalyzeDocumentRequest = {
  Document: { Bytes?: Uint8Array; S3Object?: { Bucket?: string; Name?: string; Version?: string } };
  FeatureTypes: string[];
  HumanLoopConfig?: {
    HumanLoopName: string;
    FlowDefinitionArn: string;
    DataAttributes?: { ContentClassifiers?: string[] };
  };
  [member: string]: unknown;
};

export type DetectModerationLabelsRequest = {
  Image: { Bytes?: Uint8Array; S3Object?: { Bucket?: string; Name?: string; Version?: string } };
  MinConfidence?: number;
  HumanLoopConfig?: AnalyzeDocumentRequest["HumanLoopConfig"];
  [member: string]: unknown;
};
