import * as vscode from 'vscode';
import type { EditorSignals } from '../core/types';
import type { ContextSelections } from './context-selections';
import { workspacePath } from './paths';
import { RecentFiles } from './recent-files';
import type { SettingsStore } from './settings';

/**
 * What the editor knows that the engine cannot scan for: recently edited and visited files, open tabs,
 * and the user's pins and exclusions. Collected from events as they happen, so building a request is free.
 */
export class EditorSignalsTracker implements vscode.Disposable {
  private readonly edited = new RecentFiles();
  private readonly visited = new RecentFiles();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly folder: vscode.WorkspaceFolder, private readonly selections: ContextSelections, private readonly settings: SettingsStore) {
    const relative = (uri: vscode.Uri) => workspacePath(folder, uri);
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument(e => {
        const p = relative(e.document.uri);
        if (p && e.contentChanges.length > 0) this.edited.touch(p);
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => {
        const p = editor && relative(editor.document.uri);
        if (p) this.visited.touch(p);
      }),
      vscode.workspace.onDidRenameFiles(e => {
        for (const { oldUri, newUri } of e.files) {
          const from = relative(oldUri);
          const to = relative(newUri);
          if (!from || !to) continue;
          this.edited.rename(from, to);
          this.visited.rename(from, to);
          void selections.rename(from, to);
        }
      }),
      vscode.workspace.onDidDeleteFiles(e => {
        for (const uri of e.files) {
          const p = relative(uri);
          if (p) [this.edited, this.visited].forEach(list => list.remove(p));
        }
      }),
    ];
    const active = vscode.window.activeTextEditor && relative(vscode.window.activeTextEditor.document.uri);
    if (active) this.visited.touch(active);
  }

  signals(): EditorSignals {
    const openTabs = vscode.window.tabGroups.all
      .flatMap(group => group.tabs)
      .flatMap(tab => (tab.input instanceof vscode.TabInputText ? [workspacePath(this.folder, tab.input.uri)] : []))
      .filter((p): p is string => p !== undefined);
    return {
      recentlyEdited: this.edited.list(),
      recentlyVisited: this.visited.list(),
      openTabs,
      pinned: [...new Set([...this.settings.current.pinnedFiles, ...this.selections.pinned()])].filter(p => !this.selections.excluded().includes(p)),
      excluded: this.selections.excluded(),
    };
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
  }
}
