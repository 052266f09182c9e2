// End-to-end in a real extension host: the extension, the real index and engine, and a real HTTP server
// speaking the OpenAI protocol. Everything asynchronous is polled with a timeout, never slept on.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import type { InspectorNode } from '../../../src/vscode/manifest-tree';
import { KEPT_REASON } from '../../../src/core/pack/reuse';
import { promptAsText } from '../../../src/core/prompt';
import { OpenAITestServer, type RecordedRequest } from '../../servers/openai-server';
import { configure, EXTENSION_ID, uriOf, waitFor } from './helpers';

const CHECKOUT = 'src/orders/checkout.ts';
/** The cursor goes on the indented empty line after this comment. */
const HOLE = "// apply the order's coupon\n  ";
const ANSWER = 'const total = applyDiscount(subtotal, order.couponPercent);';
/** When polling through the editor, how long one inline-suggest trigger gets before the next one replaces it. */
const RETRIGGER_MS = 8_000;

describe('Codebase Context in the extension host', () => {
  const server = new OpenAITestServer();
  let url: string;
  let api: ExtensionApi;
  let editor: vscode.TextEditor;
  let original: string;

  /** Puts the checkout file back to its original text plus `marker` on top (a fresh prefix defeats the completion cache) and the cursor in the hole. */
  async function resetEditor(marker = ''): Promise<vscode.Position> {
    editor = await vscode.window.showTextDocument(editor.document, { preview: false });
    const text = marker ? `// ${marker}\n${original}` : original;
    const doc = editor.document;
    await editor.edit(b => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
    const position = doc.positionAt(text.indexOf(HOLE) + HOLE.length);
    editor.selection = new vscode.Selection(position, position);
    return position;
  }

  /**
   * Triggers inline suggestions through the editor, at most once per RETRIGGER_MS: each trigger cancels the
   * request before it, and a busy host may take seconds to send one. Not awaited: the command resolves only
   * when the provider does, and the test must watch the request meanwhile.
   */
  function retrigger(): () => void {
    let last = 0;
    return () => {
      if (Date.now() - last < RETRIGGER_MS) return;
      last = Date.now();
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    };
  }

  const completionRequests = (since: number): RecordedRequest[] => server.requests.slice(since).filter(r => r.method === 'POST');

  before(async () => {
    ({ url } = await server.start());
    server.respondWith({ text: ANSWER });
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the host`);
    api = await extension.activate();
    await configure({ endpoint: url, model: 'qwen2.5-coder-1.5b', logLevel: 'debug', debounceMs: 30, contextTimeBudgetMs: 10_000, requestTimeoutMs: 5_000 });
    await api.whenIndexed();
    const document = await vscode.workspace.openTextDocument(uriOf(CHECKOUT));
    original = document.getText();
    editor = await vscode.window.showTextDocument(document, { preview: false });
  });

  after(async () => {
    await server.stop();
  });

  it('indexes the workspace in the background', async () => {
    const summary = await api.whenIndexed();
    assert.ok(summary, `indexing failed:\n${api.logLines().join('\n')}`);
    // src/ holds 5 TypeScript files, shop/ 3 Python ones (hosted-servers.test.ts).
    assert.equal(summary.filesIndexed, 8, `indexed ${JSON.stringify(summary)}`);
    assert.ok(summary.definitions >= 6, `only ${summary.definitions} definitions`);
  });

  it('sends the cross-file definition the cursor needs, shows the suggestion and accepts it through the editor', async () => {
    const since = server.requests.length;
    const position = await resetEditor();
    const expected = `  ${ANSWER}`;
    const trigger = retrigger();
    await waitFor('the suggestion to be accepted', async () => {
      trigger();
      // Commit is a no-op until the ghost text shows, so keep committing once the server has answered.
      if (completionRequests(since).some(r => r.outcome === 'finished')) await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return editor.document.lineAt(position.line).text.includes(expected);
    });
    const [request] = completionRequests(since);
    assert.ok(request, 'no completion request reached the server');
    assert.equal(request.path, '/v1/completions');
    assert.match(String(request.body.prompt), /export function applyDiscount\(price: Money, percentOff: number\): Money/);
    assert.match(String(request.body.prompt), /<\|fim_prefix\|>/, 'the Qwen template is chosen from the model name');
    assert.equal(request.body.stream, true);
  });

  it('cancels the in-flight HTTP request when the user types again', async () => {
    server.respondWith({ hang: true });
    try {
      const since = server.requests.length;
      await resetEditor('cancellation');
      const trigger = retrigger();
      const hanging = await waitFor('a pending completion request', async () => {
        const pending = completionRequests(since).find(r => r.outcome === 'pending');
        if (!pending) trigger();
        return pending;
      }, () => `Requests: ${completionRequests(since).map(r => r.outcome).join(', ') || 'none'}. Log:\n${api.logLines().slice(-12).join('\n')}`);
      await vscode.commands.executeCommand('type', { text: 'x' });
      await waitFor('the request to be aborted', () => hanging.outcome === 'client-closed');
      assert.ok(api.logLines().some(l => /Request cancelled after \d+ ms/.test(l)), 'the cancellation is logged');
    } finally {
      server.respondWith({ text: ANSWER });
      // No request may stay hanging into the next tests (its timeout would raise a notification there).
      await resetEditor();
      await waitFor('no hanging request', () => !server.requests.some(r => r.outcome === 'pending'));
    }
  });

  it('prepares the context where the cursor comes to rest, and the first completion there continues it', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf('src/orders/order.ts'));
    const before = api.contextPreparation(document);
    const restEditor = await vscode.window.showTextDocument(document, { preview: false });
    const position = document.lineAt(6).range.end; // `readonly unitPrice: Money;`, Money from ../shared/money
    restEditor.selection = new vscode.Selection(position, position);
    const preparation = await waitFor('a context prepared where the cursor rests', () => api.contextPreparation(document) !== before && api.contextPreparation(document), () => api.logLines().slice(-10).join('\n'));
    assert.equal(await preparation, true, `the engine built nothing there. Log:\n${api.logLines().slice(-10).join('\n')}`);
    assert.ok(await api.complete(document, position), 'a completion');
    const manifest = api.lastContext()?.manifest;
    assert.equal(manifest?.file, 'src/orders/order.ts');
    assert.ok(manifest.items.some(item => item.included && item.path === 'src/shared/money.ts' && item.reasons[0] === KEPT_REASON), JSON.stringify(manifest.items.map(item => [item.path, item.reasons[0]])));
  });

  it('Toggle Inline Completions turns the provider off and on', async () => {
    await vscode.commands.executeCommand('codebaseContext.toggleInlineCompletions');
    try {
      assert.equal(vscode.workspace.getConfiguration('codebaseContext').get('inlineCompletions.enabled'), false);
      const since = server.requests.length;
      assert.equal(await completeAt('toggled off'), undefined);
      assert.equal(completionRequests(since).length, 0, 'a request went out while completions were off');
    } finally {
      await vscode.commands.executeCommand('codebaseContext.toggleInlineCompletions');
    }
    assert.equal(await completeAt('toggled on'), ANSWER);
  });

  describe('with inline completions off, so only Build Context fills the inspector', () => {
    before(() => configure({ 'inlineCompletions.enabled': false }));
    after(() => configure({ 'inlineCompletions.enabled': true }));

    it('fills the inspector with Build Context', async () => {
      await resetEditor();
      const built = await vscode.commands.executeCommand<{ manifest?: { budget: number } }>('codebaseContext.buildContext', 8192);
      assert.equal(built?.manifest?.budget, 8192);
      const roots = (await api.inspectorTree.getChildren()) as InspectorNode[];
      assert.equal(roots[0]?.kind, 'header');
      assert.match((roots[0] as { label: string }).label, /^\S+ \/ 8K tokens$/);
      const included = roots.find(r => r.kind === 'section' && r.included);
      assert.ok(included, 'no Included section');
      const items = await itemsUnder(included);
      const money = items.find(i => i.path === 'src/shared/money.ts');
      assert.ok(money, `money.ts is not among the included items: ${items.map(i => i.path).join(', ')}`);
      assert.ok((await api.inspectorTree.getChildren(money))!.length > 0, 'a file node has its parts as children');
      const treeItem = await api.inspectorTree.getTreeItem(money);
      assert.equal(treeItem.command?.command, 'vscode.open');
      assert.equal(treeItem.contextValue, 'codebaseContext.file');
      assert.match(String(treeItem.tooltip), /•/, 'the file node says why it was chosen');
    });

    it('obeys exclude (from the inspector) and pin (from the explorer) in the next prompt', async () => {
      await resetEditor();
      const roots = (await api.inspectorTree.getChildren()) as InspectorNode[];
      const money = (await itemsUnder(roots.find(r => r.kind === 'section' && r.included)!)).find(i => i.path === 'src/shared/money.ts')!;
      await vscode.commands.executeCommand('codebaseContext.exclude', money);
      try {
        // Marked at once, before any new build: in its own section and on the file node.
        const marked = (await api.inspectorTree.getChildren()) as InspectorNode[];
        const chosen = marked.find(r => r.kind === 'selections');
        assert.ok(chosen && chosen.entries.some(e => e.path === 'src/shared/money.ts' && !e.pinned), 'no exclusion in the Pinned and excluded section');
        const markedMoney = (await itemsUnder(marked.find(r => r.kind === 'section' && r.included)!)).find(i => i.path === 'src/shared/money.ts');
        assert.equal(markedMoney?.excluded, true, 'the excluded file is not marked');
        assert.equal((await api.inspectorTree.getTreeItem(markedMoney)).contextValue, 'codebaseContext.excludedFile', 'the menu does not offer Include Again');
        const excluded = await build();
        assert.ok(!excluded.manifest.items.some(i => i.included && i.path === 'src/shared/money.ts'), 'an excluded file was included');
        assert.doesNotMatch(promptAsText(excluded.prompt), /export function applyDiscount/);
      } finally {
        await vscode.commands.executeCommand('codebaseContext.exclude', money);
      }
      await vscode.commands.executeCommand('codebaseContext.pin', uriOf('src/shared/logging.ts'));
      try {
        const pinned = await build();
        assert.ok(pinned.manifest.items.some(i => i.included && i.path === 'src/shared/logging.ts'), 'a pinned file was left out');
        assert.match(promptAsText(pinned.prompt), /export function logLine/);
      } finally {
        await vscode.commands.executeCommand('codebaseContext.pin', uriOf('src/shared/logging.ts'));
      }
      const restored = await build();
      assert.ok(restored.manifest.items.some(i => i.included && i.path === 'src/shared/money.ts'), 'including the file again did not bring it back');
    });

    it('keeps the index current: a file created on disk, used from an unsaved buffer, then deleted', async () => {
      const tax = uriOf('src/shared/tax.ts');
      fs.writeFileSync(tax.fsPath, 'export function addVat(cents: number, ratePercent: number): number {\n  return Math.round(cents * (1 + ratePercent / 100));\n}\n');
      try {
        await resetEditor();
        const doc = editor.document;
        await editor.edit(b => b.insert(new vscode.Position(0, 0), "import { addVat } from '../shared/tax';\n"));
        const cursor = doc.positionAt(doc.getText().indexOf(HOLE) + HOLE.length);
        await editor.edit(b => b.insert(cursor, 'const gross = addVat(subtotal.cents, 20);\n  '));
        const usesTax = (built: Awaited<ReturnType<typeof build>>) => built.manifest.items.some(i => i.included && i.path === 'src/shared/tax.ts');
        await waitFor('the new file in the context', async () => usesTax(await build()));
        fs.rmSync(tax.fsPath);
        await waitFor('the deleted file to leave the context', async () => !usesTax(await build()));
      } finally {
        fs.rmSync(tax.fsPath, { force: true });
      }
    });
  });

  it('notifies once for a wrong endpoint and once for a 401, and recovers when the endpoint comes back', async () => {
    const before = api.notifications().length;
    await configure({ endpoint: 'http://127.0.0.1:9/v1' });
    for (const attempt of [1, 2, 3]) assert.equal(await completeAt(`unreachable ${attempt}`), undefined);
    assert.equal(api.notifications().length, before + 1, api.notifications().join('\n'));
    assert.match(api.notifications().at(-1)!, /127\.0\.0\.1:9/);

    await configure({ endpoint: url });
    assert.equal(await completeAt('recovered'), ANSWER);

    server.respondWith({ status: 401, message: 'Incorrect API key provided.', code: 'invalid_api_key' });
    for (const attempt of [1, 2, 3]) assert.equal(await completeAt(`unauthorized ${attempt}`), undefined);
    assert.equal(api.notifications().length, before + 2, api.notifications().join('\n'));
    assert.match(api.notifications().at(-1)!, /key/i);

    server.respondWith({ text: ANSWER });
    assert.equal(await completeAt('recovered again'), ANSWER);
  });

  it('sends the key from SecretStorage as the Authorization header and never logs it', async () => {
    const key = `sk-integration-${Date.now().toString(36)}`;
    await vscode.commands.executeCommand('codebaseContext.setApiKey', key);
    try {
      const since = server.requests.length;
      assert.equal(await completeAt('with key'), ANSWER);
      // This completion's own request: the editor's automatic ones from the edits before may still land after `since`.
      const request = completionRequests(since).find(r => String(r.body.prompt).includes('// with key'));
      assert.equal(request?.headers.authorization, `Bearer ${key}`);
      const log = api.logLines().join('\n');
      assert.match(log, /Request to http:\/\/127\.0\.0\.1:\d+\/v1/, 'requests are logged');
      assert.ok(!log.includes(key), 'the key appears in the output channel');
    } finally {
      await vscode.commands.executeCommand('codebaseContext.setApiKey', '');
    }
  });

  async function build(): Promise<{ manifest: NonNullable<NonNullable<ReturnType<ExtensionApi['lastContext']>>['manifest']>; prompt: NonNullable<ReturnType<ExtensionApi['lastContext']>>['prompt'] }> {
    const built = await vscode.commands.executeCommand<ReturnType<ExtensionApi['lastContext']>>('codebaseContext.buildContext', 8192);
    assert.ok(built?.manifest, 'Build Context produced no manifest');
    return { manifest: built.manifest, prompt: built.prompt };
  }

  /** A completion through the extension API at a fresh prefix; the inserted text or undefined. */
  async function completeAt(marker: string): Promise<string | undefined> {
    const position = await resetEditor(marker);
    const items = await api.complete(editor.document, position);
    const text = items?.[0]?.insertText;
    return typeof text === 'string' ? text : text?.value;
  }

  /** The file nodes under a section (section → reason groups → files). */
  async function itemsUnder(section: InspectorNode): Promise<Extract<InspectorNode, { kind: 'file' }>[]> {
    const groups = (await api.inspectorTree.getChildren(section)) as InspectorNode[];
    const nested = await Promise.all(groups.map(g => api.inspectorTree.getChildren(g) as Promise<InspectorNode[]>));
    return nested.flat().filter((n): n is Extract<InspectorNode, { kind: 'file' }> => n.kind === 'file');
  }
});
