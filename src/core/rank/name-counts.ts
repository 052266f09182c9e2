// A file's referenced names with their number of uses, as the ranking state keeps them for every file. As a
// Map they cost ~35 bytes a name (over 600,000 (file, name) pairs on a 10,000-file workspace: the largest
// part of the per-file features); here the names are the index entry's own list of distinct referenced names
// (shared, in first-use order, which is the Map's order) and the rest is 8 bytes a name in one Int32Array.
import { countReferencesByName, type PackedReferences } from '../index/packed-references';
import { partitionPoint } from '../partition-point';

export class NameCounts implements ReadonlyMap<string, number> {
  /** [0, n): the uses of names[i]; [n, 2n): indices into names in code-unit order of the names, for lookups. */
  private readonly table: Int32Array;
  private readonly names: readonly string[];

  constructor(references: PackedReferences) {
    const names = (this.names = references.names);
    const n = names.length;
    this.table = new Int32Array(2 * n);
    countReferencesByName(references, this.table);
    const order = this.table.subarray(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  }

  get size(): number {
    return this.names.length;
  }

  get(name: string): number | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.table[i];
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  keys(): IterableIterator<string> {
    return this.names.values();
  }

  *values(): IterableIterator<number> {
    for (let i = 0; i < this.names.length; i++) yield this.table[i];
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.names.length; i++) yield [this.names[i], this.table[i]];
  }

  [Symbol.iterator](): IterableIterator<[string, number]> {
    return this.entries();
  }

  forEach(visit: (count: number, name: string, map: ReadonlyMap<string, number>) => void): void {
    for (let i = 0; i < this.names.length; i++) visit(this.table[i], this.names[i], this);
  }

  /** The index of `name` in names, or -1: a binary search over the sorted order. */
  private indexOf(name: string): number {
    const end = 2 * this.names.length;
    const at = partitionPoint(this.names.length, end, middle => this.names[this.table[middle]] < name);
    return at < end && this.names[this.table[at]] === name ? this.table[at] : -1;
  }
}
