import * as vscode from 'vscode';
import { Activity } from './vscode/activity';
import * as buildContext from './vscode/build-context';
import { ContextSelections } from './vscode/context-selections';
import { ContextService } from './vscode/context-service';
import { EditorSignalsTracker } from './vscode/editor-signals';
import { EngineHost, register as registerEngineHost } from './vscode/engine-host';
import { HostedLanguageServers } from './vscode/hosted-servers';
import type { ExtensionApi } from './vscode/extension-api';
import * as indexSync from './vscode/index-sync';
import * as inlineCompletions from './vscode/inline-completions';
import * as inspector from './vscode/inspector';
import { Log } from './vscode/log';
import * as logCommands from './vscode/log-commands';
import { CompletionMonitor } from './vscode/completion-monitor';
import { ModelHost } from './vscode/model-host';
import { MonitorWarmUp } from './vscode/monitor-warm-up';
import { CursorRestPreparation } from './vscode/cursor-rest';
import { Notifier } from './vscode/notifier';
import * as promptActions from './vscode/prompt-actions';
import * as secrets from './vscode/secrets';
import * as selectionCommands from './vscode/selection-commands';
import { SettingsStore } from './vscode/settings';
import { Snooze } from './vscode/snooze';
import * as statusBar from './vscode/status-bar';
import * as statusMenu from './vscode/status-menu';
import * as testConnection from './vscode/test-connection';

/** Activation and wiring only: each feature lives in src/vscode/ and registers itself. */
export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const log = new Log();
  context.subscriptions.push(log);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    log.info('No workspace folder is open: Codebase Context waits until you open one.');
    return undefined;
  }
  const settings = new SettingsStore();
  const notifier = new Notifier(log);
  const keys = new secrets.ApiKeyStore(context.secrets, log);
  const selections = new ContextSelections(context.workspaceState);
  const host = new EngineHost(folder, context, settings, log, notifier);
  const signals = new EditorSignalsTracker(folder, selections, settings);
  const contexts = new ContextService(host, signals, settings, log);
  const activity = new Activity();
  const snooze = new Snooze();
  const model = new ModelHost(keys, settings, log, notifier, activity);
  const monitor = new CompletionMonitor(host, contexts, settings, log);
  const warmUp = new MonitorWarmUp(host, settings, log);
  const cursorRest = new CursorRestPreparation(host, contexts, settings, snooze);
  const provider = new inlineCompletions.CodebaseCompletionProvider(contexts, model, settings, snooze, activity, monitor);
  const tree = new inspector.InspectorProvider(folder, contexts, selections, settings);
  const status = statusBar.register(host, contexts, activity, settings, snooze);
  const hostedServers = new HostedLanguageServers(folder, context.extension.id, log, notifier);

  context.subscriptions.push(
    settings,
    keys,
    host,
    signals,
    contexts,
    model,
    tree,
    warmUp,
    cursorRest,
    snooze,
    status,
    hostedServers,
    logCommands.register(log, settings),
    secrets.register(keys),
    registerEngineHost(host),
    indexSync.register(host, log),
    inspector.register(tree, contexts),
    statusMenu.register(settings, snooze),
    testConnection.register(context, settings, keys, model, log),
    inlineCompletions.register(provider, selections, settings),
    buildContext.register(contexts, activity, host, log),
    promptActions.register(contexts),
    selectionCommands.register(folder, selections),
  );
  void host.reindex();

  return {
    whenIndexed: () => host.whenReady().then(engine => engine?.summary),
    lastContext: () => contexts.last,
    contextHistory: () => contexts.history.all(),
    monitorWarmUp: document => warmUp.warmUpOf(document),
    contextPreparation: document => cursorRest.preparationOf(document),
    inspectorTree: tree,
    complete: (document, position) => provider.provideInlineCompletionItems(document, position, { triggerKind: vscode.InlineCompletionTriggerKind.Invoke, selectedCompletionInfo: undefined }, new vscode.CancellationTokenSource().token),
    logLines: () => log.lines(),
    notifications: () => notifier.shown(),
    statusBarState: () => status.state(),
    snoozed: () => snooze.active,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
