import * as vscode from 'vscode';
import { languageForVscodeId, LANGUAGES } from '../core/languages';
import type { Activity } from './activity';
import type { BuiltContext, ContextService } from './context-service';
import { INSPECTOR_VIEW_ID } from './inspector';
import { formatTokens } from './manifest-tree';
import { PROMPT_ACTIONS } from './prompt-actions';

/** The budgets offered by "Build Context"; "Custom…" asks for any other. */
const BUDGET_CHOICES: readonly number[] = [8192, 32768, 131072];
/** From this budget on, building takes long enough to deserve a notification with a Cancel button. */
const LARGE_BUDGET = 32768;

/**
 * "Build Context": the context for the cursor in the active editor at a budget the user picks, shown in the
 * inspector with the prompt actions. A numeric argument skips the pick (keybindings, scripts, tests); the
 * command returns what it built.
 */
export function register(contexts: ContextService, activity: Activity): vscode.Disposable {
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
      let cancelled = false;
      const built = await vscode.window.withProgress({ location, title, cancellable: large }, (_progress, token) => {
        token.onCancellationRequested(() => (cancelled = true));
        return activity.track(contexts.build(editor.document, editor.selection.active, { origin: 'command', budgetTokens, token }));
      });
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
