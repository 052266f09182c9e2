import { BoundedCache } from './bounded-cache';
import type { LineInterval } from './intervals';
import { countLineRun, type GroupedCount } from './line-groups';
import type { Tokenizer } from './tokenizer';

/**
 * A text's lines, kept as the text and the offset where each line starts (4 bytes a line) and read as
 * strings on demand: the token cache holds thousands of files, and as an array of strings each line cost
 * ~40 bytes more. Lines are split on `\n` with a trailing `\r` dropped, so CRLF files render with plain
 * newlines; a final newline ends the last line rather than starting an empty one. Reads like the part of
 * a `readonly string[]` the packer uses (`length`, `at`, `slice`), for lines 0..length-1.
 */
export class TextLines {
  private constructor(
    private readonly text: string,
    /** `starts[i]`: where line i starts; `starts[i + 1] - 1`: where it ends (before its newline, if any). */
    private readonly starts: Int32Array,
  ) {}

  static of(text: string): TextLines {
    let newlines = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) newlines++;
    const count = newlines > 0 && text.endsWith('\n') ? newlines : newlines + 1;
    const starts = new Int32Array(count + 1);
    let line = 0;
    for (let at = text.indexOf('\n'); at >= 0 && line < count; at = text.indexOf('\n', at + 1)) starts[++line] = at + 1;
    // The last line has no newline: its end is where one would be.
    if (line < count) starts[count] = text.length + 1;
    return new TextLines(text, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Line `line` (0 <= line < length), without its newline or a `\r` before it. */
  at(line: number): string {
    const start = this.starts[line];
    const end = this.starts[line + 1] - 1;
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end);
  }

  /** Lines start..end-1, as `Array.prototype.slice` (within 0..length). */
  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let line = start; line < end; line++) out.push(this.at(line));
    return out;
  }
}

const CARRIAGE_RETURN = 13;

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

  constructor(text: string, countLine: (line: string) => number) {
    this.lines = TextLines.of(text);
    this.cumulative = new Int32Array(this.lines.length + 1);
    for (let i = 0; i < this.lines.length; i++) this.cumulative[i + 1] = this.cumulative[i] + countLine(this.lines.at(i) + '\n');
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
   * the text, so a file whose text the index no longer keeps in memory can still be packed).
   */
  sourceLines(hash: string, text: () => string): SourceLines;
  sourceLines(hash: string, text: (() => string) | undefined): SourceLines | undefined;
  sourceLines(hash: string, text: (() => string) | undefined): SourceLines | undefined {
    if (!text) return this.files.get(hash);
    return this.files.getOrCreate(hash, () => new SourceLines(text(), line => this.line(line)));
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
