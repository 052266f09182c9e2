// The one edit between two texts (index/changed-span.ts), found by comparing blocks of characters before single
// ones: the same span as a comparison character by character, wherever the edit falls against the blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSpan } from '../../src/core/index/changed-span';
import { mulberry32 } from '../../src/core/eval/sample';

/** The common start and end, character by character. */
function spanByCharacters(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < limit - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

test('the span of an edit anywhere in texts from empty to several blocks long, with repeats around the edit', () => {
  const next = mulberry32(5122026);
  const pick = (n: number) => Math.floor(next() * n);
  // Few distinct characters, so that what is inserted often repeats what stands beside it.
  const text = (length: number) => Array.from({ length }, () => 'ab\n'[pick(3)]).join('');
  let cases = 0;
  for (const length of [0, 1, 5, 1023, 1024, 1025, 2048, 3000, 5000]) {
    for (let k = 0; k < 60; k++) {
      const before = text(length);
      // Edits near block edges (multiples of 1024 from either end) as well as anywhere.
      const edge = 1024 * pick(5) + pick(3) - 1;
      const at = Math.max(0, Math.min(length, [edge, length - edge, pick(length + 1)][pick(3)]!));
      const removed = Math.min(length - at, pick(4) === 0 ? pick(3000) : pick(3));
      const after = before.slice(0, at) + text(pick(4) === 0 ? pick(2000) : pick(3)) + before.slice(at + removed);
      const span = changedSpan(before, after);
      assert.deepEqual(span, spanByCharacters(before, after), `length ${length}, edit at ${at}`);
      assert.equal(before.slice(0, span.start) + after.slice(span.start, span.newEnd) + before.slice(span.oldEnd), after);
      cases++;
    }
  }
  assert.deepEqual(changedSpan('', ''), { start: 0, oldEnd: 0, newEnd: 0 });
  assert.deepEqual(changedSpan('same', 'same'), { start: 4, oldEnd: 4, newEnd: 4 });
  assert.ok(cases > 500);
});
