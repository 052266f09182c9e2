// Prepares the context where the cursor comes to rest, before the first keystroke there. A move to another
// function or file makes the next completion pack its context afresh (MAX_CURSOR_MOVE_FOR_REUSE_LINES), and
// after a move the user reads before typing: the engine builds that context meanwhile
// (ContextEngine.prepareContext), and the first keystroke's build continues it instead of starting over.
import * as vscode from 'vscode';
import type { ContextService } from './context-service';
import { offReason } from './enablement';
import type { EngineHost } from './engine-host';
import type { SettingsStore } from './settings';
import type { Snooze } from './snooze';

/**
 * How long the cursor must stay still: longer than a completion's debounce (`debounceMs`, 200 by default), so
 * that a pause in typing, which asks for a completion there anyway, finds that completion's context and
 * prepares nothing.
 */
const CURSOR_REST_MS = 300;

export class CursorRestPreparation implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  /** Per document URI, the last preparation started there: what the extension's tests wait on. */
  private readonly prepared = new Map<string, Promise<boolean>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    host: EngineHost,
    private readonly contexts: ContextService,
    private readonly settings: SettingsStore,
    private readonly snooze: Snooze,
  ) {
    const restActive = () => this.restart(vscode.window.activeTextEditor);
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection(e => {
        if (e.textEditor === vscode.window.activeTextEditor) this.restart(e.textEditor);
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => this.restart(editor)),
      // Not at 'ready': until the warm-up has built the ranking state, the engine prepares nothing.
      host.onDidWarmUp(restActive),
      vscode.workspace.onDidCloseTextDocument(document => this.prepared.delete(document.uri.toString())),
    ];
    restActive();
  }

  /** The last preparation started in `document` (whether the engine built); undefined when none was. */
  preparationOf(document: vscode.TextDocument): Promise<boolean> | undefined {
    return this.prepared.get(document.uri.toString());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach(s => s.dispose());
  }

  private restart(editor: vscode.TextEditor | undefined): void {
    clearTimeout(this.timer);
    this.timer = editor && setTimeout(() => this.prepare(editor), CURSOR_REST_MS);
  }

  /** Only where a completion would be asked for: completions on for the language, not snoozed, one cursor. */
  private prepare(editor: vscode.TextEditor): void {
    this.timer = undefined;
    const settings = this.settings.current;
    const document = editor.document;
    if (editor !== vscode.window.activeTextEditor || editor.selections.length !== 1 || this.snooze.active || offReason(settings, document.languageId) !== undefined) return;
    this.prepared.set(document.uri.toString(), this.contexts.prepare(document, editor.selection.active, settings.budgetTokens));
  }
}
