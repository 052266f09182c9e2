// Monitor-guided completions in the editor: the model (the real OpenAI-protocol server, scripted) invents
// `user.getUsername()` where User has `getUserName`; the engine thread's hidden tsc server, started when the
// file became active, says so while the stream comes in, and the ghost text the editor accepts carries the
// real member. The log and the inspector say why.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import type { InspectorNode } from '../../../src/vscode/manifest-tree';
import { OpenAITestServer, type RecordedRequest } from '../../servers/openai-server';
import { scriptedModel } from '../../servers/scripted-model';
import { configure, EXTENSION_ID, uriOf, waitFor } from './helpers';

const USER = 'src/shared/user.ts';
const HOLE = "const name = '';";
const INVENTED = 'user.getUsername()';
const FIM_MIDDLE = '<|fim_middle|>';
/**
 * Room for a warm tsc's answer (10-50 ms) on a loaded shared machine; a cold one also needs seconds to start
 * and load the program, past the monitor's steering time, so the first completion would come back raw.
 */
const CHECK_BUDGET_MS = 2_000;
const WAIT_MS = 90_000;
/** How long one inline-suggest trigger gets before the next one replaces it. */
const RETRIGGER_MS = 10_000;

/** The model means INVENTED and continues from wherever the request's prompt leaves off (a repair's continuation). */
function inventingModel(request: RecordedRequest) {
  const prompt = String(request.body?.prompt ?? '');
  return scriptedModel(INVENTED, prompt.slice(0, prompt.lastIndexOf(FIM_MIDDLE) + FIM_MIDDLE.length), { chunkChars: 2, chunkDelayMs: 5 })(request);
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

  it('the server starts when the file becomes active, and the very first completion there is checked', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf(USER));
    await vscode.window.showTextDocument(document, { preview: false });
    // Sent by the editor becoming active, before any completion was asked for.
    await waitFor('the warm-up of the monitor\'s server to be sent', () => api().monitorWarmUp(document) !== undefined, () => api().logLines().slice(-10).join('\n'));
    await api().monitorWarmUp(document);
    const cursor = document.positionAt(document.getText().indexOf(HOLE) + HOLE.length);
    // After the whole statement, not in the hole the next test empties: a prefix of its own.
    await api().complete(document, cursor);
    const first = api().contextHistory().find(e => e.origin === 'completion' && e.value.uri.toString() === document.uri.toString())?.value.monitored;
    assert.ok(first, `the first completion has no monitor result. Log:\n${api().logLines().slice(-15).join('\n')}`);
    // A cold server would still be starting: "member of 'user' not checked: no answer within the 2000 ms budget".
    assert.ok(first.checkMs.length > 0 && !first.notes.some(note => note.includes('not checked')), `the member access was not checked: ${JSON.stringify(first)}`);
  });

  it('the ghost text carries the member the server knows, not the one the model invented', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(USER)), { preview: false });
    const document = editor.document;
    const at = document.getText().indexOf(HOLE) + 'const name = '.length;
    await editor.edit(b => b.delete(new vscode.Range(document.positionAt(at), document.positionAt(at + 2))));
    const cursor = document.positionAt(at);
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

  it('the inspector shows the change on the completion it belongs to, in the log\'s words', async () => {
    const entry = api().contextHistory().find(e => e.origin === 'completion' && e.value.monitored?.changes.some(c => c.to === 'getUserName'));
    assert.ok(entry, `no completion in the history carries the monitor's change: ${api().contextHistory().length} entries`);
    await vscode.commands.executeCommand('codebaseContext.showHistory', entry.id);
    try {
      const roots = (await api().inspectorTree.getChildren()) as InspectorNode[];
      const header = roots.find(n => n.kind === 'header') as Extract<InspectorNode, { kind: 'header' }>;
      assert.match(header.description, /^completion · user\.ts:/);
      const monitor = roots.find((n): n is Extract<InspectorNode, { kind: 'monitor' }> => n.kind === 'monitor');
      assert.ok(monitor, `no Monitor group: ${roots.map(n => n.kind).join(', ')}`);
      assert.match(String((await api().inspectorTree.getTreeItem(monitor)).label), /^Monitor: \d+ members? put right/);
      const lines = (await api().inspectorTree.getChildren(monitor)) as Extract<InspectorNode, { kind: 'monitor-line' }>[];
      const change = lines.find(n => n.line.kind === 'change');
      assert.ok(change, JSON.stringify(lines));
      const item = await api().inspectorTree.getTreeItem(change);
      assert.match(String(item.label), /^'getUsern\w*' → 'getUserName'$/);
      assert.match(String(item.description), /^stop-and-repair: .*not a member here/);
      assert.ok(api().logLines().some(line => line.includes(`Monitor (${USER}): ${String(item.tooltip)}.`)), `the log has the tooltip's sentence: ${String(item.tooltip)}`);
    } finally {
      await vscode.commands.executeCommand('codebaseContext.showHistory', null);
    }
  });
});
