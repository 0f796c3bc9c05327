/**
 * The operations the fake serves, typed by the SDK's own input and output shapes (style principle 5: reuse the
 * SDK's types). Type-only imports: nothing here exists at run time.
 */
import type {
  AddTagsCommandInput,
  AddTagsCommandOutput,
  CreateFlowDefinitionCommandInput,
  CreateFlowDefinitionCommandOutput,
  CreateHumanTaskUiCommandInput,
  CreateHumanTaskUiCommandOutput,
  CreateWorkteamCommandInput,
  CreateWorkteamCommandOutput,
  DeleteFlowDefinitionCommandInput,
  DeleteFlowDefinitionCommandOutput,
  DeleteHumanTaskUiCommandInput,
  DeleteHumanTaskUiCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DeleteWorkteamCommandInput,
  DeleteWorkteamCommandOutput,
  DescribeFlowDefinitionCommandInput,
  DescribeFlowDefinitionCommandOutput,
  DescribeHumanTaskUiCommandInput,
  DescribeHumanTaskUiCommandOutput,
  DescribeWorkteamCommandInput,
  DescribeWorkteamCommandOutput,
  ListFlowDefinitionsCommandInput,
  ListFlowDefinitionsCommandOutput,
  ListHumanTaskUisCommandInput,
  ListHumanTaskUisCommandOutput,
  ListTagsCommandInput,
  ListTagsCommandOutput,
  ListWorkteamsCommandInput,
  ListWorkteamsCommandOutput,
  CreateWorkforceCommandInput,
  CreateWorkforceCommandOutput,
  DescribeWorkforceCommandInput,
  DescribeWorkforceCommandOutput,
  ListWorkforcesCommandInput,
  ListWorkforcesCommandOutput,
  UpdateWorkforceCommandInput,
  UpdateWorkforceCommandOutput,
  DeleteWorkforceCommandInput,
  DeleteWorkforceCommandOutput,
  UpdateWorkteamCommandInput,
  UpdateWorkteamCommandOutput,
  ListSubscribedWorkteamsCommandInput,
  ListSubscribedWorkteamsCommandOutput,
  DescribeSubscribedWorkteamCommandInput,
  DescribeSubscribedWorkteamCommandOutput,
  RenderUiTemplateCommandInput,
  RenderUiTemplateCommandOutput,
} from "@aws-sdk/client-sagemaker";
import type {
  DeleteHumanLoopCommandInput,
  DeleteHumanLoopCommandOutput,
  DescribeHumanLoopCommandInput,
  DescribeHumanLoopCommandOutput,
  ListHumanLoopsCommandInput,
  ListHumanLoopsCommandOutput,
  StartHumanLoopCommandInput,
  StartHumanLoopCommandOutput,
  StopHumanLoopCommandInput,
  StopHumanLoopCommandOutput,
} from "@aws-sdk/client-sagemaker-a2i-runtime";
import type {
  DeleteObjectCommandInput,
  GetObjectCommandInput,
  HeadObjectCommandInput,
  ListObjectsV2CommandInput,
  PutObjectCommandInput,
} from "@aws-sdk/client-s3";

import type {
  AnalyzeDocumentRequest,
  AnalyzeDocumentResult,
  DetectModerationLabelsRequest,
  DetectModerationLabelsResult,
} from "./ai-results/types.js";

type Op<I, O> = { input: I; output: Omit<O, "$metadata"> };

/** SageMaker operations (awsJson1_1). */
export interface SageMakerOperations {
  CreateFlowDefinition: Op<CreateFlowDefinitionCommandInput, CreateFlowDefinitionCommandOutput>;
  DescribeFlowDefinition: Op<DescribeFlowDefinitionCommandInput, DescribeFlowDefinitionCommandOutput>;
  ListFlowDefinitions: Op<ListFlowDefinitionsCommandInput, ListFlowDefinitionsCommandOutput>;
  DeleteFlowDefinition: Op<DeleteFlowDefinitionCommandInput, DeleteFlowDefinitionCommandOutput>;
  CreateHumanTaskUi: Op<CreateHumanTaskUiCommandInput, CreateHumanTaskUiCommandOutput>;
  DescribeHumanTaskUi: Op<DescribeHumanTaskUiCommandInput, DescribeHumanTaskUiCommandOutput>;
  ListHumanTaskUis: Op<ListHumanTaskUisCommandInput, ListHumanTaskUisCommandOutput>;
  DeleteHumanTaskUi: Op<DeleteHumanTaskUiCommandInput, DeleteHumanTaskUiCommandOutput>;
  RenderUiTemplate: Op<RenderUiTemplateCommandInput, RenderUiTemplateCommandOutput>;
  CreateWorkteam: Op<CreateWorkteamCommandInput, CreateWorkteamCommandOutput>;
  DescribeWorkteam: Op<DescribeWorkteamCommandInput, DescribeWorkteamCommandOutput>;
  ListWorkteams: Op<ListWorkteamsCommandInput, ListWorkteamsCommandOutput>;
  DeleteWorkteam: Op<DeleteWorkteamCommandInput, DeleteWorkteamCommandOutput>;
  AddTags: Op<AddTagsCommandInput, AddTagsCommandOutput>;
  ListTags: Op<ListTagsCommandInput, ListTagsCommandOutput>;
  DeleteTags: Op<DeleteTagsCommandInput, DeleteTagsCommandOutput>;
  CreateWorkforce: Op<CreateWorkforceCommandInput, CreateWorkforceCommandOutput>;
  DescribeWorkforce: Op<DescribeWorkforceCommandInput, DescribeWorkforceCommandOutput>;
  ListWorkforces: Op<ListWorkforcesCommandInput, ListWorkforcesCommandOutput>;
  UpdateWorkforce: Op<UpdateWorkforceCommandInput, UpdateWorkforceCommandOutput>;
  DeleteWorkforce: Op<DeleteWorkforceCommandInput, DeleteWorkforceCommandOutput>;
  UpdateWorkteam: Op<UpdateWorkteamCommandInput, UpdateWorkteamCommandOutput>;
  ListSubscribedWorkteams: Op<ListSubscribedWorkteamsCommandInput, ListSubscribedWorkteamsCommandOutput>;
  DescribeSubscribedWorkteam: Op<DescribeSubscribedWorkteamCommandInput, DescribeSubscribedWorkteamCommandOutput>;
}

/** A2I runtime operations (restJson1). */
export interface A2IRuntimeOperations {
  StartHumanLoop: Op<StartHumanLoopCommandInput, StartHumanLoopCommandOutput>;
  DescribeHumanLoop: Op<DescribeHumanLoopCommandInput, DescribeHumanLoopCommandOutput>;
  ListHumanLoops: Op<ListHumanLoopsCommandInput, ListHumanLoopsCommandOutput>;
  StopHumanLoop: Op<StopHumanLoopCommandInput, StopHumanLoopCommandOutput>;
  DeleteHumanLoop: Op<DeleteHumanLoopCommandInput, DeleteHumanLoopCommandOutput>;
}

/**
 * The S3 operations the fake serves on output buckets: reads of output.json and of objects put, and PutObject /
 * DeleteObject outside the output prefixes. Outputs are recorded as headers and size, not bodies.
 */
export interface S3ReadOperations {
  GetObject: { input: Pick<GetObjectCommandInput, "Bucket" | "Key">; output: S3ReadOutput };
  HeadObject: { input: Pick<HeadObjectCommandInput, "Bucket" | "Key">; output: S3ReadOutput };
  ListObjectsV2: { input: Pick<ListObjectsV2CommandInput, "Bucket" | "Prefix" | "MaxKeys">; output: { KeyCount: number } };
  PutObject: { input: Pick<PutObjectCommandInput, "Bucket" | "Key" | "ContentType">; output: { ETag: string } };
  DeleteObject: { input: Pick<DeleteObjectCommandInput, "Bucket" | "Key">; output: Record<string, never> };
}

export interface S3ReadOutput {
  ContentLength: number;
  ETag: string;
  LastModified: Date;
}

/**
 * The built-in task types' AI operations (awsJson1_1). Typed structurally: their clients are optional peers.
 */
export interface AiServiceOperations {
  AnalyzeDocument: { input: AnalyzeDocumentRequest; output: AnalyzeDocumentResult & { HumanLoopActivationOutput?: HumanLoopActivationOutput } };
  DetectModerationLabels: {
    input: DetectModerationLabelsRequest;
    output: DetectModerationLabelsResult & { HumanLoopActivationOutput?: HumanLoopActivationOutput };
  };
}

/** What Textract and Rekognition answer about the human loop of a request with HumanLoopConfig. */
export interface HumanLoopActivationOutput {
  HumanLoopArn?: string;
  HumanLoopActivationReasons?: string[];
  HumanLoopActivationConditionsEvaluationResults?: string;
}

export type A2IOperations = SageMakerOperations & A2IRuntimeOperations & S3ReadOperations & AiServiceOperations;
export type A2IOperationName = keyof A2IOperations;

export type A2IServiceName = "SageMaker" | "SageMaker A2I Runtime" | "S3" | "Textract" | "Rekognition";
