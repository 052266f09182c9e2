// The chunk index's term counts must answer as a plain map per chunk, in both of their forms: a term and its
// count packed in one Int32, and the wide form of chunks whose counts or term ids do not fit that.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkTermCounts } from '../../src/core/rank/chunk-term-counts';

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** The chunk's pairs as read back through forEach (checked against distinct). */
function pairsOf(counts: ChunkTermCounts, chunk: number): [number, number][] {
  const pairs: [number, number][] = [];
  counts.forEach(chunk, (term, count) => pairs.push([term, count]));
  assert.equal(pairs.length, counts.distinct(chunk));
  return pairs;
}

describe('ChunkTermCounts', () => {
  test('a chunk never set, set empty, or cleared has no terms', () => {
    const counts = new ChunkTermCounts();
    assert.equal(counts.distinct(5), 0);
    assert.equal(counts.countOf(5, 0), 0);
    counts.set(1, [], []);
    assert.equal(counts.distinct(1), 0);
    assert.equal(counts.countOf(1, 3), 0);
    counts.set(2, [3], [4]);
    counts.clear(2);
    assert.equal(counts.distinct(2), 0);
    assert.equal(counts.countOf(2, 3), 0);
  });

  test('counts up to 255 and term ids below 2^23 read back exactly, absent terms count 0', () => {
    const counts = new ChunkTermCounts();
    const top = 2 ** 23 - 1;
    counts.set(0, [0, 3, 10, 500, top], [1, 255, 2, 7, 255]);
    assert.deepEqual(pairsOf(counts, 0), [[0, 1], [3, 255], [10, 2], [500, 7], [top, 255]]);
    assert.equal(counts.countOf(0, 3), 255);
    assert.equal(counts.countOf(0, top), 255);
    for (const absent of [1, 4, 11, 499, 501, top - 1, top + 1, 2 ** 24, 2 ** 30]) assert.equal(counts.countOf(0, absent), 0, `term ${absent}`);
  });

  test('a count over 255 or a term id of 2^23 or more is kept exactly, with the chunk\'s other pairs', () => {
    const counts = new ChunkTermCounts();
    counts.set(0, [2, 9, 40], [3, 256, 1]);
    counts.set(1, [2, 2 ** 23, 2 ** 30], [1, 5, 100_000]);
    counts.set(2, [7], [2 ** 31 - 1]);
    assert.deepEqual(pairsOf(counts, 0), [[2, 3], [9, 256], [40, 1]]);
    assert.deepEqual(pairsOf(counts, 1), [[2, 1], [2 ** 23, 5], [2 ** 30, 100_000]]);
    assert.deepEqual(pairsOf(counts, 2), [[7, 2 ** 31 - 1]]);
    assert.equal(counts.countOf(0, 9), 256);
    assert.equal(counts.countOf(1, 2 ** 23), 5);
    assert.equal(counts.countOf(1, 2 ** 30), 100_000);
    for (const absent of [0, 1, 3, 10, 41, 2 ** 23 + 1]) {
      assert.equal(counts.countOf(0, absent), 0, `term ${absent}`);
      assert.equal(counts.countOf(1, absent), 0, `term ${absent}`);
    }
    // Rewritten with counts that fit, the chunk reads the same through the packed form.
    counts.set(0, [2, 9], [3, 4]);
    assert.deepEqual(pairsOf(counts, 0), [[2, 3], [9, 4]]);
    assert.equal(counts.countOf(0, 40), 0);
  });

  test('20,000 random writes and clears of 300 chunks, both forms mixed, equal plain maps through the arena\'s growth and compactions', () => {
    const counts = new ChunkTermCounts();
    const model = new Map<number, Map<number, number>>();
    const next = random(11);
    const pick = (n: number) => Math.floor(next() * n);
    for (let step = 0; step < 20_000; step++) {
      const chunk = pick(300);
      if (pick(5) === 0) {
        counts.clear(chunk);
        model.delete(chunk);
      } else {
        const pairs = new Map<number, number>();
        for (let i = pick(60); i > 0; i--) pairs.set(pick(50) === 0 ? 2 ** 23 + pick(1000) : pick(5000), pick(100) === 0 ? 256 + pick(10_000) : 1 + pick(20));
        const terms = [...pairs.keys()].sort((a, b) => a - b);
        counts.set(chunk, terms, terms.map(term => pairs.get(term)!));
        model.set(chunk, pairs);
      }
      if (step % 1000 === 0 || step === 19_999) {
        for (let c = 0; c < 300; c++) {
          const expected = [...(model.get(c) ?? [])].sort((x, y) => x[0] - y[0]);
          assert.deepEqual(pairsOf(counts, c), expected, `chunk ${c} after step ${step}`);
          for (const [term, count] of expected) assert.equal(counts.countOf(c, term), count);
          for (const term of [pick(5000), 2 ** 23 + pick(1000)]) assert.equal(counts.countOf(c, term), model.get(c)?.get(term) ?? 0);
        }
      }
    }
  });
});
