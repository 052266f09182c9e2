import { BoundedCache } from './bounded-cache';
import type { LineInterval } from './intervals';
import { countLineRun, type GroupedCount } from './line-groups';
import type { Tokenizer } from './tokenizer';

/**
 * A file's lines with the token count of each line (newline included) as prefix sums, so the cost of any
 * set of line intervals is a few subtractions. BPE chunks never span a newline followed by ordinary code
 * in practice, so the sum of line counts tracks the count of the joined text; the packer still counts the
 * text it finally emits, so an estimate can never push the prompt over budget.
 */
export class SourceLines {
  private readonly cumulative: Float64Array;

  constructor(
    readonly lines: readonly string[],
    countLine: (line: string) => number,
  ) {
    this.cumulative = new Float64Array(lines.length + 1);
    for (let i = 0; i < lines.length; i++) this.cumulative[i + 1] = this.cumulative[i] + countLine(lines[i] + '\n');
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

/** Lines are split on `\n` with a trailing `\r` dropped, so CRLF files render with plain newlines. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
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

  /** The lines of a file identified by its content hash. */
  sourceLines(hash: string, text: () => string): SourceLines {
    return this.files.getOrCreate(hash, () => new SourceLines(splitLines(text()), line => this.line(line)));
  }

  /** One line (or any short text) counted once. */
  line(text: string): number {
    return this.lines.getOrCreate(text, () => this.tokenizer.count(text));
  }

  /** Lines (a rendered block) counted exactly once per key (content hash + what was shown), from line groups. */
  run(key: string, lines: () => readonly string[]): GroupedCount {
    return this.runs.getOrCreate(key, () => countLineRun(lines(), text => this.line(text)));
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
