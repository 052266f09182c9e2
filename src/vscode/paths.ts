import * as path from 'node:path';
import * as vscode from 'vscode';

/** The engine's identity for a file: its path relative to the workspace folder, with forward slashes. */
export function workspacePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const relative = path.relative(folder.uri.fsPath, uri.fsPath);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export function workspaceUri(folder: vscode.WorkspaceFolder, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}
