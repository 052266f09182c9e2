// The monitor on Python, against the real pyright server on test/fixtures/monitor-py/ and the real
// OpenAI-protocol HTTP server: a valid member passes, an invented one (`totalCount` for `total_count`) is repaired.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ScriptedModelOptions } from '../servers/scripted-model';
import { MonitorHarness, fixtureDocument } from './monitor-harness';

const root = path.join(__dirname, '..', 'fixtures', 'monitor-py');
/** The completion replaces `0 # cursor` on its line. */
const document = fixtureDocument(root, 'checkout.py', '0 # cursor', 'python');
/** The completion opens a call that the suffix's next line closes. */
const openCall = fixtureDocument(root, 'open_call.py', '0 # cursor', 'python');

describe('monitor-guided completions in Python (pyright)', () => {
  const harness = new MonitorHarness(root, document);
  before(() => harness.start());
  after(() => harness.stop());

  const monitor = async (intended: string, stream?: ScriptedModelOptions) => (await harness.monitor(intended, { settings: { backend: 'openai', triggerBudgetMs: 10_000 }, ...(stream ? { stream } : {}) })).result;

  test('a valid member passes untouched', async () => {
    const result = await monitor('cart.total_count() + len(cart.items)');
    assert.equal(result.text, 'cart.total_count() + len(cart.items)');
    assert.deepEqual(result.changes, []);
    assert.equal(result.checkMs.length, 2);
  });

  test('a class with __getattr__ takes any name: its members are no limit', async () => {
    const result = await monitor('len(settings.theme) + cart.total_count()');
    assert.equal(result.text, 'len(settings.theme) + cart.total_count()');
    assert.deepEqual(result.changes, []);
    assert.equal(result.checkMs.length, 2, 'both accesses were checked');
  });

  test('accesses asked on a text that ends in a bare dot are each answered for their own receiver', async () => {
    // The first chunk ends at `cart.`: both accesses share one shadow edit of that text.
    const line = 'len(settings.theme) + cart.total_count()';
    const result = await monitor(line, { chunkChars: 'len(settings.theme) + cart.'.length, chunkDelayMs: 300 });
    assert.equal(result.text, line);
    assert.deepEqual(result.changes, []);
    assert.equal(result.checkMs.length, 2);
  });

  test('a member written in a call left open across a line break is left alone', async () => {
    // The shadow at `cart.` is `get(cart.` followed by the suffix's next line `settings.theme)`: inside the
    // open call pyright reads `cart.settings` and offers every name in scope (keywords among them) instead of
    // Cart's members. That list is no member list: the access is checked with no opinion, never repaired.
    const line = 'settings.values.get(cart.items[0],';
    const result = (await harness.monitor(line, { document: openCall, settings: { backend: 'openai', triggerBudgetMs: 10_000 } })).result;
    assert.equal(result.text, line);
    assert.deepEqual(result.changes, []);
    assert.equal(result.checkMs.length, 3, 'values, get and items were checked');
  });

  test('an invented member is repaired to the member it meant', async () => {
    const result = await monitor('cart.totalCount()');
    assert.equal(result.text, 'cart.total_count()');
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0]!.to, 'total_count');
    assert.ok('totalCount'.startsWith(result.changes[0]!.from) && result.changes[0]!.from.startsWith('totalC'), result.changes[0]!.from);
  });
});
