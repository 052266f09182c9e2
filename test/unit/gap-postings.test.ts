// The chunk index's postings as varint gaps must read back as the ascending ids put in, through appends,
// inserts inside a list, removals at either end and between, and lists emptied and refilled; gaps of every
// varint length (1 to 5 bytes) included.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { GapPostings } from '../../src/core/rank/gap-postings';

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('GapPostings', () => {
  test('an empty or unknown term has no chunks', () => {
    const postings = new GapPostings();
    assert.equal(postings.count(5), 0);
    assert.deepEqual([...postings.chunks(5)], []);
    postings.insert(2, 0);
    assert.deepEqual([...postings.chunks(2)], [0]);
    assert.deepEqual([...postings.chunks(1)], []);
    assert.equal(postings.remove(2, 0), 0);
    assert.deepEqual([...postings.chunks(2)], []);
    postings.insert(2, 9);
    assert.deepEqual([...postings.chunks(2)], [9], 'an emptied list takes new ids');
  });

  test('gaps of every varint length, first, inside and last, read back and remove', () => {
    const ids = [0, 1, 127, 128, 255, 16_383, 16_384, 16_512, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 2 ** 31 - 1];
    const postings = new GapPostings();
    for (const id of ids) postings.insert(0, id);
    assert.deepEqual([...postings.chunks(0)], ids);
    // The same ids put in descending (each insert before every id there), and in a shuffled order.
    for (const id of [...ids].reverse()) postings.insert(1, id);
    assert.deepEqual([...postings.chunks(1)], ids);
    for (const id of [ids[5], ids[12], ids[0], ids[8], ids[3], ids[10], ids[1], ids[11], ids[6], ids[2], ids[9], ids[4], ids[7]]) postings.insert(2, id);
    assert.deepEqual([...postings.chunks(2)], ids);
    // Removals: the last (a 5-byte gap), the first, and between gaps of different lengths.
    const left = [...ids];
    for (const id of [2 ** 31 - 1, 0, 16_384, 268_435_455, 128, 2_097_151]) {
      assert.equal(postings.remove(0, id), left.length - 1);
      left.splice(left.indexOf(id), 1);
      assert.deepEqual([...postings.chunks(0)], left);
      assert.equal(postings.count(0), left.length);
    }
    postings.insert(0, 2 ** 31 - 1);
    postings.insert(0, 3);
    assert.deepEqual([...postings.chunks(0)], [...left, 3, 2 ** 31 - 1].sort((a, b) => a - b), 'appends and inserts after removals');
  });

  test('a term in 30,000 chunks, then every other chunk removed and put back', () => {
    const postings = new GapPostings();
    const ids = Array.from({ length: 30_000 }, (_, i) => i * 3);
    for (const id of ids) postings.insert(7, id);
    assert.equal(postings.count(7), 30_000);
    assert.deepEqual([...postings.chunks(7)], ids);
    for (let i = 1; i < ids.length; i += 2) postings.remove(7, ids[i]);
    assert.deepEqual([...postings.chunks(7)], ids.filter((_, i) => i % 2 === 0));
    for (let i = ids.length - 1; i >= 1; i -= 2) postings.insert(7, ids[i]);
    assert.deepEqual([...postings.chunks(7)], ids);
  });

  test('20,000 random inserts and removals on 300 terms equal sorted arrays, through the arena\'s moves and compactions', () => {
    const postings = new GapPostings();
    const model = new Map<number, number[]>();
    const next = random(11);
    const pick = (n: number) => Math.floor(next() * n);
    for (let step = 0; step < 20_000; step++) {
      const term = pick(300);
      const ids = model.get(term) ?? [];
      // Ids mostly near each other (a file's chunks), sometimes far apart.
      const id = pick(4) === 0 ? pick(2 ** 31 - 1) : pick(5_000);
      if (pick(3) > 0 || ids.length === 0) {
        if (!ids.includes(id)) {
          postings.insert(term, id);
          model.set(term, [...ids, id].sort((a, b) => a - b));
        }
      } else {
        const removed = ids[pick(ids.length)];
        assert.equal(postings.remove(term, removed), ids.length - 1);
        model.set(term, ids.filter(other => other !== removed));
      }
      if (step % 1000 === 0 || step === 19_999) {
        for (let t = 0; t < 300; t++) {
          assert.deepEqual([...postings.chunks(t)], model.get(t) ?? [], `term ${t} after step ${step}`);
          assert.equal(postings.count(t), (model.get(t) ?? []).length);
        }
      }
    }
  });
});
