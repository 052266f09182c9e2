// fitPrompt keeps the template's token count from one request to the next, and counts again when the
// template changes (another file, another repository name): a stale count would make the first packing
// miss the budget and pack again. Real templates, real token counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPrompt, type PromptParts } from '../../src/core/prompt/fit-prompt';
import { promptTokens } from '../../src/core/prompt/prompt-tokens';
import { renderPrompt } from '../../src/core/prompt/templates';

const BUDGET = 1000;
const SHORT_NAME = 'shop';
/** A repository name that takes most of the budget, so the template's count decides whether a packing fits. */
const LONG_NAME = Array.from({ length: 300 }, (_, i) => `part${i}`).join('-');

function render(repoName: string) {
  return (parts: PromptParts) => renderPrompt({ ...parts, file: 'src/cart.ts', language: 'typescript', format: 'qwen', repoName });
}

/** Packs half of what it is given (one token a word), and counts how often it is asked. */
function fit(repoName: string): { packings: number; tokens: number } {
  let packings = 0;
  const pack = (target: number) => {
    packings++;
    const words = Math.floor(target / 2);
    return { context: '', prefix: ' word'.repeat(words), suffix: '', usedTokens: words };
  };
  const { tokens } = fitPrompt(BUDGET, 'qwen', pack, render(repoName));
  return { packings, tokens };
}

test('the template is counted again when it changes: each first packing fits the budget', () => {
  const long = promptTokens(render(LONG_NAME)({ context: '', prefix: '', suffix: '' }), 'qwen');
  const short = promptTokens(render(SHORT_NAME)({ context: '', prefix: '', suffix: '' }), 'qwen');
  // With the short template's count, half of the packing budget left would not fit beside the long one.
  assert.ok(long + (BUDGET - short) / 2 > BUDGET, `templates of ${short} and ${long} tokens`);
  for (const name of [SHORT_NAME, SHORT_NAME, LONG_NAME, LONG_NAME, SHORT_NAME]) {
    const { packings, tokens } = fit(name);
    assert.equal(packings, 1, `${name.slice(0, 12)}: packed ${packings} times`);
    assert.ok(tokens <= BUDGET, `${tokens} tokens`);
  }
});
