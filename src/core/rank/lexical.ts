// The shared lexical index: code-aware tokens and fixed-size line windows ("chunks") of every indexed
// file, scored by BM25 or Jaccard similarity. The lexical baselines use it directly and our own ranking
// uses it as one signal. It keeps an inverted index (term -> chunks) so a query touches only the chunks
// that share a term with it; the ranking state updates it file by file, so one edited file costs one
// re-chunk, never a rebuild.

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
 */
export class ChunkIndex {
  private readonly files = new Map<string, readonly Chunk[]>();
  private readonly postings = new Map<string, Set<Chunk>>();
  private chunkCount = 0;
  private totalLength = 0;
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
    const old = new Map<string, Chunk>((this.files.get(path) ?? []).map(chunk => [`${chunk.startLine}:${chunk.endLine}`, chunk]));
    const kept: Chunk[] = [];
    for (const window of chunks?.windows ?? []) {
      const key = `${window.startLine}:${window.endLine}`;
      const same = old.get(key);
      if (same && sameCounts(same.counts, window.counts)) {
        old.delete(key);
        kept.push(same);
      } else kept.push(this.add({ ...window, id: this.freeIds.pop() ?? this.nextId++, path }));
    }
    for (const chunk of old.values()) this.remove(chunk);
    if (chunks) this.files.set(path, kept);
    else this.files.delete(path);
  }

  /** The distinct tokens of the file's windows (every line is in some window): the file's token set; undefined for a file not in the index. */
  tokensOf(path: string): Set<string> | undefined {
    const chunks = this.files.get(path);
    if (!chunks) return undefined;
    const tokens = new Set<string>();
    for (const chunk of chunks) for (const token of chunk.counts.keys()) tokens.add(token);
    return tokens;
  }

  /** A canonical copy of every table, for comparing a maintained index with a fresh one. */
  tables(): { readonly chunkCount: number; readonly totalLength: number; readonly files: Record<string, unknown[]>; readonly postings: Record<string, string[]> } {
    const files: Record<string, unknown[]> = {};
    for (const path of [...this.files.keys()].sort()) {
      files[path] = this.files.get(path)!.map(c => ({ startLine: c.startLine, endLine: c.endLine, length: c.length, counts: [...c.counts].sort() }));
    }
    const postings: Record<string, string[]> = {};
    for (const term of [...this.postings.keys()].sort()) postings[term] = [...this.postings.get(term)!].map(c => `${c.path}:${c.startLine}`).sort();
    return { chunkCount: this.chunkCount, totalLength: this.totalLength, files, postings };
  }

  /** BM25 Okapi scores of the chunks against the query tokens (repeated tokens weigh more), best first. */
  bm25(queryTokens: readonly string[], limit: number, filter?: (path: string) => boolean, parameters: Bm25Parameters = DEFAULT_BM25): ChunkHit[] {
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

  /**
   * Jaccard similarity |Q ∩ C| / |Q ∪ C| of the token sets of the query and of each chunk of `paths`, best
   * first. It reads those files' chunks only, so its cost does not grow with the workspace.
   */
  jaccard(queryTokens: readonly string[], limit: number, paths: Iterable<string>): ChunkHit[] {
    const query = new Set(queryTokens);
    const scored: (readonly [Chunk, number])[] = [];
    for (const path of paths) {
      for (const chunk of this.files.get(path) ?? []) {
        let intersection = 0;
        for (const term of query) if (chunk.counts.has(term)) intersection++;
        if (intersection > 0) scored.push([chunk, intersection / (query.size + chunk.counts.size - intersection)]);
      }
    }
    return topHits(scored, limit);
  }

  private add(chunk: Chunk): Chunk {
    for (const term of chunk.counts.keys()) {
      let set = this.postings.get(term);
      if (!set) this.postings.set(term, (set = new Set()));
      set.add(chunk);
    }
    this.chunkCount++;
    this.totalLength += chunk.length;
    return chunk;
  }

  private remove(chunk: Chunk): void {
    for (const term of chunk.counts.keys()) {
      const set = this.postings.get(term)!;
      set.delete(chunk);
      if (set.size === 0) this.postings.delete(term);
    }
    this.chunkCount--;
    this.totalLength -= chunk.length;
    this.freeIds.push(chunk.id);
  }
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [term, count] of a) if (b.get(term) !== count) return false;
  return true;
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
  const chunks: FileChunks['windows'][number][] = [];
  for (const startLine of new Set(starts)) {
    const endLine = Math.min(lines.length, startLine + windowLines) - 1;
    const tokens = codeTokens(lines.slice(startLine, endLine + 1).join('\n'));
    if (tokens.length > 0) chunks.push({ startLine, endLine, counts: countTokens(tokens), length: tokens.length });
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
