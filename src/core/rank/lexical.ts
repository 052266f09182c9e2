import type { IndexView } from '../index/view';

// The shared lexical index: code-aware tokens and fixed-size line windows ("chunks") of every indexed
// file, scored by BM25 or Jaccard similarity. The lexical baselines use it directly and our own ranking
// uses it as one signal. It keeps an inverted index (term -> chunks) so a query touches only the chunks
// that share a term with it, and it follows the index file by file through content hashes, so one
// edited file costs one re-chunk, never a rebuild.

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

interface Chunk {
  /** Slot in the scoring arrays; reused after the chunk's file changes. */
  readonly id: number;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** Term frequencies. */
  readonly counts: ReadonlyMap<string, number>;
  /** Token count (BM25 document length). */
  readonly length: number;
}

interface FileEntry {
  readonly hash: string;
  readonly chunks: readonly Chunk[];
}

const cache = new WeakMap<IndexView, Map<string, ChunkIndex>>();

export class ChunkIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly postings = new Map<string, Set<Chunk>>();
  private chunkCount = 0;
  private totalLength = 0;
  private readonly freeIds: number[] = [];
  private nextId = 0;
  /** The index generation the chunks reflect: while it holds, there is nothing to sync. */
  private syncedGeneration = -1;

  private constructor(
    private readonly index: IndexView,
    private readonly options: Required<ChunkIndexOptions>,
  ) {}

  /**
   * The chunk index of `index` with these window options, shared by every caller that asks for the same
   * options. It is brought up to date with the index at each query.
   */
  static forIndex(index: IndexView, options: ChunkIndexOptions = {}): ChunkIndex {
    const resolved = { ...DEFAULT_CHUNK_OPTIONS, ...options };
    if (!(resolved.windowLines >= 1 && resolved.strideLines >= 1 && resolved.strideLines <= resolved.windowLines)) {
      throw new Error(`Chunk windows need 1 <= strideLines <= windowLines (got window ${resolved.windowLines}, stride ${resolved.strideLines}).`);
    }
    let byOptions = cache.get(index);
    if (!byOptions) cache.set(index, (byOptions = new Map()));
    const key = `${resolved.windowLines}/${resolved.strideLines}`;
    let chunkIndex = byOptions.get(key);
    if (!chunkIndex) byOptions.set(key, (chunkIndex = new ChunkIndex(index, resolved)));
    return chunkIndex;
  }

  /** BM25 Okapi scores of the chunks against the query tokens (repeated tokens weigh more), best first. */
  bm25(queryTokens: readonly string[], limit: number, filter?: (path: string) => boolean, parameters: Bm25Parameters = DEFAULT_BM25): ChunkHit[] {
    this.sync();
    if (this.chunkCount === 0) return [];
    const { k1, b } = parameters;
    const averageLength = this.totalLength / this.chunkCount;
    const allowed = pathFilter(filter);
    const scores = new ScoreBoard(this.nextId);
    for (const [term, queryCount] of countTokens(queryTokens)) {
      const chunks = this.postings.get(term);
      if (!chunks) continue;
      // The "plus one" idf (Lucene's) stays positive for terms in more than half of the chunks.
      const idf = Math.log(1 + (this.chunkCount - chunks.size + 0.5) / (chunks.size + 0.5));
      for (const chunk of chunks) {
        if (!allowed(chunk.path)) continue;
        const tf = chunk.counts.get(term)!;
        const saturated = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * chunk.length) / averageLength));
        scores.add(chunk, queryCount * idf * saturated);
      }
    }
    return topHits(scores.entries(), limit);
  }

  /** Jaccard similarity |Q ∩ C| / |Q ∪ C| of the token sets of the query and of each chunk, best first. */
  jaccard(queryTokens: readonly string[], limit: number, filter?: (path: string) => boolean): ChunkHit[] {
    this.sync();
    const allowed = pathFilter(filter);
    const query = new Set(queryTokens);
    const shared = new ScoreBoard(this.nextId);
    for (const term of query) {
      for (const chunk of this.postings.get(term) ?? []) if (allowed(chunk.path)) shared.add(chunk, 1);
    }
    return topHits(
      shared.entries().map(([chunk, intersection]) => [chunk, intersection / (query.size + chunk.counts.size - intersection)] as const),
      limit,
    );
  }

  /** Re-chunks the files whose hash changed and forgets the ones that left the index. */
  private sync(): void {
    if (this.index.generation === this.syncedGeneration) return;
    this.syncedGeneration = this.index.generation;
    const seen = new Set<string>();
    for (const file of this.index.files()) {
      seen.add(file.path);
      if (this.files.get(file.path)?.hash === file.hash) continue;
      this.remove(file.path);
      const text = this.index.text(file.path);
      if (text !== undefined) this.add(file.path, file.hash, text);
    }
    for (const path of [...this.files.keys()]) if (!seen.has(path)) this.remove(path);
  }

  private add(path: string, hash: string, text: string): void {
    const chunks = chunkText(path, text, this.options, () => this.freeIds.pop() ?? this.nextId++);
    for (const chunk of chunks) {
      for (const term of chunk.counts.keys()) {
        let set = this.postings.get(term);
        if (!set) this.postings.set(term, (set = new Set()));
        set.add(chunk);
      }
      this.chunkCount++;
      this.totalLength += chunk.length;
    }
    this.files.set(path, { hash, chunks });
  }

  private remove(path: string): void {
    const entry = this.files.get(path);
    if (!entry) return;
    for (const chunk of entry.chunks) {
      for (const term of chunk.counts.keys()) {
        const set = this.postings.get(term)!;
        set.delete(chunk);
        if (set.size === 0) this.postings.delete(term);
      }
      this.chunkCount--;
      this.totalLength -= chunk.length;
      this.freeIds.push(chunk.id);
    }
    this.files.delete(path);
  }
}

/** Windows of `windowLines` every `strideLines`; the last one is moved up to end at the file's end. Token-less windows are dropped. */
function chunkText(path: string, text: string, { windowLines, strideLines }: Required<ChunkIndexOptions>, newId: () => number): Chunk[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let start = 0; ; start += strideLines) {
    if (start + windowLines >= lines.length) {
      starts.push(Math.max(0, Math.min(start, lines.length - windowLines)));
      break;
    }
    starts.push(start);
  }
  const chunks: Chunk[] = [];
  for (const startLine of new Set(starts)) {
    const endLine = Math.min(lines.length, startLine + windowLines) - 1;
    const tokens = codeTokens(lines.slice(startLine, endLine + 1).join('\n'));
    if (tokens.length > 0) chunks.push({ id: newId(), path, startLine, endLine, counts: countTokens(tokens), length: tokens.length });
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
  private readonly touched: Chunk[] = [];

  constructor(slots: number) {
    this.sums = new Float64Array(slots);
  }

  add(chunk: Chunk, value: number): void {
    if (this.sums[chunk.id] === 0) this.touched.push(chunk);
    this.sums[chunk.id] += value;
  }

  entries(): (readonly [Chunk, number])[] {
    return this.touched.map(chunk => [chunk, this.sums[chunk.id]] as const);
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

/** The best `limit` positively scored chunks; ties in a stable path/line order so results are reproducible. */
function topHits(scores: Iterable<readonly [Chunk, number]>, limit: number): ChunkHit[] {
  const hits: ChunkHit[] = [];
  for (const [chunk, score] of scores) {
    if (score > 0) hits.push({ path: chunk.path, startLine: chunk.startLine, endLine: chunk.endLine, score });
  }
  hits.sort((x, y) => y.score - x.score || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0) || x.startLine - y.startLine);
  return hits.slice(0, Math.max(0, limit));
}
