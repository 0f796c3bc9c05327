/**
 * The in-process transport: an SDK middleware at the innermost slot of a client's stack (after the
 * real serializer, endpoint resolution, retries; inside the real deserializer), answering with an HTTP
 * response instead of calling the network (sdk-interception-notes.md "Where the fake sits").
 *
 * `install()` reaches every client, made before or after, by wrapping the `send` that all SDK v3 clients
 * inherit from `@smithy/smithy-client`'s `Client` (found without loading any client package: sdk-bases.ts).
 * On the first send of a client whose `config.serviceId` is a faked service (faked-services.ts), the
 * middleware is added and the config hardened so that no call can reach the network:
 * - signing is skipped (no server checks it; it costs ~40% of a call) and credentials are static fakes,
 *   so the credential chain (files, SSO, ECS, instance metadata) is never asked;
 * - a client with no region resolves it as the SDK would (AWS_REGION, the shared config file) and otherwise
 *   uses the fake's default Region; the instance metadata service is disabled (`AWS_EC2_METADATA_DISABLED=true`)
 *   while installed, since the SDK's default region chain would ask it.
 * Faked clients are held weakly (issue 10 item 7): a client the test drops can be collected while installed.
 * `uninstall()` puts back `send`, every live client's config and stack, and the environment exactly.
 */
import type { WireRequest, WireResponse } from "../protocol/wire.js";
import { answerParts, withPartsReading } from "./answer-parts.js";
import { fastConfigView } from "./config-view.js";
import type { FakedChainOptions, SerdePluginFactory } from "./faked-chain.js";
import { HandlerCache } from "./handler-cache.js";
import { guardedRequestHandler } from "./network-guard.js";
import { processRegistry, type ImdsGuard, type TransportLike } from "./process-registry.js";
import { locateClientBases, requireFromClientPackage } from "./sdk-bases.js";

/** The SDK `serviceId` of a faked client ("SageMaker", "SageMaker A2I Runtime", "S3", or a registered one). */
export type FakedServiceId = string;

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
  /** The Region of a client that has none configured and none the SDK can find. */
  readonly region: string;
  /** Whether clients of this serviceId are faked. */
  isFakedService(serviceId: string): boolean;
  /** The npm packages of the faked clients (resolved to find their SDK copy, never loaded). */
  clientPackages(): readonly string[];
  /** The npm package of one faked service's clients. */
  clientPackage(serviceId: string): string | undefined;
  /** "SageMakerClient, SageMakerA2IRuntimeClient or S3Client", for messages. */
  clientNames(): string;
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
    [method: string]: unknown;
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

type ConfigKey =
  | "region"
  | "useFipsEndpoint"
  | "httpAuthSchemes"
  | "credentials"
  | "signer"
  | "requestHandler"
  | "defaultUserAgentProvider"
  | "logger";
const SAVED_KEYS: readonly ConfigKey[] = [
  "region",
  "useFipsEndpoint",
  "httpAuthSchemes",
  "credentials",
  "signer",
  "requestHandler",
  "defaultUserAgentProvider",
  "logger",
];

interface Attachment {
  /**
   * Own property descriptors, undefined when the key was not own. Descriptors, not values: `credentials` is an
   * accessor (`@aws-sdk/core` resolveAwsSdkSigV4Config) whose setter wraps what it is given, so assigning the
   * saved value back would leave a new wrapper, flagged as user-supplied, instead of the original provider.
   */
  readonly saved: Partial<Record<ConfigKey, PropertyDescriptor | undefined>>;
  /** The chain cache, for services whose endpoint does not depend on the call (not S3). */
  readonly cache: HandlerCache | undefined;
  /** The client's own config object, given back at detach (`client.config` is a fast view of it while faked). */
  readonly originalConfig: SdkClient["config"];
}

/** Replace a config key without calling a setter the SDK defined on it. */
function setOwn(config: Record<string, unknown>, key: ConfigKey, value: unknown): void {
  Object.defineProperty(config, key, { value, writable: true, enumerable: true, configurable: true });
}

const fakeIdentity = () => async () => FAKE_CREDENTIALS;
const noSigning = { sign: async (request: unknown) => request };

/** Services whose endpoint (host) depends on each call's input: no shared chain (handler-cache.ts). */
const PER_CALL_ENDPOINT = new Set(["S3"]);

export class SdkTransport implements TransportLike {
  /** Faked clients: data held weakly by client, and weak references to reach the live ones at uninstall. */
  private readonly attached = new WeakMap<SdkClient, Attachment>();
  private readonly live = new Set<WeakRef<SdkClient>>();
  private readonly refs = new WeakMap<SdkClient, WeakRef<SdkClient>>();
  /** Captured once: nothing here reads the global registry's properties after a jest test file ended. */
  private readonly imds: ImdsGuard = processRegistry().imds;
  private readonly fakedBy: WeakMap<object, TransportLike> = processRegistry().fakedBy;
  private readonly collected = new FinalizationRegistry<WeakRef<SdkClient>>((ref) => {
    this.live.delete(ref);
    this.imds.release();
  });
  private readonly patchedSends = new Map<object, PropertyDescriptor | undefined>();
  private installed = false;

  constructor(private readonly handler: WireHandler) {}

  isInstalled(): boolean {
    return this.installed;
  }

  /** How many faked clients are still alive (bench/ and tests of collectability). */
  liveClientCount(): number {
    let n = 0;
    for (const ref of this.live) if (ref.deref()) n++;
    return n;
  }

  install(): void {
    if (this.installed) return;
    const registry = processRegistry();
    if (registry.installed && registry.installed !== this) {
      throw new Error(
        `[a2i-fake] Another A2IFake is installed in this process (perhaps by another copy of a2i-fake, its ESM and CommonJS builds, or ${process.env.VITEST ? "a2i-fake/vitest" : "a2i-fake/jest"}). ` +
          `Call uninstall() on it first, use that fake (import { a2i } from "${process.env.VITEST ? "a2i-fake/vitest" : "a2i-fake/jest"}"), or use attach(client) for a second fake.`,
      );
    }
    registry.installed = this;
    this.installed = true;
    this.imds.acquire();
    const bases = locateClientBases(this.handler.clientPackages());
    if (bases.length === 0) {
      this.uninstall();
      throw new Error(
        `[a2i-fake] install() found none of ${this.handler.clientPackages().join(", ")} from ${process.cwd()} or from a2i-fake's own folder, so it could fake no client. ` +
          "Install the SDK clients your app uses next to a2i-fake, run the tests from your project's folder, or fake each client with attach(client).",
      );
    }
    for (const base of bases) this.patchBaseSend(base);
  }

  uninstall(): void {
    if (!this.installed) return;
    for (const [proto, descriptor] of this.patchedSends) {
      if (descriptor) Object.defineProperty(proto, "send", descriptor);
      else delete (proto as { send?: Send }).send;
    }
    this.patchedSends.clear();
    for (const ref of [...this.live]) {
      const client = ref.deref();
      if (client) this.detach(client);
    }
    this.imds.release();
    this.installed = false;
    const registry = processRegistry();
    if (registry.installed === this) registry.installed = undefined;
  }

  /** Fake one client only; returns a function that gives it back its real endpoint. */
  attach(client: unknown): () => void {
    const sdkClient = client as SdkClient;
    const serviceId = sdkClient?.config?.serviceId;
    if (!serviceId || !this.handler.isFakedService(serviceId)) {
      throw new Error(
        `[a2i-fake] attach() takes a ${this.handler.clientNames()}; got a client with serviceId ${String(serviceId)}.`,
      );
    }
    // A client faked by the installed fake moves to this one (the "attach(client) for a second fake" remedy).
    const owner = this.fakedBy.get(sdkClient);
    if (owner && owner !== this) owner.detach(sdkClient);
    this.harden(sdkClient, serviceId);
    return () => this.detach(sdkClient);
  }

  detach(client: object): void {
    const sdkClient = client as SdkClient;
    const attachment = this.attached.get(sdkClient);
    if (!attachment) return;
    this.attached.delete(sdkClient);
    const ref = this.refs.get(sdkClient);
    if (ref) {
      this.live.delete(ref);
      this.collected.unregister(ref);
      this.refs.delete(sdkClient);
    }
    this.fakedBy.delete(sdkClient);
    this.imds.release();
    attachment.cache?.dispose();
    sdkClient.middlewareStack.remove(MIDDLEWARE_NAME);
    const config = attachment.originalConfig;
    sdkClient.config = config;
    for (const key of SAVED_KEYS) {
      if (!(key in attachment.saved)) continue;
      const descriptor = attachment.saved[key];
      if (descriptor) Object.defineProperty(config, key, descriptor);
      else delete config[key];
    }
    delete sdkClient.handlers;
  }

  /** Wrap the shared base-class `send` (of the user's copy of the SDK, not one of ours). */
  private patchBaseSend(base: object): void {
    if (this.patchedSends.has(base)) return;
    const descriptor = Object.getOwnPropertyDescriptor(base, "send");
    const original = (base as { send: Send }).send;
    this.patchedSends.set(base, descriptor);
    const transport = this;
    const fakedBy = this.fakedBy;
    Object.defineProperty(base, "send", {
      value: function a2iFakeSend(this: SdkClient, ...args: unknown[]) {
        const [command, optionsOrCb, cb] = args;
        let attachment = transport.attached.get(this);
        if (!attachment && transport.installed && !fakedBy.has(this)) {
          const serviceId = this?.config?.serviceId;
          if (serviceId && transport.handler.isFakedService(serviceId)) attachment = transport.harden(this, serviceId);
        }
        if (attachment?.cache && optionsOrCb === undefined && cb === undefined) {
          const answer = attachment.cache.send(command as Parameters<HandlerCache["send"]>[0]);
          if (answer) return answer;
        }
        return original.apply(this, args);
      },
      writable: true,
      enumerable: descriptor?.enumerable ?? false,
      configurable: true,
    });
  }

  private harden(client: SdkClient, serviceId: FakedServiceId): Attachment {
    const existing = this.attached.get(client);
    if (existing) return existing;
    const config = client.config;
    const saved: Attachment["saved"] = {};
    for (const key of SAVED_KEYS) saved[key] = Object.getOwnPropertyDescriptor(config, key);

    const originalRegion = config.region as (() => Promise<string>) | string | undefined;
    let region: Promise<string> | undefined;
    const fallbackRegion = this.handler.region;
    let resolvedRegion: string | undefined;
    const resolveRegion = () =>
      (region ??= (async () => {
        try {
          const r = typeof originalRegion === "function" ? await originalRegion() : originalRegion;
          return r || fallbackRegion;
        } catch {
          return fallbackRegion;
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
    // Older clients (before httpAuthSchemes) sign through `config.signer`, whose default resolves the Region and
    // the credential chain itself: replace it with one that signs nothing.
    if ("signer" in config) setOwn(config, "signer", async () => noSigning);
    // What the fake leaves alone (S3 "passThrough") may reach the user's own mocks, never the network.
    setOwn(config, "requestHandler", guardedRequestHandler(config.requestHandler, serviceId));
    // The SDK's logger middleware filters every input and output for sensitive members before it hands them to
    // `logger?.info?.(...)`, even to the SDK's own NoOpLogger, which drops them: ~15% of a faked call with a large
    // output (Textract's blocks). The same NoOpLogger without `info` (the optional call then skips the filtering);
    // `instanceof NoOpLogger` still holds, and every other method is the NoOpLogger's. A user's own logger is kept.
    const logger = config.logger as { constructor?: { name?: string } } | undefined;
    if (logger && logger.constructor?.name === "NoOpLogger") {
      const quiet = Object.create(logger, { info: { value: undefined, enumerable: false } }) as object;
      quietLoggers.add(quiet);
      setOwn(config, "logger", quiet);
    }
    // The SDK asks for its default user agent (OS, Node and SDK versions, app id) on every call; it does not change
    // while the client lives, so it is asked once (the user-agent middleware copies the sections before adding to them).
    const userAgentProvider = config.defaultUserAgentProvider;
    if (typeof userAgentProvider === "function") {
      let sections: Promise<unknown> | undefined;
      setOwn(config, "defaultUserAgentProvider", (...args: unknown[]) => (sections ??= (userAgentProvider as (...a: unknown[]) => Promise<unknown>)(...args)));
    }

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
          const answer = handler.handleWire(serviceId, wire, (resolvedRegion ??= await resolveRegion()));
          const response = answer instanceof Promise ? await answer : answer;
          if (!response) return next(args);
          const body = typeof response.body === "string" ? encoder.encode(response.body) : response.body;
          if (response.parts && body instanceof Uint8Array) answerParts.set(body, response.parts);
          return { response: { statusCode: response.statusCode, headers: response.headers, body } };
        },
      { step: "deserialize", priority: "low", name: MIDDLEWARE_NAME, override: true, tags: ["A2I_FAKE"] },
    );
    // A handler cached before the middleware was added would skip it.
    delete client.handlers;
    client.config = fastConfigView(config);
    this.imds.acquire();
    const packageName = handler.clientPackage(serviceId);
    const chainOptions: FakedChainOptions = {
      config,
      serdeView: () => fastConfigView(config, { protocol: withPartsReading(config.protocol) ?? config.protocol }),
      schemaSerdePlugin: () => schemaSerdePlugin(packageName),
      quietLogger: () => quietLoggers.has(config.logger as object),
    };
    const attachment: Attachment = {
      saved,
      cache: PER_CALL_ENDPOINT.has(serviceId) ? undefined : new HandlerCache(client, chainOptions),
      originalConfig: config,
    };
    this.attached.set(client, attachment);
    const ref = new WeakRef(client);
    this.refs.set(client, ref);
    this.live.add(ref);
    // The guard is held while the client lives: released at detach, or when the client is collected.
    this.collected.register(client, ref, ref);
    this.fakedBy.set(client, this);
    return attachment;
  }
}

/** The NoOpLoggers without `info` the fake gave clients (their logger middleware does nothing: faked-chain.ts). */
const quietLoggers = new WeakSet<object>();

/** `getSchemaSerdePlugin` of the `@smithy/core` a client package loads, once per package (faked-chain.ts). */
const serdePlugins = new Map<string, SerdePluginFactory | undefined>();
function schemaSerdePlugin(packageName: string | undefined): SerdePluginFactory | undefined {
  if (packageName === undefined) return undefined;
  if (!serdePlugins.has(packageName)) {
    const schema = requireFromClientPackage(packageName, "@smithy/core/schema") as { getSchemaSerdePlugin?: unknown } | undefined;
    const factory = schema?.getSchemaSerdePlugin;
    serdePlugins.set(packageName, typeof factory === "function" ? (factory as SerdePluginFactory) : undefined);
  }
  return serdePlugins.get(packageName);
}

/** The headers with lower-case names: the SDK's own object when they all are (the usual case; nothing writes to it). */
function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  for (const k in headers) {
    if (k !== k.toLowerCase()) {
      const out: Record<string, string> = {};
      for (const name in headers) out[name.toLowerCase()] = headers[name]!;
      return out;
    }
  }
  return headers;
}
