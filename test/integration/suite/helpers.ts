// What every suite in the extension host needs: the extension's id, settings, workspace paths, and polling.
import * as vscode from 'vscode';

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
