import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ContextEngine } from '../../src/core/engine';
import { renderPrompt, type PromptFormat } from '../../src/core/prompt';
import { promptTokens } from '../../src/core/prompt/prompt-tokens';
import { tokenizerFor } from '../../src/core/pack';
import { SHOP } from './pack-fixture';

const FORMATS: readonly PromptFormat[] = ['qwen', 'starcoder', 'deepseek', 'codestral', 'codellama', 'suffix-field', 'chat', 'plain'];

let engine: ContextEngine;
before(async () => {
  engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
});
after(() => engine.dispose());

describe('prompt tokens as the model counts them', () => {
  test('for every format, the rendered prompt (template markers included) stays within a tight budget', async () => {
    const budgetTokens = 300;
    for (const format of FORMATS) {
      const request = { file: 'src/app.ts', position: { line: 10, character: 14 }, budgetTokens, format, repoName: 'shop' };
      const r = await engine.buildContext(request);
      const prompt = renderPrompt({ context: r.context, prefix: r.prefix, suffix: r.suffix, file: 'src/app.ts', language: 'typescript', format, repoName: 'shop' });
      const tokens = promptTokens(prompt, format);
      assert.equal(r.manifest.promptTokens, tokens, format);
      assert.ok(tokens <= budgetTokens, `${format}: ${tokens} > ${budgetTokens}`);
      // Tight: the budget is used, not left mostly empty by an over-cautious reserve.
      assert.ok(tokens > budgetTokens * 0.8, `${format}: only ${tokens} of ${budgetTokens}`);
    }
  });

  test('without a format the budget bounds the packed parts only, and a template would exceed it', async () => {
    const r = await engine.buildContext({ file: 'src/app.ts', position: { line: 10, character: 14 }, budgetTokens: 300 });
    assert.equal(r.manifest.promptTokens, undefined);
    const prompt = renderPrompt({ context: r.context, prefix: r.prefix, suffix: r.suffix, file: 'src/app.ts', language: 'typescript', format: 'codellama' });
    assert.ok(promptTokens(prompt, 'codellama') > 300, 'the case the format option exists for');
  });

  test('a marker is one token; CodeLlama text is counted with Llama 2 vocabulary, other families with o200k and a margin', () => {
    const o200k = (text: string) => tokenizerFor('o200k_base').count(text);
    const code = 'export function clamp(value: number, low: number, high: number): number {';
    // `<PRE> ` + code + ` <SUF>` + ` <MID>`: BOS, 3 markers and a slack token at each of their 3 boundaries.
    const llama = promptTokens({ kind: 'completion', prompt: `<PRE> ${code} <SUF> <MID>`, stop: [] }, 'codellama');
    assert.ok(llama > o200k(code) + 7, `Llama 2's 32K vocabulary splits code finer than o200k (${llama})`);
    assert.equal(promptTokens({ kind: 'completion', prompt: '<|fim_prefix|><|fim_suffix|><|fim_middle|>', stop: [] }, 'qwen'), 3 * 2, 'three markers, a slack token after each');
    assert.equal(promptTokens({ kind: 'completion', prompt: code, stop: [] }, 'plain'), o200k(code));
    assert.equal(promptTokens({ kind: 'completion', prompt: code, stop: [] }, 'deepseek'), 1 + Math.ceil(o200k(code) * 1.6));
  });
});
