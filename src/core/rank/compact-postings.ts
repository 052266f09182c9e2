// Compact building blocks of the chunk index. A workspace of 10,000 files has millions of (chunk, term)
// pairs and hundreds of thousands of distinct terms: a Map per chunk and a Set per term cost tens of bytes
// per pair and hundreds per object, so terms are interned to integer ids and the lists live in one arena.
import { lowerBound } from '../partition-point';

/**
 * A copy of `array` with room for at least `needed` elements, grown by 1 / 2^spareShift of its length (half
 * by default): appends stay amortized O(1), each element copied about 2^spareShift times as the array grows,
 * and the spare is at most 1 / (2^spareShift + 1) of it (doubling: up to half).
 */
export function grown(array: Int32Array, needed: number, spareShift = 1): Int32Array {
  if (needed <= array.length) return array;
  const larger = new Int32Array(Math.max(needed, array.length + (array.length >> spareShift), 4));
  larger.set(array);
  return larger;
}

/** Each distinct term stored once, named by a small integer; ids of terms no chunk has any more are reused. */
export class TermTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly freeIds: number[] = [];

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.names.length;
      this.ids.set(term, id);
      this.names[id] = term;
    }
    return id;
  }

  nameOf(id: number): string {
    return this.names[id];
  }

  release(id: number): void {
    this.ids.delete(this.names[id]);
    this.names[id] = '';
    this.freeIds.push(id);
  }

  /** One more than the largest id given out: ids are below it. */
  get size(): number {
    return this.names.length;
  }

  terms(): IterableIterator<string> {
    return this.ids.keys();
  }
}

/**
 * Many variable-length lists of integers in one growable Int32Array, named by list id: a typed array per
 * list costs ~250 bytes of object overhead, more than most lists (a rare term's chunks, a chunk's terms)
 * hold. A list that outgrows its room moves to the end; the room it leaves is reclaimed by compacting once
 * the abandoned room is an eighth of the arena: a compaction copies the live lists once, after moves and
 * clears abandoned at least an eighth of that much, so its cost stays proportional to theirs. The arena is
 * most of a chunk index's memory, so its spare is kept small (the abandoned room, a list's room to grow and
 * the array's growth: each a fraction of a quarter or less) at the price of copying more often: copies are
 * memcpy, cheap next to the tokenizing that produced the elements. A compaction
 * leaves each list the spare room a move would give it: with none, the next insert into every long list
 * would move it, abandon an eighth of the arena within a few inserts and compact again, so adding one
 * file's chunks cost a copy of the whole arena.
 *
 * A tagged arena keeps a byte beside each element (`tags`, at the same index as `elements`), moved with it:
 * what a reader of a long list needs of each element without a search elsewhere (a posting's term count).
 *
 * Filling an empty arena with a whole workspace (`beginBulkLoad`) is different: there the small spare made every
 * long list move dozens of times and the arena copy itself about a hundred times as it grew, most of the
 * fill's time. While a bulk load runs, lists double their room and the arena half its length, and it
 * compacts only once half of it is abandoned; at the end one compaction gives it the small spare above.
 */
export class ListArena {
  private data: Int32Array = new Int32Array(1024);
  /** Each element's tag, where the arena is tagged: as long as `data`, moved with it. */
  private tagData: Uint8Array | undefined;
  private used = 0;
  private abandoned = 0;
  /** Elements copied by moves and compactions: the arena's own work, which should stay proportional to the inserts. */
  private copied = 0;
  private starts: Int32Array = new Int32Array(0);
  private sizes: Int32Array = new Int32Array(0);
  private capacities: Int32Array = new Int32Array(0);
  /** Between `beginBulkLoad` and `endBulkLoad`: room grows by doubling, and abandoned room is tolerated up to half the arena. */
  private loading = false;

  constructor(options: { readonly tagged?: boolean } = {}) {
    if (options.tagged) this.tagData = new Uint8Array(this.data.length);
  }

  get copiedElements(): number {
    return this.copied;
  }

  /** Elements the arena's array has room for: the live lists, their room to grow, abandoned room and spare. */
  get reservedElements(): number {
    return this.data.length;
  }

  size(list: number): number {
    return list < this.sizes.length ? this.sizes[list] : 0;
  }

  /** The list's `i`-th element. */
  get(list: number, i: number): number {
    return this.data[this.starts[list] + i];
  }

  /**
   * The arena's array, where each list lies from its `start`: for a search in a hot loop (BM25 reads a
   * chunk's counts once per posting), which the per-call layering of `lowerBound` and `get` slowed by a
   * sixth. Valid until the next change.
   */
  get elements(): Int32Array {
    return this.data;
  }

  /** The tags of `elements`, index for index (a tagged arena only). Valid until the next change. */
  get tags(): Uint8Array {
    if (!this.tagData) throw new Error('This arena keeps no tags.');
    return this.tagData;
  }

  start(list: number): number {
    return list < this.starts.length ? this.starts[list] : 0;
  }

  /** The list's elements, a view valid until the next change. */
  view(list: number): Int32Array {
    const start = list < this.starts.length ? this.starts[list] : 0;
    return this.data.subarray(start, start + this.size(list));
  }

  /** First index in the list's ascending elements [from, to) whose element is >= `value` (`to` if none). */
  lowerBound(list: number, from: number, to: number, value: number): number {
    const start = this.starts[list];
    return lowerBound(this.data, start + from, start + to, value) - start;
  }

  /** Replaces the list's elements (with no spare room: such a list is written once). */
  set(list: number, values: ArrayLike<number>): void {
    this.clear(list);
    this.moveToEnd(list, values.length);
    this.data.set(values, this.starts[list]);
    this.tagData?.fill(0, this.starts[list], this.starts[list] + values.length);
    this.sizes[list] = values.length;
  }

  /** From here to `endBulkLoad`, many lists are put at once: generous growth (see the class comment). */
  beginBulkLoad(): void {
    this.loading = true;
  }

  /** Ends a bulk load with a compaction. What the lists hold is as without it; only where they lie and their room differ. */
  endBulkLoad(): void {
    if (!this.loading) return;
    this.loading = false;
    this.compact();
  }

  /** Inserts `value` into the ascending list, with its `tag` in a tagged arena. */
  insertSorted(list: number, value: number, tag = 0): void {
    const size = this.size(list);
    if (size === (list < this.capacities.length ? this.capacities[list] : 0)) this.moveToEnd(list, this.loading ? 2 * size + 4 : roomFor(size));
    const start = this.starts[list];
    // Mostly past the last element (a build's chunk ids only grow): no search, nothing to shift.
    const at = size === 0 || this.data[start + size - 1] < value ? start + size : lowerBound(this.data, start, start + size, value);
    this.data.copyWithin(at + 1, at, start + size);
    this.data[at] = value;
    if (this.tagData) {
      this.tagData.copyWithin(at + 1, at, start + size);
      this.tagData[at] = tag;
    }
    this.sizes[list] = size + 1;
  }

  /** Removes `value` (present) from the ascending list; returns the list's new size. */
  removeSorted(list: number, value: number): number {
    const start = this.starts[list];
    const size = this.sizes[list];
    const at = lowerBound(this.data, start, start + size, value);
    this.data.copyWithin(at, at + 1, start + size);
    this.tagData?.copyWithin(at, at + 1, start + size);
    this.sizes[list] = size - 1;
    return size - 1;
  }

  clear(list: number): void {
    if (list >= this.capacities.length) return;
    this.abandoned += this.capacities[list];
    this.sizes[list] = this.capacities[list] = 0;
    this.compactIfWasteful();
  }

  /** Gives the list `capacity` room at the arena's end, its elements copied there. */
  private moveToEnd(list: number, capacity: number): void {
    this.compactIfWasteful();
    this.starts = grown(this.starts, list + 1);
    this.sizes = grown(this.sizes, list + 1);
    this.capacities = grown(this.capacities, list + 1);
    this.data = grown(this.data, this.used + capacity, this.loading ? 1 : ARENA_GROWTH_SHIFT);
    const start = this.starts[list];
    this.data.copyWithin(this.used, start, start + this.sizes[list]);
    if (this.tagData) {
      this.tagData = grownBytes(this.tagData, this.data.length);
      this.tagData.copyWithin(this.used, start, start + this.sizes[list]);
    }
    this.copied += this.sizes[list];
    this.abandoned += this.capacities[list];
    this.starts[list] = this.used;
    this.capacities[list] = capacity;
    this.used += capacity;
  }

  private compactIfWasteful(): void {
    if (this.abandoned > 1024 && this.abandoned * (this.loading ? 2 : 8) > this.used) this.compact();
  }

  /**
   * Rewrites the lists back to back in list order, each keeping its spare room up to what growing would give
   * it (a list that shrank gives the rest back; one written by `set` has none and needs none), into an array
   * with the room the arena's own growth would give.
   */
  private compact(): void {
    let used = 0;
    for (let list = 0; list < this.sizes.length; list++) {
      this.capacities[list] = Math.min(this.capacities[list], roomFor(this.sizes[list]));
      used += this.capacities[list];
    }
    // The lists' room, not the room they had (after a bulk load, about half as much), and the room the arena's
    // growth would give: the first moves after a compaction must not copy the whole arena again (after a
    // full build that was the first keystroke's, with a collection of the heap for the new array).
    const data = new Int32Array(Math.max(1024, used + (used >> ARENA_GROWTH_SHIFT)));
    const tags = this.tagData && new Uint8Array(data.length);
    let at = 0;
    for (let list = 0; list < this.sizes.length; list++) {
      const start = this.starts[list];
      const size = this.sizes[list];
      data.set(this.data.subarray(start, start + size), at);
      tags?.set(this.tagData!.subarray(start, start + size), at);
      this.copied += size;
      this.starts[list] = at;
      at += this.capacities[list];
    }
    this.data = data;
    this.tagData = tags;
    this.used = used;
    this.abandoned = 0;
  }
}

/** `bytes`, or a copy as long as `length` when shorter: a tagged arena's tags follow its elements' growth. */
function grownBytes(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length >= length) return bytes;
  const larger = new Uint8Array(length);
  larger.set(bytes);
  return larger;
}

/** Room for a list growing to `size`: a quarter again (not double), so the many lists that stop growing carry little spare. */
function roomFor(size: number): number {
  return size + (size >> 2) + 1;
}

/** The arena's array grows by an eighth: at most a ninth of it spare. */
const ARENA_GROWTH_SHIFT = 3;
