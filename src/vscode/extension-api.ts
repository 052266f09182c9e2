import type * as vscode from 'vscode';
import type { IndexSummary } from '../core/types';
import type { HistoryEntry } from './context-history';
import type { BuiltContext } from './context-service';
import type { InspectorNode } from './manifest-tree';
import type { StatusState } from './status-view';

/**
 * What `activate` returns (vscode.extensions.getExtension(...).exports): a read-only window into the running
 * extension for scripts and the integration tests, which cannot read output channels or notifications.
 */
export interface ExtensionApi {
  /** Resolves when the current indexing run ends; undefined when it failed or was cancelled. */
  whenIndexed(): Promise<IndexSummary | undefined>;
  lastContext(): BuiltContext | undefined;
  /** The recent contexts, newest first (the inspector's History). */
  contextHistory(): readonly HistoryEntry<BuiltContext>[];
  /** The warm-up of the monitor's server sent when `document` became active; undefined when none was sent. */
  monitorWarmUp(document: vscode.TextDocument): Promise<void> | undefined;
  /** The last context prepared where the cursor came to rest in `document` (whether the engine built one); undefined when none was asked for. */
  contextPreparation(document: vscode.TextDocument): Promise<boolean> | undefined;
  readonly inspectorTree: vscode.TreeDataProvider<InspectorNode>;
  /** The inline completion provider, called directly (no debounce skipped, no UI). */
  complete(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.InlineCompletionItem[] | undefined>;
  /** The recent lines of the "Codebase Context" output channel. */
  logLines(): readonly string[];
  /** Every notification shown so far. */
  notifications(): readonly string[];
  /** The status bar item's state (its text and tooltip are not readable through the API). */
  statusBarState(): StatusState;
  snoozed(): boolean;
}
