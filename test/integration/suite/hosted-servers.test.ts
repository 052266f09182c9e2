// Language servers the extension hosts from `codebaseContext.languageServers`: a configured pyright (this
// host has no Python extension) answers VS Code's provider commands and its facts reach the manifest; a
// configured TypeScript server is not started, because the built-in TypeScript extension serves TypeScript.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import { buildContextWithFacts, configure, EXTENSION_ID, poll, typeAfter, uriOf } from './helpers';

const CHECKOUT = 'shop/checkout.py';
const HOLE = '# apply the coupon\n    ';
/** An argument hole: apply_discount's first parameter is a `Money`, declared in shop/money.py. */
const TYPED = 'discounted = apply_discount(';
const TYPESCRIPT_FILE = 'src/shared/money.ts';
/** pyright starts and analyses in code-server's extension host: poll this long. */
const SERVER_READY_MS = 90_000;

describe('language servers hosted from the settings', function () {
  this.timeout(3 * SERVER_READY_MS);
  let api: ExtensionApi;

  before(async function () {
    if (vscode.extensions.all.some(e => (e.packageJSON as { activationEvents?: string[] }).activationEvents?.includes('onLanguage:python'))) {
      console.log('An extension in this host serves Python: the hosted-server test is skipped.');
      this.skip();
    }
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
    api = await extension.activate();
    await configure({
      languageFactsBudgetMs: 10_000,
      contextTimeBudgetMs: 30_000,
      languageServers: {
        python: { command: process.execPath, args: [path.join(extension.extensionPath, 'node_modules', 'pyright', 'langserver.index.js'), '--stdio'] },
        typescript: { command: process.execPath, args: ['--version'] },
      },
    });
    await api.whenIndexed();
  });

  after(async () => {
    await configure({ languageFactsBudgetMs: undefined, contextTimeBudgetMs: undefined, languageServers: undefined });
    for (const file of [CHECKOUT, TYPESCRIPT_FILE]) {
      await vscode.window.showTextDocument(uriOf(file), { preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('a configured pyright answers the provider commands, and its expected type is a reason in the manifest', async () => {
    const { document, at } = await typeAfter(CHECKOUT, HOLE, TYPED);
    const hover = await poll(
      'the hosted pyright to answer a hover',
      SERVER_READY_MS,
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + TYPED.indexOf('apply_discount') + 1));
        return hovers.length > 0 ? hovers : undefined;
      },
      () => `Log:\n${api.logLines().slice(-12).join('\n')}`,
    );
    assert.match(hover.flatMap(h => h.contents.map(c => (c instanceof vscode.MarkdownString ? c.value : String(c)))).join('\n'), /price: Money/);
    assert.ok(api.logLines().some(line => line.includes('Started the python server') && line.includes('codebaseContext.languageServers')), api.logLines().slice(-12).join('\n'));

    const manifest = await buildContextWithFacts(api);
    assert.match(manifest.facts!.expectedType ?? '', /Money/, JSON.stringify(manifest.facts));
    const money = manifest.items.find(i => i.path === 'shop/money.py' && i.reasons.some(r => r.startsWith('expected type `Money` of parameter')));
    assert.ok(money, `reasons: ${manifest.items.flatMap(i => i.reasons).join(' | ')}`);
  });

  it('a configured server for a language another extension serves is not started, and the log says which extension', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(TYPESCRIPT_FILE)), { preview: false });
    const line = await poll(
      'the log line on the TypeScript server',
      SERVER_READY_MS,
      async () => api.logLines().find(l => l.includes('Not starting the configured typescript server')),
      () => `Log:\n${api.logLines().slice(-12).join('\n')}`,
    );
    assert.match(line, /vscode\.typescript-language-features\)? already serves typescript/);
  });
});
