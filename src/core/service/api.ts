// The one door into the engine for the adapters (src/vscode/, src/cli/) and the benchmarks. The command line
// and the benchmarks may run the engine in-process (`ContextEngine`); the editor runs it in its own thread
// (`EngineThread`), because the extension host's main thread is shared by every extension the user has.
import type { GatheredFacts } from '../facts';
import type { BuildControl, ContextRequest, ContextResult, IndexSummary, TokenizerName } from '../types';

/**
 * A context request with the language facts its caller already gathered: the editor asks its own language
 * servers on the extension host and sends the answers as data. Without `facts`, the engine asks its own
 * LanguageFacts, if it was given one (command line, benchmarks).
 */
export interface EngineRequest extends ContextRequest {
  readonly facts?: GatheredFacts;
}

/** The engine's own memory and what became of its builds; in thread mode, the engine thread's. */
export interface EngineStats {
  /** `process.memoryUsage()` where the engine runs: rss is the whole process's, the heap figures the engine thread's. */
  readonly memory: NodeJS.MemoryUsage;
  /** `v8.getHeapStatistics()` of the engine's isolate. */
  readonly heap: { readonly usedHeapSize: number; readonly totalHeapSize: number; readonly heapSizeLimit: number };
  /** Context builds so far: finished (partial ones included), partial (past their deadline), cancelled. */
  readonly builds: { readonly done: number; readonly partial: number; readonly cancelled: number };
}

export interface EngineApi {
  /** The absolute workspace root. */
  readonly root: string;
  /** What the last full build found. */
  readonly summary: IndexSummary;
  /** Context for one cursor; cancellable, and bounded by a deadline (see BuildControl). */
  buildContext(request: EngineRequest, control?: BuildControl): Promise<ContextResult>;
  /** A file changed on disk (no `text`) or in an unsaved editor buffer (`text`). */
  updateFile(path: string, text?: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  /** The text the engine has for an indexed file (the unsaved buffer if any); undefined when it is not indexed. */
  text(path: string): Promise<string | undefined>;
  /** Prepares in the background what the first requests would otherwise compute. */
  warmUp(options?: { tokenizer?: TokenizerName }): Promise<void>;
  stats(): Promise<EngineStats>;
  dispose(): Promise<void>;
}
