// bestOf keeps the first `count` items of a strict order without sorting them all: it must give exactly what
// sorting and keeping the head gives, ties broken by the order itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestOf } from '../../src/core/best-of';

interface Scored {
  readonly score: number;
  readonly id: number;
}

/** Higher score first, then lower id: a strict total order, as the chunk index's (score, path, line). */
const before = (a: Scored, b: Scored): boolean => (a.score !== b.score ? a.score > b.score : a.id < b.id);

/** A deterministic sequence of scores with many ties (few distinct values). */
function scored(length: number, seed: number): Scored[] {
  let state = seed;
  return Array.from({ length }, (_, id) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return { score: state % 7, id };
  });
}

test('the head of the sorted items, in order, for every count from none to more than all', () => {
  for (const [length, seed] of [[0, 1], [1, 2], [5, 3], [40, 4], [257, 5]]) {
    const items = scored(length, seed);
    const sorted = [...items].sort((a, b) => (before(a, b) ? -1 : 1));
    for (const count of [0, 1, 2, 3, 10, 39, 40, 41, 300]) {
      assert.deepEqual(bestOf(items, count, before), sorted.slice(0, count), `length ${length}, count ${count}`);
    }
  }
});

test('takes any iterable once, and a negative count keeps nothing', () => {
  function* once(): Generator<Scored> {
    yield* scored(20, 9);
  }
  assert.deepEqual(bestOf(once(), 3, before).map(item => item.id), [...scored(20, 9)].sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, 3).map(item => item.id));
  assert.deepEqual(bestOf(scored(5, 1), -1, before), []);
});

test('with `keep`, the head of the kept items, asking `keep` only of items that would enter the head', () => {
  const items = scored(257, 11);
  const odd = (item: Scored) => item.id % 2 === 1;
  for (const count of [0, 1, 5, 40, 300]) {
    const asked: Scored[] = [];
    const kept = bestOf(items, count, before, item => (asked.push(item), odd(item)));
    assert.deepEqual(kept, bestOf(items.filter(odd), count, before), `count ${count}`);
    if (count > 0 && count < 40) assert.ok(asked.length < items.length / 2, `count ${count}: asked ${asked.length} of ${items.length}`);
  }
});
