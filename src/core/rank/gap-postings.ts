// The chunk index's postings: for each term, the ids of the chunks that have it. A workspace of 10,000 files
// has millions of postings, most in long lists of nearby ids (chunk ids are handed out in file order), so a
// list is stored as the gaps between its ascending ids, each a varint: 1.1 bytes a posting on average where
// an Int32 took 4.
import { grown, ListArena } from './compact-postings';

/**
 * Each term's chunk ids, ascending, as LEB128 varint gaps (7 bits a byte, low bits first, the high bit set on
 * every byte of a gap but its last; the first gap is the first id) in one byte arena. Scoring reads a list
 * whole and in order (`chunks` decodes it); appending an id above the list's last (every insert while files
 * are added) writes one gap. An id reused after an edit lands inside a list: inserting or removing it walks
 * the list's bytes to its place and rewrites the one or two gaps around it, moving the rest with copyWithin.
 */
export class GapPostings {
  private readonly lists = new ListArena(length => new Uint8Array(length));
  /** Term id -> how many chunk ids its list holds (BM25's document frequency). */
  private counts: Int32Array = new Int32Array(0);
  /** Term id -> its list's largest chunk id, so an append needs no walk. */
  private lasts: Int32Array = new Int32Array(0);
  /** Where `chunks` decodes a list. */
  private decoded: Int32Array = new Int32Array(1024);

  /** How many chunk ids the term's list holds. */
  count(term: number): number {
    return term < this.counts.length ? this.counts[term] : 0;
  }

  /** The term's chunk ids ascending, in an array valid until the next call. */
  chunks(term: number): Int32Array {
    const count = this.count(term);
    if (count > this.decoded.length) this.decoded = new Int32Array(count + (count >> 2));
    const decoded = this.decoded;
    const bytes = this.lists.view(term);
    let at = 0;
    let id = 0;
    for (let i = 0; i < count; i++) {
      let byte = bytes[at++];
      let gap = byte & 0x7f;
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[at++];
        gap |= (byte & 0x7f) << shift;
      }
      decoded[i] = id += gap;
    }
    return decoded.subarray(0, count);
  }

  /** Adds `chunk` (not in the list) to the term's list. */
  insert(term: number, chunk: number): void {
    const count = this.count(term);
    this.counts = grown(this.counts, term + 1);
    this.lasts = grown(this.lasts, term + 1);
    this.counts[term] = count + 1;
    const size = this.lists.size(term);
    if (count === 0 || chunk > this.lasts[term]) {
      const gap = count === 0 ? chunk : chunk - this.lasts[term];
      this.lists.resize(term, size + varintLength(gap));
      writeVarint(this.lists.view(term), size, gap);
      this.lasts[term] = chunk;
      return;
    }
    // The first id above `chunk`: its gap from the id before it becomes two gaps, from that id to `chunk` and on.
    const next = seek(this.lists.view(term), chunk + 1);
    const before = varintLength(chunk - next.previous);
    const after = varintLength(next.id - chunk);
    const grownBy = before + after - (next.end - next.start);
    this.lists.resize(term, size + grownBy);
    const bytes = this.lists.view(term);
    bytes.copyWithin(next.end + grownBy, next.end, size);
    writeVarint(bytes, writeVarint(bytes, next.start, chunk - next.previous), next.id - chunk);
  }

  /** Removes `chunk` (in the list) from the term's list; returns how many ids the list still holds (none: its room is freed). */
  remove(term: number, chunk: number): number {
    const count = this.counts[term] - 1;
    this.counts[term] = count;
    if (count === 0) {
      this.lists.clear(term);
      return 0;
    }
    const bytes = this.lists.view(term);
    const size = bytes.length;
    const found = seek(bytes, chunk);
    if (found.end === size) {
      // The last id: its gap goes, and the one before it is the last.
      this.lists.resize(term, found.start);
      this.lasts[term] = found.previous;
      return count;
    }
    // Its gap and the next one's become one gap, from the id before it to the id after it.
    const next = seek(bytes, chunk + 1, found.end, chunk);
    const merged = next.id - found.previous;
    const end = writeVarint(bytes, found.start, merged);
    bytes.copyWithin(end, next.end, size);
    this.lists.resize(term, size - (next.end - end));
    return count;
  }
}

/** Where a list walk stopped: the id's gap spans bytes [start, end) and follows `previous` (0 before the first). */
interface Gap {
  readonly id: number;
  readonly previous: number;
  readonly start: number;
  readonly end: number;
}

/** The first id >= `target` in the list's bytes (the walk starting at byte `from`, after id `previous`); the caller knows there is one. */
function seek(bytes: Uint8Array, target: number, from = 0, previous = 0): Gap {
  let at = from;
  let id = previous;
  for (;;) {
    const start = at;
    let byte = bytes[at++];
    let gap = byte & 0x7f;
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = bytes[at++];
      gap |= (byte & 0x7f) << shift;
    }
    previous = id;
    id += gap;
    if (id >= target) return { id, previous, start, end: at };
  }
}

/** Bytes of `value` (0 <= value < 2^31) as a varint. */
function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

/** Writes `value` as a varint at `at`; returns the offset after it. */
function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    bytes[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  bytes[at++] = value;
  return at;
}
