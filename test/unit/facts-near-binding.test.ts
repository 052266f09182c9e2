// A binding made on the lines next to a line not yet begun is what that line likeliest calls into
// (`filter_ = TreeFilter(…)`, then `filter_.get(…)`). Its type is asked as a receiver's is, before the
// members and receivers used further away, and its type's members (a base's included) are offered as
// near receivers' are (facts/gather.ts, nearBindings). Before, twelve members and receivers further up took
// every question and `filter_` was never asked; it is asked beside them, not in place of one. Its definition
// goes out after the hole's own question: pyright answers one question at a time. Real pyright, real index.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { gatherFacts } from '../../src/core/facts';
import { countingProvider, pythonPackageWithFacts, summary } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const FILTERS = [
  'class BaseFilter:',
  '    def get(self, name):',
  '        return [n for n in self.names() if n == name]',
  '',
  '    def names(self):',
  '        return []',
  '',
  '',
  'class TreeFilter(BaseFilter):',
  '    def __init__(self, parent_context):',
  '        self.parent_context = parent_context',
].join('\n');
/** Twelve members of `context` used above: each a question asked before a plain name's. */
const MEMBERS = Array.from({ length: 12 }, (_, i) => `    found_${i} = context.member_${i}(name)`);
const REFERENCES = ['from .filters import TreeFilter', '', '', 'def names_in(context, name):', ...MEMBERS, '    filter_ = TreeFilter(context)', '    ', '    return found_0'].join('\n');
/** The line not yet begun, in the function's body. */
const CURSOR = { line: 17, character: 4 };
/** The same function with an argument being written on that line: `show(|)`, a hole whose type pyright tells. */
const SHOW = 'def show(found: list) -> None:\n    pass\n';
const ARGUMENT = { text: `${REFERENCES.replace('\n    \n', '\n    show()\n')}\n\n\n${SHOW}`, cursor: { line: 17, character: 9 } };

describe('a binding on the line above a line not yet begun', () => {
  const pkg = pythonPackageWithFacts('facts-near-binding', {
    filters: FILTERS,
    references: `${REFERENCES}\n`,
  }, 'svc/references.py', FACTS_BUDGET_MS);

  test("offers the members of its type's base, as a receiver used near the cursor does", async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/references.py', position: CURSOR, budgetTokens: 2048 });
    const get = result.manifest.items.find(item => item.path === 'svc/filters.py' && item.startLine === 2 && item.level !== 'outline');
    assert.ok(get, JSON.stringify(result.manifest.items.filter(item => item.path === 'svc/filters.py')));
    assert.ok(get.reasons.includes('a member of `BaseFilter`, the type of `filter_` used near the cursor'), JSON.stringify(get.reasons));
  });

  test('is asked beside the names the cap leaves room for, not in place of one', async () => {
    const text = `${REFERENCES}\n`;
    const identifiers = [
      { name: 'filter_', kind: 'identifier', line: 16, distance: 1 },
      { name: 'context', kind: 'identifier', line: 4, distance: 13 },
      { name: 'member_0', kind: 'member', receiver: 'context', line: 4, distance: 13 },
    ];
    const gathered = await gatherFacts(pkg.facts, { file: 'svc/references.py', text, position: CURSOR, identifiers, importedNames: ['TreeFilter'], maxIdentifiers: 1, budgetMs: FACTS_BUDGET_MS, root: pkg.root });
    const types = gathered.facts.filter(f => f.kind === 'binding-type').map(f => f.name).sort();
    assert.deepEqual(types, ['context', 'filter_'], summary(gathered.facts).join('\n'));
  });

  test("has its definition asked after the hole's own question, and before its type", async () => {
    const identifiers = [
      { name: 'filter_', kind: 'identifier', line: 16, distance: 1 },
      { name: 'context', kind: 'identifier', line: 4, distance: 13 },
      { name: 'member_0', kind: 'member', receiver: 'context', line: 4, distance: 13 },
    ];
    const asked: string[] = [];
    const facts = countingProvider(pkg.facts, {}, asked);
    const query = { file: 'svc/references.py', text: ARGUMENT.text, position: ARGUMENT.cursor, identifiers, importedNames: ['TreeFilter'], budgetMs: FACTS_BUDGET_MS, root: pkg.root };
    const gathered = await gatherFacts(facts, query);
    assert.equal(gathered.expectedType?.of, 'parameter `found` of `show`', JSON.stringify(gathered.expectedType));
    // 1-based, as countingProvider writes them: `filter_` on line 17, the call being written on line 18.
    const first = (question: string) => asked.indexOf(question);
    assert.ok(first('signatureHelp 18:10') >= 0 && first('definition 17:5') > first('signatureHelp 18:10'), asked.join('\n'));
    // Its facts need both answers: the definition says it is a binding of this file.
    assert.ok(first('hover 17:5') > first('definition 17:5'), asked.join('\n'));
  });
});
