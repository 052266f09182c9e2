// The arena behind the chunk index's postings and term counts must behave as one array per list through
// any mix of sorted inserts, removals, rewrites and clears, across the moves and compactions they cause.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ListArena, TermTable } from '../../src/core/rank/compact-postings';

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('ListArena', () => {
  test('20,000 random operations on 200 lists equal plain sorted arrays, through many compactions, each element with its tag', () => {
    const arena = new ListArena({ tagged: true });
    // A value's tag, as a posting's term count: inserted with it, 0 where a list was written whole.
    const tagOf = (value: number) => value % 251;
    const written = new Set<number>();
    const model = new Map<number, number[]>();
    const next = random(7);
    const pick = (n: number) => Math.floor(next() * n);
    for (let step = 0; step < 20_000; step++) {
      const list = pick(200);
      const values = model.get(list) ?? [];
      const kind = pick(10);
      if (kind < 6) {
        const value = pick(100_000);
        if (!values.includes(value)) {
          arena.insertSorted(list, value, tagOf(value));
          model.set(list, [...values, value].sort((a, b) => a - b));
          written.delete(list * 100_000 + value);
        }
      } else if (kind < 8 && values.length > 0) {
        const value = values[pick(values.length)];
        assert.equal(arena.removeSorted(list, value), values.length - 1);
        model.set(list, values.filter(v => v !== value));
      } else if (kind === 8) {
        const whole = [...new Set(Array.from({ length: pick(40) }, () => pick(100_000)))].sort((a, b) => a - b);
        arena.set(list, whole);
        model.set(list, whole);
        for (const value of whole) written.add(list * 100_000 + value);
      } else {
        arena.clear(list);
        model.delete(list);
      }
      if (step % 500 === 0 || step === 19_999) {
        for (let l = 0; l < 200; l++) {
          const values = model.get(l) ?? [];
          assert.deepEqual([...arena.view(l)], values, `list ${l} after step ${step}`);
          const tags = arena.tags.subarray(arena.start(l), arena.start(l) + values.length);
          assert.deepEqual([...tags], values.map(v => (written.has(l * 100_000 + v) ? 0 : tagOf(v))), `tags of list ${l} after step ${step}`);
        }
      }
    }
    const list = [...model].find(([, values]) => values.length > 3)!;
    assert.equal(arena.lowerBound(list[0], 0, list[1].length, list[1][2]), 2);
    assert.equal(arena.lowerBound(list[0], 3, list[1].length, list[1][2]), 3);
    assert.equal(arena.get(list[0], 1), list[1][1]);
  });

  test('inserts into long lists copy a bounded number of elements each, also after compactions', () => {
    // 100 long lists (a chunk index's common terms), then lists cleared until the arena compacts, then one
    // more element per long list in turns (as each added file's chunks insert into the common terms).
    const arena = new ListArena();
    for (let list = 0; list < 100; list++) for (let value = 0; value < 2000; value++) arena.insertSorted(list, value);
    for (let list = 100; list < 400; list++) arena.set(list, Array.from({ length: 500 }, (_, i) => i));
    for (let list = 100; list < 400; list++) arena.clear(list);
    const before = arena.copiedElements;
    let inserts = 0;
    for (let value = 2000; value < 2100; value++) {
      for (let list = 0; list < 100; list++, inserts++) arena.insertSorted(list, value);
    }
    const perInsert = (arena.copiedElements - before) / inserts;
    assert.ok(perInsert < 10, `${perInsert.toFixed(1)} elements copied per insert`);
    for (let list = 0; list < 100; list++) assert.equal(arena.size(list), 2100);
    assert.deepEqual([...arena.view(7)], Array.from({ length: 2100 }, (_, i) => i));
  });

  test('the arena reserves little more than its live elements, also while lists grow, move and are cleared', () => {
    // A chunk index's postings: lists growing by sorted inserts at different rates, some cleared and refilled.
    const arena = new ListArena();
    const next = random(3);
    let worst = 0;
    for (let round = 0; round < 40; round++) {
      for (let list = 0; list < 500; list++) {
        const inserts = Math.floor(next() * (list % 50 === 0 ? 400 : 20));
        for (let i = 0; i < inserts; i++) arena.insertSorted(list, round * 1000 + i);
      }
      for (let list = 0; list < 500; list += 7 + round % 5) arena.clear(list);
      let live = 0;
      for (let list = 0; list < 500; list++) live += arena.size(list);
      if (live > 10_000) worst = Math.max(worst, arena.reservedElements / live);
    }
    // Lists' room to grow (a quarter), abandoned room (an eighth) and the array's growth (an eighth) compound
    // to about 1.6; growing by half on each count would allow about 3.
    assert.ok(worst > 1 && worst < 1.7, `reserved ${worst.toFixed(2)} times the live elements`);
  });
  test('a bulk load holds what plain inserts hold, copies far less, and ends as compact as they leave it', () => {
    // A full build: 2,000 lists filled in rising order (chunk ids as files come), a few long (common terms);
    // then edits as after the build, which must find every list intact.
    const fill = (arena: ListArena) => {
      const next = random(11);
      for (let value = 0; value < 20_000; value++) {
        for (let k = 0; k < 6; k++) {
          const list = k < 2 ? k : 2 + Math.floor(next() * 1998);
          if (arena.size(list) === 0 || arena.get(list, arena.size(list) - 1) < value) arena.insertSorted(list, value, value % 200);
        }
        if (value % 97 === 0) arena.set(2000 + (value % 50), [value, value + 1]);
      }
    };
    const plain = new ListArena({ tagged: true });
    fill(plain);
    const bulk = new ListArena({ tagged: true });
    bulk.beginBulkLoad();
    fill(bulk);
    bulk.endBulkLoad();
    let live = 0;
    for (let list = 0; list < 2050; list++) {
      assert.deepEqual([...bulk.view(list)], [...plain.view(list)], `list ${list}`);
      assert.deepEqual([...bulk.tags.subarray(bulk.start(list), bulk.start(list) + bulk.size(list))], [...plain.tags.subarray(plain.start(list), plain.start(list) + plain.size(list))], `tags of list ${list}`);
      live += bulk.size(list);
    }
    assert.ok(bulk.copiedElements * 2 < plain.copiedElements, `copied ${bulk.copiedElements} in bulk, ${plain.copiedElements} plainly`);
    // Every list keeps a move's room (a quarter) and the arena its growth's (an eighth): a little more than plain
    // inserts leave, whose lists were moved at smaller sizes and whose arena grew last somewhere in the fill.
    assert.ok(bulk.reservedElements < 1.2 * plain.reservedElements, `reserved ${(bulk.reservedElements / live).toFixed(2)} times the live elements in bulk, ${(plain.reservedElements / live).toFixed(2)} plainly`);
    for (const arena of [plain, bulk]) {
      arena.insertSorted(0, -1, 7);
      arena.removeSorted(1, 5);
      arena.clear(3);
    }
    for (let list = 0; list < 2050; list++) assert.deepEqual([...bulk.view(list)], [...plain.view(list)], `list ${list} after edits`);
  });
});

describe('TermTable', () => {
  test('interns each term once and reuses the id of a released term', () => {
    const terms = new TermTable();
    const alpha = terms.intern('alpha');
    const beta = terms.intern('beta');
    assert.equal(terms.intern('alpha'), alpha);
    assert.notEqual(alpha, beta);
    terms.release(alpha);
    assert.equal(terms.idOf('alpha'), undefined);
    assert.equal(terms.intern('gamma'), alpha);
    assert.equal(terms.nameOf(alpha), 'gamma');
    assert.deepEqual([...terms.terms()].sort(), ['beta', 'gamma']);
  });
});
