/**
 * The one home of process-wide state (caches, limiters, in-flight work) for the adapters and
 * the integrations built on them.
 *
 * Next.js can load one module more than once in a server process (the page, server-action and
 * route-handler bundles each get a copy), so a module-level `new Map()` is silently split: an
 * OAuth route and a server action would each see their own. Everything that must be shared
 * lives instead in one object on `globalThis`, found through a `Symbol.for` key, which every
 * copy of every module resolves to the same symbol.
 */
const REGISTRY = Symbol.for('practice-sync.process-wide');

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

/**
 * The process's single instance of `name`, created on first use. `name` is namespaced by the
 * caller (e.g. `providers.knownSecrets`); the creator must not depend on module identity.
 */
export function processWide<T>(name: string, create: () => T): T {
  const all = registry();
  if (all.has(name)) return all.get(name) as T;
  const value = create();
  all.set(name, value);
  return value;
}
