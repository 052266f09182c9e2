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

/**
 * "Pin to Context" and "Exclude from Context", from the explorer, the editor, the inspector or the palette
 * (active editor). Each toggles, so the same command undoes it. The next prompt obeys.
 */
export function register(folder: vscode.WorkspaceFolder, selections: ContextSelections): vscode.Disposable {
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
  );
}

function targetPath(folder: vscode.WorkspaceFolder, target: unknown): string | undefined {
  if (target instanceof vscode.Uri) return workspacePath(folder, target);
  if (isItemNode(target)) return target.item.path;
  if (typeof target === 'string') return target;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active && workspacePath(folder, active);
}

function isItemNode(value: unknown): value is Extract<InspectorNode, { kind: 'item' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'item';
}
