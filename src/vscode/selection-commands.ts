import * as vscode from 'vscode';
import type { ContextSelections, SelectionChange } from './context-selections';
import type { InspectorNode } from './manifest-tree';
import { workspacePath } from './paths';

const CHANGE_MESSAGES: Record<SelectionChange, string> = {
  pinned: 'is pinned: every prompt includes it',
  unpinned: 'is no longer pinned',
  excluded: 'is excluded: no prompt includes it',
  included: 'may be included again',
};

/** Lets menus offer "Include Again" instead of "Exclude" on an excluded file (`resourcePath in …`). */
const EXCLUDED_PATHS_KEY = 'codebaseContext.excludedPaths';

/**
 * "Pin to Context", "Exclude from Context" and "Include Again", from the explorer, the editor, the inspector or
 * the palette (active editor). Pin and Exclude toggle, so the same command undoes them. The next prompt obeys.
 */
export function register(folder: vscode.WorkspaceFolder, selections: ContextSelections): vscode.Disposable {
  const publishExcluded = () => void vscode.commands.executeCommand('setContext', EXCLUDED_PATHS_KEY, selections.excluded().map(p => vscode.Uri.joinPath(folder.uri, p).fsPath));
  publishExcluded();
  const command = (id: string, toggle: (path: string) => Promise<SelectionChange>) =>
    vscode.commands.registerCommand(id, async (target?: unknown) => {
      const path = targetPath(folder, target);
      if (!path) {
        void vscode.window.showWarningMessage('Codebase Context: pick a file inside the workspace folder (explorer, editor or the context inspector).');
        return;
      }
      const change = await toggle(path);
      void vscode.window.setStatusBarMessage(`Codebase Context: ${path} ${CHANGE_MESSAGES[change]}.`, 4000);
    });
  return vscode.Disposable.from(
    command('codebaseContext.pin', p => selections.togglePin(p)),
    command('codebaseContext.exclude', p => selections.toggleExclude(p)),
    command('codebaseContext.includeAgain', async p => (selections.excluded().includes(p) ? selections.toggleExclude(p) : 'included')),
    selections.onDidChange(publishExcluded),
  );
}

function targetPath(folder: vscode.WorkspaceFolder, target: unknown): string | undefined {
  if (target instanceof vscode.Uri) return workspacePath(folder, target);
  if (isInspectorNode(target)) return target.kind === 'item' ? target.item.path : target.path;
  if (typeof target === 'string') return target;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active && workspacePath(folder, active);
}

/** The inspector's nodes that stand for one file. */
function isInspectorNode(value: unknown): value is Extract<InspectorNode, { kind: 'item' | 'file' | 'selection' }> {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'item' || kind === 'file' || kind === 'selection';
}
