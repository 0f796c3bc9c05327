/**
 * a2i-fake: a stateful, in-memory fake of Amazon Augmented AI behind the real AWS SDK v3 clients.
 * The curated public API (no `export *`).
 */
export { A2IFake } from "./fake.js";
export type { A2IFakeOptions, WrittenOutput, HumanLoopOutputDocument } from "./fake.js";
export type { SeedScope, SeedFlowDefinitionOptions, SeededFlowDefinition } from "./seeding.js";
export type { SeedWorkforceOptions, SeedVendorWorkteamOptions } from "./seeding.js";
export type { WorkforceSnapshot } from "./snapshots.js";
export type { WorkforceStatus } from "./model/workforces.js";
export type { WorkerDefinition } from "./model/worker-identity.js";
export type { ClockLike } from "./model/clock.js";
export type { A2ICall } from "./call-history.js";
export type { HumanLoopSnapshot, FlowDefinitionSnapshot } from "./snapshots.js";
export type {
  A2IOperations,
  A2IOperationName,
  A2IServiceName,
  SageMakerOperations,
  A2IRuntimeOperations,
  S3ReadOperations,
  S3ReadOutput,
  AiServiceOperations,
  HumanLoopActivationOutput,
} from "./operations.js";
export type { Timing, Quotas } from "./model/options.js";
export type {
  HumanLoopStatusChangeEvent,
  HumanLoopStatusChangeDetail,
  EventListener,
  TerminalHumanLoopStatus,
} from "./model/events.js";
export type { HumanLoopStatus, FailureCode } from "./model/human-loops.js";
export type { FlowDefinitionStatus } from "./model/flow-definitions.js";
export type {
  Workforce,
  WorkerTask,
  TaskSlotView,
  SlotStatus,
  TaskFilter,
  WorkerOptions,
  WorkerClaim,
  AutoRespondPolicy,
  AutoResponder,
  AnswerContent,
  AutoAnswer,
  AutoFill,
} from "./model/workforce.js";
export type { TaskForm, TaskFormField } from "./model/templates/worker-form.js";
export type { FormFill } from "./model/templates/form-answer.js";
export type {
  Faults,
  FaultRule,
  FaultErrorName,
  FaultHandle,
  EventDeliveryFaults,
  ActivationFault,
} from "./faults.js";
export { PUBLIC_WORKFORCE_ACCOUNT, publicWorkforceArn } from "./model/arns.js";
// Built-in task types (Textract AnalyzeDocument, Rekognition DetectModerationLabels)
export type { AiResults } from "./ai-results/ai-results.js";
export type { Declared } from "./model/ai-services.js";
export type { SamplingContext, SamplingOverride } from "./model/activation/sampling.js";
export { textractForm } from "./ai-results/textract-form.js";
export type { FormField, TextractFormOptions } from "./ai-results/textract-form.js";
export { moderationLabels } from "./ai-results/moderation-labels.js";
export type { ModerationLabelSpec, ModerationLabelsOptions } from "./ai-results/moderation-labels.js";
export type {
  AnalyzeDocumentRequest,
  AnalyzeDocumentResult,
  DetectModerationLabelsRequest,
  DetectModerationLabelsResult,
  TextractBlock,
  TextractGeometry,
  TextractRelationship,
  ModerationLabel,
} from "./ai-results/types.js";
export { FAKE_CREDENTIALS } from "./transport/sdk-middleware.js";
export { startServer } from "./server/lazy-start-server.js";
export type { StartServerOptions, A2IServer } from "./server/start-server.js";
export { ListenError } from "./server/listen-error.js";
export { configureA2IFake } from "./testing/jest-setup-options.js";
export type { A2IFakeSetupOptions } from "./testing/jest-setup-options.js";
export { a2iMatchers } from "./testing/jest-matchers.js";
export type { A2IMatchers } from "./testing/matchers-core.js";
