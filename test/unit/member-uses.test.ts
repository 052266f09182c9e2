// MemberUses (rank/member-uses.ts): `receiver.member` accesses in a text; a longer chain's inner link counts
// only where asked for as a field of `this`/`self` (receiverMemberEvidence at `this.service.|`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemberUses } from '../../src/core/rank/member-uses';

const TEXT = 'this.svc.a(); svc.b; x.svc.c; self.svc?.d; this.svc.a; util.x; a.util.y';

test('MemberUses counts `receiver.member`, not a longer chain\'s inner link', () => {
  const uses = new MemberUses(TEXT);
  assert.deepEqual(uses.counts('svc'), new Map([['b', 1]]));
  assert.deepEqual(uses.counts('util'), new Map([['x', 1]]));
  assert.deepEqual(uses.counts('absent'), new Map());
});

test('MemberUses as a field also counts `this.receiver.member` and `self.receiver.member`, still not `x.receiver.member`', () => {
  assert.deepEqual(new MemberUses(TEXT).counts('svc', true), new Map([['a', 2], ['b', 1], ['d', 1]]));
  // Spaces and `?.` on either side of the dots.
  assert.deepEqual(new MemberUses('this ?. svc . a; self.\n  svc?.b; x.this.svc.c').counts('svc', true), new Map([['a', 1], ['b', 1]]));
});

test('MemberUses does not take the next line\'s first word for the member of a dot that ends a line (the hole at `x.|`)', () => {
  assert.deepEqual(new MemberUses('node.parent\nvalue = node.\nreturn value').counts('node'), new Map([['parent', 1]]));
  assert.deepEqual(new MemberUses('node. parent').counts('node'), new Map([['parent', 1]]));
});

test('MemberUses.ofEach gives the receivers used other than as fields, in the order first written, whichever others are asked', () => {
  const uses = new MemberUses('// a sentence about svc.\nutil.x(); svc.b; this.only.c; util.y; util.x');
  assert.deepEqual([...uses.ofEach(['svc', 'only', 'util', 'none'])], [
    ['util', new Map([['x', 2], ['y', 1]])],
    ['svc', new Map([['b', 1]])],
  ]);
  // `util.x` after the comment's `svc.` counts, with or without `svc` among the receivers asked.
  assert.deepEqual(new MemberUses('// a sentence about svc.\nutil.x()').ofEach(['util']), new Map([['util', new Map([['x', 1]])]]));
});
