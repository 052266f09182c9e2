// The index worker thread: reads files, screens their content, parses them with tree-sitter and
// extracts their symbols. It keeps no per-file state: the main thread owns the index.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import type { Tokenizer } from '../tokenizer';
import type { LanguageId, LineTokens, SecretFinding } from '../types';
import { classifyContent, DEFAULT_MAX_FILE_BYTES, readWorkspaceFile, redactSecrets, skipReasonFor } from '../workspace';
import { chunkOptions, chunkWindows } from './chunk-windows';
import { EditedBuffer } from './edited-buffer';
import { SymbolExtractor } from './extract';
import { lineTokenSums, TextLines } from './text-lines';
import { packReferences } from './packed-references';
import type { FileJob, FileOutcome, WireSymbols, WorkerRequest, WorkerResponse, WorkerStats } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('index worker: must run in a worker thread');

let peakBytes = 0;

/** Buffers being edited; a few are enough (the editor types in one at a time). The least recently parsed goes first, its tree freed. */
const EDITED_BUFFERS = 8;
const buffers = new LRUCache<string, EditedBuffer>({ max: EDITED_BUFFERS, dispose: buffer => buffer.dispose() });

function bufferFor(key: string, language: LanguageId): EditedBuffer {
  let buffer = buffers.get(key);
  if (!buffer) buffers.set(key, (buffer = new EditedBuffer(language)));
  return buffer;
}
const extractorReady = SymbolExtractor.create();

function sampleMemory(): void {
  const m = process.memoryUsage();
  peakBytes = Math.max(peakBytes, m.heapTotal + m.external);
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

async function indexOne(extractor: SymbolExtractor, job: FileJob): Promise<FileOutcome> {
  let text: string;
  let size: number;
  let mtimeMs: number;
  let redactions: readonly SecretFinding[];
  if (job.text !== undefined) {
    ({ text, findings: redactions } = redactSecrets(job.text));
    size = Buffer.byteLength(job.text);
    mtimeMs = Date.now();
  } else {
    // The size and mtime the cache will trust are those of the open file whose bytes were read, so a write
    // between the two can only make the next start re-read it, never keep stale content.
    const read = readWorkspaceFile(job.absPath, { root: job.root, maxBytes: job.maxBytes ?? DEFAULT_MAX_FILE_BYTES });
    if (!read.ok) return { kind: 'skipped', path: job.path, reason: skipReasonFor(read.refusal), detail: read.detail };
    ({ size, mtimeMs } = read);
    const content = classifyContent(job.path, read.bytes);
    if (content.kind === 'skip') return { kind: 'skipped', path: job.path, reason: content.reason, detail: content.detail };
    ({ text, redactions } = content);
  }
  const hash = hashOf(text);
  const diskText = job.text === undefined ? text : undefined;
  // The ranking state's chunk index takes these instead of chunking the text again (an editor buffer's text,
  // which changes at every keystroke, it chunks itself).
  const unchanged = hash === job.knownHash;
  const chunks = diskText === undefined || (unchanged && !job.chunkUnchanged) ? undefined : chunkWindows(diskText, chunkOptions());
  if (unchanged) return { kind: 'unchanged', path: job.path, size, mtimeMs, text: diskText, chunks };
  if (!(await extractor.ensureLanguage(job.language))) {
    return { kind: 'skipped', path: job.path, reason: 'parse-failed', detail: `the ${job.language} grammar failed to load` };
  }
  try {
    // An editor buffer shares its tree with the engine's parses of the same buffer (keyed by path), so the
    // index update after a keystroke is incremental too.
    const buffer = job.text === undefined ? undefined : bufferFor(job.path, job.language);
    const symbols = wireSymbols(extractor, job.language, text, buffer);
    const lineTokens = job.countLineTokens ? lineTokensOf(text, defaultTokenizer()) : undefined;
    return { kind: 'indexed', path: job.path, size, mtimeMs, hash, symbols, lineTokens, text: diskText, chunks, redactions };
  } catch (error) {
    return { kind: 'skipped', path: job.path, reason: 'parse-failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

let tokenizer: Tokenizer | undefined;

/** Loaded on first use (0.3 s and 38 MB of BPE ranks): a worker of a workspace whose texts stay in memory counts nothing. */
function defaultTokenizer(): Tokenizer {
  if (!tokenizer) {
    const { DEFAULT_TOKENIZER, tokenizerFor } = require('../tokenizer') as typeof import('../tokenizer');
    tokenizer = tokenizerFor(DEFAULT_TOKENIZER);
  }
  return tokenizer;
}

/** Counted lines kept by text: code repeats many (`}`, blank, imports), which halves a cold worker's counting. */
const lineCounts = new LRUCache<string, number>({ max: 20_000 });

/**
 * The text's line token counts with the default tokenizer, counted here, where the text is at hand, in
 * parallel with the other workers and once per content (the cache keeps them): in a workspace with more text
 * than the index keeps, the first request that packs the file would otherwise load and tokenize it.
 */
function lineTokensOf(text: string, tokenizer: Tokenizer): LineTokens {
  const count = (line: string) => {
    let tokens = lineCounts.get(line);
    if (tokens === undefined) lineCounts.set(line, (tokens = tokenizer.count(line)));
    return tokens;
  };
  return { tokenizer: tokenizer.name, sums: lineTokenSums(TextLines.of(text), count) };
}

function wireSymbols(extractor: SymbolExtractor, language: LanguageId, text: string, buffer?: EditedBuffer): WireSymbols {
  const symbols = extractor.extract(language, text, buffer);
  return { ...symbols, references: packReferences(symbols.references) };
}

async function parseText(extractor: SymbolExtractor, language: LanguageId, text: string, key: string | undefined): Promise<WireSymbols> {
  if (!(await extractor.ensureLanguage(language))) throw new Error(`The ${language} grammar failed to load; see the index summary.`);
  return wireSymbols(extractor, language, text, key === undefined ? undefined : bufferFor(key, language));
}

/** The typed arrays of a response (packed references, line token sums, chunk windows): moved to the main thread instead of copied. */
function transferables(response: WorkerResponse): ArrayBuffer[] {
  if (response.type === 'parse') return [response.symbols.references.data.buffer as ArrayBuffer];
  if (response.type !== 'index') return [];
  return response.outcomes.flatMap(o => {
    if (o.kind === 'skipped') return [];
    const arrays = o.kind === 'indexed' ? [o.symbols.references.data, o.lineTokens?.sums, o.chunks?.windows] : [o.chunks?.windows];
    return arrays.flatMap(array => (array ? [array.buffer as ArrayBuffer] : []));
  });
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  const extractor = await extractorReady;
  switch (request.type) {
    case 'index': {
      const outcomes: FileOutcome[] = [];
      for (const job of request.jobs) outcomes.push(await indexOne(extractor, job));
      sampleMemory();
      return { id: request.id, type: 'index', outcomes };
    }
    case 'parse':
      return { id: request.id, type: 'parse', symbols: await parseText(extractor, request.language, request.text, request.buffer) };
    case 'stats': {
      sampleMemory();
      const stats: WorkerStats = { peakBytes, grammarErrors: extractor.grammarErrors };
      return { id: request.id, type: 'stats', stats };
    }
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    response => port.postMessage(response, transferables(response)),
    error => port.postMessage({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerResponse),
  );
});
