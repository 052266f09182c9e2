// Messages between the index (main thread) and its worker thread. Tree-sitter runs only in the worker:
// WebAssembly memory never shrinks, and ending the worker is how it is given back.
import type { FileSymbols, LanguageId, LineTokens, SecretFinding, SkipReason } from '../types';
import type { FileChunks } from './chunk-windows';
import type { PackedReferences } from './packed-references';

/** A file to read and index, with what the cache knows of it (so unchanged content is not parsed again). */
export interface FileJob {
  readonly path: string;
  readonly absPath: string;
  readonly language: LanguageId;
  /** Hash of the content the cache holds for this path; equal content is answered with `unchanged`. */
  readonly knownHash?: string;
  /** An unsaved editor buffer that replaces the disk content. */
  readonly text?: string;
  /** The workspace folder: a file whose real path leads outside it is not read. */
  readonly root?: string;
  /** A file that grew over this since discovery is not read. Default: the workspace's default limit. */
  readonly maxBytes?: number;
  /** Count its lines' tokens (IndexedFile.lineTokens): set where the index cannot keep every text in memory. */
  readonly countLineTokens?: boolean;
  /**
   * Chunk it for the ranking state even when its content is `unchanged`: a build's state takes every file's
   * chunks, while after an update the state already holds those of unchanged content.
   */
  readonly chunkUnchanged?: boolean;
}

/** FileSymbols as they cross between threads: references packed. */
export type WireSymbols = Omit<FileSymbols, 'references'> & { readonly references: PackedReferences };

/**
 * `text` is the content read from disk (absent for an editor buffer, which the index already has): the index
 * keeps it for the completion path instead of reading the file again. `chunks`, with it, are its windows for
 * the chunk index (default window options), handed to the ranking state once.
 */
export type FileOutcome =
  | { readonly kind: 'indexed'; readonly path: string; readonly size: number; readonly mtimeMs: number; readonly hash: string; readonly symbols: WireSymbols; readonly lineTokens?: LineTokens; readonly text?: string; readonly chunks?: FileChunks; readonly redactions?: readonly SecretFinding[] }
  | { readonly kind: 'unchanged'; readonly path: string; readonly size: number; readonly mtimeMs: number; readonly text?: string; readonly chunks?: FileChunks }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: SkipReason; readonly detail: string };

export type WorkerRequest =
  | { readonly id: number; readonly type: 'index'; readonly jobs: readonly FileJob[] }
  | {
      readonly id: number;
      readonly type: 'parse';
      readonly language: LanguageId;
      readonly text: string;
      /** Names a buffer being edited (its path): the worker keeps its last tree and re-parses incrementally. */
      readonly buffer?: string;
    }
  | { readonly id: number; readonly type: 'stats' };

export interface WorkerStats {
  /** The worker's own heap plus its external memory (the WebAssembly heap lives there). */
  readonly peakBytes: number;
  readonly grammarErrors: readonly { readonly language: LanguageId; readonly message: string }[];
}

export type WorkerResponse =
  | { readonly id: number; readonly type: 'index'; readonly outcomes: readonly FileOutcome[] }
  | { readonly id: number; readonly type: 'parse'; readonly symbols: WireSymbols }
  | { readonly id: number; readonly type: 'stats'; readonly stats: WorkerStats }
  | { readonly id: number; readonly type: 'error'; readonly message: string };
