import * as vscode from 'vscode';
import type { ContextSelections } from './context-selections';
import type { ContextService } from './context-service';
import { formatTokens, inspectorChildren, inspectorRoots, type InspectorNode } from './manifest-tree';
import type { MonitorLine } from './monitor-report';
import { workspaceUri } from './paths';
import type { SettingsStore } from './settings';

export const INSPECTOR_VIEW_ID = 'codebaseContext.inspector';

const MONITOR_ICONS: Readonly<Record<MonitorLine['kind'], string>> = { change: 'replace', finding: 'warning', note: 'info' };

/**
 * The tree of the shown context (see ContextHistory): header, pins and exclusions, then included and dropped
 * files grouped by why they were chosen. Pins and exclusions redraw at once, before the next build.
 */
export class InspectorProvider implements vscode.TreeDataProvider<InspectorNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly folder: vscode.WorkspaceFolder, private readonly contexts: ContextService, private readonly selections: ContextSelections, private readonly settings: SettingsStore) {
    const redraw = () => this.emitter.fire();
    this.subscriptions = [contexts.onDidChange(redraw), selections.onDidChange(redraw), settings.onDidChange(redraw)];
  }

  getChildren(node?: InspectorNode): InspectorNode[] {
    if (node) return inspectorChildren(node);
    const entry = this.contexts.history.shown();
    const manifest = entry?.value.manifest;
    const monitored = entry?.value.monitored;
    const inspected = entry && manifest && { manifest, origin: entry.origin, at: entry.at, newer: this.contexts.history.newerThanShown(), ...(monitored ? { monitored } : {}) };
    const selections = { pinned: this.selections.pinned(), excluded: this.selections.excluded() };
    return inspectorRoots(inspected, selections, this.settings.current.budgetTokens);
  }

  getTreeItem(node: InspectorNode): vscode.TreeItem {
    const { Expanded, Collapsed, None } = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'header':
        return Object.assign(new vscode.TreeItem(node.label), { description: node.description, tooltip: node.tooltip, iconPath: new vscode.ThemeIcon('dashboard'), command: { command: 'codebaseContext.showHistory', title: 'History' } });
      case 'monitor':
        return Object.assign(new vscode.TreeItem(node.label, node.expanded ? Expanded : Collapsed), { description: node.description, iconPath: new vscode.ThemeIcon('eye') });
      case 'monitor-line':
        return Object.assign(new vscode.TreeItem(node.line.label), { description: node.line.description, tooltip: node.line.sentence, iconPath: new vscode.ThemeIcon(MONITOR_ICONS[node.line.kind]) });
      case 'selections':
        return Object.assign(new vscode.TreeItem(node.label, Expanded), { iconPath: new vscode.ThemeIcon('pin') });
      case 'selection':
        return Object.assign(new vscode.TreeItem(node.label, None), {
          description: node.description,
          tooltip: node.warning ?? `${node.path} is ${node.pinned ? 'in every prompt' : 'left out of every prompt'}.`,
          iconPath: new vscode.ThemeIcon(node.warning ? 'warning' : node.pinned ? 'pinned' : 'circle-slash'),
          contextValue: node.pinned ? 'codebaseContext.pinnedFile' : 'codebaseContext.excludedFile',
          command: this.open(node.path, 1),
        });
      case 'section':
        return Object.assign(new vscode.TreeItem(node.label, node.included ? Expanded : Collapsed), { iconPath: new vscode.ThemeIcon(node.included ? 'pass' : 'circle-slash') });
      case 'group':
        return Object.assign(new vscode.TreeItem(node.label, Expanded), { iconPath: new vscode.ThemeIcon('symbol-namespace') });
      case 'file':
        return Object.assign(new vscode.TreeItem(node.label, Collapsed), {
          description: node.description,
          tooltip: node.tooltip,
          resourceUri: workspaceUri(this.folder, node.path),
          // The resource icon would take the path's room; the excluded mark must show at once.
          iconPath: new vscode.ThemeIcon(node.excluded ? 'circle-slash' : 'file'),
          contextValue: node.excluded ? 'codebaseContext.excludedFile' : 'codebaseContext.file',
          command: this.open(node.path, node.items[0]?.startLine ?? 1),
        });
      case 'item':
        return Object.assign(new vscode.TreeItem(node.label), {
          description: node.description,
          tooltip: node.tooltip,
          command: this.open(node.item.path, node.item.startLine, node.item.endLine),
        });
    }
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.emitter.dispose();
  }

  /** Manifest lines are 1-based inclusive; the editor's are 0-based. */
  private open(path: string, startLine: number, endLine = startLine): vscode.Command {
    const selection = new vscode.Range(startLine - 1, 0, endLine - 1, 0);
    return { command: 'vscode.open', title: 'Open', arguments: [workspaceUri(this.folder, path), { selection } satisfies vscode.TextDocumentShowOptions] };
  }
}

/** The view, and "History": a pick of the recent contexts, or following the newest again. */
export function register(provider: InspectorProvider, contexts: ContextService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerTreeDataProvider(INSPECTOR_VIEW_ID, provider),
    vscode.commands.registerCommand('codebaseContext.showHistory', async (id?: unknown) => {
      if (typeof id === 'number' || id === null) return contexts.show(id ?? undefined);
      const follow = { label: '$(arrow-up) Follow the newest context', id: undefined };
      const entries = contexts.history.all().map(e => ({
        label: `${e.origin === 'command' ? '$(layers) Build Context' : '$(sparkle) completion'} · ${e.value.manifest ? `${formatTokens(e.value.manifest.usedTokens)}/${formatTokens(e.value.manifest.budget)}` : ''}`,
        description: `${vscode.workspace.asRelativePath(e.value.uri)} · ${e.at.toTimeString().slice(0, 8)}`,
        id: e.id as number | undefined,
      }));
      const picked = await vscode.window.showQuickPick([follow, ...entries], { title: 'Codebase Context: recent contexts' });
      if (picked) contexts.show(picked.id);
    }),
  );
}
