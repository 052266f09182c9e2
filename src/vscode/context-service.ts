import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import * as vscode from 'vscode';
import { languageForVscodeId } from '../core/languages';
import { formatForModel, renderPrompt, type CompletionPrompt, type PromptFormat } from '../core/prompt';
import { MAX_CURSOR_MOVE_FOR_REUSE_LINES, type EngineApi, type EngineRequest, type MonitoredCompletion } from '../core/service/api';
import type { ContextResult, Manifest } from '../core/types';
import { ContextHistory } from './context-history';
import { EditorLanguageFacts, gatherEditorFacts } from './editor-facts';
import type { EditorSignalsTracker } from './editor-signals';
import type { EngineHost } from './engine-host';
import type { Log } from './log';
import type { ContextOrigin } from './manifest-tree';
import { workspacePath } from './paths';
import type { Settings, SettingsStore } from './settings';

/** A prompt ready for the model, with the manifest of what went in (absent when only the current file was used). */
export interface BuiltContext {
  readonly origin: ContextOrigin;
  readonly uri: vscode.Uri;
  readonly prefix: string;
  readonly suffix: string;
  readonly prompt: CompletionPrompt;
  readonly manifest: Manifest | undefined;
  /** What the monitor changed in the completion written with this context, and why (after the completion). */
  readonly monitored?: MonitoredCompletion;
}

export interface BuildOptions {
  readonly origin: ContextOrigin;
  readonly budgetTokens: number;
  /**
   * The engine's deadline: past it, the engine answers with what it has ranked so far, or the current file only
   * (completions must not wait); with it, a ranking state still being built is not waited for either (the answer
   * then holds the declarations the file imports). A failure then falls back to the current file instead of throwing.
   */
  readonly timeBudgetMs?: number;
  /** Cancels the build in the engine (a keystroke cancels the completion that asked for it). */
  readonly token?: vscode.CancellationToken;
}

/** Documents whose last engine context line is remembered: the editor types in a few at a time. */
const REMEMBERED_DOCUMENTS = 32;

/** Rough size of a token in characters, only for the current-file-only fallback when the engine cannot answer. */
const CHARS_PER_TOKEN = 4;
/** Without cross-file context the whole budget goes to the current file, split this way. */
const FALLBACK_SHARES = { prefix: 0.7, suffix: 0.3 } as const;

/**
 * Builds the context and prompt for a cursor, for completions and for "Build Context" alike, and remembers
 * the recent ones built by the engine: the inspector, the status bar and the prompt actions read them.
 */
export class ContextService implements vscode.Disposable {
  readonly history = new ContextHistory<BuiltContext>();
  private readonly emitter = new vscode.EventEmitter<BuiltContext>();
  /** A context was built, shown, or learned what the monitor did with its completion. */
  readonly onDidChange = this.emitter.event;
  /** The user's own language servers, asked on this side: the engine thread cannot call VS Code. */
  private readonly facts: EditorLanguageFacts;
  /**
   * Per document, the line of the last completion context an engine built and kept there (asked for or
   * prepared), and which engine: one opened since (a reindex) keeps nothing of the last one's.
   */
  private readonly lastLines = new LRUCache<string, { readonly engine: EngineApi; readonly line: number }>({ max: REMEMBERED_DOCUMENTS });
  /** The preparation under way; any build cancels it, since the engine builds one context at a time. */
  private preparing: AbortController | undefined;
  /** Builds under way: a preparation waits for none of them (the cursor rests where one is being built). */
  private building = 0;

  constructor(private readonly host: EngineHost, private readonly signals: EditorSignalsTracker, private readonly settings: SettingsStore, private readonly log: Log) {
    this.facts = new EditorLanguageFacts(host.folder);
  }

  get last(): BuiltContext | undefined {
    return this.history.latest()?.value;
  }

  /** The context the inspector shows and the prompt actions act on (see ContextHistory). */
  get shown(): BuiltContext | undefined {
    return this.history.shown()?.value;
  }

  /** Shows an entry of the history (undefined: follow the newest again). */
  show(id: number | undefined): void {
    this.history.show(id);
    const shown = this.shown;
    if (shown) this.emitter.fire(shown);
  }

  /** The monitor's result for the completion written with `built`, kept with its history entry. */
  recordMonitor(built: BuiltContext, monitored: MonitoredCompletion): void {
    const updated: BuiltContext = { ...built, monitored };
    if (this.history.replace(built, updated)) this.emitter.fire(updated);
  }

  async build(document: vscode.TextDocument, position: vscode.Position, options: BuildOptions): Promise<BuiltContext> {
    this.preparing?.abort();
    const language = languageForVscodeId(document.languageId);
    if (!language) throw new Error(`Codebase Context does not support '${document.languageId}' files; open a file in a supported language (TypeScript, Python, Go, …).`);
    const settings = this.settings.current;
    const file = workspacePath(this.host.folder, document.uri);
    const format = promptFormat(settings);
    const result = file ? await this.fromEngine(file, document, position, settings, options) : undefined;
    const { prefix, suffix } = result ?? currentFileOnly(document, position, options.budgetTokens);
    const prompt = renderPrompt({ context: result?.context ?? '', prefix, suffix, file: file ?? path.basename(document.uri.fsPath), language, format });
    const built: BuiltContext = { origin: options.origin, uri: document.uri, prefix, suffix, prompt, manifest: result?.manifest };
    if (result) {
      this.history.add(options.origin, built);
      this.emitter.fire(built);
    }
    return built;
  }

  /**
   * The cursor rests at `position`: the engine builds the context the first keystroke there would ask for
   * (ContextEngine.prepareContext), with the same budget, settings and language facts, so that keystroke's
   * build continues it. Nothing is shown or kept here. Skipped where the last context built in the document
   * is near enough to be continued already. Resolves to whether the engine built; never throws (nobody waits).
   */
  async prepare(document: vscode.TextDocument, position: vscode.Position, budgetTokens: number): Promise<boolean> {
    const file = workspacePath(this.host.folder, document.uri);
    const engine = this.host.engine();
    const last = this.lastLines.get(document.uri.toString());
    if (!file || !engine || this.building > 0 || !languageForVscodeId(document.languageId)) return false;
    if (last?.engine === engine && Math.abs(last.line - position.line) <= MAX_CURSOR_MOVE_FOR_REUSE_LINES) return false;
    this.preparing?.abort();
    const preparing = (this.preparing = new AbortController());
    try {
      const request = await this.requestFor(file, document, position, this.settings.current, budgetTokens, preparing.signal);
      if (preparing.signal.aborted) return false;
      const started = Date.now();
      const built = await engine.prepareContext(request, { signal: preparing.signal });
      if (built) {
        this.lastLines.set(document.uri.toString(), { engine, line: position.line });
        this.log.debug(`Context prepared where the cursor rests, ${file}:${position.line + 1}, in ${Date.now() - started} ms.`);
      }
      return built;
    } catch (error) {
      if (!preparing.signal.aborted) this.log.debug(`Preparing the context at ${file}:${position.line + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      if (this.preparing === preparing) this.preparing = undefined;
    }
  }

  dispose(): void {
    this.preparing?.abort();
    this.emitter.dispose();
  }

  private async fromEngine(file: string, document: vscode.TextDocument, position: vscode.Position, settings: Settings, options: BuildOptions): Promise<ContextResult | undefined> {
    const engine = this.host.engine();
    if (!engine) return undefined;
    const started = Date.now();
    // The deadline counts from here: the facts' time is part of the build's.
    const startedAt = performance.timeOrigin + performance.now();
    const cancellation = abortSignalOf(options.token);
    this.building++;
    try {
      const request = await this.requestFor(file, document, position, settings, options.budgetTokens, cancellation.signal);
      const result = await engine.buildContext(request, { signal: cancellation.signal, deadlineMs: options.timeBudgetMs, startedAt });
      const m = result.manifest;
      // What prepare skips for: a context the engine keeps for the next keystroke (a partial one it does not keep).
      if (options.origin === 'completion' && !m.partial) this.lastLines.set(document.uri.toString(), { engine, line: position.line });
      if (m.facts?.missing.length) this.log.debug(`Language facts for ${file}:${position.line + 1} missing: ${m.facts.missing.map(item => `${item.what} (${item.why})`).join('; ')}.`);
      this.log.debug(`Context for ${file}:${position.line + 1} (${options.origin}): ${m.usedTokens}/${m.budget} tokens, ${m.items.filter(i => i.included).length} items, ${Date.now() - started} ms.`);
      if (m.partial) this.log.debug(`Context for ${file}:${position.line + 1} is partial: ${m.partial}.`);
      return result;
    } catch (error) {
      if (cancellation.signal.aborted) return undefined; // a keystroke replaced this request; nobody waits for it
      if (options.timeBudgetMs === undefined) throw error;
      this.log.error(`Building the context for ${file} failed; using the current file only`, error);
      return undefined;
    } finally {
      this.building--;
      cancellation.dispose();
    }
  }

  /**
   * The engine's request for a cursor, with the editor's language facts gathered first (within their budget).
   * Its format makes the engine fit the whole rendered prompt, template included, into the budget (rendered the
   * same way by `build`).
   */
  private async requestFor(file: string, document: vscode.TextDocument, position: vscode.Position, settings: Settings, budgetTokens: number, signal: AbortSignal): Promise<EngineRequest> {
    const facts = settings.factsBudgetMs > 0 ? await gatherEditorFacts(this.facts, file, document, position, settings.factsBudgetMs, signal) : undefined;
    return {
      file,
      position: { line: position.line, character: position.character },
      text: document.getText(),
      budgetTokens,
      format: promptFormat(settings),
      signals: this.signals.signals(),
      prefixShare: settings.prefixShare,
      suffixShare: settings.suffixShare,
      ...(facts ? { facts } : {}),
    };
  }
}

/** The prompt format the settings ask for: `auto` follows the model's name. */
function promptFormat(settings: Settings): PromptFormat {
  return settings.promptFormat === 'auto' ? formatForModel(settings.model) : settings.promptFormat;
}

/** The token as an AbortSignal, which is what the engine understands. */
function abortSignalOf(token: vscode.CancellationToken | undefined): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token?.isCancellationRequested) controller.abort();
  const subscription = token?.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription?.dispose() };
}

function currentFileOnly(document: vscode.TextDocument, position: vscode.Position, budgetTokens: number): { prefix: string; suffix: string } {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const prefixChars = Math.floor(budgetTokens * CHARS_PER_TOKEN * FALLBACK_SHARES.prefix);
  const suffixChars = Math.floor(budgetTokens * CHARS_PER_TOKEN * FALLBACK_SHARES.suffix);
  return { prefix: text.slice(Math.max(0, offset - prefixChars), offset), suffix: text.slice(offset, offset + suffixChars) };
}
