// The one door into the engine for the adapters (src/vscode/, src/cli/) and the benchmarks. The command line
// and the benchmarks may run the engine in-process (`ContextEngine`); the editor runs it in its own thread
// (`EngineThread`), because the extension host's main thread is shared by every extension the user has.
import type { GatheredFacts } from '../facts';
import type { ModelBackend, ModelSettings } from '../model';
import type { MonitoredCompletion, MonitoredDocument } from '../monitor';
import type { CompletionPrompt } from '../prompt';
import type { BuildControl, ContextRequest, ContextResult, IndexSummary, LanguageId, TokenizerName } from '../types';

export { monitoredLanguage, type MonitoredCompletion, type MonitorChange } from '../monitor';

/**
 * How far the cursor may move from the previous request for its packed context to be offered again.
 * Typing and stepping through a function stay well within it; a jump elsewhere in the file needs other
 * context, and packing afresh there keeps the quality of each position independent of the last one. The editor
 * reads it too: it prepares no context where the last one it asked for is this near (prepareContext).
 */
export const MAX_CURSOR_MOVE_FOR_REUSE_LINES = 12;

/**
 * A context request with the language facts its caller already gathered: the editor asks its own language
 * servers on the extension host and sends the answers as data. Without `facts`, the engine asks its own
 * LanguageFacts, if it was given one (command line, benchmarks).
 */
export interface EngineRequest extends ContextRequest {
  readonly facts?: GatheredFacts;
}

export interface WarmUpRequest {
  /** The tokenizer the requests will count with. */
  readonly tokenizer?: TokenizerName;
  /** Whether to end with one build thrown away (ContextEngine.warmUp); true unless said. */
  readonly rehearse?: boolean;
}

/** A completion to be written under the monitor's eye (src/core/monitor/), by the engine's own language servers. */
export interface MonitoredRequest {
  /** The rendered prompt; the monitor continues it from corrected text. */
  readonly prompt: CompletionPrompt;
  /** The whole buffer before and after the cursor: the servers' shadow documents must resolve imports as the real file does. */
  readonly document: MonitoredDocument & { readonly language: LanguageId };
  /** The endpoint, with the API key: it goes to that endpoint only and is never logged. */
  readonly model: ModelSettings;
  /** `auto`: detected from the endpoint (once per endpoint); `off`: raw completions. */
  readonly backend: ModelBackend | 'auto' | 'off';
  /** Milliseconds each member check may wait for the server; past it that member goes unchecked. */
  readonly triggerBudgetMs: number;
  /** Whether the workspace is trusted: an untrusted one never runs a server binary from inside it. */
  readonly trustWorkspace: boolean;
}

/** A document that became active in the editor: its language's hidden server is started and given the document early. */
export interface MonitorWarmUp {
  /** Workspace-relative. */
  readonly path: string;
  /** The buffer as it is now (it may be unsaved). */
  readonly text: string;
  /** As in MonitoredRequest: an untrusted workspace never runs a server binary from inside it. */
  readonly trustWorkspace: boolean;
}

/** The engine's own memory and what became of its builds; in thread mode, the engine thread's. */
export interface EngineStats {
  /** `process.memoryUsage()` where the engine runs: rss is the whole process's, the heap figures the engine thread's. */
  readonly memory: NodeJS.MemoryUsage;
  /** `v8.getHeapStatistics()` of the engine's isolate. */
  readonly heap: { readonly usedHeapSize: number; readonly totalHeapSize: number; readonly heapSizeLimit: number };
  /** Context builds so far: finished (partial ones included), partial (past their deadline), cancelled. */
  readonly builds: { readonly done: number; readonly partial: number; readonly cancelled: number };
  /**
   * Files the ranking has not taken in yet, which a build without a deadline waits for: those changed in the
   * index, or every file while the ranking is (re)built from scratch (`rebuild`: at start, after a burst the
   * index's journal could not record).
   */
  readonly rankingBacklog: { readonly files: number; readonly rebuild: boolean };
}

export interface EngineApi {
  /** The absolute workspace root. */
  readonly root: string;
  /** What the last full build found. */
  readonly summary: IndexSummary;
  /** Context for one cursor; cancellable, and bounded by a deadline (see BuildControl). */
  buildContext(request: EngineRequest, control?: BuildControl): Promise<ContextResult>;
  /**
   * The cursor rests at the request's position (the user moved there and has not typed yet): builds its context
   * while nobody waits and throws it away, so that the first keystroke there continues it instead of packing
   * afresh. Does nothing when the context kept for a nearby cursor serves already, or while the ranking state is
   * still being built (warmUp); resolves to whether it kept a context.
   * Cancel it when a request someone waits for comes: the engine runs one build at a time.
   */
  prepareContext(request: EngineRequest, control?: BuildControl): Promise<boolean>;
  /** A file changed on disk (no `text`) or in an unsaved editor buffer (`text`). */
  updateFile(path: string, text?: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  /** The text the engine has for an indexed file (the unsaved buffer if any); undefined when it is not indexed. */
  text(path: string): Promise<string | undefined>;
  /** Streams a completion checked by the monitor (raw where the monitor cannot help; the notes say why). */
  completeMonitored(request: MonitoredRequest, control?: { readonly signal?: AbortSignal }): Promise<MonitoredCompletion>;
  /**
   * Starts the hidden language server that monitored completions of `document` will ask, and opens the
   * document in it, so that the first completion is already checked. Resolves once the server is ready;
   * rejects (a FactsError's message) when there is none for the document.
   */
  warmUpMonitor(document: MonitorWarmUp): Promise<void>;
  /** Prepares in the background what the first requests would otherwise compute. */
  warmUp(options?: WarmUpRequest): Promise<void>;
  stats(): Promise<EngineStats>;
  dispose(): Promise<void>;
}
