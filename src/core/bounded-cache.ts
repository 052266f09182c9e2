import { LRUCache } from 'lru-cache';

/**
 * A Map that forgets what has not been used lately, holding at most `capacity` entries: caches on the hot
 * path stay bounded. The one LRU of the codebase is `lru-cache` (strict LRU order, and faster on a skewed
 * lookup mix than both a Map re-inserted on every hit and the two-generation cache this replaced); this
 * class only names the capacity and adds `getOrCreate`.
 */
export class BoundedCache<K extends {}, V extends {}> extends LRUCache<K, V> {
  constructor(capacity: number) {
    super({ max: Math.max(1, capacity) });
  }

  getOrCreate(key: K, create: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = create();
    this.set(key, value);
    return value;
  }
}
