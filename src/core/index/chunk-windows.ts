// Code tokens and the line windows ("chunks") of a file's text, in the compact form the chunk index takes
// (rank/lexical.ts). The index workers compute them where they read a file, so that the ranking state's
// warm-up neither reads the text again nor tokenizes it on the engine thread; the ranking state computes
// them itself for a buffer being edited and for a text it loads.

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
  for (const identifier of text.match(IDENTIFIER) ?? []) tokens.push(...identifierTokens(identifier));
  return tokens;
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
export function chunkWindows(text: string, { windowLines, strideLines }: Required<ChunkIndexOptions>): FileChunks {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let start = 0; ; start += strideLines) {
    if (start + windowLines >= lines.length) {
      starts.push(Math.max(0, Math.min(start, lines.length - windowLines)));
      break;
    }
    starts.push(start);
  }
  // Windows overlap, and no token spans a line: each line is tokenized once (to token indexes), and a
  // window's tokens are its lines' tokens in order, as if its text were tokenized whole. A file repeats its
  // identifiers: each distinct one is split into tokens, and they into indexes, once.
  const indexOf = new Map<string, number>();
  const tokens: string[] = [];
  const identifierIndexes = new Map<string, readonly number[]>();
  const indexesOf = (identifier: string): readonly number[] =>
    identifierTokens(identifier).map(token => {
      let index = indexOf.get(token);
      if (index === undefined) indexOf.set(token, (index = tokens.push(token) - 1));
      return index;
    });
  const lineEnds = new Int32Array(lines.length);
  const lineTokens: number[] = [];
  for (let line = 0; line < lines.length; line++) {
    for (const identifier of lines[line].match(IDENTIFIER) ?? []) {
      let indexes = identifierIndexes.get(identifier);
      if (!indexes) identifierIndexes.set(identifier, (indexes = indexesOf(identifier)));
      for (const index of indexes) lineTokens.push(index);
    }
    lineEnds[line] = lineTokens.length;
  }
  const counts = new Int32Array(tokens.length);
  const distinct = new Int32Array(tokens.length);
  const windows: number[] = [];
  for (const startLine of new Set(starts)) {
    const endLine = Math.min(lines.length, startLine + windowLines) - 1;
    const from = startLine === 0 ? 0 : lineEnds[startLine - 1];
    const to = lineEnds[endLine];
    if (to === from) continue;
    let n = 0;
    for (let k = from; k < to; k++) if (counts[lineTokens[k]]++ === 0) distinct[n++] = lineTokens[k];
    windows.push(startLine, endLine, to - from, n);
    for (let i = 0; i < n; i++) {
      windows.push(distinct[i], counts[distinct[i]]);
      counts[distinct[i]] = 0;
    }
  }
  return { tokens, windows: Int32Array.from(windows) };
}

/** A file's chunks and the hash of the text they were computed from: what the index hands the ranking state. */
export interface HashedChunks {
  readonly hash: string;
  readonly chunks: FileChunks;
}
