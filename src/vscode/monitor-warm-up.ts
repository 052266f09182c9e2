// The monitor's hidden language server, started when a document it would check becomes active: without it
// the first completions in a file come back raw (starting tsc and loading the program takes longer than the
// monitor may wait), so the server starts and reads the file while the user is still reading it.
import * as vscode from 'vscode';
import { languageForVscodeId } from '../core/languages';
import { monitoredLanguage, type EngineApi } from '../core/service/api';
import { offReason } from './enablement';
import type { EngineHost } from './engine-host';
import type { Log } from './log';
import { workspacePath } from './paths';
import type { SettingsStore } from './settings';

export class MonitorWarmUp implements vscode.Disposable {
  /** Per workspace path, the warm-up sent to `engine`; a new engine (reindex) has servers of its own. */
  private warmed = new Map<string, Promise<void>>();
  private engine: EngineApi | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly host: EngineHost,
    private readonly settings: SettingsStore,
    private readonly log: Log,
  ) {
    const warmActive = () => this.warm(vscode.window.activeTextEditor?.document);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(editor => this.warm(editor?.document)),
      host.onDidChangeState(warmActive),
      settings.onDidChange(warmActive),
      vscode.workspace.onDidGrantWorkspaceTrust(warmActive),
    ];
    warmActive();
  }

  /** The warm-up sent for `document` to the current engine; undefined when none was (off, not monitored, not ready). */
  warmUpOf(document: vscode.TextDocument): Promise<void> | undefined {
    const file = workspacePath(this.host.folder, document.uri);
    return file && this.engine === this.host.engine() ? this.warmed.get(file) : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
  }

  /**
   * Only where a completion would be monitored, and only in a trusted workspace: in restricted mode no
   * process starts because a file was looked at (a completion asked for still starts it, with the
   * workspace's own binaries refused).
   */
  private warm(document: vscode.TextDocument | undefined): void {
    const settings = this.settings.current;
    const engine = this.host.engine();
    if (!document || !engine || settings.monitor === 'off' || !vscode.workspace.isTrusted || offReason(settings, document.languageId) !== undefined) return;
    const language = languageForVscodeId(document.languageId);
    const file = workspacePath(this.host.folder, document.uri);
    if (!language || !monitoredLanguage(language) || !file) return;
    if (engine !== this.engine) {
      this.engine = engine;
      this.warmed = new Map();
    }
    if (this.warmed.has(file)) return;
    const started = Date.now();
    // Never awaited here: the engine thread starts the server while the editor goes on.
    const warming = engine.warmUpMonitor({ path: file, text: document.getText(), trustWorkspace: true });
    this.warmed.set(file, warming);
    warming.then(
      () => this.log.debug(`Monitor: the language server has ${file} open and checked (${Date.now() - started} ms).`),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (this.host.engine() !== engine) return;
        // Forgotten, so that the next look at the file (or a settings change) tries again: the user may have
        // installed the server meanwhile. The engine paces restarts of a server that failed to start (its slot pauses).
        if (this.warmed.get(file) === warming) this.warmed.delete(file);
        // Once: a file without a server would otherwise be news at each switch, and again at its completions.
        this.log.tellOnce('error', message, `Monitor: starting the language server for ${file} failed; completions there stay unchecked until it answers: ${message}`);
      },
    );
  }
}
