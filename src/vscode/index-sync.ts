import * as vscode from 'vscode';
import { languageForPath } from '../core/languages';
import type { EngineHost } from './engine-host';
import type { Log } from './log';
import { workspacePath } from './paths';

export interface IndexSyncOptions {
  /** Unsaved edits are re-indexed after the user pauses typing this long. */
  readonly bufferDebounceMs?: number;
}

/**
 * Keeps the index current while the user works: file creations, changes, deletions and renames on disk
 * (a FileSystemWatcher plus onDidRenameFiles), and unsaved buffers (debounced per file). Events that arrive
 * while indexing runs are dropped: the run reads the disk itself, and open buffers are replayed when it ends.
 */
export function register(host: EngineHost, log: Log, { bufferDebounceMs = 300 }: IndexSyncOptions = {}): vscode.Disposable {
  const pending = new Map<string, NodeJS.Timeout>();
  const indexedPath = (uri: vscode.Uri) => {
    const p = workspacePath(host.folder, uri);
    return p && languageForPath(p) ? p : undefined;
  };
  const guard = (what: string, work: Promise<unknown>) => work.catch(error => log.error(`Index update failed (${what})`, error));

  const updateFromDisk = (uri: vscode.Uri) => {
    const p = indexedPath(uri);
    const engine = host.engine();
    if (p && engine) void guard(p, engine.updateFile(p));
  };
  const updateBuffer = (document: vscode.TextDocument) => {
    const p = indexedPath(document.uri);
    if (!p) return;
    clearTimeout(pending.get(p));
    pending.set(p, setTimeout(() => {
      pending.delete(p);
      const engine = host.engine();
      if (engine) void guard(p, engine.updateFile(p, document.getText()));
    }, bufferDebounceMs));
  };

  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(host.folder, '**/*'));
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(updateFromDisk),
    watcher.onDidChange(updateFromDisk),
    watcher.onDidDelete(uri => {
      const p = indexedPath(uri);
      const engine = host.engine();
      if (p && engine) void guard(p, engine.removeFile(p));
    }),
    vscode.workspace.onDidRenameFiles(e => {
      const engine = host.engine();
      for (const { oldUri, newUri } of e.files) {
        const from = workspacePath(host.folder, oldUri);
        const to = workspacePath(host.folder, newUri);
        if (engine && from && to) void guard(`${from} -> ${to}`, engine.renameFile(from, to));
      }
    }),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.contentChanges.length > 0) updateBuffer(e.document);
    }),
    // Closing a dirty buffer without saving: the disk content is the truth again.
    vscode.workspace.onDidCloseTextDocument(document => {
      if (document.isDirty) updateFromDisk(document.uri);
    }),
    host.onDidChangeState(state => {
      if (state.kind === 'ready') for (const document of vscode.workspace.textDocuments) if (document.isDirty) updateBuffer(document);
    }),
    { dispose: () => pending.forEach(timer => clearTimeout(timer)) },
  );
}
