import * as vscode from 'vscode';
import type { ContextService } from './context-service';
import { inspectorChildren, inspectorRoots, type InspectedContext, type InspectorNode } from './manifest-tree';
import { workspaceUri } from './paths';

export const INSPECTOR_VIEW_ID = 'codebaseContext.inspector';

/** The tree of the last built context's manifest: header, then included and dropped items grouped by source. */
export class InspectorProvider implements vscode.TreeDataProvider<InspectorNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private inspected: InspectedContext | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly folder: vscode.WorkspaceFolder, contexts: ContextService) {
    this.subscription = contexts.onDidBuild(built => {
      if (!built.manifest) return;
      this.inspected = { manifest: built.manifest, origin: built.origin };
      this.emitter.fire();
    });
  }

  getChildren(node?: InspectorNode): InspectorNode[] {
    return node ? inspectorChildren(node) : inspectorRoots(this.inspected);
  }

  getTreeItem(node: InspectorNode): vscode.TreeItem {
    switch (node.kind) {
      case 'header':
        return Object.assign(new vscode.TreeItem(node.label), { description: node.description, tooltip: node.tooltip, iconPath: new vscode.ThemeIcon('dashboard') });
      case 'section':
        return Object.assign(new vscode.TreeItem(node.label, node.included ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed), {
          iconPath: new vscode.ThemeIcon(node.included ? 'pass' : 'circle-slash'),
        });
      case 'group':
        return Object.assign(new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded), { iconPath: new vscode.ThemeIcon('symbol-namespace') });
      case 'item': {
        const uri = workspaceUri(this.folder, node.item.path);
        // Manifest lines are 1-based inclusive; the editor's are 0-based.
        const selection = new vscode.Range(node.item.startLine - 1, 0, node.item.endLine - 1, 0);
        return Object.assign(new vscode.TreeItem(node.label), {
          description: node.description,
          tooltip: node.tooltip,
          resourceUri: uri,
          contextValue: 'codebaseContext.item',
          command: { command: 'vscode.open', title: 'Open', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] },
        });
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export function register(provider: InspectorProvider): vscode.Disposable {
  return vscode.window.registerTreeDataProvider(INSPECTOR_VIEW_ID, provider);
}
