// The monitor on Python, against the real pyright server on test/fixtures/monitor-py/ and the real
// OpenAI-protocol HTTP server: a valid member passes, an invented one (`addItem` for `add_item`) is repaired.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadlessLanguageFacts } from '../../src/core/facts';
import { ModelClient } from '../../src/core/model';
import { completeMonitored } from '../../src/core/monitor';
import { renderPrompt } from '../../src/core/prompt';
import { OpenAITestServer } from '../servers/openai-server';
import { scriptedModel } from '../servers/scripted-model';

const root = path.join(__dirname, '..', 'fixtures', 'monitor-py');
const FILE = 'checkout.py';
const source = fs.readFileSync(path.join(root, FILE), 'utf8');
/** The completion replaces `0 # cursor` on its line. */
const CURSOR = '0 # cursor';
const document = { path: FILE, language: 'python' as const, prefix: source.slice(0, source.indexOf(CURSOR)), suffix: source.slice(source.indexOf(CURSOR) + CURSOR.length) };

describe('monitor-guided completions in Python (pyright)', () => {
  const server = new OpenAITestServer();
  let url = '';
  let facts: HeadlessLanguageFacts;
  before(async () => {
    ({ url } = await server.start());
    facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: 20_000 });
    await facts.warmUp({ path: FILE, text: document.prefix + document.suffix });
  });
  after(async () => {
    await facts.dispose();
    await server.stop();
  });

  const monitor = async (intended: string) => {
    const prompt = renderPrompt({ context: '', prefix: document.prefix, suffix: document.suffix, file: FILE, language: 'python', format: 'qwen' });
    server.respondWith(scriptedModel(intended, prompt.kind === 'completion' ? prompt.prompt : ''));
    const model = new ModelClient({ baseUrl: url, model: 'test-model', maxTokens: 64, temperature: 0, timeoutMs: 20_000 });
    return completeMonitored({ model, prompt, document, facts, settings: { backend: 'openai', triggerBudgetMs: 10_000 }, signal: new AbortController().signal });
  };

  test('a valid member passes untouched', async () => {
    const result = await monitor('cart.total_count() + len(cart.items)');
    assert.equal(result.text, 'cart.total_count() + len(cart.items)');
    assert.deepEqual(result.changes, []);
    assert.equal(result.checkMs.length, 2);
  });

  test('an invented member is repaired to the member it meant', async () => {
    const result = await monitor('cart.totalCount()');
    assert.equal(result.text, 'cart.total_count()');
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0]!.to, 'total_count');
    assert.ok('totalCount'.startsWith(result.changes[0]!.from) && result.changes[0]!.from.startsWith('totalC'), result.changes[0]!.from);
  });
});
