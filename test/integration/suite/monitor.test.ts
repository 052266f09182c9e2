// Monitor-guided completions in the editor: the model (the real OpenAI-protocol server, scripted) invents
// `user.getUsername()` where User has `getUserName`; the engine thread's hidden tsc server says so while
// the stream comes in, and the ghost text the editor accepts carries the real member. The log says why.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import { OpenAITestServer, type RecordedRequest } from '../../servers/openai-server';
import { scriptedModel } from '../../servers/scripted-model';
import { configure, EXTENSION_ID, uriOf } from './helpers';

const USER = 'src/shared/user.ts';
const HOLE = "const name = '';";
const INVENTED = 'user.getUsername()';
const FIM_MIDDLE = '<|fim_middle|>';
/** The first member check also waits for tsc to start in the engine thread, on a shared machine. */
const CHECK_BUDGET_MS = 30_000;
const WAIT_MS = 90_000;
/** How long one inline-suggest trigger gets before the next one replaces it. */
const RETRIGGER_MS = 10_000;

/** The model means INVENTED and continues from wherever the request's prompt leaves off (a repair's continuation). */
function inventingModel(request: RecordedRequest) {
  const prompt = String(request.body?.prompt ?? '');
  return scriptedModel(INVENTED, prompt.slice(0, prompt.lastIndexOf(FIM_MIDDLE) + FIM_MIDDLE.length), { chunkChars: 2, chunkDelayMs: 5 })(request);
}

/**
 * Until the engine thread's tsc server has started, completions stay raw (its first answer comes past the
 * monitor's steering time): ask at fresh prefixes (a marker line above) until one comes back repaired.
 */
async function warmUp(editor: vscode.TextEditor, cursor: vscode.Position): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    await editor.edit(b => b.insert(new vscode.Position(0, 0), `// warm-up ${attempt}\n`));
    const items = await api().complete(editor.document, cursor.translate(1));
    await editor.edit(b => b.delete(new vscode.Range(0, 0, 1, 0)));
    if (items?.some(item => String(item.insertText).includes('user.getUserName()'))) return;
    if (Date.now() > deadline) throw new Error(`The monitor never repaired a completion. Log:\n${api().logLines().slice(-15).join('\n')}`);
  }
}

const api = () => vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.exports;

describe('monitor-guided completions in the editor', function () {
  this.timeout(2 * WAIT_MS + 30_000);
  const server = new OpenAITestServer();

  before(async () => {
    const { url } = await server.start();
    server.respondWith(inventingModel);
    await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    await configure({ endpoint: url, model: 'qwen2.5-coder-1.5b', logLevel: 'debug', debounceMs: 30, contextTimeBudgetMs: 10_000, requestTimeoutMs: 20_000, monitorBudgetMs: CHECK_BUDGET_MS });
    await api().whenIndexed();
  });

  after(async () => {
    await configure({ monitorBudgetMs: undefined });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await server.stop();
  });

  it('the ghost text carries the member the server knows, not the one the model invented', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(USER)), { preview: false });
    const document = editor.document;
    const at = document.getText().indexOf(HOLE) + 'const name = '.length;
    await editor.edit(b => b.delete(new vscode.Range(document.positionAt(at), document.positionAt(at + 2))));
    const cursor = document.positionAt(at);
    await warmUp(editor, cursor);
    editor.selection = new vscode.Selection(cursor, cursor);
    const since = server.requests.length;
    const posts = () => server.requests.slice(since).filter(r => r.method === 'POST');
    let last = 0;
    const deadline = Date.now() + WAIT_MS;
    while (!document.lineAt(cursor.line).text.includes('user.getUserName()')) {
      if (Date.now() > deadline) throw new Error(`No repaired suggestion: line '${document.lineAt(cursor.line).text}'. Log:\n${api().logLines().slice(-15).join('\n')}`);
      if (Date.now() - last > RETRIGGER_MS) {
        last = Date.now();
        // The trigger acts on the focused editor: the warm-up's edits or a notification may have taken focus.
        const shown = await vscode.window.showTextDocument(document, { preview: false });
        shown.selection = new vscode.Selection(cursor, cursor);
        void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      }
      // Commit is a no-op until the ghost text shows.
      if (posts().some(r => r.outcome === 'finished')) await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    assert.equal(document.lineAt(cursor.line).text.trim(), 'const name = user.getUserName();', api().logLines().slice(-15).join('\n'));
    assert.ok(posts().some(r => String(r.body.prompt).endsWith(`${FIM_MIDDLE}user.getUserName`)), 'generation continued from the corrected text');
    assert.ok(api().logLines().some(line => /Monitor \(src\/shared\/user\.ts\): 'getUsern\w*' → 'getUserName' \(stop-and-repair\): .*not a member here/.test(line)), api().logLines().slice(-15).join('\n'));
  });
});
