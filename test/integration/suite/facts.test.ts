// Language facts in the editor: the built-in TypeScript extension answers VS Code's provider commands, the
// extension host gathers the facts and sends them with the request, and the manifest shows them as reasons.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import { buildContextWithFacts, configure, EXTENSION_ID, poll, typeAfter } from './helpers';

const CHECKOUT = 'src/orders/checkout.ts';
const HOLE = "// apply the order's coupon\n  ";
/** An argument hole: applyDiscount's first parameter is a `Money`, declared in src/shared/money.ts. */
const TYPED = 'const discounted = applyDiscount(';
/** The TypeScript extension starts its server lazily and code-server is slow to: poll this long. */
const TYPESCRIPT_READY_MS = 120_000;

describe('language facts from the editor', function () {
  this.timeout(TYPESCRIPT_READY_MS + 60_000);
  let api: ExtensionApi;

  before(async function () {
    if (!vscode.extensions.getExtension('vscode.typescript-language-features')) {
      console.log('The built-in TypeScript extension is not in this host: the editor facts test is skipped.');
      this.skip();
    }
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    await configure({ languageFactsBudgetMs: 10_000, contextTimeBudgetMs: 30_000 });
    await api.whenIndexed();
  });

  after(async () => {
    await configure({ languageFactsBudgetMs: undefined, contextTimeBudgetMs: undefined });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the expected type from the TypeScript extension is a reason in the manifest', async () => {
    const { document, at } = await typeAfter(CHECKOUT, HOLE, TYPED);
    await poll('the TypeScript extension to answer a hover', TYPESCRIPT_READY_MS, async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + TYPED.indexOf('applyDiscount') + 1));
      return hovers.length > 0 ? true : undefined;
    });
    const manifest = await buildContextWithFacts(api);
    assert.match(manifest.facts!.expectedType ?? '', /Money/, JSON.stringify(manifest.facts));
    assert.equal(typeof manifest.timingsMs.facts, 'number');
    const money = manifest.items.find(i => i.path === 'src/shared/money.ts' && i.reasons.some(r => r.startsWith('expected type `Money` of parameter')));
    assert.ok(money, `reasons: ${manifest.items.flatMap(i => i.reasons).join(' | ')}`);
  });
});
