/**
 * Which SDK clients the fake answers, by the `serviceId` of their config: the extension point for more services.
 *
 * HOW TO ADD A SERVICE (e.g. Textract, whose clients have `config.serviceId === "Textract"`):
 * ```ts
 * registerFakedService({
 *   serviceId: "Textract",
 *   packageName: "@aws-sdk/client-textract",
 *   clientName: "TextractClient",
 *   api: { protocol: awsJsonProtocol("Textract"), service: textractService },
 * });
 * ```
 * from a module that `fake.ts` imports (so it runs before any `install()`). Nothing else changes:
 * - the installed fake finds that service's clients by `serviceId` on their first `send` (built before or after
 *   `install()`), hardens them (no signing, static credentials, no instance metadata) and answers them through
 *   `api` (the shared protocol → service → model path, call history and faults included);
 * - `packageName` is only ever RESOLVED, never loaded: `install()` looks for the package's `package.json` to find
 *   the copy of the SDK's shared client base (`@smithy/smithy-client`) its clients inherit `send` from, and patches
 *   that copy. So an app without `@aws-sdk/client-textract` installed, or that never imports it, pays nothing.
 * - `attach(client)` accepts clients of the service too.
 * A service without `api` must be answered by `A2IFake.handleWire` itself (S3 is: output objects, pass-through).
 */
import { awsJsonProtocol } from "./protocol/aws-json.js";
import type { Protocol } from "./protocol/protocol.js";
import { A2I_RUNTIME_ROUTES, restJsonProtocol } from "./protocol/rest-json.js";
import { a2iRuntimeService } from "./services/a2i-runtime.js";
import { sageMakerService } from "./services/sagemaker.js";
import type { Service } from "./services/service.js";

export interface FakedServiceRegistration {
  /** `client.config.serviceId` of the SDK client (e.g. "SageMaker A2I Runtime"). */
  readonly serviceId: string;
  /** The npm package of the client (e.g. "@aws-sdk/client-sagemaker-a2i-runtime"): resolved, never imported. */
  readonly packageName: string;
  /** The client class name, for messages. */
  readonly clientName: string;
  /** How requests are read and answered; omitted only for services `A2IFake.handleWire` answers itself (S3). */
  readonly api?: { readonly protocol: Protocol; readonly service: Service };
}

const registry = new Map<string, FakedServiceRegistration>();

/**
 * Add (or replace) a faked service. Takes effect for fakes installed afterwards and clients not yet faked.
 * Returns a function that puts back what was registered under that serviceId before.
 */
export function registerFakedService(registration: FakedServiceRegistration): () => void {
  const previous = registry.get(registration.serviceId);
  registry.set(registration.serviceId, Object.freeze({ ...registration }));
  return () => {
    if (previous) registry.set(previous.serviceId, previous);
    else registry.delete(registration.serviceId);
  };
}

export function fakedService(serviceId: string | undefined): FakedServiceRegistration | undefined {
  return serviceId === undefined ? undefined : registry.get(serviceId);
}

export function fakedServices(): FakedServiceRegistration[] {
  return [...registry.values()];
}

registerFakedService({
  serviceId: "SageMaker",
  packageName: "@aws-sdk/client-sagemaker",
  clientName: "SageMakerClient",
  api: { protocol: awsJsonProtocol("SageMaker"), service: sageMakerService },
});
registerFakedService({
  serviceId: "SageMaker A2I Runtime",
  packageName: "@aws-sdk/client-sagemaker-a2i-runtime",
  clientName: "SageMakerA2IRuntimeClient",
  api: { protocol: restJsonProtocol(A2I_RUNTIME_ROUTES), service: a2iRuntimeService },
});
registerFakedService({ serviceId: "S3", packageName: "@aws-sdk/client-s3", clientName: "S3Client" });
