// Code tokens and the line windows ("chunks") of a file's text, in the compact form the chunk index takes
// (rank/lexical.ts). The index workers compute them where they read a file, so that the ranking state's
// warm-up neither reads the text again nor tokenizes it on the engine thread; the ranking state computes
// them itself for a buffer being edited and for a text it loads.
import { isNameChar } from '../name-chars';
import { changedSpan } from './changed-span';

/** Language keywords that every file repeats; they only blur similarity. Deliberately tiny. */
const STOPWORDS: ReadonlySet<string> = new Set([
  'if', 'else', 'for', 'while', 'do', 'return', 'break', 'continue', 'switch', 'case', 'default',
  'const', 'let', 'var', 'function', 'class', 'new', 'this', 'self', 'import', 'export', 'from', 'as',
  'true', 'false', 'null', 'undefined', 'none', 'void', 'typeof', 'instanceof', 'in', 'of',
  'public', 'private', 'protected', 'static', 'readonly', 'async', 'await', 'yield', 'try', 'catch',
  'finally', 'throw', 'def', 'pass', 'and', 'or', 'not', 'is', 'fn', 'pub', 'mut', 'impl', 'use', 'func',
  'package', 'type', 'interface', 'extends', 'implements', 'the', 'a', 'an', 'to',
]);

/** Sub-words of one identifier part: `HTTPServer2Go` -> HTTP, Server, 2, Go. */
const SUBWORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/**
 * Identifiers of `text` (`[A-Za-z_$][A-Za-z0-9_$]*`) split into sub-words on camelCase, snake_case, `$` and digit
 * boundaries, lowercased, with language keywords removed. Order and repetitions are kept (BM25 counts them). The
 * windows' own tokenizer, so that a query and the windows it is matched against never split text differently.
 */
export function codeTokens(text: string): string[] {
  const table = new TokenTable();
  return Array.from(table.tokenize(text).tokens, index => table.tokenAt(index));
}

/** The tokens of one identifier, in order. */
function identifierTokens(identifier: string): string[] {
  const tokens: string[] = [];
  for (const subword of identifier.match(SUBWORD) ?? []) {
    const token = subword.toLowerCase();
    if (!STOPWORDS.has(token)) tokens.push(token);
  }
  return tokens;
}

export interface ChunkIndexOptions {
  /** Lines per chunk. */
  readonly windowLines?: number;
  /** Lines between the starts of consecutive chunks (windowLines = no overlap). */
  readonly strideLines?: number;
}

/** CrossCodeEval's / RepoCoder's chunking: 20-line windows that overlap by half. The index workers chunk with these. */
const DEFAULT_CHUNK_OPTIONS: Required<ChunkIndexOptions> = { windowLines: 20, strideLines: 10 };

/** The window options, checked: 1 <= strideLines <= windowLines. */
export function chunkOptions(options: ChunkIndexOptions = {}): Required<ChunkIndexOptions> {
  const resolved = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  if (!(resolved.windowLines >= 1 && resolved.strideLines >= 1 && resolved.strideLines <= resolved.windowLines)) {
    throw new Error(`Chunk windows need 1 <= strideLines <= windowLines (got window ${resolved.windowLines}, stride ${resolved.strideLines}).`);
  }
  return resolved;
}

/**
 * A file's windows with their token counts, cheap to pass between threads: the file's distinct tokens once,
 * and the windows as integers in one array, so taking them in costs one lookup per distinct token of the
 * file, not one per token of each window.
 */
export interface FileChunks {
  /** The file's distinct tokens, in the order they first occur; the windows name them by index. */
  readonly tokens: readonly string[];
  /**
   * Window after window: its first line, its last line (0-based, inclusive), its length in tokens, the number
   * n of its distinct tokens, then n pairs (index in `tokens`, count).
   */
  readonly windows: Int32Array;
  /** The line tokens they were counted from, by identity alone (`LineTokens.identity`; a copy from another thread is no one's). */
  readonly origin: object;
  /** Where they are windows of an edit of the text `edit.of` was counted from: see `WindowsEdit`. */
  readonly edit?: WindowsEdit;
}

/**
 * The windows are those of a text that differs from the text of the line tokens `of` only in lines
 * `firstLine`..`lastLine`, with as many lines: each window wholly outside them counts what that text's did.
 */
export interface WindowsEdit {
  readonly of: object;
  readonly firstLine: number;
  readonly lastLine: number;
}

/** A window of `FileChunks.windows`: its lines, its length, and where its `distinct` (token index, count) pairs start. */
export interface WindowAt {
  readonly startLine: number;
  readonly endLine: number;
  readonly length: number;
  readonly distinct: number;
  readonly pairsAt: number;
}

/** The windows of `chunks`, in order. */
export function* windowsOf(chunks: FileChunks): Generator<WindowAt> {
  const windows = chunks.windows;
  for (let at = 0; at < windows.length; at += 4 + 2 * windows[at + 3]) {
    yield { startLine: windows[at], endLine: windows[at + 1], length: windows[at + 2], distinct: windows[at + 3], pairsAt: at + 4 };
  }
}

/** Windows of `windowLines` every `strideLines`; the last one is moved up to end at the file's end. Token-less windows are dropped. */
export function chunkWindows(text: string, options: Required<ChunkIndexOptions>): FileChunks {
  return LineTokens.of(text).windows(options);
}

/**
 * How many times the tokens its text uses a table may hold before an edit starts a fresh one: typing a name adds
 * each of its prefixes, which the text soon stops using.
 */
const TABLE_SLACK = 2;

/**
 * The tokens of a text, line by line, as indexes into a table of the distinct tokens: what windows are counted
 * from. No token spans a line, so a window's tokens are its lines' tokens in order, as if its text were
 * tokenized whole; and after an edit only the lines it changed need tokenizing again (`edited`): a keystroke in a
 * large buffer re-tokenizes one line, not the file.
 */
export class LineTokens {
  /** Stands for these line tokens in the windows counted from them, holding nothing: a chain of edits keeps no old text alive. */
  readonly identity = {};

  private constructor(
    readonly text: string,
    private readonly table: TokenTable,
    /** Every line's token indexes, line after line. */
    private readonly tokens: Int32Array,
    /** Where each line's tokens end in `tokens`. */
    private readonly lineEnds: Int32Array,
    /** What an edit that kept the line count changed, relative to the line tokens it was made from. */
    private readonly edit?: WindowsEdit,
  ) {}

  static of(text: string): LineTokens {
    const table = new TokenTable();
    const { tokens, lineEnds } = table.tokenize(text);
    table.used = table.size;
    return new LineTokens(text, table, tokens, lineEnds);
  }

  /**
   * The line tokens of `text`, an edit of this one: the lines before and after the edited span keep their tokens
   * (those after it move), the lines it touches are tokenized. The table is shared and only grows, so once it
   * holds far more tokens than the text uses, the text is tokenized afresh.
   */
  edited(text: string): LineTokens {
    if (text === this.text) return this;
    if (this.table.size > TABLE_SLACK * this.table.used + 1024) return LineTokens.of(text);
    const { start, oldEnd, newEnd } = changedSpan(this.text, text);
    const firstLine = linesBefore(text, start);
    const lastOldLine = firstLine + linesBefore(this.text, oldEnd, start);
    const lastNewLine = firstLine + linesBefore(text, newEnd, start);
    const from = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', newEnd);
    const changed = this.table.tokenize(text.slice(from, lineEnd < 0 ? text.length : lineEnd));
    const keptBefore = firstLine === 0 ? 0 : this.lineEnds[firstLine - 1]!;
    const keptAfter = this.lineEnds[lastOldLine]!;
    const tokens = new Int32Array(keptBefore + changed.tokens.length + (this.tokens.length - keptAfter));
    tokens.set(this.tokens.subarray(0, keptBefore));
    tokens.set(changed.tokens, keptBefore);
    tokens.set(this.tokens.subarray(keptAfter), keptBefore + changed.tokens.length);
    const lineCount = this.lineEnds.length - (lastOldLine - firstLine) + (lastNewLine - firstLine);
    const lineEnds = new Int32Array(lineCount);
    lineEnds.set(this.lineEnds.subarray(0, firstLine));
    for (let i = 0; i < changed.lineEnds.length; i++) lineEnds[firstLine + i] = keptBefore + changed.lineEnds[i]!;
    const shift = keptBefore + changed.tokens.length - keptAfter;
    for (let line = lastOldLine + 1, to = lastNewLine + 1; line < this.lineEnds.length; line++, to++) lineEnds[to] = this.lineEnds[line]! + shift;
    const edit = lastOldLine === lastNewLine ? { of: this.identity, firstLine, lastLine: lastNewLine } : undefined;
    return new LineTokens(text, this.table, tokens, lineEnds, edit);
  }

  /** Windows of `windowLines` every `strideLines`; the last one is moved up to end at the file's end. Token-less windows are dropped. */
  windows({ windowLines, strideLines }: Required<ChunkIndexOptions>): FileChunks {
    const lineCount = this.lineEnds.length;
    const starts: number[] = [];
    for (let start = 0; ; start += strideLines) {
      if (start + windowLines >= lineCount) {
        starts.push(Math.max(0, Math.min(start, lineCount - windowLines)));
        break;
      }
      starts.push(start);
    }
    // The windows name the text's tokens in the order they first occur, as a fresh table does: a table an edit
    // has grown also holds tokens the text no longer uses.
    const size = this.table.size;
    const renamed = new Int32Array(size).fill(-1);
    const tokens: string[] = [];
    const counts = new Int32Array(size);
    const distinct = new Int32Array(size);
    // Each window's last line and the range of its tokens in `tokens`.
    const spans = [...new Set(starts)].map(startLine => {
      const endLine = Math.min(lineCount, startLine + windowLines) - 1;
      return { startLine, endLine, from: startLine === 0 ? 0 : this.lineEnds[startLine - 1]!, to: this.lineEnds[endLine]! };
    });
    // Room for the most the windows can take, 4 numbers a window and a pair per token of it, filled in place and
    // then copied at its length (pushing to an array and converting it cost as much again as the counting).
    const windows = new Int32Array(spans.reduce((room, { from, to }) => room + 4 + 2 * (to - from), 0));
    let used = 0;
    for (const { startLine, endLine, from, to } of spans) {
      if (to === from) continue;
      let n = 0;
      for (let k = from; k < to; k++) {
        const token = this.tokens[k]!;
        let index = renamed[token]!;
        if (index < 0) renamed[token] = index = tokens.push(this.table.tokenAt(token)) - 1;
        if (counts[index]++ === 0) distinct[n++] = index;
      }
      windows[used++] = startLine;
      windows[used++] = endLine;
      windows[used++] = to - from;
      windows[used++] = n;
      for (let i = 0; i < n; i++) {
        windows[used++] = distinct[i]!;
        windows[used++] = counts[distinct[i]!]!;
        counts[distinct[i]!] = 0;
      }
    }
    this.table.used = tokens.length;
    return { tokens, windows: windows.slice(0, used), origin: this.identity, ...(this.edit ? { edit: this.edit } : {}) };
  }
}

/** The distinct tokens met so far, by index; a file repeats its identifiers, so each is split into tokens once. */
class TokenTable {
  private readonly tokens: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly identifierIndexes = new Map<string, readonly number[]>();
  /** How many of the tokens the text last tokenized or counted uses. */
  used = 0;

  get size(): number {
    return this.tokens.length;
  }

  tokenAt(index: number): string {
    return this.tokens[index]!;
  }

  /**
   * The token indexes of `text`'s lines (split at `\n`), line after line, and where each line's tokens end.
   * Scanned by character code, without splitting the text into lines and each line into a list of identifiers
   * first (6,000 files of the combined workspace: 835 -> 745 ms with their windows).
   */
  tokenize(text: string): { tokens: Int32Array; lineEnds: Int32Array } {
    const lineEnds = new Int32Array(linesBefore(text, text.length) + 1);
    let tokens = new Int32Array(16 + (text.length >> 3));
    let count = 0;
    let line = 0;
    for (let at = 0; at < text.length; ) {
      const code = text.charCodeAt(at);
      if (code === NEWLINE) lineEnds[line++] = count;
      if (!isNameChar(code) || isDigit(code)) {
        at++;
        continue;
      }
      let end = at + 1;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
      const identifier = text.slice(at, end);
      let indexes = this.identifierIndexes.get(identifier);
      if (!indexes) this.identifierIndexes.set(identifier, (indexes = this.indexesOf(identifier)));
      if (count + indexes.length > tokens.length) {
        const larger = new Int32Array(2 * tokens.length + indexes.length);
        larger.set(tokens);
        tokens = larger;
      }
      for (const index of indexes) tokens[count++] = index;
      at = end;
    }
    lineEnds[line] = count;
    return { tokens: tokens.slice(0, count), lineEnds };
  }

  private indexesOf(identifier: string): number[] {
    return identifierTokens(identifier).map(token => {
      let index = this.indexOf.get(token);
      if (index === undefined) this.indexOf.set(token, (index = this.tokens.push(token) - 1));
      return index;
    });
  }
}

const NEWLINE = 10;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** How many line breaks `text` has in [from, to). */
function linesBefore(text: string, to: number, from = 0): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** A file's chunks and the hash of the text they were computed from: what the index hands the ranking state. */
export interface HashedChunks {
  readonly hash: string;
  readonly chunks: FileChunks;
}
