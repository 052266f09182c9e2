// The facts stage against the real pyright language server on a copy of test/fixtures/facts-py/. pyright is
// slow to start (~3 s to its first diagnostics here), so one server serves the whole file; at the end it must
// be gone (facts-fixture.ts).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gatherFacts, type FactsQuery, type GatheredFacts, type HeadlessLanguageFacts } from '../../src/core/facts';
import { FactsFixture, countingProvider, endOf, gatheredCounting, positionOf, summary } from './facts-fixture';
import { cursorFacts, openFixture } from './rank-helpers';
import { positionAt } from '../../src/core/facts/text-positions';

const fixture = FactsFixture.copy('facts-py');
const root = fixture.root;
const HOLES = 'shop/holes.py';
const holesText = fixture.text(HOLES);
const BUDGET_MS = 20_000;

describe('facts from pyright', () => {
  let facts: HeadlessLanguageFacts;
  let coldStart: GatheredFacts;
  const gather = (fragment: string, extra: Partial<Parameters<typeof gatherFacts>[1]> = {}): Promise<GatheredFacts> =>
    gatherFacts(facts, { file: HOLES, text: holesText, position: positionOf(holesText, fragment, 'after'), root, budgetMs: BUDGET_MS, ...extra });

  before(async () => {
    facts = fixture.facts({ defaultBudgetMs: 20_000 });
    // The first gathering starts the server, which takes far longer than the budget.
    coldStart = await gather('ship(order, ', { budgetMs: 100 });
    await facts.warmUp({ path: HOLES });
  });
  after(() => fixture.close());

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
    const cursor = positionOf(holesText, 'ship(order, ', 'after');
    const result = await gather('ship(order, ', { identifiers: [{ name: 'place_order', line: cursor.line - 1 }] });
    const definition = result.facts.find(f => f.kind === 'definition' && f.name === 'place_order');
    assert.equal(definition?.location.path, 'shop/billing.py');
    assert.deepEqual(definition?.location.range.start, { line: fixture.line('shop/billing.py', 'def place_order'), character: 4 });
  });

  test('argument hole: the active parameter and its class', async () => {
    const result = await gather('ship(order, ');
    assert.deepEqual(result.expectedType, { hole: 'argument', typeText: 'Address', of: 'parameter `to` of `ship`' });
    assert.deepEqual(summary(result.facts), [`expected-type Address shop/models.py:${fixture.line('shop/models.py', 'class Address')} depth 1`]);
    assert.equal(result.facts[0]!.reason, 'expected type `Address` of parameter `to` of `ship`');
    assert.equal(result.complete, true, JSON.stringify(result.missing));
  });

  test('member hole: the type of the object before the dot, and the classes it names', async () => {
    const result = await gather('order.customer.');
    assert.deepEqual(result.expectedType, { hole: 'member', typeText: 'Customer', of: "`customer`, the object before the cursor's `.`" });
    assert.deepEqual(summary(result.facts), [
      `expected-type Customer shop/models.py:${fixture.line('shop/models.py', 'class Customer')} depth 1`,
      `type-definition Address shop/models.py:${fixture.line('shop/models.py', 'class Address')} depth 2`,
    ]);
  });

  test("an inferred type's class is found in the index's declarations, not by a workspace symbol that holds pyright's queue", async () => {
    // `Order` is the inferred type of `order`: not written in this buffer, so no definition request can find it.
    const text = ['from .billing import place_order', '', '', 'def total_of(customer):', '    order = place_order(customer, 10.0)', '    return order.', ''].join('\n');
    const query = { file: 'shop/scratch.py', text, position: endOf(text.trimEnd()), root, budgetMs: BUDGET_MS };
    const index = await openFixture('facts-py');
    try {
      const gathered = (fromIndex: Pick<FactsQuery, 'declarationsIn' | 'declarationsNamed'> = {}) => gatheredCounting(facts, { ...query, ...fromIndex });
      const asked = await gathered();
      const indexed = await gathered({ declarationsIn: file => index.file(file)?.definitions, declarationsNamed: name => index.symbols.definitionsOf(name) });
      assert.equal(asked.expected?.typeText, 'Order');
      assert.equal(asked.counts.workspaceSymbols, 1);
      assert.deepEqual(asked.facts, [
        `expected-type Order shop/models.py:${fixture.line('shop/models.py', 'class Order')} depth 1`,
        `type-definition Customer shop/models.py:${fixture.line('shop/models.py', 'class Customer')} depth 2`,
      ]);
      assert.deepEqual(indexed.facts, asked.facts, 'the same facts');
      assert.equal(indexed.counts.workspaceSymbols ?? 0, 0);
    } finally {
      await index.dispose();
    }
  });

  test("a member of `self` is found in its class's bases through the index, not by a definition request; another receiver's member is asked", async () => {
    const file = 'shop/greeter.py';
    const text = ['from .models import Customer', '', '', 'class Greeter(Customer):', '    def greet(self, other: Customer) -> str:', '        first = self.label() + self.name', '        city = other.address', '        return ', ''].join('\n');
    const index = await openFixture('facts-py');
    try {
      const cursor = await cursorFacts(index, file, { text, position: endOf(text.trimEnd()) });
      const query: FactsQuery = { file, text, position: cursor.position, root, budgetMs: BUDGET_MS, identifiers: cursor.identifiers, localDefinitions: cursor.localDefinitions };
      const fromIndex = { declarationsIn: (path: string) => index.file(path)?.definitions, declarationsNamed: (name: string) => index.symbols.definitionsOf(name) };
      const gathered = async (extra: Partial<FactsQuery>) => {
        const asked: string[] = [];
        const result = await gatherFacts(countingProvider(facts, {}, asked), { ...query, ...extra });
        assert.equal(result.complete, true, JSON.stringify(result.missing));
        return { asked, facts: result.facts.map(f => `${summary([f])[0]} (${f.reason})`).sort() };
      };
      const server = await gathered({});
      const indexed = await gathered(fromIndex);
      const models = (fragment: string) => `shop/models.py:${fixture.line('shop/models.py', fragment)}`;
      const expected = [
        `definition label ${models('def label')} depth 0 (defines \`label\`, used 2 lines above the cursor)`,
        `definition name ${models('    name: str')} depth 0 (defines \`name\`, used 2 lines above the cursor)`,
        `definition address ${models('    address: Address')} depth 0 (defines \`address\`, used 1 line above the cursor)`,
      ];
      assert.deepEqual(expected.filter(fact => !server.facts.includes(fact)), [], `pyright finds them:\n${server.facts.join('\n')}`);
      assert.deepEqual(indexed.facts, server.facts, 'the same facts');
      // 1-based, as countingProvider writes them.
      const memberAt = (line: number, name: string) => `definition ${line + 1}:${text.split('\n')[line]!.indexOf(name) + 1}`;
      const ownMembers = [memberAt(5, 'label'), memberAt(5, 'name')];
      const otherMember = memberAt(6, 'address');
      assert.deepEqual([...ownMembers, otherMember].filter(question => !server.asked.includes(question)), [], server.asked.join(' | '));
      assert.deepEqual(ownMembers.filter(question => indexed.asked.includes(question)), [], indexed.asked.join(' | '));
      assert.ok(indexed.asked.includes(otherMember), indexed.asked.join(' | '));
    } finally {
      await index.dispose();
    }
  });

  test('after an edit, pyright answers the questions in the order they were asked: the one that brought the edit first', async () => {
    // pyright answers one question at a time, in arrival order: the order of the answers is the order on the wire.
    const edited = { path: HOLES, text: `${holesText}\n# edited\n` };
    const names = ['customer =', 'order =', 'place_order(customer', 'ship(order', 'address)'].map(fragment => positionOf(holesText, fragment));
    const answered: number[] = [];
    try {
      await Promise.all(names.map((at, i) => facts.hover(edited, at).then(() => answered.push(i))));
    } finally {
      await facts.warmUp({ path: HOLES, text: holesText });
    }
    assert.deepEqual(answered, [0, 1, 2, 3, 4]);
  });

  test("a gathering's first questions are the definitions of the names that are not members, before any that needs a type", async () => {
    // After an edit pyright evaluates types anew for the first question that needs one (161 ms median on jedi),
    // and the questions behind it wait; a plain name's definition needs only the edited file's parse and binding.
    const cursor = positionOf(holesText, 'ship(order, ', 'after');
    const identifiers = [
      { name: 'customer', line: cursor.line - 1, kind: 'identifier' },
      { name: 'place_order', line: cursor.line - 1, distance: 1 },
      { name: 'address', line: cursor.line - 2, kind: 'member', receiver: 'customer' },
    ];
    const asked: string[] = [];
    const result = await gatherFacts(countingProvider(facts, {}, asked), { file: HOLES, text: `${holesText}\n`, position: cursor, root, budgetMs: BUDGET_MS, identifiers });
    assert.equal(result.complete, true, JSON.stringify(result.missing));
    // 1-based: `customer` and `place_order` on the line above the cursor, then the hole's own question.
    const above = cursor.line;
    assert.deepEqual(asked.slice(0, 3), [`definition ${above}:25`, `definition ${above}:13`, `signatureHelp ${cursor.line + 1}:${cursor.character + 1}`], asked.join('\n'));
    // A member's definition needs its receiver's type: it comes later.
    assert.ok(asked.indexOf(`definition ${above - 1}:31`) > 2, asked.join('\n'));
  });

  test('a local binding near the cursor gives its type', async () => {
    const cursor = positionOf(holesText, 'ship(order, ', 'after');
    const result = await gather('ship(order, ', { identifiers: [{ name: 'customer', line: cursor.line - 2 }] });
    const binding = result.facts.find(f => f.kind === 'binding-type');
    assert.equal(binding?.typeText, 'Customer');
    assert.equal(binding?.reason, '`customer: Customer`, used 2 lines above the cursor');
  });

  test('a shadow edit is reverted: the answer after it sees the real text', async () => {
    const orderAt = positionOf(holesText, 'def city_of(or', 'after');
    const shadowText = holesText.replace('def city_of(order: Order)', 'def city_of(order: Customer)');
    const inShadow = await facts.withShadowText({ path: HOLES }, shadowText, async shadow => (await shadow.hover(orderAt))?.text);
    assert.equal(inShadow, '(parameter) order: Customer');
    assert.equal((await facts.hover({ path: HOLES }, orderAt))?.text, '(parameter) order: Order');
  });

  test('pyright checks only when asked: it registered pull diagnostics, and they are the text asked about', async () => {
    assert.equal(facts.status()[0]!.readyBy, 'pull diagnostics registered');
    const edit = (name: string) => `${holesText}\nprint(${name})\n`;
    const editLine = edit('x').split('\n').length - 2;
    const mentions = (diagnostics: readonly { message: string; range: { start: { line: number } } }[], name: string) =>
      diagnostics.some(d => d.range.start.line === editLine && d.message.includes(name));
    try {
      await facts.warmUp({ path: HOLES, text: edit('undefined_in_warm_up') });
      const afterWarmUp = await facts.diagnostics({ path: HOLES, text: edit('undefined_in_warm_up') });
      assert.ok(mentions(afterWarmUp, 'undefined_in_warm_up'), JSON.stringify(afterWarmUp));
      const asked = await facts.diagnostics({ path: HOLES, text: edit('undefined_when_asked') });
      assert.ok(mentions(asked, 'undefined_when_asked') && !mentions(asked, 'undefined_in_warm_up'), JSON.stringify(asked));
    } finally {
      await facts.warmUp({ path: HOLES, text: holesText });
    }
    const diagnostics = await facts.diagnostics({ path: HOLES });
    assert.ok(!diagnostics.some(d => d.message.includes('undefined_')), JSON.stringify(diagnostics));
    assert.ok(diagnostics.some(d => d.severity === 'error' && d.range.start.line === positionOf(holesText, 'order.customer.', 'after').line), JSON.stringify(diagnostics));
  });

  test("a speculative text's diagnostics are its own (the monitor's check of a completion)", async () => {
    const shadowText = `${holesText}\nprint(undefined_in_shadow)\n`;
    const inShadow = await facts.withShadowText({ path: HOLES }, shadowText, shadow => shadow.diagnostics({ budgetMs: BUDGET_MS }));
    assert.ok(inShadow.some(d => d.message.includes('undefined_in_shadow')), JSON.stringify(inShadow));
    assert.ok(!(await facts.diagnostics({ path: HOLES })).some(d => d.message.includes('undefined_in_shadow')));
  });

  test('a question after an edit does not wait for pyright to check the file, even after a pause in typing', async () => {
    // A file whose check takes long: each function's comprehensions and calls are inferred when checked.
    const functions = Array.from({ length: 250 }, (_, i) =>
      [`def step_${i}(count: int, label: str) -> list[str]:`, '    items = [label * n for n in range(count)]', '    table = {k: v for k, v in zip(items, range(len(items)))}', '    return [key.upper() for key in table if key.startswith(label)]', ''].join('\n'),
    );
    const text = `${functions.join('\n')}\n\ndef last(order_count: int) -> str:\n    total = step_1(order_count, 'x')\n    return str(total)\n`;
    const doc = (body: string) => ({ path: 'shop/long_module.py', text: body });
    const at = positionAt(text, text.lastIndexOf('total)') + 1);
    await facts.warmUp(doc(text));
    // The whole check of an edited text, as pulled diagnostics cost it.
    let started = performance.now();
    await facts.diagnostics(doc(`${text}\n# checked\n`), { budgetMs: BUDGET_MS });
    const checkMs = performance.now() - started;
    // The user types, pauses (pushing pyright would begin its check of that text 250 ms after the last edit
    // or question), and types on with a question.
    assert.equal((await facts.hover(doc(`${text}\n# typed\n`), at))?.text, '(variable) total: list[str]');
    await new Promise(resolve => setTimeout(resolve, 600));
    started = performance.now();
    assert.equal((await facts.hover(doc(`${text}\n# typed on\n`), at))?.text, '(variable) total: list[str]');
    const answerMs = performance.now() - started;
    // Measured: 0.06 of a check when pyright checks only when asked; 0.32 when it checks on its own (the
    // question waited for the rest of the check begun in the pause).
    assert.ok(answerMs < checkMs / 5, `the answer after the edit took ${answerMs.toFixed(0)} ms, a whole check ${checkMs.toFixed(0)} ms`);
  });
});
