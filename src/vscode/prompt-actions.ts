import * as vscode from 'vscode';
import { promptAsText } from '../core/prompt';
import type { ContextService } from './context-service';
import { PROMPT_SCHEME, PromptDocuments } from './prompt-document';

/** The actions on the last prompt, offered after "Build Context" and in the inspector's title bar. */
export const PROMPT_ACTIONS = [
  { command: 'codebaseContext.copyPrompt', title: 'Copy Prompt' },
  { command: 'codebaseContext.openPrompt', title: 'Open Prompt as Document' },
  { command: 'codebaseContext.savePrompt', title: 'Save Prompt' },
] as const;

/** The actions work on the context the inspector shows (a held Build Context result, else the newest). */
export function register(contexts: ContextService): vscode.Disposable {
  const documents = new PromptDocuments();
  const shownPrompt = (): string | undefined => {
    const shown = contexts.shown;
    if (!shown) void vscode.window.showInformationMessage('Codebase Context: no prompt yet. Type in an editor or run "Build Context" first.');
    return shown && promptAsText(shown.prompt);
  };
  const openPrompt = async () => {
    const shown = contexts.shown;
    if (!shown) return void shownPrompt();
    const document = await vscode.workspace.openTextDocument(documents.uriFor(shown));
    return vscode.window.showTextDocument(document, { preview: true });
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(PROMPT_SCHEME, documents),
    vscode.workspace.onDidCloseTextDocument(d => d.uri.scheme === PROMPT_SCHEME && documents.forget(d.uri)),
    vscode.commands.registerCommand('codebaseContext.showLastPrompt', openPrompt),
    vscode.commands.registerCommand('codebaseContext.openPrompt', openPrompt),
    vscode.commands.registerCommand('codebaseContext.copyPrompt', async () => {
      const text = shownPrompt();
      if (text === undefined) return;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage('Codebase Context: prompt copied to the clipboard.');
    }),
    vscode.commands.registerCommand('codebaseContext.savePrompt', async () => {
      const text = shownPrompt();
      if (text === undefined) return;
      const target = await vscode.window.showSaveDialog({ title: 'Save the prompt', filters: { Text: ['txt'] }, saveLabel: 'Save Prompt' });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    }),
  );
}
