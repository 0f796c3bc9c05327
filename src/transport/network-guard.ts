/**
 * Nothing a faked client sends may reach the network, whatever the options (issue 9). The fake answers at the
 * innermost middleware slot; a request it leaves alone (S3 with `otherS3Requests: "passThrough"`) goes on to
 * whatever the user put below it, and then to the client's `requestHandler`. While the client is faked that
 * handler is wrapped: the SDK's own HTTP handlers (which would open a connection) refuse with an `[a2i-fake]`
 * error; a handler of the user's own (a mock `{ handle }`) answers as usual.
 */

/** The SDK's handlers that go to the network (`@smithy/node-http-handler`, `@smithy/fetch-http-handler`). */
const NETWORK_HANDLERS: ReadonlySet<string> = new Set(["NodeHttpHandler", "NodeHttp2Handler", "FetchHttpHandler"]);

interface RequestHandlerLike {
  handle(request: unknown, options?: unknown): Promise<unknown>;
  metadata?: { handlerProtocol?: string };
  destroy?(): void;
  [key: string]: unknown;
}

interface HttpRequestLike {
  method?: string;
  hostname?: string;
  path?: string;
}

function goesToNetwork(handler: RequestHandlerLike | undefined): boolean {
  if (!handler || typeof handler.handle !== "function") return true;
  const name = (handler.constructor as { name?: string } | undefined)?.name ?? "";
  return NETWORK_HANDLERS.has(name) || typeof handler.metadata?.handlerProtocol === "string";
}

/** The handler to put in a faked client's config in place of `original`. */
export function guardedRequestHandler(original: unknown, serviceId: string): RequestHandlerLike {
  const handler = original as RequestHandlerLike | undefined;
  const network = goesToNetwork(handler);
  const handle = (request: unknown, options?: unknown): Promise<unknown> => {
    if (!network) return handler!.handle(request, options);
    const r = (request ?? {}) as HttpRequestLike;
    const name = (handler?.constructor as { name?: string } | undefined)?.name;
    return Promise.reject(
      new Error(
        `[a2i-fake] A ${serviceId} request (${r.method ?? "?"} ${r.hostname ?? ""}${r.path ?? ""}) reached the client's HTTP handler` +
          `${name ? ` (${name})` : ""}: nothing answered it, and a client the fake holds never goes to the network. ` +
          `Answer it with your own mock (aws-sdk-client-mock's mockClient(S3Client), a requestHandler of your own), or, for S3, ` +
          `put the object first (PutObject into an output bucket, outside the output prefix).`,
      ),
    );
  };
  if (!handler || typeof handler !== "object") return { handle };
  // Everything else the SDK reads from its handler (metadata, updateHttpClientConfig, destroy, ...) is the original's.
  return new Proxy(handler, {
    get(target, prop) {
      if (prop === "handle") return handle;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
