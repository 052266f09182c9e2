import * as vscode from 'vscode';
import type { ContextService } from './context-service';
import type { EngineHost, EngineState } from './engine-host';
import { INSPECTOR_VIEW_ID } from './inspector';
import { formatTokens } from './manifest-tree';

/** Indexing progress while it runs, then the last prompt's used/budget tokens; a click opens the inspector. */
export function register(host: EngineHost, contexts: ContextService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('codebaseContext.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Codebase Context';
  item.command = `${INSPECTOR_VIEW_ID}.focus`;
  const render = (state: EngineState) => {
    const manifest = contexts.last?.manifest;
    switch (state.kind) {
      case 'indexing': {
        const p = state.progress;
        item.text = `$(sync~spin) ${p ? `${p.phase} ${p.done}/${p.total}` : 'indexing'}`;
        item.tooltip = 'Codebase Context is indexing the workspace';
        break;
      }
      case 'failed':
      case 'cancelled':
        item.text = '$(warning) Codebase Context';
        item.tooltip = state.kind === 'failed' ? `Indexing failed: ${state.message}. Run "Reindex Workspace".` : 'Indexing was cancelled. Run "Reindex Workspace".';
        break;
      case 'ready':
        item.text = manifest ? `$(layers) ${formatTokens(manifest.usedTokens)}/${formatTokens(manifest.budget)}` : '$(layers) ready';
        item.tooltip = manifest
          ? `Last prompt: ${manifest.usedTokens} of ${manifest.budget} tokens. Click to inspect.`
          : `Indexed ${state.summary.filesIndexed} files. Click to open the context inspector.`;
    }
    item.show();
  };
  render(host.state);
  return vscode.Disposable.from(item, host.onDidChangeState(render), contexts.onDidBuild(() => render(host.state)));
}
