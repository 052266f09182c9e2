import * as vscode from 'vscode';
import { languageForVscodeId, LANGUAGES } from '../core/languages';
import type { Activity } from './activity';
import { catchUpNotice } from './catch-up-notice';
import type { BuiltContext, ContextService } from './context-service';
import type { EngineHost } from './engine-host';
import { INSPECTOR_VIEW_ID } from './inspector';
import type { Log } from './log';
import { formatTokens } from './manifest-tree';
import { PROMPT_ACTIONS } from './prompt-actions';

/** The budgets offered by "Build Context"; "Custom…" asks for any other. */
const BUDGET_CHOICES: readonly number[] = [8192, 32768, 131072];
/** From this budget on, building takes long enough to deserve a notification with a Cancel button. */
const LARGE_BUDGET = 32768;
/** A build still running this long while the ranking catches up says so; a quicker one would only flash the notice. */
const CATCH_UP_NOTICE_DELAY_MS = 500;

/**
 * "Build Context": the context for the cursor in the active editor at a budget the user picks, shown in the
 * inspector with the prompt actions. A numeric argument skips the pick (keybindings, scripts, tests); the
 * command returns what it built.
 */
export function register(contexts: ContextService, activity: Activity, host: EngineHost, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('codebaseContext.buildContext', async (budget?: unknown): Promise<BuiltContext | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage('Codebase Context: open a file and place the cursor where you want the context built.');
      return undefined;
    }
    const languageId = editor.document.languageId;
    if (!languageForVscodeId(languageId)) {
      const supported = LANGUAGES.flatMap(l => l.vscodeIds).join(', ');
      void vscode.window.showWarningMessage(`Codebase Context does not support '${languageId}' files. Open a file in one of: ${supported}.`);
      return undefined;
    }
    const budgetTokens = typeof budget === 'number' && budget > 0 ? Math.floor(budget) : await pickBudget();
    if (budgetTokens === undefined) return undefined;
    try {
      const large = budgetTokens >= LARGE_BUDGET;
      const location = large ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      const title = `Codebase Context: building a ${formatTokens(budgetTokens)}-token context`;
      // One cancellation for the build, whichever notification the user cancels it from.
      const cancel = new vscode.CancellationTokenSource();
      // Asked before the build is sent, so the engine thread answers it before the build's catching up, which holds the thread.
      const engine = host.engine();
      const notice = engine ? catchUpNotice(engine).catch(() => undefined) : Promise.resolve(undefined);
      let cancelled = false;
      cancel.token.onCancellationRequested(() => (cancelled = true));
      let built: BuiltContext;
      try {
        built = await vscode.window.withProgress({ location, title, cancellable: large }, (progress, token) => {
          token.onCancellationRequested(() => cancel.cancel());
          const building = activity.track(contexts.build(editor.document, editor.selection.active, { origin: 'command', budgetTokens, token: cancel.token }));
          tellCatchUp(notice, building, cancel, log, large ? progress : undefined);
          return building;
        });
      } finally {
        cancel.dispose();
      }
      if (cancelled) {
        void vscode.window.showInformationMessage('Codebase Context: Build Context was cancelled.');
        return undefined;
      }
      await vscode.commands.executeCommand(`${INSPECTOR_VIEW_ID}.focus`);
      const m = built.manifest;
      const summary = m
        ? `Context built: ${formatTokens(m.usedTokens)} of ${formatTokens(m.budget)} tokens, ${m.items.filter(i => i.included).length} items included.`
        : 'The workspace is still being indexed: this prompt holds the current file only.';
      void vscode.window.showInformationMessage(`Codebase Context: ${summary}`, ...PROMPT_ACTIONS.map(a => a.title)).then(choice => {
        const action = PROMPT_ACTIONS.find(a => a.title === choice);
        if (action) void vscode.commands.executeCommand(action.command);
      });
      return built;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  });
}

/**
 * Once the build has run CATCH_UP_NOTICE_DELAY_MS with the ranking behind, says so where the user can cancel
 * it: in the build's own notification (`progress`, large budgets), else in a notification of its own, since
 * the status bar's spinner has no Cancel. Also in the log, where the user who looked away finds it.
 */
function tellCatchUp(notice: Promise<string | undefined>, building: Promise<unknown>, cancel: vscode.CancellationTokenSource, log: Log, progress?: vscode.Progress<{ message?: string }>): void {
  let done = false;
  const finished = building.then(
    () => (done = true),
    () => (done = true),
  );
  const delay = new Promise(resolve => setTimeout(resolve, CATCH_UP_NOTICE_DELAY_MS));
  void Promise.all([notice, delay]).then(([message]) => {
    if (!message || done) return;
    log.info(`Build Context: ${message}`);
    if (progress) return progress.report({ message });
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Codebase Context', cancellable: true }, (own, token) => {
      own.report({ message });
      token.onCancellationRequested(() => cancel.cancel());
      return finished;
    });
  });
}

async function pickBudget(): Promise<number | undefined> {
  const custom = 'Custom…';
  const picked = await vscode.window.showQuickPick([...BUDGET_CHOICES.map(b => `${formatTokens(b)} tokens`), custom], { title: 'Codebase Context: context budget' });
  if (!picked) return undefined;
  if (picked !== custom) return BUDGET_CHOICES[[...BUDGET_CHOICES.map(b => `${formatTokens(b)} tokens`)].indexOf(picked)];
  const typed = await vscode.window.showInputBox({
    title: 'Codebase Context: context budget in tokens',
    validateInput: v => (/^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : 'Enter a positive whole number of tokens, e.g. 16000.'),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}
