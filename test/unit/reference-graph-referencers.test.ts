// The graph keeps a name's referencers as one path, a short array or a Set (by how many there are): read
// back, they must be the files a Set would hold, in the order a Set would iterate them (the order files
// came), through any sequence of files starting and stopping to reference names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReferenceGraph, type GraphSources } from '../../src/core/rank/reference-graph';

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

// Recording referencers reads none of the sources.
const NO_SOURCES: GraphSources = {
  get symbols(): never {
    throw new Error('not read');
  },
  isMirror: () => false,
  referenceCounts: () => undefined,
  fileCount: 0,
};

test('referencers read back as a Set of the files referencing the name, in arrival order', () => {
  const graph = new ReferenceGraph(NO_SOURCES, 8);
  const next = random(11);
  const names = ['a', 'b', 'c', 'd'];
  const paths = Array.from({ length: 24 }, (_, i) => `f${i}.ts`);
  const referenced = new Map(paths.map(path => [path, [] as string[]]));
  const expected = new Map(names.map(name => [name, new Set<string>()]));
  for (let step = 0; step < 5000; step++) {
    const path = paths[Math.floor(next() * paths.length)];
    // Common names referenced by most files cross the array/Set boundary both ways; rare ones stay small.
    const after = names.filter((_, i) => next() < [0.7, 0.4, 0.15, 0.05][i]);
    graph.replaceReferences(path, referenced.get(path)!, after);
    for (const name of referenced.get(path)!) if (!after.includes(name)) expected.get(name)!.delete(path);
    for (const name of after) expected.get(name)!.add(path);
    referenced.set(path, after);
    for (const name of names) assert.deepEqual([...graph.referencersOf(name)], [...expected.get(name)!], `step ${step}, ${name}`);
  }
});
