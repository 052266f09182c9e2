// The one door into the engine for the adapters (src/vscode/, src/cli/) and the benchmarks. The command line
// and the benchmarks may run the engine in-process (`ContextEngine`); the editor runs it in its own thread
// (`EngineThread`), because the extension host's main thread is shared by every extension the user has.
import type { BuildControl, ContextRequest, ContextResult, IndexSummary, TokenizerName } from '../types';

export interface EngineApi {
  /** The absolute workspace root. */
  readonly root: string;
  /** What the last full build found. */
  readonly summary: IndexSummary;
  /** Context for one cursor; cancellable, and bounded by a deadline (see BuildControl). */
  buildContext(request: ContextRequest, control?: BuildControl): Promise<ContextResult>;
  /** A file changed on disk (no `text`) or in an unsaved editor buffer (`text`). */
  updateFile(path: string, text?: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  /** Prepares in the background what the first requests would otherwise compute. */
  warmUp(options?: { tokenizer?: TokenizerName }): Promise<void>;
  dispose(): Promise<void>;
}
