// The shared lexical index: code-aware tokens and fixed-size line windows ("chunks") of every indexed
// file, scored by BM25 or Jaccard similarity. The lexical baselines use it directly and our own ranking
// uses it as one signal. It keeps an inverted index (term -> chunks) so a query touches only the chunks
// that share a term with it; the ranking state updates it file by file, so one edited file costs one
// re-chunk, never a rebuild.
import { bestOf } from '../best-of';
import { ChunkTermCounts } from './chunk-term-counts';
import { grown, ListArena, TermTable } from './compact-postings';

/** Language keywords that every file repeats; they only blur similarity. Deliberately tiny. */
const STOPWORDS: ReadonlySet<string> = new Set([
  'if', 'else', 'for', 'while', 'do', 'return', 'break', 'continue', 'switch', 'case', 'default',
  'const', 'let', 'var', 'function', 'class', 'new', 'this', 'self', 'import', 'export', 'from', 'as',
  'true', 'false', 'null', 'undefined', 'none', 'void', 'typeof', 'instanceof', 'in', 'of',
  'public', 'private', 'protected', 'static', 'readonly', 'async', 'await', 'yield', 'try', 'catch',
  'finally', 'throw', 'def', 'pass', 'and', 'or', 'not', 'is', 'fn', 'pub', 'mut', 'impl', 'use', 'func',
  'package', 'type', 'interface', 'extends', 'implements', 'the', 'a', 'an', 'to',
]);

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;
/** Sub-words of one identifier part: `HTTPServer2Go` -> HTTP, Server, 2, Go. */
const SUBWORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/**
 * Identifiers of `text` split into sub-words on camelCase, snake_case, `$` and digit boundaries, lowercased,
 * with language keywords removed. Order and repetitions are kept (BM25 counts them).
 */
export function codeTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const identifier of text.match(IDENTIFIER) ?? []) {
    for (const subword of identifier.match(SUBWORD) ?? []) {
      const token = subword.toLowerCase();
      if (!STOPWORDS.has(token)) tokens.push(token);
    }
  }
  return tokens;
}

export interface ChunkIndexOptions {
  /** Lines per chunk. */
  readonly windowLines?: number;
  /** Lines between the starts of consecutive chunks (windowLines = no overlap). */
  readonly strideLines?: number;
}

/** CrossCodeEval's / RepoCoder's chunking: 20-line windows that overlap by half. */
const DEFAULT_CHUNK_OPTIONS: Required<ChunkIndexOptions> = { windowLines: 20, strideLines: 10 };

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

/** The window options, checked: 1 <= strideLines <= windowLines. */
export function chunkOptions(options: ChunkIndexOptions = {}): Required<ChunkIndexOptions> {
  const resolved = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  if (!(resolved.windowLines >= 1 && resolved.strideLines >= 1 && resolved.strideLines <= resolved.windowLines)) {
    throw new Error(`Chunk windows need 1 <= strideLines <= windowLines (got window ${resolved.windowLines}, stride ${resolved.strideLines}).`);
  }
  return resolved;
}

/** The chunks of one file, as `ChunkIndex.chunksOf` makes them and `replaceFile` takes them. */
export interface FileChunks {
  readonly path: string;
  readonly windows: readonly { readonly startLine: number; readonly endLine: number; readonly counts: ReadonlyMap<string, number>; readonly length: number }[];
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

  /** Windows of `text` with their term counts: the part of an update that can be computed ahead. */
  chunksOf(path: string, text: string): FileChunks {
    return { path, windows: chunkText(text, this.options) };
  }

  /**
   * Puts `chunks` in place of the file's chunks (undefined: removes the file). Windows whose lines and
   * counts did not change keep their postings, so an edit of a few lines touches only the windows around it.
   */
  replaceFile(path: string, chunks: FileChunks | undefined): void {
    const old = new Map((this.files.get(path) ?? []).map(chunk => [`${this.startLines[chunk]}:${this.endLines[chunk]}`, chunk]));
    const kept: number[] = [];
    for (const window of chunks?.windows ?? []) {
      const key = `${window.startLine}:${window.endLine}`;
      const same = old.get(key);
      if (same !== undefined && this.hasCounts(same, window.counts)) {
        old.delete(key);
        kept.push(same);
      } else kept.push(this.add(path, window));
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

  private hasCounts(chunk: number, counts: ReadonlyMap<string, number>): boolean {
    if (this.termCounts.distinct(chunk) !== counts.size) return false;
    for (const [term, count] of counts) {
      const id = this.terms.idOf(term);
      if (id === undefined || this.termCounts.countOf(chunk, id) !== count) return false;
    }
    return true;
  }

  private add(path: string, window: FileChunks['windows'][number]): number {
    const chunk = this.freeIds.pop() ?? this.nextId++;
    this.startLines = grown(this.startLines, chunk + 1);
    this.endLines = grown(this.endLines, chunk + 1);
    this.lengths = grown(this.lengths, chunk + 1);
    this.paths[chunk] = path;
    this.startLines[chunk] = window.startLine;
    this.endLines[chunk] = window.endLine;
    this.lengths[chunk] = window.length;
    const distinct = window.counts.size;
    this.termIds = grown(this.termIds, distinct);
    this.termTimes = grown(this.termTimes, distinct);
    let i = 0;
    for (const [term, count] of window.counts) {
      const id = this.terms.intern(term);
      this.postings.insertSorted(id, chunk);
      this.termIds[i] = id;
      this.termTimes[i++] = count;
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

/** Windows of `windowLines` every `strideLines`; the last one is moved up to end at the file's end. Token-less windows are dropped. */
function chunkText(text: string, { windowLines, strideLines }: Required<ChunkIndexOptions>): FileChunks['windows'] {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let start = 0; ; start += strideLines) {
    if (start + windowLines >= lines.length) {
      starts.push(Math.max(0, Math.min(start, lines.length - windowLines)));
      break;
    }
    starts.push(start);
  }
  // Windows overlap, and no token spans a line: each line is tokenized once, and a window's tokens are its
  // lines' tokens in order, as if its text were tokenized whole.
  const lineTokens = lines.map(codeTokens);
  const chunks: FileChunks['windows'][number][] = [];
  for (const startLine of new Set(starts)) {
    const endLine = Math.min(lines.length, startLine + windowLines) - 1;
    const counts = new Map<string, number>();
    let length = 0;
    for (let line = startLine; line <= endLine; line++) {
      for (const token of lineTokens[line]) counts.set(token, (counts.get(token) ?? 0) + 1);
      length += lineTokens[line].length;
    }
    if (length > 0) chunks.push({ startLine, endLine, counts, length });
  }
  return chunks;
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
