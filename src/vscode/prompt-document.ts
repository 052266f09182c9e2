import * as vscode from 'vscode';
import { promptAsText } from '../core/prompt';
import type { BuiltContext } from './context-service';
import { formatTokens } from './manifest-tree';

/** Prompts open as read-only virtual documents: closing one never asks to save. */
export const PROMPT_SCHEME = 'codebase-context-prompt';

/**
 * Serves each opened prompt under a name that says what it is (`checkout.ts @ 8K prompt.txt`). The text is
 * kept per URI, so an open tab keeps its prompt while newer ones are built.
 */
export class PromptDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This prompt is no longer available: build the context again.';
  }

  /** A new URI for this prompt; each opening gets its own, so two budgets for one file are two tabs. */
  uriFor(built: BuiltContext): vscode.Uri {
    const file = built.uri.path.slice(built.uri.path.lastIndexOf('/') + 1);
    const budget = built.manifest ? ` @ ${formatTokens(built.manifest.budget)}` : '';
    const uri = vscode.Uri.from({ scheme: PROMPT_SCHEME, path: `/${file}${budget} prompt.txt`, query: String(++this.counter) });
    this.texts.set(uri.toString(), promptAsText(built.prompt));
    return uri;
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }
}
