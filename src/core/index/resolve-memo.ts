/**
 * Memoised values with the dependency keys they were computed from (see `FileQuery`). Invalidating a key
 * drops every value that depended on it; a value computed again registers its dependencies afresh.
 */
export class DependencyMemo<V> {
  private readonly values = new Map<string, V>();
  private readonly dependents = new Map<string, Set<string>>();

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V, dependencies: Iterable<string>): void {
    this.values.set(key, value);
    for (const dependency of dependencies) {
      const keys = this.dependents.get(dependency);
      if (keys) keys.add(key);
      else this.dependents.set(dependency, new Set([key]));
    }
  }

  /** Drops the values that depended on any of `dependencies`; returns their keys. */
  invalidate(dependencies: Iterable<string>): Set<string> {
    const dropped = new Set<string>();
    for (const dependency of dependencies) {
      const keys = this.dependents.get(dependency);
      if (!keys) continue;
      this.dependents.delete(dependency);
      for (const key of keys) {
        this.values.delete(key);
        dropped.add(key);
      }
    }
    return dropped;
  }

  clear(): void {
    this.values.clear();
    this.dependents.clear();
  }

  get size(): number {
    return this.values.size;
  }
}
