// The facts stage against the real pyright language server on test/fixtures/facts-py/. pyright is slow to
// start (~3 s to its first diagnostics here), so one server serves the whole file.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadlessLanguageFacts, gatherFacts, type CursorFact, type GatheredFacts } from '../../src/core/facts';
import type { Position } from '../../src/core/types';

const root = path.join(__dirname, '..', 'fixtures', 'facts-py');
const HOLES = 'shop/holes.py';
const holesText = fs.readFileSync(path.join(root, HOLES), 'utf8');
const BUDGET_MS = 20_000;

/** The position just after `fragment`. */
function cursorAfter(text: string, fragment: string): Position {
  assert.ok(text.includes(fragment), `${fragment} is in the fixture`);
  const lines = text.slice(0, text.indexOf(fragment) + fragment.length).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

function line(file: string, fragment: string): number {
  return cursorAfter(fs.readFileSync(path.join(root, file), 'utf8'), fragment).line;
}

function summary(facts: readonly CursorFact[]): string[] {
  return facts.map(f => `${f.kind} ${f.name} ${f.location.path}:${f.location.range.start.line} depth ${f.depth}`);
}

describe('facts from pyright', () => {
  let facts: HeadlessLanguageFacts;
  let coldStart: GatheredFacts;
  const gather = (fragment: string, extra: Partial<Parameters<typeof gatherFacts>[1]> = {}): Promise<GatheredFacts> =>
    gatherFacts(facts, { file: HOLES, text: holesText, position: cursorAfter(holesText, fragment), root, budgetMs: BUDGET_MS, ...extra });

  before(async () => {
    facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: 20_000 });
    // The first gathering starts the server, which takes far longer than the budget.
    coldStart = await gather('ship(order, ', { budgetMs: 100 });
    await facts.warmUp({ path: HOLES });
  });
  after(async () => {
    const pid = facts.status()[0]?.pid;
    await facts.dispose();
    if (pid !== undefined) assert.throws(() => process.kill(pid, 0), /ESRCH/, 'pyright is gone after dispose');
  });

  test('a server still starting: gathering returns at the budget with what is missing, and the start goes on', () => {
    assert.equal(coldStart.complete, false);
    assert.deepEqual(coldStart.facts, []);
    assert.ok(coldStart.elapsedMs < 3000, `returned after ${coldStart.elapsedMs} ms`);
    assert.ok(coldStart.missing.some(m => m.why === 'no answer within the 100 ms budget'), JSON.stringify(coldStart.missing));
    const status = facts.status()[0]!;
    assert.equal(status.state, 'running');
    assert.ok(status.readyMs !== undefined && status.readyMs >= status.initializedMs!);
  });

  test('definitions are exact', async () => {
    const cursor = cursorAfter(holesText, 'ship(order, ');
    const result = await gather('ship(order, ', { identifiers: [{ name: 'place_order', line: cursor.line - 1 }] });
    const definition = result.facts.find(f => f.kind === 'definition' && f.name === 'place_order');
    assert.equal(definition?.location.path, 'shop/billing.py');
    assert.deepEqual(definition?.location.range.start, { line: line('shop/billing.py', 'def place_order'), character: 4 });
  });

  test('argument hole: the active parameter and its class', async () => {
    const result = await gather('ship(order, ');
    assert.deepEqual(result.expectedType, { hole: 'argument', typeText: 'Address', of: 'parameter `to` of `ship`' });
    assert.deepEqual(summary(result.facts), [`expected-type Address shop/models.py:${line('shop/models.py', 'class Address')} depth 1`]);
    assert.equal(result.facts[0]!.reason, 'expected type `Address` of parameter `to` of `ship`');
    assert.equal(result.complete, true, JSON.stringify(result.missing));
  });

  test('member hole: the type of the object before the dot, and the classes it names', async () => {
    const result = await gather('order.customer.');
    assert.deepEqual(result.expectedType, { hole: 'member', typeText: 'Customer', of: "`customer`, the object before the cursor's `.`" });
    assert.deepEqual(summary(result.facts), [
      `expected-type Customer shop/models.py:${line('shop/models.py', 'class Customer')} depth 1`,
      `type-definition Address shop/models.py:${line('shop/models.py', 'class Address')} depth 2`,
    ]);
  });

  test('a local binding near the cursor gives its type', async () => {
    const cursor = cursorAfter(holesText, 'ship(order, ');
    const result = await gather('ship(order, ', { identifiers: [{ name: 'customer', line: cursor.line - 2 }] });
    const binding = result.facts.find(f => f.kind === 'binding-type');
    assert.equal(binding?.typeText, 'Customer');
    assert.equal(binding?.reason, '`customer: Customer`, used 2 lines above the cursor');
  });

  test('a shadow edit is reverted: the answer after it sees the real text', async () => {
    const orderAt = cursorAfter(holesText, 'def city_of(or');
    const shadowText = holesText.replace('def city_of(order: Order)', 'def city_of(order: Customer)');
    const inShadow = await facts.withShadowText({ path: HOLES }, shadowText, async shadow => (await shadow.hover(orderAt))?.text);
    assert.equal(inShadow, '(parameter) order: Customer');
    assert.equal((await facts.hover({ path: HOLES }, orderAt))?.text, '(parameter) order: Order');
  });

  test('diagnostics are the ones pyright published for the buffer', async () => {
    const diagnostics = await facts.diagnostics({ path: HOLES });
    assert.ok(diagnostics.some(d => d.severity === 'error' && d.range.start.line === cursorAfter(holesText, 'order.customer.').line), JSON.stringify(diagnostics));
  });
});
