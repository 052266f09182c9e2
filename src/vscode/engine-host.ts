import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineApi } from '../core/service/api';
import { EngineThread } from '../core/service/engine-thread';
import type { IndexProgress, IndexSummary } from '../core/types';
import type { Log } from './log';
import type { Notifier } from './notifier';
import { excludeGlobs, type SettingsStore } from './settings';

export type EngineState =
  | { readonly kind: 'indexing'; readonly progress?: IndexProgress }
  | { readonly kind: 'ready'; readonly engine: EngineApi; readonly summary: IndexSummary }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/** Remembered in globalState: the first index gets a progress notification, later ones run quietly. */
const INDEXED_ONCE_KEY = 'codebaseContext.indexedOnce';

/**
 * Owns the engine of the first workspace folder, in its own thread (EngineThread): the extension host's main
 * thread only exchanges messages with it. Opens it in the background, reports progress, rebuilds on "Reindex
 * Workspace", and disposes it. Indexing failures and a crashed engine thread are one notification each;
 * completions keep working from the current file meanwhile.
 */
export class EngineHost implements vscode.Disposable {
  private stateValue: EngineState = { kind: 'indexing' };
  private readonly emitter = new vscode.EventEmitter<EngineState>();
  readonly onDidChangeState = this.emitter.event;
  private readonly warmedUp = new vscode.EventEmitter<EngineApi>();
  /** The current engine finished its warm-up: its ranking state is built, and contexts can be prepared ahead. */
  readonly onDidWarmUp = this.warmedUp.event;
  private run: { readonly controller: AbortController; readonly done: Promise<EngineApi | undefined> } | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly context: vscode.ExtensionContext,
    private readonly settings: SettingsStore,
    private readonly log: Log,
    private readonly notifier: Notifier,
  ) {}

  get state(): EngineState {
    return this.stateValue;
  }

  engine(): EngineApi | undefined {
    return this.stateValue.kind === 'ready' ? this.stateValue.engine : undefined;
  }

  /** Resolves when the current indexing run ends: the engine, or undefined when it failed or was cancelled. */
  whenReady(): Promise<EngineApi | undefined> {
    return this.run?.done ?? Promise.resolve(this.engine());
  }

  /** Starts (or restarts) indexing in the background; the previous engine is disposed. */
  reindex(): Promise<EngineApi | undefined> {
    this.stop();
    const controller = new AbortController();
    const done = this.open(controller.signal);
    this.run = { controller, done };
    return done;
  }

  dispose(): void {
    this.stop();
    this.emitter.dispose();
    this.warmedUp.dispose();
  }

  private stop(): void {
    this.run?.controller.abort();
    this.run = undefined;
    const engine = this.engine();
    if (engine) void engine.dispose();
  }

  private async open(signal: AbortSignal): Promise<EngineApi | undefined> {
    this.setState({ kind: 'indexing' });
    const firstTime = !this.context.globalState.get<boolean>(INDEXED_ONCE_KEY, false);
    const storage = this.context.storageUri ?? this.context.globalStorageUri;
    const options = {
      root: this.folder.uri.fsPath,
      excludeGlobs: excludeGlobs(this.settings.current, this.folder),
      cacheDir: path.join(storage.fsPath, 'index'),
    };
    this.log.info(`Indexing ${options.root}${options.excludeGlobs.length ? ` (excluding ${options.excludeGlobs.join(', ')})` : ''}.`);
    const openEngine = (onProgress: (p: IndexProgress) => void) => EngineThread.open(options, { onProgress, signal, onCrash: error => this.crashed(error) });
    try {
      const engine = firstTime ? await this.withNotification(openEngine, signal) : await openEngine(p => this.progress(p, signal));
      if (signal.aborted) {
        void engine.dispose();
        return undefined;
      }
      await this.context.globalState.update(INDEXED_ONCE_KEY, true);
      const s = engine.summary;
      this.log.info(`Indexed ${s.filesIndexed} files (${s.filesSkipped} skipped, ${s.cacheHits} from cache) in ${s.elapsedMs} ms: ${s.definitions} definitions.`);
      for (const g of s.grammarErrors) this.log.error(`Grammar for ${g.language} failed to load; its files are not indexed`, g.message);
      for (const warning of s.warnings ?? []) this.log.info(`Warning: ${warning}`);
      this.setState({ kind: 'ready', engine, summary: s });
      // Ready now; the token counts the first completions would compute are prepared in the engine thread.
      void engine.warmUp().then(
        () => {
          if (this.engine() === engine) this.warmedUp.fire(engine);
        },
        error => {
          if (this.engine() === engine) this.log.error('Preparing token counts failed', error);
        },
      );
      return engine;
    } catch (error) {
      if (signal.aborted) {
        this.log.info('Indexing cancelled.');
        if (this.run?.controller.signal === signal) this.setState({ kind: 'cancelled' });
        return undefined;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.log.error('Indexing failed', error);
      this.setState({ kind: 'failed', message });
      this.notifier.error(`Codebase Context could not index the workspace: ${message}. Completions use the current file only until you reindex.`, ['Reindex Workspace', 'Show Log'], choice => {
        if (choice === 'Reindex Workspace') void vscode.commands.executeCommand('codebaseContext.reindex');
        if (choice === 'Show Log') this.log.show();
      });
      return undefined;
    }
  }

  /** The engine thread stopped on its own: completions fall back to the current file until a reindex. */
  private crashed(error: Error): void {
    this.log.error('The engine thread stopped', error);
    this.setState({ kind: 'failed', message: error.message });
    this.notifier.error(`Codebase Context: ${error.message}`, ['Reindex Workspace', 'Show Log'], choice => {
      if (choice === 'Reindex Workspace') void vscode.commands.executeCommand('codebaseContext.reindex');
      if (choice === 'Show Log') this.log.show();
    });
  }

  private withNotification(openEngine: (onProgress: (p: IndexProgress) => void) => Promise<EngineApi>, signal: AbortSignal): Promise<EngineApi> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Codebase Context: indexing the workspace', cancellable: true },
        (report, token) => {
          token.onCancellationRequested(() => this.run?.controller.abort());
          let reported = 0;
          return openEngine(p => {
            this.progress(p, signal);
            const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
            report.report({ message: `${p.phase} ${p.done}/${p.total}`, increment: p.phase === 'indexing' ? Math.max(0, percent - reported) : 0 });
            if (p.phase === 'indexing') reported = Math.max(reported, percent);
          });
        },
      ),
    );
  }

  private progress(progress: IndexProgress, signal: AbortSignal): void {
    if (!signal.aborted) this.setState({ kind: 'indexing', progress });
  }

  private setState(state: EngineState): void {
    this.stateValue = state;
    this.emitter.fire(state);
  }
}

/** "Reindex Workspace": drops the engine and indexes again (unchanged files come from the cache). */
export function register(host: EngineHost): vscode.Disposable {
  return vscode.commands.registerCommand('codebaseContext.reindex', () => host.reindex().then(engine => engine?.summary));
}
