import type { IndexView } from '../index/view';
import type { IndexedFile } from '../types';
import type { Tokenizer } from '../tokenizer';
import { outlineFor } from './candidates';
import { DEFAULT_TOKEN_CACHE_LIMITS, tokenCacheFor } from './source-lines';

export interface WarmUpOptions {
  /** Longest stretch of work before yielding to the event loop (the editor must stay responsive). */
  readonly sliceMs?: number;
  readonly signal?: AbortSignal;
  /**
   * Loads a text the index does not hold in memory (a large workspace has more text than it keeps): its
   * counts, cached, hold the text for packing. Without it such a file is left for its first request.
   */
  readonly loadText?: (path: string) => Promise<string | undefined>;
}

const DEFAULT_SLICE_MS = 8;

/**
 * Counts the tokens of every indexed file's lines (and finds its outline) ahead of time, in small slices,
 * so the first request that packs a file does not pay for it (measured on zod at 8K: pack p95 35 ms cold, 12 ms warm).
 * Files most imported first; as many as the token cache keeps. Returns how many files were counted.
 */
export async function warmTokenCounts(index: IndexView, tokenizer: Tokenizer, options: WarmUpOptions = {}): Promise<number> {
  const cache = tokenCacheFor(tokenizer);
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const files = mostImportedFirst(index).slice(0, DEFAULT_TOKEN_CACHE_LIMITS.files / 2);
  let counted = 0;
  let sliceStart = performance.now();
  for (const file of files) {
    if (options.signal?.aborted) break;
    const text = index.textInMemory(file.path) ?? (await options.loadText?.(file.path));
    if (text === undefined) continue;
    outlineFor(file, cache.sourceLines(file.hash, () => text, file.lineTokens));
    counted++;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise(resolve => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return counted;
}

/** The indexed files, most imported first (then by path): the ones most requests pack. */
export function mostImportedFirst(index: IndexView): IndexedFile[] {
  return [...index.files()]
    .map(file => ({ file, importers: index.symbols.importersOf(file.path).length }))
    .sort((a, b) => b.importers - a.importers || (a.file.path < b.file.path ? -1 : 1))
    .map(({ file }) => file);
}
