import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import o200kBase = require('gpt-tokenizer/cjs/encoding/o200k_base');
import { ContextEngine } from '../../src/core/engine';
import { renderPrompt, type CompletionPrompt, type PromptFormat } from '../../src/core/prompt';
import { promptTokens } from '../../src/core/prompt/prompt-tokens';
import { tokenizerFor } from '../../src/core/pack';
import { SHOP } from './pack-fixture';

const ORDERS = path.join(SHOP, 'src', 'orders');

interface LlamaTokenizer {
  readonly vocabById: readonly string[];
  encode(text: string, bos: boolean, space: boolean): number[];
}

const llama = (require('llama-tokenizer-js') as { default: LlamaTokenizer }).default;

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

  test('o200k and Llama counts, taken from cached lines, are those of the whole text', () => {
    const o200k = (text: string) => tokenizerFor('o200k_base').count(text);
    const sources = [path.join(__dirname, '..', '..', 'src', 'core', 'prompt'), ORDERS].flatMap(dir => fs.readdirSync(dir).map(name => fs.readFileSync(path.join(dir, name), 'utf8')));
    // Cut mid-line and mid-word, in CRLF, around blank lines, comments at column 0 and characters the pre-split treats apart.
    const texts = sources.flatMap(text => [text, text.slice(0, text.length / 3), text.slice(text.length / 3), text.replace(/\n/g, '\r\n'), `\n\n${text}\n\n`]);
    texts.push('', '\n', '\r\n', '// a\n/b\n  /c\n\n\t\n}\n', "x\n's\n123\n\u00a0y\n\u3000\né\n<|endoftext|>");
    // Why Llama's count splits at newlines: no piece holds one, so no merge crosses one.
    assert.equal(llama.vocabById.filter(piece => piece.includes('\n')).length, 0);
    for (const text of texts) {
      const prompt: CompletionPrompt = { kind: 'completion', prompt: text, stop: [] };
      assert.equal(promptTokens(prompt, 'plain'), o200k(text), JSON.stringify(text.slice(0, 80)));
      // templates.ts spells CodeLlama's markers, which the count rightly splits on.
      if (!/<(PRE|SUF|MID)>/.test(text)) assert.equal(promptTokens(prompt, 'codellama'), 1 + llama.encode(text, false, false).length, `codellama ${JSON.stringify(text.slice(0, 80))}`);
    }
  });

  test('once a prompt is counted, the next keystroke\'s prompt tokenizes only its changed line', () => {
    // Fixture code only: the prompt sources spell the markers, which the count would rightly split on.
    const files = fs.readdirSync(ORDERS).map(name => fs.readFileSync(path.join(ORDERS, name), 'utf8'));
    type Patchable = Record<string, (text: string, ...rest: unknown[]) => unknown>;
    const cases: readonly [PromptFormat, Patchable, string][] = [
      ['qwen', o200kBase as unknown as Patchable, 'countTokens'],
      ['codellama', llama as unknown as Patchable, 'encode'],
    ];
    for (const [format, tokenizer, method] of cases) {
      const render = (prefix: string) => renderPrompt({ context: files.join('\n'), prefix, suffix: files[0], file: 'src/app.ts', language: 'typescript', format, repoName: 'shop' });
      promptTokens(render(files[0]), format);
      const typed = render(`${files[0]}\n  const typedJustNow = total * 2;`);
      const counted: string[] = [];
      const original = tokenizer[method];
      tokenizer[method] = (text, ...rest) => (counted.push(text), original.call(tokenizer, text, ...rest));
      try {
        promptTokens(typed, format);
      } finally {
        tokenizer[method] = original;
      }
      assert.ok(counted.length <= 4 && counted.every(text => text.length < 200), `${format} counted again, in characters: ${counted.map(text => text.length).join(', ')}`);
      assert.ok(typed.kind === 'completion' && typed.prompt.length > 5_000, 'a prompt much longer than what was counted');
    }
  });
});
