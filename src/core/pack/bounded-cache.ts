/**
 * A Map that forgets what has not been used lately, holding at most `capacity` entries: caches on the hot
 * path stay bounded. Two generations instead of a strict LRU order: a hit in the young generation is a
 * single lookup (re-inserting on every hit, as an LRU Map does, costs about ten times more); a hit in the
 * old one moves the entry to the young one; when the young one fills half the capacity, the old one is
 * dropped. So anything used within the last `capacity / 2` insertions is kept.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old !== undefined) {
      this.old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  getOrCreate(key: K, create: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = create();
    this.set(key, value);
    return value;
  }
}
