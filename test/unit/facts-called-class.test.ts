// Inside the parentheses of a class's call the arguments are its constructor's parameters: the constructor
// is shown, a base's where the class has none of its own (rank/signals/facts.ts, calledClassLineage), with
// the class's definition fact as its reason. The module's outline shows the base's constructor as one line
// among many, and a large module's does not fit. Real pyright, real index.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, pythonPackageWithFacts } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const ITERABLE = [
  'class Comprehension:',
  '    def __init__(self, state, defining_context, sync_comp_for_node, entry_node):',
  '        self._state = state',
  '        self._defining_context = defining_context',
  '        self._sync_comp_for_node = sync_comp_for_node',
  '        self._entry_node = entry_node',
  '',
  ...Array.from({ length: 12 }, (_, i) => [`    def values_${i}(self, node):`, `        return [v for v in self._entry_node.values_${i} if v is not node]`, '']).flat(),
  '',
  'class GeneratorComprehension(Comprehension):',
  '    array_type = "generator"',
  '',
  ...Array.from({ length: 12 }, (_, i) => [`    def items_${i}(self):`, `        return self.values_${i}(None)`, '']).flat(),
].join('\n');
const ARGUMENTS = ['from . import iterable', '', '', 'def unpack(state, context, node):', '    comp = iterable.GeneratorComprehension(', '        state,', '        context,', '        '].join('\n');

describe('the constructor of a class called at the cursor', () => {
  const pkg = pythonPackageWithFacts('facts-called-class', {
    iterable: ITERABLE,
    arguments: `${ARGUMENTS}\n`,
  }, 'svc/arguments.py', FACTS_BUDGET_MS);

  test("in `GeneratorComprehension(…, |`, its base's `__init__`, with the class's definition fact as the reason", async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/arguments.py', position: endOf(ARGUMENTS), budgetTokens: 2048 });
    const init = result.manifest.items.find(item => item.path === 'svc/iterable.py' && item.level !== 'outline' && item.startLine === 2);
    assert.ok(init, JSON.stringify(result.manifest.items.filter(item => item.path === 'svc/iterable.py')));
    assert.equal(init.endLine, 6, 'the constructor, not the class');
    assert.match(init.reasons.find(r => r.startsWith('constructs')) ?? JSON.stringify(init.reasons), /^constructs `Comprehension`, a base of `GeneratorComprehension` \(defines `GeneratorComprehension`/);
  });

  test('after the call is closed, no constructor is offered', async () => {
    const closed = `${ARGUMENTS.trimEnd()}\n    )\n    `;
    const result = await pkg.engine.buildContext({ file: 'svc/arguments.py', position: endOf(closed), text: closed, budgetTokens: 2048 });
    const constructs = result.manifest.items.filter(item => item.reasons.some(r => r.startsWith('constructs')));
    assert.deepEqual(constructs, []);
  });
});
