import * as vscode from 'vscode';
import type { ContextService } from './context-service';
import { promptAsText } from '../core/prompt';

/** The actions on the last prompt, offered after "Build Context" and in the inspector's title bar. */
export const PROMPT_ACTIONS = [
  { command: 'codebaseContext.copyPrompt', title: 'Copy Prompt' },
  { command: 'codebaseContext.openPrompt', title: 'Open Prompt as Document' },
  { command: 'codebaseContext.savePrompt', title: 'Save Prompt' },
] as const;

export function register(contexts: ContextService): vscode.Disposable {
  const lastPrompt = (): string | undefined => {
    const last = contexts.last;
    if (!last) void vscode.window.showInformationMessage('Codebase Context: no prompt yet. Type in an editor or run "Build Context" first.');
    return last && promptAsText(last.prompt);
  };
  const openPrompt = async () => {
    const text = lastPrompt();
    if (text === undefined) return;
    const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
    await vscode.window.showTextDocument(document, { preview: true });
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('codebaseContext.showLastPrompt', openPrompt),
    vscode.commands.registerCommand('codebaseContext.openPrompt', openPrompt),
    vscode.commands.registerCommand('codebaseContext.copyPrompt', async () => {
      const text = lastPrompt();
      if (text === undefined) return;
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage('Codebase Context: prompt copied to the clipboard.');
    }),
    vscode.commands.registerCommand('codebaseContext.savePrompt', async () => {
      const text = lastPrompt();
      if (text === undefined) return;
      const target = await vscode.window.showSaveDialog({ title: 'Save the prompt', filters: { Text: ['txt'] }, saveLabel: 'Save Prompt' });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    }),
  );
}
