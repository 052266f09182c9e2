// Each chunk's term counts for the chunk index: which terms a chunk has and how often, read once per posting
// when BM25 scores a query. A workspace of 10,000 files has millions of (chunk, term) pairs, so the form of a
// pair decides the index's size.
import { lowerBound } from '../partition-point';
import { grown, ListArena } from './compact-postings';

/** Term ids below this share an Int32 with their count (the top bit stays clear, so entries sort as ids). */
const PACKED_TERMS = 1 << 23;
/** Counts up to this fit the low byte of a packed entry. */
const PACKED_MAX_COUNT = 255;
/** First element of a wide list; every packed entry is positive (a count is at least 1). */
const WIDE = -1;

/**
 * The term counts of every chunk, by chunk id: its distinct term ids ascending, each with its count. A count
 * fits a byte almost always (a 20-line window rarely repeats a token 256 times), so a term and its count
 * share one Int32, `term << 8 | count`: half the memory of ids and counts apart, and one binary search finds
 * both. A chunk with a larger count or a term id of 2^23 or more keeps the wide form, marked by a leading
 * -1: its term ids ascending, then their counts in the same order.
 */
export class ChunkTermCounts {
  private readonly lists = new ListArena();
  /** Where a chunk's packed entries are sorted before the arena copies them: one buffer, not one array per chunk. */
  private scratch: Int32Array = new Int32Array(256);

  /** Puts the chunk's counts: `terms` distinct, in any order, `counts` (each at least 1) in the same order. */
  set(chunk: number, terms: ArrayLike<number>, counts: ArrayLike<number>): void {
    let packable = true;
    for (let i = 0; i < terms.length; i++) if (terms[i] >= PACKED_TERMS || counts[i] > PACKED_MAX_COUNT) packable = false;
    if (packable) {
      // The term is the high bits, so the numeric order of the packed entries is the order of their terms.
      this.scratch = grown(this.scratch, terms.length);
      const packed = this.scratch.subarray(0, terms.length);
      for (let i = 0; i < terms.length; i++) packed[i] = (terms[i] << 8) | counts[i];
      this.lists.set(chunk, packed.sort());
      return;
    }
    const order = Array.from({ length: terms.length }, (_, i) => i).sort((a, b) => terms[a] - terms[b]);
    const wide = new Int32Array(1 + 2 * terms.length);
    wide[0] = WIDE;
    order.forEach((k, i) => {
      wide[1 + i] = terms[k];
      wide[1 + terms.length + i] = counts[k];
    });
    this.lists.set(chunk, wide);
  }

  clear(chunk: number): void {
    this.lists.clear(chunk);
  }

  /** Many chunks are about to be set (ListArena.beginBulkLoad). */
  beginBulkLoad(): void {
    this.lists.beginBulkLoad();
  }

  endBulkLoad(): void {
    this.lists.endBulkLoad();
  }

  /** How many distinct terms the chunk has (0 for a chunk never set or cleared). */
  distinct(chunk: number): number {
    const size = this.lists.size(chunk);
    return this.isWide(chunk, size) ? (size - 1) / 2 : size;
  }

  /** Calls `visit` with each of the chunk's term ids, ascending, and its count (the form read once for all). */
  forEach(chunk: number, visit: (term: number, count: number) => void): void {
    const size = this.lists.size(chunk);
    if (this.isWide(chunk, size)) {
      const distinct = (size - 1) / 2;
      for (let i = 0; i < distinct; i++) visit(this.lists.get(chunk, 1 + i), this.lists.get(chunk, 1 + distinct + i));
      return;
    }
    for (let i = 0; i < size; i++) {
      const entry = this.lists.get(chunk, i);
      visit(entry >>> 8, entry & PACKED_MAX_COUNT);
    }
  }

  /** How often the term occurs in the chunk (0: not at all). */
  countOf(chunk: number, term: number): number {
    const size = this.lists.size(chunk);
    if (this.isWide(chunk, size)) {
      const distinct = (size - 1) / 2;
      const at = this.lists.lowerBound(chunk, 1, 1 + distinct, term);
      return at < 1 + distinct && this.lists.get(chunk, at) === term ? this.lists.get(chunk, at + distinct) : 0;
    }
    if (term >= PACKED_TERMS) return 0; // a packed chunk has no such term
    const entries = this.lists.elements;
    const start = this.lists.start(chunk);
    const at = lowerBound(entries, start, start + size, term << 8);
    if (at === start + size) return 0;
    const entry = entries[at];
    return entry >>> 8 === term ? entry & PACKED_MAX_COUNT : 0;
  }

  private isWide(chunk: number, size = this.lists.size(chunk)): boolean {
    return size > 0 && this.lists.get(chunk, 0) === WIDE;
  }
}
