// A keyword argument's definition is the parameter, in the signature of the function called: a line the
// index declares nothing of (parameters are no declarations of their own). The header of the function whose
// signature declares it is shown (rank/signals/facts.ts, callableAround, isParameterOf), with the fact as its
// reason; before, the fact counted for no declaration and its whole weight went to the file. Real pyright, real
// index.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, pythonPackageWithFacts } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const FILTERS = [
  'class TreeFilter:',
  '    def __init__(self, parent_context, node_context=None,',
  '                 until_position=None):',
  '        self._node_context = node_context or parent_context',
  '        self._until_position = until_position',
  '',
  ...Array.from({ length: 12 }, (_, i) => [`    def names_${i}(self, name):`, `        return [n for n in self._node_context.names_${i} if n == name]`, '']).flat(),
].join('\n');
const REFERENCES = ['from .filters import TreeFilter', '', '', 'def names_in(context, name):', '    filter_ = TreeFilter(', '        parent_context=context,', '    )', '    '].join('\n');

describe('a fact at a parameter (a keyword argument)', () => {
  const pkg = pythonPackageWithFacts('facts-parameter', {
    filters: FILTERS,
    references: `${REFERENCES}\n`,
  }, 'svc/references.py', FACTS_BUDGET_MS);

  test("`parent_context=` above the cursor shows the header of the constructor whose signature declares it, with the fact as its reason", async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/references.py', position: endOf(REFERENCES), budgetTokens: 2048 });
    const init = result.manifest.items.find(item => item.path === 'svc/filters.py' && item.level !== 'outline' && item.reasons.some(r => r.startsWith('defines `parent_context`')));
    assert.ok(init, JSON.stringify(result.manifest.items.filter(item => item.path === 'svc/filters.py')));
    assert.deepEqual([init.startLine, init.endLine], [2, 3], "the constructor's header, not its body or its class");
    assert.ok(!result.manifest.items.some(item => item.reasons.some(r => r.startsWith('declares the member `parent_context`'))), 'the class is no container of a parameter');
  });
});
