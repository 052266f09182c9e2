import * as vscode from 'vscode';
import type { Log } from './log';
import type { SettingsStore } from './settings';

/** "Show Log", and the log level kept in step with its setting. */
export function register(log: Log, settings: SettingsStore): vscode.Disposable {
  log.setLevel(settings.current.logLevel);
  return vscode.Disposable.from(
    settings.onDidChange(s => log.setLevel(s.logLevel)),
    vscode.commands.registerCommand('codebaseContext.showLog', () => log.show()),
  );
}
