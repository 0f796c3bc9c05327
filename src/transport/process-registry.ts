/**
 * State that must be ONE per process (per jest test-file global) however a2i-fake is loaded: its ESM build and its
 * CJS build (jest's setup file loads one, an ESM test imports the other), or two copies of the package in
 * node_modules. Module-level variables would exist once per copy, so two copies would each believe they are
 * the only fake installed and fight over the same SDK clients. It lives on `globalThis` under a `Symbol.for` key,
 * which every copy (and every realm sharing that global) finds.
 *
 * Keep the shape backward compatible: an older copy of a2i-fake in the same process reads the same object.
 */

/** What one copy of the transport exposes to the others. */
export interface TransportLike {
  /** Give one faked client back its real stack and config. */
  detach(client: object): void;
}

export interface ProcessRegistry {
  readonly version: 1;
  /** The installed transport, whichever copy of a2i-fake it came from. */
  installed: TransportLike | undefined;
  /** Which transport holds each faked client: weak, so a client the test no longer holds can be collected. */
  readonly fakedBy: WeakMap<object, TransportLike>;
  /** Holds `AWS_EC2_METADATA_DISABLED=true` while anyone needs it (state in a closure: see imdsGuard). */
  readonly imds: ImdsGuard;
  /** Named singletons of the test-framework entry points (`a2i-fake/jest`'s fake). */
  readonly singletons: Map<string, unknown>;
}

const KEY = Symbol.for("a2i-fake.process-registry");

export function processRegistry(): ProcessRegistry {
  const holder = globalThis as unknown as Record<symbol, ProcessRegistry | undefined>;
  let registry = holder[KEY];
  if (!registry) {
    registry = {
      version: 1,
      installed: undefined,
      fakedBy: new WeakMap(),
      imds: createImdsGuard(),
      singletons: new Map(),
    };
    Object.defineProperty(holder, KEY, { value: registry, enumerable: false, configurable: true, writable: false });
  }
  return registry;
}

export interface ImdsGuard {
  acquire(): void;
  release(): void;
}

/**
 * `AWS_EC2_METADATA_DISABLED=true` while any client is faked: the SDK's default region chain reads it at call
 * time and then never asks the instance metadata service. Restored exactly when the last holder goes.
 * Its count lives in a closure, not in properties of the registry: jest soft-deletes the properties of objects a
 * test file put on the global when the file ends, and a release from a FinalizationRegistry callback after that
 * would write through jest's wrapper (which recurses without end on data properties).
 */
function createImdsGuard(): ImdsGuard {
  let holders = 0;
  let saved: string | undefined;
  return {
    acquire(): void {
      if (holders++ === 0) {
        saved = process.env.AWS_EC2_METADATA_DISABLED;
        process.env.AWS_EC2_METADATA_DISABLED = "true";
      }
    },
    release(): void {
      if (holders === 0 || --holders > 0) return;
      if (saved === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
      else process.env.AWS_EC2_METADATA_DISABLED = saved;
    },
  };
}
