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
  /** Term id -> chunk ids. */
  private readonly postings = new ListArena();
  private readonly paths: string[] = [];
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

  constructor(readonly options: Required<ChunkIndexOptions>) {}

  /** Windows of `text` with their term counts: the part of an update that can be computed ahead (the index workers do, for files they read). */
  chunksOf(text: string): FileChunks {
    return chunkWindows(text, this.options);
  }

  /**
   * Puts `chunks` in place of the file's chunks (undefined: removes the file). Windows whose lines and
   * counts did not change keep their postings, so an edit of a few lines touches only the windows around it.
   */
  replaceFile(path: string, chunks: FileChunks | undefined): void {
    const old = new Map((this.files.get(path) ?? []).map(chunk => [`${this.startLines[chunk]}:${this.endLines[chunk]}`, chunk]));
    const kept: number[] = [];
    if (chunks) {
      // Every token is in some window, so each term interned here keeps a posting.
      const termIds = chunks.tokens.map(token => this.terms.intern(token));
      for (const window of windowsOf(chunks)) {
        const key = `${window.startLine}:${window.endLine}`;
        const same = old.get(key);
        if (same !== undefined && this.hasCounts(same, chunks.windows, window, termIds)) {
          old.delete(key);
          kept.push(same);
        } else kept.push(this.add(path, chunks.windows, window, termIds));
      }
    }
    for (const chunk of old.values()) this.remove(chunk);
    if (chunks) this.files.set(path, kept.slice()); // exact length: grown by push, it kept up to 16 spare slots per file
    else this.files.delete(path);
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
      postings[term] = [...this.postings.view(this.terms.idOf(term)!)].map(chunk => `${this.paths[chunk]}:${this.startLines[chunk]}`).sort();
    }
    return { chunkCount: this.chunkCount, totalLength: this.totalLength, files, postings };
  }

  /** BM25 Okapi scores of the chunks against the query tokens (repeated tokens weigh more), best first. */
  bm25(queryTokens: readonly string[], limit: number, filter?: (path: string) => boolean, parameters: Bm25Parameters = DEFAULT_BM25): ChunkHit[] {
    if (this.chunkCount === 0) return [];
    const { k1, b } = parameters;
    const averageLength = this.totalLength / this.chunkCount;
    const allowed = pathFilter(filter);
    // Per chunk: 0 not asked yet, 1 allowed, 2 not (a chunk is met once per query term it has).
    const verdicts = new Uint8Array(this.nextId);
    const scores = new ScoreBoard(this.nextId);
    for (const [term, queryCount] of countTokens(queryTokens)) {
      const id = this.terms.idOf(term);
      if (id === undefined) continue;
      const chunks = this.postings.view(id);
      // The "plus one" idf (Lucene's) stays positive for terms in more than half of the chunks.
      const idf = Math.log(1 + (this.chunkCount - chunks.length + 0.5) / (chunks.length + 0.5));
      for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i];
        if (verdicts[chunk] === 0) verdicts[chunk] = allowed(this.paths[chunk]) ? 1 : 2;
        if (verdicts[chunk] === 2) continue;
        const tf = this.termCounts.countOf(chunk, id);
        const saturated = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.lengths[chunk]) / averageLength));
        scores.add(chunk, queryCount * idf * saturated);
      }
    }
    return this.topHits(scores, limit);
  }

  /**
   * Jaccard similarity |Q ∩ C| / |Q ∪ C| of the token sets of the query and of each chunk of `paths`, best
   * first. It reads those files' chunks only, so its cost does not grow with the workspace.
   */
  jaccard(queryTokens: readonly string[], limit: number, paths: Iterable<string>): ChunkHit[] {
    const query = new Set(queryTokens);
    // A query term no chunk has is in no intersection; it still counts in the union (query.size).
    const known = [...query].map(term => this.terms.idOf(term)).filter(id => id !== undefined);
    const scores = new ScoreBoard(this.nextId);
    for (const path of paths) {
      for (const chunk of this.files.get(path) ?? []) {
        let intersection = 0;
        for (const term of known) if (this.termCounts.countOf(chunk, term) > 0) intersection++;
        if (intersection > 0) scores.add(chunk, intersection / (query.size + this.termCounts.distinct(chunk) - intersection));
      }
    }
    return this.topHits(scores, limit);
  }

  private hasCounts(chunk: number, windows: Int32Array, window: WindowAt, termIds: readonly number[]): boolean {
    if (this.termCounts.distinct(chunk) !== window.distinct) return false;
    for (let at = window.pairsAt; at < window.pairsAt + 2 * window.distinct; at += 2) {
      if (this.termCounts.countOf(chunk, termIds[windows[at]]) !== windows[at + 1]) return false;
    }
    return true;
  }

  private add(path: string, windows: Int32Array, window: WindowAt, termIds: readonly number[]): number {
    const chunk = this.freeIds.pop() ?? this.nextId++;
    this.startLines = grown(this.startLines, chunk + 1);
    this.endLines = grown(this.endLines, chunk + 1);
    this.lengths = grown(this.lengths, chunk + 1);
    this.paths[chunk] = path;
    this.startLines[chunk] = window.startLine;
    this.endLines[chunk] = window.endLine;
    this.lengths[chunk] = window.length;
    const distinct = window.distinct;
    this.termIds = grown(this.termIds, distinct);
    this.termTimes = grown(this.termTimes, distinct);
    for (let i = 0; i < distinct; i++) {
      const id = termIds[windows[window.pairsAt + 2 * i]];
      this.postings.insertSorted(id, chunk);
      this.termIds[i] = id;
      this.termTimes[i] = windows[window.pairsAt + 2 * i + 1];
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
    this.paths[chunk] = '';
    this.termCounts.clear(chunk);
    this.freeIds.push(chunk);
  }

  /** The best `limit` positively scored chunks; ties in a stable path/line order so results are reproducible. */
  private topHits(scores: ScoreBoard, limit: number): ChunkHit[] {
    const before = (x: number, y: number): boolean => {
      const byScore = scores.of(y) - scores.of(x);
      if (byScore !== 0) return byScore < 0;
      const [xPath, yPath] = [this.paths[x], this.paths[y]];
      return xPath !== yPath ? xPath < yPath : this.startLines[x] < this.startLines[y];
    };
    return bestOf(scores.positive(), limit, before).map(chunk => ({
      path: this.paths[chunk],
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

/** Per-query sums by chunk slot in a typed array: scoring touches every posting, so it must not allocate per chunk. */
class ScoreBoard {
  private readonly sums: Float64Array;
  private readonly touched: number[] = [];

  constructor(slots: number) {
    this.sums = new Float64Array(slots);
  }

  add(chunk: number, value: number): void {
    if (this.sums[chunk] === 0) this.touched.push(chunk);
    this.sums[chunk] += value;
  }

  of(chunk: number): number {
    return this.sums[chunk];
  }

  /** The chunks with a positive sum, in the order first scored. */
  *positive(): Generator<number> {
    for (const chunk of this.touched) if (this.sums[chunk] > 0) yield chunk;
  }
}

/** The filter, asked once per path per query (it runs inside the scoring loops). */
function pathFilter(filter: ((path: string) => boolean) | undefined): (path: string) => boolean {
  if (!filter) return () => true;
  const answers = new Map<string, boolean>();
  return path => {
    let answer = answers.get(path);
    if (answer === undefined) answers.set(path, (answer = filter(path)));
    return answer;
  };
}
