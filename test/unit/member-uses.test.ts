// memberUses (rank/member-uses.ts): `receiver.member` accesses in a text; a longer chain's inner link counts
// only where asked for as a field of `this`/`self` (receiverMemberEvidence at `this.service.|`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memberUses } from '../../src/core/rank/member-uses';

const TEXT = 'this.svc.a(); svc.b; x.svc.c; self.svc?.d; this.svc.a; util.x; a.util.y';

test('memberUses counts `receiver.member`, not a longer chain\'s inner link', () => {
  assert.deepEqual(memberUses(TEXT, ['svc', 'util']), new Map([['svc', new Map([['b', 1]])], ['util', new Map([['x', 1]])]]));
});

test('memberUses as a field also counts `this.receiver.member` and `self.receiver.member`, still not `x.receiver.member`', () => {
  assert.deepEqual(memberUses(TEXT, ['svc'], true), new Map([['svc', new Map([['a', 2], ['b', 1], ['d', 1]])]]));
});
