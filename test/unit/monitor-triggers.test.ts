// Trigger points: the member accesses the completion writes, and the dots that are not member accesses.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { memberAccesses } from '../../src/core/monitor/triggers';

/** `line` is the document's line up to the cursor, `completion` what the model writes after it. */
const names = (line: string, completion: string, language: 'typescript' | 'python' = 'typescript') =>
  memberAccesses(line + completion, line.length, language).map(a => `${a.name}${a.ended ? '' : '…'}`);

describe('member-access triggers', () => {
  test('after `.` and `?.`, on names, calls, indexes and non-null assertions; the last name may still grow', () => {
    assert.deepEqual(names('const x = ', 'user.profile?.getName().trim()[0]!.toFixed'), ['profile', 'getName', 'trim', 'toFixed…']);
  });

  test('a dot the user typed is a trigger with the name the model writes; a name the user finished is not', () => {
    assert.deepEqual(names('return user.', 'getName()'), ['getName']);
    assert.deepEqual(names('return user.getU', 'serName()'), ['getUserName']);
    assert.deepEqual(names('return user.name', ' + 1'), []);
  });

  test('optional calls and indexes are no member accesses', () => {
    assert.deepEqual(names('', 'config.localeError?.(issue) ?? list?.[0]'), ['localeError']);
  });

  test('no trigger in strings, comments, numbers or spreads', () => {
    assert.deepEqual(names('', "f('a.b', \"c.d\", `e.f`, 1.5, ...rest) // g.h\n/* i.j */ k.l"), ['l…']);
  });

  test('Python: comments and strings, `self.` members', () => {
    assert.deepEqual(names('    ', 'self.items.append("x.y")  # z.w', 'python'), ['items', 'append']);
  });

  test('languages without a monitor have no triggers', () => {
    assert.deepEqual(memberAccesses('a.b', 0, 'go'), []);
  });
});
