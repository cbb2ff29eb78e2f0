import { configEpoch } from "./config-epoch";

/**
 * What an instance keeps of a workspace's configuration for the hot public paths (a webhook's channel, a hosted
 * form's published version), per database handle: trusted for `ttlMs`, dropped at once by any dashboard action on
 * this instance (the config epoch moves), and left to expire on the others. So a change made elsewhere takes
 * effect within `ttlMs`, and within it a request costs no read. Absent answers are never kept: a new workspace
 * or form answers at once, and junk addresses cannot fill the memory.
 */
const MAX_ENTRIES = 10_000;

export function configCache<K, T, D extends object>(ttlMs: number, keyOf: (key: K) => string, load: (db: D, key: K) => Promise<T | null | undefined>) {
  const caches = new WeakMap<object, Map<string, { value: T; expires: number; epoch: number }>>();
  return {
    async get(db: D, key: K, options: { fresh?: boolean; now?: number } = {}): Promise<T | null> {
      const { fresh = false, now = Date.now() } = options;
      let cache = caches.get(db);
      if (!cache) {
        cache = new Map();
        caches.set(db, cache);
      }
      const id = keyOf(key);
      const epoch = configEpoch(db);
      const hit = cache.get(id);
      if (!fresh && hit && hit.expires > now && hit.epoch === epoch) return hit.value;
      const value = await load(db, key);
      if (value == null) {
        cache.delete(id);
        return null;
      }
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(id, { value, expires: now + ttlMs, epoch });
      return value;
    },
  };
}
