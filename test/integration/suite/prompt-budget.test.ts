// The budget the user sets bounds the prompt the model receives, template and all (issue #8): the editor names
// its prompt format in the request, the engine fits the rendered prompt, and the family's tokenizer agrees.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { promptTokens } from '../../../src/core/prompt/prompt-tokens';
import type { PromptFormat } from '../../../src/core/types';
import type { ExtensionApi } from '../../../src/vscode/extension-api';
import { configure, EXTENSION_ID, uriOf } from './helpers';

const CHECKOUT = 'src/orders/checkout.ts';
/** Llama 2's vocabulary (CodeLlama) counts this code longest, Qwen's template carries a repository header. */
const FORMATS: readonly PromptFormat[] = ['qwen', 'codellama', 'deepseek'];
/** Below the fixture workspace's size (about 450 tokens): the packer has to leave material out. */
const BUDGETS = [160, 320];

describe('the prompt stays within the budget, template included', function () {
  // Build Context waits for the whole ranking; after the main-thread suite's 1500 files came and went, its
  // first run brings the ranking state up to date (50+ s on a loaded machine here).
  this.timeout(180_000);

  before(async () => {
    const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    await api.whenIndexed();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(CHECKOUT)), { preview: false });
    const middle = editor.document.positionAt(Math.floor(editor.document.getText().length / 2));
    editor.selection = new vscode.Selection(middle, middle);
  });

  after(() => configure({ promptFormat: undefined }));

  for (const format of FORMATS) {
    it(`${format}: Build Context's rendered prompt counts at most the budget and fills most of it`, async () => {
      await configure({ promptFormat: format });
      for (const budget of BUDGETS) {
        const built = await vscode.commands.executeCommand<ReturnType<ExtensionApi['lastContext']>>('codebaseContext.buildContext', budget);
        assert.ok(built?.manifest, 'Build Context produced no manifest');
        const tokens = promptTokens(built.prompt, format);
        console.log(`${format} budget ${budget}: rendered prompt ${tokens} tokens (engine: ${built.manifest.promptTokens})`);
        assert.ok(tokens <= budget, `${format}: ${tokens} tokens for a budget of ${budget}`);
        assert.equal(built.manifest.promptTokens, tokens, 'the engine fitted the very prompt the editor sends');
        assert.ok(tokens >= 0.6 * budget, `${format}: only ${tokens} of ${budget} tokens used`);
      }
    });
  }
});
