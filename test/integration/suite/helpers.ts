// What every suite in the extension host needs: the extension's id, settings, workspace paths, and polling.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';

export const EXTENSION_ID = 'codebase-context.codebase-context';
/** How long any asynchronous effect may take on a slow CI machine. */
export const WAIT_MS = 30_000;

/** Polls `probe` until it gives a value; on timeout the error carries `explain()`, what the test saw. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, explain: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}. ${explain()}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('codebaseContext');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

export function uriOf(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, ...relative.split('/'));
}

/** Like waitFor, for what takes a language server's start: its own bound, polled every 250 ms. */
export async function poll<T>(what: string, ms: number, probe: () => Promise<T | undefined>, explain: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}. ${explain()}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Opens `file`, types `typed` just after `marker` and puts the cursor after it: a hole for the language facts. */
export async function typeAfter(file: string, marker: string, typed: string): Promise<{ document: vscode.TextDocument; at: number }> {
  const document = await vscode.workspace.openTextDocument(uriOf(file));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const at = document.getText().indexOf(marker) + marker.length;
  await editor.edit(b => b.insert(document.positionAt(at), typed));
  const cursor = document.positionAt(at + typed.length);
  editor.selection = new vscode.Selection(cursor, cursor);
  return { document, at };
}

type LastContext = ReturnType<ExtensionApi['lastContext']>;

/** Build Context until its manifest uses some language facts, each try at a budget of its own (a context kept from an earlier request at that budget would be offered again as it was). */
export async function buildContextWithFacts(api: ExtensionApi): Promise<NonNullable<NonNullable<LastContext>['manifest']>> {
  let last: LastContext;
  let budget = 8000;
  const built = await poll(
    'a manifest with the facts',
    60_000,
    async () => {
      last = await vscode.commands.executeCommand<LastContext>('codebaseContext.buildContext', budget++);
      return last?.manifest?.facts && last.manifest.facts.used > 0 ? last : undefined;
    },
    () => `Last facts: ${JSON.stringify(last?.manifest?.facts)}. Notifications: ${api.notifications().slice(-3).join(' | ')}. Log:\n${api.logLines().slice(-12).join('\n')}`,
  );
  return built!.manifest!;
}
