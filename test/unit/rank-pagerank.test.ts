import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { outEdgesFrom, personalizedPageRank, type OutEdges } from '../../src/core/rank/pagerank';

function assertClose(actual: number | undefined, expected: number, label: string, tolerance = 1e-7): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < tolerance, `${label}: expected ${expected}, got ${actual}`);
}

/** A graph given as weighted edges, read node by node as the push asks. */
function graph(edges: readonly [string, string, number][]): (node: string) => OutEdges | undefined {
  const out = new Map<string, Map<string, number>>();
  for (const [from, to, weight] of edges) {
    if (!out.has(from)) out.set(from, new Map());
    out.get(from)!.set(to, (out.get(from)!.get(to) ?? 0) + weight);
  }
  return node => (out.has(node) ? outEdgesFrom(out.get(node)!) : undefined);
}

const EXACT = { tolerance: 1e-13, maxPushes: 1_000_000 };

describe('personalizedPageRank (forward push)', () => {
  test('two-node cycle seeded on A (damping 0.5): A = 2/3, B = 1/3', () => {
    // r_A = 0.5 + 0.5 r_B, r_B = 0.5 r_A  =>  r_A = 2/3, r_B = 1/3
    const ranks = personalizedPageRank(new Map([['A', 1]]), graph([['A', 'B', 1], ['B', 'A', 1]]), { damping: 0.5, ...EXACT });
    assertClose(ranks.get('A'), 2 / 3, 'A');
    assertClose(ranks.get('B'), 1 / 3, 'B');
  });

  test('weighted edges and a dangling node whose mass jumps back to the seeds (damping 0.5)', () => {
    // Seeds A and B equally; A->B (1), A->C (3), B->A, C dangling (jumps to A, B half each).
    // r_A = 0.25 + 0.5 r_B + 0.25 r_C, r_B = 0.25 + 0.125 r_A + 0.25 r_C, r_C = 0.375 r_A, sum = 1.
    const ranks = personalizedPageRank(new Map([['A', 1], ['B', 1]]), graph([['A', 'B', 1], ['A', 'C', 3], ['B', 'A', 1]]), { damping: 0.5, ...EXACT });
    const a = ranks.get('A')!;
    const b = ranks.get('B')!;
    const c = ranks.get('C')!;
    assertClose(a + b + c, 1, 'sum');
    assertClose(c, 0.375 * a, 'C');
    assertClose(a, 0.25 + 0.5 * b + 0.25 * c, 'A');
  });

  test('non-positive weights are no edges; an empty personalization ranks nothing', () => {
    const ranks = personalizedPageRank(new Map([['B', 2]]), graph([['B', 'A', 0], ['B', 'C', -1]]), EXACT);
    assertClose(ranks.get('B'), 1, 'B');
    assert.equal(ranks.get('A'), undefined);
    assert.equal(personalizedPageRank(new Map(), graph([['A', 'B', 1]])).size, 0);
  });

  test('reads only the nodes the mass reaches, however large the graph', () => {
    // A million-node ring hanging off a small cluster: the default tolerance never walks the ring.
    const read = new Set<string>();
    const ring = 1_000_000;
    const outEdges = (node: string): OutEdges => {
      read.add(node);
      if (node === 'seed') return { targets: ['a', 'b', 'n0'], shares: [0.45, 0.45, 0.1] };
      if (node === 'a' || node === 'b') return { targets: ['seed'], shares: [1] };
      const i = Number(node.slice(1));
      return { targets: [`n${(i + 1) % ring}`], shares: [1] };
    };
    const ranks = personalizedPageRank(new Map([['seed', 1]]), outEdges);
    assert.ok(read.size < 200, `read ${read.size} nodes`);
    assert.ok(ranks.get('seed')! > ranks.get('a')! && ranks.get('a')! > (ranks.get('n0') ?? 0), JSON.stringify([...ranks].slice(0, 5)));
  });

  test('stops pushing when the stop check says so, with the ranks it has', () => {
    assert.equal(personalizedPageRank(new Map([['A', 1]]), graph([['A', 'B', 1]]), EXACT, { shouldStop: () => true }).size, 0);
    // A long chain needs many pushes; a stop at the second check leaves the ranks of the first stretch.
    const chain = (node: string): OutEdges => ({ targets: [`n${Number(node.slice(1)) + 1}`], shares: [1] });
    let checks = 0;
    const ranks = personalizedPageRank(new Map([['n0', 1]]), chain, { damping: 0.99, ...EXACT }, { shouldStop: () => ++checks > 1 });
    assert.equal(checks, 2);
    assert.ok(ranks.size > 0 && ranks.size <= 256, `${ranks.size} ranked`);
  });
});
