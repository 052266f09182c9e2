import * as vscode from 'vscode';
import { CompletionCache, completionCacheKey, postprocessCompletion, wantsMultiline } from '../core/complete';
import { LANGUAGES } from '../core/languages';
import type { Activity } from './activity';
import type { CompletionMonitor } from './completion-monitor';
import type { ContextService } from './context-service';
import type { ContextSelections } from './context-selections';
import { offReason } from './enablement';
import type { ModelHost } from './model-host';
import { SECTION, type SettingsStore } from './settings';
import type { Snooze } from './snooze';

/**
 * Whole-codebase inline completions: wait for the user to pause (debounce), build the context within its
 * time budget, ask the model, post-process. Every keystroke cancels the pending request: VS Code cancels the
 * token, which stops the context build in the engine thread and aborts the HTTP request. Re-typing a prefix seen before answers from the cache at once.
 */
export class CodebaseCompletionProvider implements vscode.InlineCompletionItemProvider {
  private cache = new CompletionCache();

  constructor(
    private readonly contexts: ContextService,
    private readonly model: ModelHost,
    private readonly settings: SettingsStore,
    private readonly snooze: Snooze,
    private readonly activity: Activity,
    private readonly monitor: CompletionMonitor,
  ) {}

  /** Pins, exclusions and settings (model, endpoint, budget) change the answer: the earlier ones no longer hold. */
  forgetCachedAnswers(): void {
    this.cache = new CompletionCache();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const settings = this.settings.current;
    if (offReason(settings, document.languageId) !== undefined || this.snooze.active) return undefined;
    const text = document.getText();
    const offset = document.offsetAt(position);
    const cacheKey = completionCacheKey(document.uri.toString(), text.slice(0, offset), text.slice(offset));
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return item(cached, position);
    if (!(await pause(settings.debounceMs, token))) return undefined;
    return this.activity.track(this.answer(document, position, cacheKey, token));
  }

  private async answer(document: vscode.TextDocument, position: vscode.Position, cacheKey: string, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[] | undefined> {
    const settings = this.settings.current;
    // The token cancels the context build too: the next keystroke stops the engine's work for this one.
    const built = await this.contexts.build(document, position, { origin: 'completion', budgetTokens: settings.budgetTokens, timeBudgetMs: settings.contextTimeBudgetMs, token });
    if (token.isCancellationRequested) return undefined;
    const request = new AbortController();
    const cancel = token.onCancellationRequested(() => request.abort());
    try {
      const raw = await this.model.complete(built.prompt, request.signal, this.monitor.writerFor(document, position, built));
      if (raw === undefined || token.isCancellationRequested) return undefined;
      const completion = postprocessCompletion(raw, { prefix: built.prefix, suffix: built.suffix, multiline: wantsMultiline(built.prefix, built.suffix) });
      if (!completion) return undefined;
      this.cache.set(cacheKey, completion);
      return item(completion, position);
    } finally {
      cancel.dispose();
    }
  }
}

/** The provider, for every language the index knows; the enablement settings and snooze narrow it at request time. */
export function register(provider: CodebaseCompletionProvider, selections: ContextSelections, settings: SettingsStore): vscode.Disposable {
  const selector = LANGUAGES.flatMap(l => l.vscodeIds).map(language => ({ language }));
  return vscode.Disposable.from(
    vscode.languages.registerInlineCompletionItemProvider(selector, provider),
    selections.onDidChange(() => provider.forgetCachedAnswers()),
    settings.onDidChange(() => provider.forgetCachedAnswers()),
    vscode.commands.registerCommand('codebaseContext.toggleInlineCompletions', async () => {
      const enabled = !settings.current.inlineCompletionsEnabled;
      await vscode.workspace.getConfiguration(SECTION).update('inlineCompletions.enabled', enabled, vscode.ConfigurationTarget.Global);
    }),
  );
}

function item(text: string, position: vscode.Position): vscode.InlineCompletionItem[] {
  return [new vscode.InlineCompletionItem(text, new vscode.Range(position, position))];
}

/** Waits for the user to stop typing; false when a keystroke cancelled the request meanwhile. */
function pause(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise(resolve => {
    const subscription = token.onCancellationRequested(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(false);
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
  });
}
