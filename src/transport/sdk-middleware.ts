/**
 * The in-process transport: an SDK middleware at the innermost slot of a client's stack (after the
 * real serializer, endpoint resolution, retries; inside the real deserializer), answering with an HTTP
 * response instead of calling the network (sdk-interception-notes.md "Where the fake sits").
 *
 * `install()` reaches every client, made before or after, by wrapping the `send` that all SDK v3 clients
 * inherit from `@smithy/smithy-client`'s `Client`: on a faked client's first send the middleware is added
 * and the config hardened so that no call can reach the network:
 * - signing is skipped (no server checks it; it costs ~40% of a call) and credentials are static fakes,
 *   so the credential chain (files, SSO, ECS, instance metadata) is never asked;
 * - a client with no region uses `us-east-1`, and the instance metadata service is disabled
 *   (`AWS_EC2_METADATA_DISABLED=true`) while installed, since the default region chain would ask it.
 * `uninstall()` puts back `send`, the config and the environment exactly.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerA2IRuntimeClient } from "@aws-sdk/client-sagemaker-a2i-runtime";
import type { WireRequest, WireResponse } from "../protocol/wire.js";

/** The SDK `serviceId`s the fake answers. */
export type FakedServiceId = "SageMaker" | "SageMaker A2I Runtime" | "S3" | "Textract" | "Rekognition";
const FAKED_SERVICE_IDS: ReadonlySet<string> = new Set<FakedServiceId>([
  "SageMaker",
  "SageMaker A2I Runtime",
  "S3",
  // The built-in task types' clients (optional peers): they share the SDK's base `send`, so the patch reaches them.
  "Textract",
  "Rekognition",
]);

export type WireAnswer = Omit<WireResponse, "body"> & { body: WireResponse["body"] | ReadableStream<Uint8Array> };

/**
 * What the transport needs from the fake: answer one request of one service in one Region, or
 * `undefined` to let the request go on down the client's stack (only where the user opted in).
 */
export interface WireHandler {
  handleWire(
    serviceId: FakedServiceId,
    request: WireRequest,
    region: string,
  ): WireAnswer | undefined | Promise<WireAnswer | undefined>;
  /** The Region of a client that has none configured. */
  readonly region: string;
  /** Whether this fake answers the clients of a service (the user may leave Textract and Rekognition alone). */
  fakes?(serviceId: FakedServiceId): boolean;
}

export const FAKE_CREDENTIALS = Object.freeze({
  accessKeyId: "AKIAA2IFAKEEXAMPLE00",
  secretAccessKey: "a2i-fake/secret/key/that/no/server/checks",
});

const MIDDLEWARE_NAME = "a2iFakeTransport";

/** The parts of an SDK client the transport touches (structural, so any copy of the SDK fits). */
interface SdkClient {
  config: Record<string, unknown> & { serviceId?: string };
  middlewareStack: {
    add(mw: unknown, options: Record<string, unknown>): void;
    remove(nameOrMw: unknown): boolean;
  };
  handlers?: unknown;
}

type Send = (this: SdkClient, ...args: unknown[]) => unknown;

interface HttpRequestLike {
  method: string;
  hostname?: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

const encoder = new TextEncoder();

type ConfigKey = "region" | "useFipsEndpoint" | "httpAuthSchemes" | "credentials";
const SAVED_KEYS: readonly ConfigKey[] = ["region", "useFipsEndpoint", "httpAuthSchemes", "credentials"];

interface Attachment {
  /**
   * Own property descriptors, undefined when the key was not own. Descriptors, not values: `credentials` is an
   * accessor (`@aws-sdk/core` resolveAwsSdkSigV4Config) whose setter wraps what it is given, so assigning the
   * saved value back would leave a new wrapper, flagged as user-supplied, instead of the original provider.
   */
  readonly saved: Partial<Record<ConfigKey, PropertyDescriptor | undefined>>;
}

/** Replace a config key without calling a setter the SDK defined on it. */
function setOwn(config: Record<string, unknown>, key: ConfigKey, value: unknown): void {
  Object.defineProperty(config, key, { value, writable: true, enumerable: true, configurable: true });
}

const fakeIdentity = () => async () => FAKE_CREDENTIALS;
const noSigning = { sign: async (request: unknown) => request };

export class SdkTransport {
  private readonly attached = new Map<SdkClient, Attachment>();
  private readonly patchedSends = new Map<object, Send>();
  private installed = false;

  constructor(private readonly handler: WireHandler) {}

  isInstalled(): boolean {
    return this.installed;
  }

  install(): void {
    if (this.installed) return;
    const claim = installedTransport;
    if (claim && claim !== this) {
      throw new Error(
        "[a2i-fake] Another A2IFake is installed in this process. Call uninstall() on it first, or use attach(client) for a second fake.",
      );
    }
    installedTransport = this;
    this.installed = true;
    imdsGuard.acquire();
    for (const clientClass of [SageMakerClient, SageMakerA2IRuntimeClient, S3Client]) {
      this.patchBaseSend(clientClass as unknown as { prototype: object });
    }
  }

  uninstall(): void {
    if (!this.installed) return;
    for (const [proto, original] of this.patchedSends) {
      (proto as { send: Send }).send = original;
    }
    this.patchedSends.clear();
    for (const client of [...this.attached.keys()]) this.detach(client);
    imdsGuard.release();
    this.installed = false;
    if (installedTransport === this) installedTransport = undefined;
  }

  /** Fake one client only; returns a function that gives it back its real endpoint. */
  attach(client: unknown): () => void {
    const sdkClient = client as SdkClient;
    const serviceId = sdkClient?.config?.serviceId;
    if (!serviceId || !FAKED_SERVICE_IDS.has(serviceId)) {
      throw new Error(
        `[a2i-fake] attach() takes a SageMakerClient, SageMakerA2IRuntimeClient, S3Client, TextractClient or RekognitionClient; got a client with serviceId ${String(serviceId)}.`,
      );
    }
    // A client faked by the installed fake moves to this one (the "attach(client) for a second fake" remedy).
    const owner = fakedBy.get(sdkClient);
    if (owner && owner !== this) owner.detach(sdkClient);
    this.harden(sdkClient, serviceId as FakedServiceId);
    return () => this.detach(sdkClient);
  }

  detach(client: SdkClient): void {
    const attachment = this.attached.get(client);
    if (!attachment) return;
    this.attached.delete(client);
    fakedBy.delete(client);
    imdsGuard.release();
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    for (const key of SAVED_KEYS) {
      if (!(key in attachment.saved)) continue;
      const descriptor = attachment.saved[key];
      if (descriptor) Object.defineProperty(client.config, key, descriptor);
      else delete client.config[key];
    }
    delete client.handlers;
  }

  /** The shared base-class `send` of a client class (not our import's copy of smithy: the user's class's). */
  private patchBaseSend(clientClass: { prototype: object }): void {
    const base = Object.getPrototypeOf(clientClass.prototype) as { send: Send } | null;
    if (!base || this.patchedSends.has(base)) return;
    const original = base.send;
    this.patchedSends.set(base, original);
    const transport = this;
    base.send = function patchedSend(this: SdkClient, ...args: unknown[]) {
      const serviceId = this?.config?.serviceId;
      if (
        transport.installed &&
        serviceId &&
        FAKED_SERVICE_IDS.has(serviceId) &&
        transport.handler.fakes?.(serviceId as FakedServiceId) !== false &&
        !fakedBy.has(this)
      ) {
        transport.harden(this, serviceId as FakedServiceId);
      }
      return original.apply(this, args);
    };
  }

  private harden(client: SdkClient, serviceId: FakedServiceId): void {
    if (this.attached.has(client)) return;
    const config = client.config;
    const saved: Attachment["saved"] = {};
    const save = (key: ConfigKey) => {
      saved[key] = Object.getOwnPropertyDescriptor(config, key);
    };
    SAVED_KEYS.forEach(save);

    const originalRegion = config.region as (() => Promise<string>) | string | undefined;
    let region: Promise<string> | undefined;
    const resolveRegion = () =>
      (region ??= (async () => {
        try {
          const r = typeof originalRegion === "function" ? await originalRegion() : originalRegion;
          return r || this.handler.region;
        } catch {
          return this.handler.region;
        }
      })());
    setOwn(config, "region", resolveRegion);
    const originalFips = config.useFipsEndpoint as (() => Promise<boolean>) | undefined;
    setOwn(config, "useFipsEndpoint", async () => {
      try {
        return typeof originalFips === "function" ? await originalFips() : Boolean(originalFips);
      } catch {
        return false;
      }
    });
    const schemes = (config.httpAuthSchemes as Array<{ schemeId: string }> | undefined) ?? [];
    setOwn(
      config,
      "httpAuthSchemes",
      schemes.map((s) => ({ schemeId: s.schemeId, identityProvider: fakeIdentity, signer: noSigning })),
    );
    setOwn(config, "credentials", async () => FAKE_CREDENTIALS);

    const handler = this.handler;
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        async (args: { request: HttpRequestLike }) => {
        const request = args.request;
        const wire: WireRequest = {
          method: request.method,
          sdkCommandName: context.commandName,
          hostname: request.hostname,
          path: request.path,
          query: request.query ?? {},
          headers: lowerCaseKeys(request.headers),
          body: request.body as WireRequest["body"],
        };
        const answer = handler.handleWire(serviceId, wire, await resolveRegion());
        const response = answer instanceof Promise ? await answer : answer;
        if (!response) return next(args);
        return {
          response: {
            statusCode: response.statusCode,
            headers: response.headers,
            body: typeof response.body === "string" ? encoder.encode(response.body) : response.body,
          },
        };
      },
      { step: "deserialize", priority: "low", name: MIDDLEWARE_NAME, override: true, tags: ["A2I_FAKE"] },
    );
    // A handler cached before the middleware was added would skip it.
    delete client.handlers;
    imdsGuard.acquire();
    this.attached.set(client, { saved });
    fakedBy.set(client, this);
  }
}

let installedTransport: SdkTransport | undefined;
/** Which fake holds each faked client, so the installed fake never re-fakes a client another fake attached. */
const fakedBy = new WeakMap<SdkClient, SdkTransport>();

/**
 * `AWS_EC2_METADATA_DISABLED=true` while any client is faked: the default region chain reads it at call
 * time and then never asks the instance metadata service. Restored exactly when the last one goes.
 */
const imdsGuard = {
  holders: 0,
  saved: undefined as string | undefined,
  acquire(): void {
    if (this.holders++ === 0) {
      this.saved = process.env.AWS_EC2_METADATA_DISABLED;
      process.env.AWS_EC2_METADATA_DISABLED = "true";
    }
  },
  release(): void {
    if (this.holders === 0 || --this.holders > 0) return;
    if (this.saved === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
    else process.env.AWS_EC2_METADATA_DISABLED = this.saved;
  },
};

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) out[k.toLowerCase()] = headers[k]!;
  return out;
}
