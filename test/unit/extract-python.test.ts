import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { definitionRow, extractFixture, importRows, referenceRow, textAt } from '../fixtures/extract-support/helpers';

describe('Python extraction', async () => {
  const { text, symbols } = await extractFixture('python', 'extract-python/service.py');

  test('definitions: classes, methods, class and instance attributes, functions, nested functions, module variables', () => {
    assert.deepEqual(symbols.definitions.map(d => definitionRow(text, d)), [
      ['variable', '__all__', '', false, '6:0-6:40', '__all__ = ["Service", "helper", "LIMIT"]'],
      ['variable', 'LIMIT', '', true, '8:0-8:15', 'LIMIT: int = 10'],
      ['variable', '_cache', '', false, '9:0-9:11', '_cache = {}'],
      ['variable', 'TABLE', '', false, '10:0-12:1', 'TABLE ='],
      ['class', 'Service', '', true, '15:0-25:49', 'class Service(Base):'],
      ['property', 'retries', 'Service', false, '18:4-18:15', 'retries = 3'],
      ['method', '__init__', 'Service', false, '20:4-21:28', 'def __init__(self, client: Client) -> None:'],
      // An instance attribute set in __init__ belongs to the class, as a class attribute does.
      ['property', 'client', 'Service', false, '21:8-21:28', 'self.client = client'],
      ['method', 'name', 'Service', false, '24:4-25:49', 'def name(self) -> str:'],
      ['function', 'helper', '', true, '28:0-34:16', 'def helper(users: List[User]) -> Optional[G]:'],
      ['function', 'inner', 'helper', false, '31:4-32:12', 'def inner():'],
      // Public by name, but __all__ is declared and does not list it.
      ['function', 'public_but_unlisted', '', false, '37:0-38:22', 'def public_but_unlisted():'],
    ]);
    assert.deepEqual(symbols.exports, ['Service', 'helper', 'LIMIT']);
  });

  test('imports follow the ImportRecord conventions', () => {
    assert.deepEqual(importRows(symbols), [
      { source: 'os.path', names: [{ name: '*', alias: 'os.path' }], reexport: false, line: 0 },
      { source: 'numpy', names: [{ name: '*', alias: 'np' }], reexport: false, line: 1 },
      { source: 'sys', names: [{ name: '*', alias: 'sys' }], reexport: false, line: 1 },
      { source: '..models', names: [{ name: 'User' }, { name: 'Group', alias: 'G' }], reexport: false, line: 2 },
      { source: '.', names: [{ name: 'sibling' }], reexport: false, line: 3 },
      { source: '.pkg', names: [{ name: '*' }], reexport: false, line: 4 },
    ]);
  });

  test('references: calls, attribute calls, members, annotations, base classes', () => {
    const rows = new Set(symbols.references.map(referenceRow));
    for (const expected of [
      'call compute@29:12',
      'call basename@25:23',
      'member client@25:37',
      'member path@25:18',
      'identifier os@25:15',
      'type Base@15:14',
      'type Client@20:31',
      'type List@28:18',
      'type User@28:23',
      'type str@24:22',
      'identifier users@29:20',
    ]) assert.ok(rows.has(expected), `missing ${expected}`);
    assert.ok(!rows.has('member basename@25:23'), 'a callee is reported once, as a call');
    for (const definingName of ['identifier helper@28:4', 'identifier Service@15:6', 'identifier retries@18:4', 'identifier inner@31:8']) {
      assert.ok(!rows.has(definingName), `${definingName} is a definition`);
    }
    for (const r of symbols.references) assert.equal(textAt(text, r.range), r.name);
  });

  test('line count and error flag', () => {
    assert.equal(symbols.lineCount, 39);
    assert.equal(symbols.hasErrors, false);
  });
});

describe('Python export rule without __all__', async () => {
  const { symbols } = await extractFixture('python', 'extract-python/implicit.py');

  test('module-level names not starting with _ are exported; methods are not', () => {
    assert.deepEqual(
      symbols.definitions.map(d => [d.name, d.exported]),
      [['VISIBLE', true], ['_HIDDEN', false], ['run', true], ['_private', false], ['Worker', true], ['start', false]],
    );
    assert.deepEqual(symbols.exports, ['VISIBLE', 'run', 'Worker']);
  });
});
