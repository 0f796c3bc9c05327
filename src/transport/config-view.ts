/**
 * A view of a client's config that the SDK copies quickly. The SDK spreads the whole config into a fresh context
 * (`{ ...config, ...context }`) several times per call (endpoint, serializer and deserializer middleware); a
 * client's config is a dictionary-mode object (built up by some twenty resolvers), so each spread costs ~20 µs and
 * makes a slow object in turn. The view has the same keys, as accessors that read and write the config itself, in a
 * fast-mode object (a spread costs ~3 µs). The config stays the one source of truth: the client-level plugins
 * captured it, and a user's `client.config.x = ...` while faked lands in it.
 *
 * The accessors are shared: one getter and setter per key name, for every view, reading the view's config through a
 * symbol. V8 keeps an object in fast mode only while its shape can follow a shared chain of maps, and accessors made
 * afresh for each view gave each view its own chain: only the first view of a process was fast, every later
 * client's was a dictionary-mode object again.
 */

const TARGET = Symbol("a2i-fake config view target");
const VALUES = Symbol("a2i-fake config view values");

interface Accessors {
  get(this: ConfigView): unknown;
  set(this: ConfigView, value: unknown): void;
}

interface ConfigView {
  [TARGET]: Record<PropertyKey, unknown>;
  [VALUES]: Record<PropertyKey, unknown>;
}

const throughConfig = new Map<PropertyKey, Accessors>();
const ownValues = new Map<PropertyKey, Accessors>();

function accessorsFor(key: PropertyKey, cache: Map<PropertyKey, Accessors>, slot: typeof TARGET | typeof VALUES): Accessors {
  let accessors = cache.get(key);
  if (!accessors) {
    accessors = {
      get(this: ConfigView) {
        return this[slot][key];
      },
      set(this: ConfigView, value: unknown) {
        this[slot][key] = value;
      },
    };
    cache.set(key, accessors);
  }
  return accessors;
}

/**
 * The fast view of `config`: its own keys, read and written through to it, except those of `values`, which the view
 * answers itself (faked-chain.ts binds the schema serde to a view whose `protocol` reads declared results once).
 */
export function fastConfigView<T extends object>(config: T, values?: Record<string, unknown>): T {
  const view = Object.create(Object.getPrototypeOf(config) as object) as T;
  Object.defineProperty(view, TARGET, { value: config });
  if (values) Object.defineProperty(view, VALUES, { value: values });
  for (const key of Reflect.ownKeys(config)) {
    const own = values !== undefined && typeof key === "string" && Object.hasOwn(values, key);
    const { get, set } = own ? accessorsFor(key, ownValues, VALUES) : accessorsFor(key, throughConfig, TARGET);
    Object.defineProperty(view, key, { get, set, enumerable: Object.prototype.propertyIsEnumerable.call(config, key), configurable: true });
  }
  return view;
}
