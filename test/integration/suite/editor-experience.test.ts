// Status and control, setup, the inspector's history and the read-only prompt document, in a real extension
// host against the real local OpenAI-protocol server. Asynchronous effects are polled, never slept on.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../../src/vscode/connection-check';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import type { InspectorNode } from '../../../src/vscode/manifest-tree';
import { OpenAITestServer } from '../../servers/openai-server';
import { configure, EXTENSION_ID, uriOf, waitFor } from './helpers';

const CHECKOUT = 'src/orders/checkout.ts';
const MODELS = ['qwen2.5-coder-1.5b', 'starcoder2-3b'];
const ANSWER = 'const total = 1;';

describe('Status, control and setup', () => {
  const server = new OpenAITestServer({ models: MODELS });
  let api: ExtensionApi;
  let editor: vscode.TextEditor;
  let url: string;

  const posts = (since: number) => server.requests.slice(since).filter(r => r.method === 'POST');
  /** A completion at a fresh prefix (the completion cache must not answer). */
  async function complete(marker: string): Promise<vscode.InlineCompletionItem[] | undefined> {
    await editor.edit(b => b.insert(new vscode.Position(0, 0), `// ${marker}\n`));
    return api.complete(editor.document, new vscode.Position(1, 0));
  }
  const header = async () => ((await api.inspectorTree.getChildren()) as InspectorNode[]).find(n => n.kind === 'header') as Extract<InspectorNode, { kind: 'header' }> | undefined;

  before(async () => {
    ({ url } = await server.start());
    server.respondWith({ text: ANSWER });
    api = (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate())!;
    await configure({ endpoint: url, model: MODELS[0], debounceMs: 10, contextTimeBudgetMs: 10_000, requestTimeoutMs: 3_000 });
    await api.whenIndexed();
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(CHECKOUT)), { preview: false });
    await waitFor('the ready state', () => api.statusBarState() === 'ready', () => api.statusBarState());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await server.stop();
  });

  it('snoozes completions, shows it, and resumes', async () => {
    await vscode.commands.executeCommand('codebaseContext.snooze', 5);
    try {
      assert.equal(api.statusBarState(), 'snoozed');
      const since = server.requests.length;
      assert.equal(await complete('snoozed'), undefined);
      assert.equal(posts(since).length, 0, 'a request went out while snoozed');
    } finally {
      await vscode.commands.executeCommand('codebaseContext.snooze');
    }
    assert.equal(api.snoozed(), false);
    assert.equal(api.statusBarState(), 'ready');
  });

  it('switches completions off for the current language only, and back', async () => {
    await vscode.commands.executeCommand('codebaseContext.toggleLanguage');
    try {
      assert.deepEqual(vscode.workspace.getConfiguration('codebaseContext').get('enable'), { '*': true, typescript: false });
      await waitFor('the off state', () => api.statusBarState() === 'off', () => api.statusBarState());
      const since = server.requests.length;
      assert.equal(await complete('typescript off'), undefined);
      assert.equal(posts(since).length, 0, 'a request went out for a switched-off language');
    } finally {
      await vscode.commands.executeCommand('codebaseContext.toggleLanguage');
    }
    await waitFor('the ready state again', () => api.statusBarState() === 'ready', () => api.statusBarState());
    assert.ok((await complete('typescript on'))?.length, 'no completion after switching the language back on');
  });

  it('spins while a completion is in flight, shows the error after it failed, and recovers', async () => {
    server.respondWith({ hang: true });
    const pending = complete('in flight');
    try {
      await waitFor('the working state', () => api.statusBarState() === 'working', () => api.statusBarState());
      assert.equal(await pending, undefined);
      await waitFor('the error state', () => api.statusBarState() === 'error', () => api.statusBarState());
    } finally {
      server.respondWith({ text: ANSWER });
    }
    assert.ok((await complete('recovered'))?.length);
    await waitFor('the ready state after a success', () => api.statusBarState() === 'ready', () => api.statusBarState());
  });

  it('Test Connection lists the models from /v1/models in a pick, sets the chosen model and format, and reports what works', async () => {
    await configure({ model: 'not-served', promptFormat: 'qwen' });
    try {
      const running = vscode.commands.executeCommand<ConnectionReport>('codebaseContext.testConnection');
      // The picks are real quick picks: accept the first entry of each (the first served model, then "auto").
      // Accepting with no pick open does nothing, so keep accepting until the command finishes.
      const report = await waitFor('the report', async () => {
        const done = await Promise.race([running, new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 300))]);
        if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done;
      });
      assert.deepEqual(report.models, MODELS);
      assert.equal(report.fim, true);
      assert.equal(report.streaming, true);
      const config = vscode.workspace.getConfiguration('codebaseContext');
      assert.equal(config.get('model'), MODELS[0], 'the picked model was not stored');
      assert.equal(config.get('promptFormat'), 'auto', 'the picked format was not stored');
      assert.ok(api.logLines().some(l => /Test Connection: .*serves 2 models.*suffix` field works\. Streaming works\./.test(l)), api.logLines().slice(-3).join('\n'));
    } finally {
      await configure({ model: MODELS[0], promptFormat: 'auto' });
    }
  });

  it('Test Connection reports a bad endpoint in plain words', async () => {
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    try {
      const report = await vscode.commands.executeCommand<ConnectionReport>('codebaseContext.testConnection');
      assert.ok(!Array.isArray(report.models));
      assert.match((report.models as { message: string }).message, /Cannot reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
      await waitFor('the error state', () => api.statusBarState() === 'error', () => api.statusBarState());
    } finally {
      await configure({ endpoint: url });
    }
    assert.ok((await complete('endpoint back'))?.length);
  });

  it('reports a bad endpoint as soon as it is set, before any keystroke', async () => {
    const before = api.notifications().length;
    const since = server.requests.length;
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    try {
      await waitFor('the setup notification', () => api.notifications().length > before, () => api.notifications().join('\n'));
      assert.match(api.notifications().at(-1)!, /Cannot reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
      assert.equal(posts(since).length, 0, 'a completion was needed to find out');
    } finally {
      await configure({ endpoint: url });
    }
    assert.ok((await complete('endpoint fixed'))?.length);
  });

  it('keeps a Build Context result shown while completions go on; History follows the newest again', async () => {
    const built = await vscode.commands.executeCommand<{ manifest?: unknown }>('codebaseContext.buildContext', 8192);
    assert.ok(built?.manifest);
    assert.match((await header())!.description, /^Build Context · checkout\.ts:\d+/);
    assert.ok((await complete('after build'))?.length);
    const held = await waitFor('the header to count the newer context', async () => ((await header())!.description.includes('1 newer') ? (await header())! : undefined));
    assert.match(held.description, /^Build Context/);
    await vscode.commands.executeCommand('codebaseContext.showHistory', null);
    assert.match((await header())!.description, /^completion · /);
  });

  it('opens the prompt as a read-only virtual document named after the file and budget, which closes without asking to save', async () => {
    await vscode.commands.executeCommand('codebaseContext.buildContext', 8192);
    await vscode.commands.executeCommand('codebaseContext.openPrompt');
    const prompt = await waitFor('the prompt document', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'codebase-context-prompt' ? vscode.window.activeTextEditor.document : undefined));
    assert.match(prompt.uri.path, /checkout\.ts @ 8K prompt\.txt$/);
    assert.match(prompt.getText(), /applyDiscount/);
    assert.equal(prompt.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the prompt tab to close', () => !vscode.window.visibleTextEditors.some(e => e.document.uri.scheme === 'codebase-context-prompt'));
    editor = await vscode.window.showTextDocument(editor.document, { preview: false });
  });

  it('Build Context in an unsupported file says so before asking for a budget', async () => {
    const markdown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '# notes\n' }));
    const historyBefore = (await header())?.description;
    // Without the check the command would wait in the budget pick and this test would time out.
    assert.equal(await vscode.commands.executeCommand('codebaseContext.buildContext'), undefined);
    assert.equal((await header())?.description, historyBefore);
    assert.equal(vscode.window.activeTextEditor?.document, markdown.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    editor = await vscode.window.showTextDocument(editor.document, { preview: false });
  });
});
