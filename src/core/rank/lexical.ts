// The shared lexical index: code-aware tokens and fixed-size line windows ("chunks") of every indexed
// file, scored by BM25 or Jaccard similarity. The lexical baselines use it directly and our own ranking
// uses it as one signal. It keeps an inverted index (term -> chunks) so a query touches only the chunks
// that share a term with it; the ranking state updates it file by file, so one edited file costs one
// re-chunk, never a rebuild.
import { bestOf } from '../best-of';
import { chunkWindows, windowsOf, type ChunkIndexOptions, type FileChunks, type WindowAt } from '../index/chunk-windows';
import { ChunkTermCounts } from './chunk-term-counts';
import { grown, ListArena, TermTable } from './compact-postings';

/** BM25 Okapi parameters, the defaults of `rank_bm25` that CrossCodeEval uses. */
export interface Bm25Parameters {
  readonly k1: number;
  readonly b: number;
}

export const DEFAULT_BM25: Bm25Parameters = { k1: 1.5, b: 0.75 };

/**
 * A posting's tag holds the term's count in the chunk, so BM25 reads it beside the chunk id instead of
 * searching the chunk's term counts (that search was two fifths of a query on a 10,000-file workspace).
 * A count of this or more is looked up there: a 20-line window rarely repeats a token 255 times.
 */
const COUNT_TAG_MAX = 255;

/** A window of a file that matched a query. Lines are 0-based, inclusive. */
export interface ChunkHit {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly score: number;
}

/**
 * The chunk index of a workspace for one window size. The ranking state owns it and tells it file by file
 * what changed (`replaceFile`), so one edited file costs one re-chunk, never a rebuild.
 *
 * Chunks are slots (ids) in struct-of-arrays tables; a slot is reused after its chunk's file changes. A
 * chunk's term counts are its distinct term ids ascending with their counts (`ChunkTermCounts`); a term's
 * postings are the ids of its chunks, ascending. Scores are computed with the same float
 * operations, in the same order, as from string-keyed maps.
 */
export class ChunkIndex {
  private readonly files = new Map<string, readonly number[]>();
  private readonly terms = new TermTable();
  /** Term id -> chunk ids, each tagged with the term's count in the chunk (up to COUNT_TAG_MAX). */
  private readonly postings = new ListArena({ tagged: true });
  /** File paths by a small id, interned as terms are: a chunk names its file by id (`fileOf`). */
  private readonly paths = new TermTable();
  private fileOf: Int32Array = new Int32Array(0);
  private startLines: Int32Array = new Int32Array(0);
  private endLines: Int32Array = new Int32Array(0);
  /** Token counts (BM25 document lengths). */
  private lengths: Int32Array = new Int32Array(0);
  /** Chunk id -> its term ids and their counts. */
  private readonly termCounts = new ChunkTermCounts();
  private chunkCount = 0;
  private totalLength = 0;
  /** A window's term ids and counts while it is added: one pair of buffers, not two arrays per window. */
  private termIds: Int32Array = new Int32Array(256);
  private termTimes: Int32Array = new Int32Array(256);
  private readonly freeIds: number[] = [];
  private nextId = 0;
  private readonly scores = new ScoreBoard();
  /** The file whose chunks were put last, and the line tokens they were counted from (`FileChunks.origin`). */
  private lastPut: { readonly path: string; readonly origin: object } | undefined;

  constructor(readonly options: Required<ChunkIndexOptions>) {}

  /** Windows of `text` with their term counts: the part of an update that can be computed ahead (the index workers do, for files they read). */
  chunksOf(text: string): FileChunks {
    return chunkWindows(text, this.options);
  }

  /**
   * Puts `chunks` in place of the file's chunks (undefined: removes the file). Windows whose lines and
   * counts did not change keep their postings, so an edit of a few lines touches only the windows around it;
   * windows of an edit of the chunks last put (`FileChunks.edit`) that lie outside its lines are not even
   * compared.
   */
  replaceFile(path: string, chunks: FileChunks | undefined): void {
    const old = this.files.get(path) ?? [];
    const edit = chunks?.edit && this.lastPut?.path === path && this.lastPut.origin === chunks.edit.of ? chunks.edit : undefined;
    if (chunks) this.lastPut = { path, origin: chunks.origin };
    const kept: number[] = [];
    const unmatched: number[] = [];
    const file = this.paths.intern(path);
    if (chunks) {
      // Terms are interned as windows need them: windows an edit left alone need none.
      const termIds = new Int32Array(chunks.tokens.length).fill(-1);
      const termIdOf = (token: number): number => (termIds[token] >= 0 ? termIds[token] : (termIds[token] = this.terms.intern(chunks.tokens[token])));
      // Both lists go by first line, and a file's windows start on distinct lines.
      let next = 0;
      for (const window of windowsOf(chunks)) {
        while (next < old.length && this.startLines[old[next]] < window.startLine) unmatched.push(old[next++]);
        const same = next < old.length && this.startLines[old[next]] === window.startLine && this.endLines[old[next]] === window.endLine ? old[next++] : undefined;
        const untouched = edit !== undefined && (window.endLine < edit.firstLine || window.startLine > edit.lastLine);
        if (same !== undefined && (untouched || this.hasCounts(same, chunks.windows, window, termIdOf))) kept.push(same);
        else {
          if (same !== undefined) unmatched.push(same);
          kept.push(this.add(file, chunks.windows, window, termIdOf));
        }
      }
      while (next < old.length) unmatched.push(old[next++]);
    }
    for (const chunk of chunks ? unmatched : old) this.remove(chunk);
    if (chunks) this.files.set(path, kept.slice()); // exact length: grown by push, it kept up to 16 spare slots per file
    else {
      this.files.delete(path);
      this.paths.release(file);
    }
  }

  /**
   * A whole workspace's files are about to be put (a full build): the arenas grow generously until
   * `endBulkLoad`, which compacts them. The same tables either way: 10,783 files of the latency benchmark's
   * combined workspace went in 2.2 s instead of 5.8 s.
   */
  beginBulkLoad(): void {
    this.postings.beginBulkLoad();
    this.termCounts.beginBulkLoad();
  }

  endBulkLoad(): void {
    this.postings.endBulkLoad();
    this.termCounts.endBulkLoad();
  }

  /** The distinct tokens of the file's windows (every line is in some window): the file's token set; undefined for a file not in the index. */
  tokensOf(path: string): Set<string> | undefined {
    const chunks = this.files.get(path);
    if (!chunks) return undefined;
    const tokens = new Set<string>();
    for (const chunk of chunks) {
      this.termCounts.forEach(chunk, term => tokens.add(this.terms.nameOf(term)));
    }
    return tokens;
  }

  /** A canonical copy of every table, by term and path (ids differ between builds), for comparing a maintained index with a fresh one. */
  tables(): { readonly chunkCount: number; readonly totalLength: number; readonly files: Record<string, unknown[]>; readonly postings: Record<string, string[]> } {
    const files: Record<string, unknown[]> = {};
    for (const path of [...this.files.keys()].sort()) {
      files[path] = this.files.get(path)!.map(chunk => {
        const counts: [string, number][] = [];
        this.termCounts.forEach(chunk, (term, count) => counts.push([this.terms.nameOf(term), count]));
        counts.sort();
        return { startLine: this.startLines[chunk], endLine: this.endLines[chunk], length: this.lengths[chunk], counts };
      });
    }
    const postings: Record<string, string[]> = {};
    for (const term of [...this.terms.terms()].sort()) {
      postings[term] = [...this.postings.view(this.terms.idOf(term)!)].map(chunk => `${this.pathOf(chunk)}:${this.startLines[chunk]}`).sort();
    }
    return { chunkCount: this.chunkCount, totalLength: this.totalLength, files, postings };
  }

  /** BM25 Okapi scores of the chunks against the query tokens (repeated tokens weigh more), best first. */
  bm25(queryTokens: readonly string[], limit: number, filter?: (path: string) => boolean, parameters: Bm25Parameters = DEFAULT_BM25): ChunkHit[] {
    if (this.chunkCount === 0) return [];
    const { k1, b } = parameters;
    const averageLength = this.totalLength / this.chunkCount;
    return this.best(limit, filter, scores => {
      for (const [term, queryCount] of countTokens(queryTokens)) {
        const id = this.terms.idOf(term);
        if (id === undefined) continue;
        const chunks = this.postings.view(id);
        const counts = this.postings.tags;
        const start = this.postings.start(id);
        // The "plus one" idf (Lucene's) stays positive for terms in more than half of the chunks.
        const idf = Math.log(1 + (this.chunkCount - chunks.length + 0.5) / (chunks.length + 0.5));
        for (let i = 0; i < chunks.length; i++) {
          const chunk = chunks[i];
          const tagged = counts[start + i];
          const tf = tagged < COUNT_TAG_MAX ? tagged : this.termCounts.countOf(chunk, id);
          const saturated = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[chunk]) / averageLength));
          scores.add(chunk, queryCount * idf * saturated);
        }
      }
    });
  }

  /**
   * Jaccard similarity |Q ∩ C| / |Q ∪ C| of the token sets of the query and of each chunk of `paths`, best
   * first. It reads those files' chunks only, so its cost does not grow with the workspace.
   */
  jaccard(queryTokens: readonly string[], limit: number, paths: Iterable<string>): ChunkHit[] {
    const query = new Set(queryTokens);
    // A query term no chunk has is in no intersection; it still counts in the union (query.size).
    const known = [...query].map(term => this.terms.idOf(term)).filter(id => id !== undefined);
    return this.best(limit, undefined, scores => {
      for (const path of paths) {
        for (const chunk of this.files.get(path) ?? []) {
          let intersection = 0;
          for (const term of known) if (this.termCounts.countOf(chunk, term) > 0) intersection++;
          if (intersection > 0) scores.add(chunk, intersection / (query.size + this.termCounts.distinct(chunk) - intersection));
        }
      }
    });
  }

  /**
   * The best `limit` chunks `score` sums positive for, of the files `filter` takes, on the index's one score
   * board, left clean for the next query. The filter is asked only of files whose chunks would enter the
   * best so far: of a few hundred files, not of the thousands a query's terms reach.
   */
  private best(limit: number, filter: ((path: string) => boolean) | undefined, score: (scores: ScoreBoard) => void): ChunkHit[] {
    const scores = this.scores.ready(this.nextId, this.paths.size);
    try {
      score(scores);
      return this.topHits(scores, limit, filter && (file => filter(this.paths.nameOf(file))));
    } finally {
      scores.clear();
    }
  }

  private hasCounts(chunk: number, windows: Int32Array, window: WindowAt, termIdOf: (token: number) => number): boolean {
    if (this.termCounts.distinct(chunk) !== window.distinct) return false;
    for (let at = window.pairsAt; at < window.pairsAt + 2 * window.distinct; at += 2) {
      if (this.termCounts.countOf(chunk, termIdOf(windows[at])) !== windows[at + 1]) return false;
    }
    return true;
  }

  private add(file: number, windows: Int32Array, window: WindowAt, termIdOf: (token: number) => number): number {
    const chunk = this.freeIds.pop() ?? this.nextId++;
    this.startLines = grown(this.startLines, chunk + 1);
    this.endLines = grown(this.endLines, chunk + 1);
    this.lengths = grown(this.lengths, chunk + 1);
    this.fileOf = grown(this.fileOf, chunk + 1);
    this.fileOf[chunk] = file;
    this.startLines[chunk] = window.startLine;
    this.endLines[chunk] = window.endLine;
    this.lengths[chunk] = window.length;
    const distinct = window.distinct;
    this.termIds = grown(this.termIds, distinct);
    this.termTimes = grown(this.termTimes, distinct);
    for (let i = 0; i < distinct; i++) {
      const id = termIdOf(windows[window.pairsAt + 2 * i]);
      const count = windows[window.pairsAt + 2 * i + 1];
      this.postings.insertSorted(id, chunk, Math.min(count, COUNT_TAG_MAX));
      this.termIds[i] = id;
      this.termTimes[i] = count;
    }
    this.termCounts.set(chunk, this.termIds.subarray(0, distinct), this.termTimes.subarray(0, distinct));
    this.chunkCount++;
    this.totalLength += window.length;
    return chunk;
  }

  private remove(chunk: number): void {
    this.termCounts.forEach(chunk, term => {
      if (this.postings.removeSorted(term, chunk) === 0) {
        this.postings.clear(term);
        this.terms.release(term);
      }
    });
    this.chunkCount--;
    this.totalLength -= this.lengths[chunk];
    this.termCounts.clear(chunk);
    this.freeIds.push(chunk);
  }

  private pathOf(chunk: number): string {
    return this.paths.nameOf(this.fileOf[chunk]);
  }

  /** The best `limit` scored chunks; ties in a stable path/line order so results are reproducible. */
  private topHits(scores: ScoreBoard, limit: number, filter: ((file: number) => boolean) | undefined): ChunkHit[] {
    const before = (x: number, y: number): boolean => {
      const byScore = scores.of(y) - scores.of(x);
      if (byScore !== 0) return byScore < 0;
      const [xPath, yPath] = [this.pathOf(x), this.pathOf(y)];
      return xPath !== yPath ? xPath < yPath : this.startLines[x] < this.startLines[y];
    };
    const keep = filter && ((chunk: number) => scores.passes(this.fileOf[chunk], filter));
    return bestOf(scores.scored(), limit, before, keep).map(chunk => ({
      path: this.pathOf(chunk),
      startLine: this.startLines[chunk],
      endLine: this.endLines[chunk],
      score: scores.of(chunk),
    }));
  }
}

function countTokens(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/**
 * One query's sums by chunk slot in a typed array, and its filter's verdicts beside them: scoring touches every
 * posting, so it must not allocate per chunk. The arrays outlive a query (a fresh pair zeroed a few MB on each
 * keystroke of a large workspace); `clear` zeroes only the slots the query touched, so a query costs what it
 * reads, not the size of the index. The lists of touched slots are typed arrays with a count for the same
 * reason: an array emptied by `length = 0` gives its storage back and grows it again on the next query.
 * It sums positive contributions only (BM25's terms and Jaccard's ratios all are), so a sum once touched stays
 * positive: each slot is listed once, and every listed slot is a hit.
 */
class ScoreBoard {
  private sums = new Float64Array(0);
  /** Per file id: 0 not asked yet, else PASSES or FAILS (a file is met once per chunk of it that would enter the best). */
  private verdicts = new Uint8Array(0);
  private touched: Int32Array = new Int32Array(0);
  private touchedCount = 0;
  private asked: Int32Array = new Int32Array(0);
  private askedCount = 0;

  /** Ready for a query over chunk slots below `slots` and file ids below `files`: every sum 0, no verdict. */
  ready(slots: number, files: number): this {
    if (this.sums.length < slots) this.sums = new Float64Array(slots + (slots >> 3));
    this.touched = grown(this.touched, slots, 3);
    if (this.verdicts.length < files) this.verdicts = new Uint8Array(files + (files >> 3));
    this.asked = grown(this.asked, files, 3);
    return this;
  }

  /** Whether the file passes the query's filter, asking `filter` once per file. */
  passes(file: number, filter: (file: number) => boolean): boolean {
    if (this.verdicts[file] === 0) {
      this.verdicts[file] = filter(file) ? PASSES : FAILS;
      this.asked[this.askedCount++] = file;
    }
    return this.verdicts[file] === PASSES;
  }

  /** Adds a positive contribution; anything else is not a score and is left out. */
  add(chunk: number, value: number): void {
    if (!(value > 0)) return;
    if (this.sums[chunk] === 0) this.touched[this.touchedCount++] = chunk;
    this.sums[chunk] += value;
  }

  of(chunk: number): number {
    return this.sums[chunk];
  }

  /** The scored chunks, in the order first scored: a view of the board's own list (no copy), valid until `clear`. */
  scored(): Int32Array {
    return this.touched.subarray(0, this.touchedCount);
  }

  clear(): void {
    for (let i = 0; i < this.touchedCount; i++) this.sums[this.touched[i]] = 0;
    for (let i = 0; i < this.askedCount; i++) this.verdicts[this.asked[i]] = 0;
    this.touchedCount = this.askedCount = 0;
  }
}

const PASSES = 1;
const FAILS = 2;
