import { BoundedCache } from '../bounded-cache';
import type { LineInterval } from './intervals';
import { countLineRun, type GroupedCount } from './line-groups';
import { lineTokenSums, TextLines } from '../index/text-lines';
import type { LineTokens } from '../types';
import type { Tokenizer } from '../tokenizer';

/**
 * A file's lines with the token count of each line (newline included) as prefix sums, so the cost of any
 * set of line intervals is a few subtractions. BPE chunks never span a newline followed by ordinary code
 * in practice, so the sum of line counts tracks the count of the joined text; the packer still counts the
 * text it finally emits, so an estimate can never push the prompt over budget.
 */
export class SourceLines {
  readonly lines: TextLines;
  /** Integer counts, so 4 bytes a line hold any file's sums exactly. */
  private readonly cumulative: Int32Array;

  /** `sums`: the counts the index made of this text (lineTokenSums), so it is not tokenized again. */
  constructor(text: string, countLine: (line: string) => number, sums?: Int32Array) {
    this.lines = TextLines.of(text);
    this.cumulative = sums?.length === this.lines.length + 1 ? sums : lineTokenSums(this.lines, countLine);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Estimated tokens of lines start..end (inclusive), each with its newline. */
  tokens(start: number, end: number): number {
    return this.cumulative[end + 1] - this.cumulative[start];
  }

  tokensOf(merged: readonly LineInterval[]): number {
    let sum = 0;
    for (const i of merged) sum += this.tokens(i.start, i.end);
    return sum;
  }
}

/** Lines to count as one text, with the count of `lines[k] + '\n'` where the file's line counts tell it. */
export interface LineRun {
  readonly lines: readonly string[];
  readonly lineTokens?: (k: number) => number | undefined;
}

export interface TokenCacheLimits {
  /** Files whose line counts are kept (keyed by content hash). */
  readonly files: number;
  /** Single lines whose counts are kept, for the current file's buffer that changes on every keystroke. */
  readonly lines: number;
}

export const DEFAULT_TOKEN_CACHE_LIMITS: TokenCacheLimits = { files: 4096, lines: 50_000 };

/** Token counts cached per (tokenizer, content hash) and per line, shared by all packing calls. */
export class TokenCache {
  private readonly files: BoundedCache<string, SourceLines>;
  private readonly lines: BoundedCache<string, number>;
  private readonly runs: BoundedCache<string, GroupedCount>;

  constructor(
    readonly tokenizer: Tokenizer,
    limits: TokenCacheLimits = DEFAULT_TOKEN_CACHE_LIMITS,
  ) {
    this.files = new BoundedCache(limits.files);
    this.lines = new BoundedCache(limits.lines);
    this.runs = new BoundedCache(limits.files * 4);
  }

  /**
   * The lines of a file identified by its content hash; `text` undefined: only if they are cached (they hold
   * the text, so a file whose text the index no longer keeps in memory can still be packed). `counted`: the
   * index's counts of its lines, used when they are this tokenizer's.
   */
  sourceLines(hash: string, text: () => string, counted?: LineTokens): SourceLines;
  sourceLines(hash: string, text: (() => string) | undefined, counted?: LineTokens): SourceLines | undefined;
  sourceLines(hash: string, text: (() => string) | undefined, counted?: LineTokens): SourceLines | undefined {
    if (!text) return this.files.get(hash);
    const sums = counted?.tokenizer === this.tokenizer.name ? counted.sums : undefined;
    return this.files.getOrCreate(hash, () => new SourceLines(text(), line => this.line(line), sums));
  }

  /** One line (or any short text) counted once. */
  line(text: string): number {
    return this.lines.getOrCreate(text, () => this.tokenizer.count(text));
  }

  /**
   * Lines (a rendered block) counted exactly once per key (content hash + what was shown), from line groups;
   * `lineTokens`, the counts of those lines known already (countLineRun).
   */
  run(key: string, lines: () => LineRun): GroupedCount {
    return this.runs.getOrCreate(key, () => {
      const run = lines();
      return countLineRun(run.lines, text => this.line(text), run.lineTokens);
    });
  }
}

const caches = new WeakMap<Tokenizer, TokenCache>();

export function tokenCacheFor(tokenizer: Tokenizer): TokenCache {
  let cache = caches.get(tokenizer);
  if (!cache) {
    cache = new TokenCache(tokenizer);
    caches.set(tokenizer, cache);
  }
  return cache;
}
