import * as vscode from 'vscode';
import type { Activity } from './activity';
import type { ContextService } from './context-service';
import { offReason } from './enablement';
import type { EngineHost, EngineState } from './engine-host';
import type { SettingsStore } from './settings';
import type { Snooze } from './snooze';
import { statusView, type StatusInput, type StatusState } from './status-view';

/** How often the snoozed countdown is redrawn. */
const SNOOZE_TICK_MS = 30_000;

/** The item names the product and shows one state (see status-view.ts); a click opens the quick menu. */
export function register(host: EngineHost, contexts: ContextService, activity: Activity, settings: SettingsStore, snooze: Snooze): vscode.Disposable & { readonly state: () => StatusState } {
  const item = vscode.window.createStatusBarItem('codebaseContext.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Codebase Context';
  item.command = 'codebaseContext.showMenu';
  let state: StatusState = 'indexing';
  const render = () => {
    const view = statusView(inputOf(host.state, contexts, activity, settings, snooze));
    state = view.state;
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.state === 'error' || view.state === 'index-failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  render();
  const ticker = setInterval(() => snooze.active && render(), SNOOZE_TICK_MS);
  const disposable = vscode.Disposable.from(
    item,
    { dispose: () => clearInterval(ticker) },
    host.onDidChangeState(render),
    contexts.onDidChange(render),
    activity.onDidChange(render),
    settings.onDidChange(render),
    snooze.onDidChange(render),
    vscode.window.onDidChangeActiveTextEditor(render),
  );
  return Object.assign(disposable, { state: () => state });
}

function inputOf(engine: EngineState, contexts: ContextService, activity: Activity, settings: SettingsStore, snooze: Snooze): StatusInput {
  const manifest = contexts.last?.manifest;
  return {
    engine: engine.kind === 'ready' ? { kind: 'ready', files: engine.summary.filesIndexed } : engine,
    busy: activity.busy,
    failure: activity.lastFailure,
    off: offReason(settings.current, vscode.window.activeTextEditor?.document.languageId),
    snoozedMinutes: snooze.active ? snooze.minutesLeft() : undefined,
    lastPrompt: manifest && { used: manifest.usedTokens, budget: manifest.budget },
  };
}
