import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { personalizedPageRank } from '../../src/core/rank/pagerank';

function assertClose(actual: number | undefined, expected: number, label: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-7, `${label}: expected ${expected}, got ${actual}`);
}

describe('personalizedPageRank', () => {
  test('two-node cycle seeded on A (damping 0.5): A = 2/3, B = 1/3', () => {
    // r_A = 0.5 + 0.5 r_B, r_B = 0.5 r_A  =>  r_A = 2/3, r_B = 1/3
    const ranks = personalizedPageRank(['A', 'B'], [{ from: 'A', to: 'B', weight: 1 }, { from: 'B', to: 'A', weight: 1 }], new Map([['A', 1]]), { damping: 0.5 });
    assertClose(ranks.get('A'), 2 / 3, 'A');
    assertClose(ranks.get('B'), 1 / 3, 'B');
  });

  test('weighted edges and a dangling node, uniform jump (damping 0.5): A = 4/11, B = 3/11, C = 4/11', () => {
    // A->B (1), A->C (3), B->A, C dangling. With s = (0.5 + 0.5 r_C) / 3:
    // r_A = s + r_B/2, r_B = s + r_A/8, r_C = s + 3 r_A/8  =>  s = 5/22.
    const edges = [{ from: 'A', to: 'B', weight: 1 }, { from: 'A', to: 'C', weight: 3 }, { from: 'B', to: 'A', weight: 1 }];
    const ranks = personalizedPageRank(['A', 'B', 'C'], edges, new Map(), { damping: 0.5 });
    assertClose(ranks.get('A'), 4 / 11, 'A');
    assertClose(ranks.get('B'), 3 / 11, 'B');
    assertClose(ranks.get('C'), 4 / 11, 'C');
  });

  test('ignores edges to unknown nodes and non-positive weights; scores sum to 1', () => {
    const edges = [{ from: 'A', to: 'Z', weight: 5 }, { from: 'A', to: 'B', weight: 0 }, { from: 'B', to: 'A', weight: -1 }];
    const ranks = personalizedPageRank(['A', 'B'], edges, new Map([['B', 2]]));
    // Both nodes are dangling, so every step jumps back to B.
    assertClose(ranks.get('A'), 0, 'A');
    assertClose(ranks.get('B'), 1, 'B');
  });

  test('empty graph gives an empty map', () => {
    assert.equal(personalizedPageRank([], [], new Map()).size, 0);
  });
});
