import * as vscode from 'vscode';
import type { ModelBackend } from '../core/model';
import type { LanguageEnablement } from './enablement';
import type { LogLevel } from './log';

/** The configuration section every setting of this extension lives under. */
export const SECTION = 'codebaseContext';

/** `auto` picks the format from the model name; the rest name a family's fill-in-the-middle template. */
export type PromptFormatSetting = 'auto' | 'qwen' | 'starcoder' | 'deepseek' | 'codestral' | 'codellama' | 'suffix-field' | 'chat';

/** `auto` detects the endpoint's software; `off` leaves completions raw; a backend forces how the monitor steers. */
export type MonitorSetting = 'auto' | 'off' | ModelBackend;

/** The extension's settings as one typed snapshot (see `contributes.configuration` in package.json). */
export interface Settings {
  readonly endpoint: string;
  readonly model: string;
  readonly promptFormat: PromptFormatSetting;
  readonly budgetTokens: number;
  /** package.json shows the engine's defaults (a unit test keeps them equal); undefined only if a user writes null. */
  readonly prefixShare: number | undefined;
  readonly suffixShare: number | undefined;
  readonly maxOutputTokens: number;
  readonly temperature: number;
  readonly debounceMs: number;
  readonly requestTimeoutMs: number;
  /** How long a completion may wait for the ranked context before it goes ahead with the current file only. */
  readonly contextTimeBudgetMs: number;
  /** How long a request may ask the editor's language servers for facts (part of contextTimeBudgetMs); 0: never. */
  readonly factsBudgetMs: number;
  /** Per VS Code language id, whether inline completions are on; `"*"` for the rest. */
  readonly enable: LanguageEnablement;
  readonly logLevel: LogLevel;
  /** Monitor-guided completions for TypeScript, JavaScript and Python (src/core/monitor/). */
  readonly monitor: MonitorSetting;
  /** How long each member check may wait for the hidden language server. */
  readonly monitorBudgetMs: number;
  readonly excludeGlobs: readonly string[];
  readonly pinnedFiles: readonly string[];
  readonly inlineCompletionsEnabled: boolean;
  /** Where completions were switched off, in words for the status bar; undefined when they are on. */
  readonly inlineCompletionsOff: 'globally' | 'in this workspace' | undefined;
}

function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const enabled = c.get('inlineCompletions.enabled', true);
  return {
    endpoint: c.get('endpoint', 'http://localhost:11434/v1').trim(),
    model: c.get('model', 'qwen2.5-coder:1.5b-base').trim(),
    promptFormat: c.get<PromptFormatSetting>('promptFormat', 'auto'),
    budgetTokens: c.get('contextBudgetTokens', 4096),
    prefixShare: c.get<number | null>('prefixShare') ?? undefined,
    suffixShare: c.get<number | null>('suffixShare') ?? undefined,
    maxOutputTokens: c.get('maxOutputTokens', 128),
    temperature: c.get('temperature', 0.2),
    debounceMs: c.get('debounceMs', 200),
    requestTimeoutMs: c.get('requestTimeoutMs', 10000),
    contextTimeBudgetMs: c.get('contextTimeBudgetMs', 500),
    factsBudgetMs: c.get('languageFactsBudgetMs', 100),
    enable: c.get<LanguageEnablement>('enable', { '*': true }),
    logLevel: c.get<LogLevel>('logLevel', 'info'),
    monitor: c.get<MonitorSetting>('monitor', 'auto'),
    monitorBudgetMs: c.get('monitorBudgetMs', 50),
    excludeGlobs: c.get<string[]>('excludeGlobs', []),
    pinnedFiles: c.get<string[]>('pinnedFiles', []),
    inlineCompletionsEnabled: enabled,
    inlineCompletionsOff: enabled ? undefined : c.inspect<boolean>('inlineCompletions.enabled')?.workspaceValue === false ? 'in this workspace' : 'globally',
  };
}

/** Globs the index skips: the user's `files.exclude` (entries set to true) and our own exclude setting. */
export function excludeGlobs(settings: Settings, scope: vscode.WorkspaceFolder): string[] {
  const filesExclude = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude', {});
  return [...Object.entries(filesExclude).filter(([, on]) => on === true).map(([glob]) => glob), ...settings.excludeGlobs];
}

/**
 * The settings read once and kept as a snapshot, refreshed when the configuration changes: a keystroke reads
 * `current` instead of asking VS Code for every value several times per completion.
 */
export class SettingsStore implements vscode.Disposable {
  private snapshot = readSettings();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration(e => {
    if (!e.affectsConfiguration(SECTION)) return;
    this.snapshot = readSettings();
    this.emitter.fire(this.snapshot);
  });

  get current(): Settings {
    return this.snapshot;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
