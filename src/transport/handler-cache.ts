/**
 * Per-call cost (issue 13): the SDK rebuilds a client's whole middleware chain on every `send` (clone, sort,
 * one closure per middleware), about 44% of a faked call. The SDK's own answer is the `cacheMiddleware` client
 * option (a chain per Command class, built on first use); this does the same for faked clients, keeping the
 * user's middleware semantics that option gives up:
 * - the cache is dropped whenever the client's middleware stack changes (add, addRelativeTo, use, remove,
 *   removeByTag), so a middleware a user adds after the first call sees the next call;
 * - a command that carries middleware of its own (`command.middlewareStack.add(...)`) or is sent with options or
 *   a callback goes the SDK's uncached way.
 * Not used for S3, whose endpoint (and so the request's host) depends on each call's bucket: the chain's shared
 * context is only safe where every call of a command class resolves the same endpoint.
 * Chains are resolved from `fakedChainStack` (faked-chain.ts): the client's stack with its schema serde bound to the
 * fast config view, and without header-only middleware while nothing but the SDK's own middleware is in it.
 */
import { fakedChainStack, type FakedChainOptions, type StackLike } from "./faked-chain.js";

interface MiddlewareStackLike {
  identify?(): string[];
  [method: string]: unknown;
}

interface CommandLike {
  constructor: object;
  middlewareStack?: MiddlewareStackLike;
  resolveMiddleware(stack: unknown, config: unknown, options: unknown): (command: unknown) => Promise<{ output: unknown }>;
}

export interface CachingClient {
  config: unknown;
  middlewareStack: MiddlewareStackLike;
}

const MUTATORS = ["add", "addRelativeTo", "use", "remove", "removeByTag"] as const;

export class HandlerCache {
  private handlers = new WeakMap<object, (command: unknown) => Promise<{ output: unknown }>>();
  /** The stack the handlers are resolved from, made on first use after each change of the client's stack. */
  private chain: StackLike | undefined;
  private readonly stack: MiddlewareStackLike;
  private readonly originals = new Map<string, PropertyDescriptor | undefined>();

  constructor(
    private readonly client: CachingClient,
    private readonly chainOptions: FakedChainOptions,
  ) {
    this.stack = client.middlewareStack;
    for (const name of MUTATORS) {
      const original = this.stack[name];
      if (typeof original !== "function") continue;
      this.originals.set(name, Object.getOwnPropertyDescriptor(this.stack, name));
      const cache = this;
      Object.defineProperty(this.stack, name, {
        value: function (this: unknown, ...args: unknown[]) {
          cache.handlers = new WeakMap();
          cache.chain = undefined;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        },
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }

  /** The answer of `send(command)` through a cached chain, or undefined when this call must go the SDK's way. */
  send(command: CommandLike): Promise<unknown> | undefined {
    // A stack replaced wholesale, or a command with middleware of its own: not ours to cache.
    if (this.client.middlewareStack !== this.stack) return undefined;
    const own = command.middlewareStack;
    if (!own || typeof own.identify !== "function" || own.identify().length > 0) return undefined;
    let handler = this.handlers.get(command.constructor);
    if (!handler) {
      this.chain ??= fakedChainStack(this.stack as unknown as StackLike, this.chainOptions);
      handler = command.resolveMiddleware(this.chain, this.client.config, undefined);
      this.handlers.set(command.constructor, handler);
    }
    return handler(command).then((result) => result.output);
  }

  /** Put the stack's own methods back. */
  dispose(): void {
    for (const [name, descriptor] of this.originals) {
      if (descriptor) Object.defineProperty(this.stack, name, descriptor);
      else delete this.stack[name];
    }
    this.originals.clear();
    this.handlers = new WeakMap();
    this.chain = undefined;
  }
}
