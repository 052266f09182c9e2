import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packReferences } from '../../src/core/index/packed-references';
import { NameCounts } from '../../src/core/rank/name-counts';
// Seeded (the sampler's mulberry32), so that a failure replays.
import { mulberry32 as random } from '../../src/core/eval/sample';
import type { Reference } from '../../src/core/types';

const NAMES = ['a', 'B', 'b', 'ab', 'Ab', 'constructor', 'toString', '__proto__', 'héllo', 'z9', '$x', '_', 'length', 'map'];

test('NameCounts answers as the Map of each name to its uses would, in the same order', () => {
  const next = random(20261202);
  for (let round = 0; round < 200; round++) {
    const references: Reference[] = Array.from({ length: Math.floor(next() * 40) }, (_, line) => ({
      name: NAMES[Math.floor(next() * NAMES.length)],
      kind: 'identifier',
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
    }));
    const expected = new Map<string, number>();
    for (const r of references) expected.set(r.name, (expected.get(r.name) ?? 0) + 1);
    const counts = new NameCounts(packReferences(references));
    assert.equal(counts.size, expected.size);
    assert.deepEqual([...counts], [...expected]);
    assert.deepEqual([...counts.keys()], [...expected.keys()]);
    assert.deepEqual([...counts.values()], [...expected.values()]);
    const visited: [string, number][] = [];
    counts.forEach((count, name) => visited.push([name, count]));
    assert.deepEqual(visited, [...expected]);
    for (const name of [...NAMES, 'absent', '']) {
      assert.equal(counts.get(name), expected.get(name), name);
      assert.equal(counts.has(name), expected.has(name), name);
    }
  }
});
