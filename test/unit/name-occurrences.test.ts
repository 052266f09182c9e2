// A name's whole-word occurrences in a buffer, moved from the previous keystroke's and found again only around
// the edit (rank/name-occurrences.ts): always those a scan of the whole text finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferOccurrences, wordOccurrences } from '../../src/core/rank/name-occurrences';
import { mulberry32 } from '../../src/core/eval/sample';

test('whole words only: not inside a longer name, not after a dot', () => {
  assert.deepEqual(wordOccurrences('a ab ba a.a $a a$ (a)', 'a'), [0, 8, 19]);
  assert.deepEqual(wordOccurrences('x.$a $a', '$a'), [5]);
  assert.deepEqual(wordOccurrences('abc', ''), []);
});

test('after every edit of a buffer, the occurrences of each name are those a whole scan finds', () => {
  const next = mulberry32(51220261);
  const pick = (n: number) => Math.floor(next() * n);
  // Pieces that make names touch the edit from either side: `a` beside `ab`, `.a`, `$a`.
  const pieces = ['a', 'ab', 'b', ' ', '.', '$', '\n', 'a ', ' a', '(a)', 'svc', 's', 'vc'];
  const names = ['a', 'ab', 'b', '$a', 'svc', 's', 'vc'];
  let moved = 0;
  for (let session = 0; session < 30; session++) {
    let text = Array.from({ length: 40 + pick(200) }, () => pieces[pick(pieces.length)]).join('');
    for (let edit = 0; edit < 40; edit++) {
      const at = pick(text.length + 1);
      const removed = pick(3) === 0 ? pick(8) : 0;
      text = text.slice(0, at) + Array.from({ length: pick(3) }, () => pieces[pick(pieces.length)]).join('') + text.slice(at + removed);
      const occurrences = BufferOccurrences.of(text);
      // Some names asked at every keystroke (moved), some now and then (found afresh, then moved).
      for (const name of names) {
        if (name.length > 1 && pick(3) === 0) continue;
        assert.deepEqual(occurrences.occurrences(name), wordOccurrences(text, name), `session ${session}, edit ${edit}, ${name} in ${JSON.stringify(text)}`);
        moved++;
      }
    }
    // Another buffer between two keystrokes of this one: its occurrences are its own.
    const other = `${text} other a`;
    assert.deepEqual(BufferOccurrences.of(other).occurrences('a'), wordOccurrences(other, 'a'));
  }
  assert.ok(moved > 3000);
});
