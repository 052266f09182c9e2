import * as vscode from 'vscode';
import { isLanguageEnabled, withLanguage } from './enablement';
import { INSPECTOR_VIEW_ID } from './inspector';
import { SECTION, type SettingsStore } from './settings';
import type { Snooze } from './snooze';

const SNOOZE_MINUTES: readonly number[] = [5, 15, 60];

interface MenuEntry extends vscode.QuickPickItem {
  readonly run?: () => unknown;
}

/**
 * The status bar's quick menu: switch completions globally, for this workspace, for this language; snooze;
 * and the way to the inspector, the log and the settings. Also the commands for the per-language toggle and
 * snooze, so they can be bound to keys.
 */
export function register(settings: SettingsStore, snooze: Snooze): vscode.Disposable {
  const config = () => vscode.workspace.getConfiguration(SECTION);
  const setEnabled = (enabled: boolean, target: vscode.ConfigurationTarget) => config().update('inlineCompletions.enabled', enabled, target);
  const toggleLanguage = async (languageId = vscode.window.activeTextEditor?.document.languageId) => {
    if (!languageId) return void vscode.window.showWarningMessage('Codebase Context: open a file to switch completions for its language.');
    const enable = settings.current.enable;
    await config().update('enable', withLanguage(enable, languageId, !isLanguageEnabled(enable, languageId)), vscode.ConfigurationTarget.Global);
  };
  const snoozeFor = (minutes: unknown) => {
    if (typeof minutes === 'number' && minutes > 0) snooze.start(minutes);
    else snooze.stop();
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('codebaseContext.toggleLanguage', toggleLanguage),
    vscode.commands.registerCommand('codebaseContext.snooze', snoozeFor),
    vscode.commands.registerCommand('codebaseContext.showMenu', async () => {
      const picked = await vscode.window.showQuickPick(menuEntries(settings, snooze, setEnabled, toggleLanguage), { title: 'Codebase Context' });
      await picked?.run?.();
    }),
  );
}

function menuEntries(
  settings: SettingsStore,
  snooze: Snooze,
  setEnabled: (enabled: boolean, target: vscode.ConfigurationTarget) => Thenable<void>,
  toggleLanguage: () => Promise<void>,
): MenuEntry[] {
  const s = settings.current;
  const workspaceValue = vscode.workspace.getConfiguration(SECTION).inspect<boolean>('inlineCompletions.enabled')?.workspaceValue;
  const languageId = vscode.window.activeTextEditor?.document.languageId;
  const entries: MenuEntry[] = [
    { label: 'Completions', kind: vscode.QuickPickItemKind.Separator },
    s.inlineCompletionsEnabled
      ? { label: '$(circle-slash) Disable globally', run: () => setEnabled(false, vscode.ConfigurationTarget.Global) }
      : { label: '$(check) Enable globally', run: () => setEnabled(true, vscode.ConfigurationTarget.Global) },
    workspaceValue === false
      ? { label: '$(check) Enable for this workspace', run: () => setEnabled(true, vscode.ConfigurationTarget.Workspace) }
      : { label: '$(circle-slash) Disable for this workspace', run: () => setEnabled(false, vscode.ConfigurationTarget.Workspace) },
  ];
  if (languageId) {
    const on = isLanguageEnabled(s.enable, languageId);
    entries.push({ label: `${on ? '$(circle-slash) Disable' : '$(check) Enable'} for ${languageId}`, run: toggleLanguage });
  }
  if (snooze.active) entries.push({ label: '$(bell) Resume now', description: `snoozed for ${snooze.minutesLeft()} more minutes`, run: () => snooze.stop() });
  else entries.push(...SNOOZE_MINUTES.map(minutes => ({ label: `$(clock) Snooze for ${minutes} minutes`, run: () => snooze.start(minutes) })));
  entries.push(
    { label: 'Tools', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(layers) Open Context Inspector', run: () => vscode.commands.executeCommand(`${INSPECTOR_VIEW_ID}.focus`) },
    { label: '$(plug) Test Connection', run: () => vscode.commands.executeCommand('codebaseContext.testConnection') },
    { label: '$(output) Show Log', run: () => vscode.commands.executeCommand('codebaseContext.showLog') },
    { label: '$(gear) Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:codebase-context.codebase-context`) },
  );
  return entries;
}
