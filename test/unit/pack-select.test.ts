// Choosing each file's level by value: an outline that shows several ranked declarations against the
// snippets that would fill the same room.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexView } from '../../src/core/index/view';
import { fileCandidate, type FileCandidate } from '../../src/core/pack/candidates';
import { applyMove, EMPTY_STATE, stateCost, stateValue, type FileState } from '../../src/core/pack/file-state';
import { mergeIntervals } from '../../src/core/pack/intervals';
import { PACKING_DEFAULTS } from '../../src/core/pack';
import { selectByValue } from '../../src/core/pack/select';
import { tokenCacheFor } from '../../src/core/pack/source-lines';
import { tokenizerFor } from '../../src/core/tokenizer';
import type { RankedFile } from '../../src/core/types';
import { fixtureView, rankedDeclarations, SHOP } from './pack-fixture';

const pricing = PACKING_DEFAULTS.pricing;

let view: IndexView;
before(async () => {
  view = await fixtureView(SHOP);
});

/**
 * pricing.ts (646 lines, 41 rules; its outline about 870 tokens) with eight of its rules ranked at `ruleScore`,
 * beside small declarations of four other files ranked higher: their snippets are worth more per token
 * than the outline, each.
 */
function candidates(ruleScore: number): FileCandidate[] {
  const rules = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`priceRule${k * 5}`, ruleScore]));
  const files = [
    rankedDeclarations(view, 'src/orders/pricing.ts', rules),
    rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 0.5, padLeft: 0.45, formatMoney: 0.4 }),
    rankedDeclarations(view, 'src/geometry/point.ts', { distance: 0.5, midpoint: 0.45, Point: 0.4 }),
    rankedDeclarations(view, 'src/geometry/shapes.ts', { Shape: 0.5, Circle: 0.35, Rect: 0.35 }),
    rankedDeclarations(view, 'src/orders/cart.ts', { CartLine: 0.5, Cart: 0.3 }),
  ];
  const cache = tokenCacheFor(tokenizerFor('o200k_base'));
  return files.map((ranked, rank) => {
    const c = fileCandidate(ranked, rank, view, cache);
    if ('reason' in c) throw new Error(c.reason);
    return c;
  });
}

/** Budgets where the small snippets, taken first for their density, leave a little less room than the outline needs. */
const TIGHT = [1450, 1475, 1500, 1525, 1550];

describe('selecting levels by value', () => {
  test('an outline crowded out by denser snippets is taken when it covers more value than what fills its room', () => {
    const cs = candidates(0.4);
    for (const budget of TIGHT) {
      const { states, remaining } = selectByValue(cs, budget, pricing);
      assert.equal(states[0].base, 'outline', `at ${budget} pricing.ts shows as ${states[0].base}`);
      assert.ok(remaining >= 0);
    }
  });

  test('snippets keep the room when the outline would cover less value', () => {
    const cs = candidates(0.08);
    for (const budget of TIGHT) {
      const [rules] = selectByValue(cs, budget, pricing).states;
      assert.ok(rules.base === 'none' && rules.snippets.length > 0, `at ${budget} pricing.ts shows as ${JSON.stringify(rules)}`);
    }
  });

  test("a snippet's worth grows with its file's score: of two that fit one at a time, the better-ranked file's is taken", () => {
    const cache = tokenCacheFor(tokenizerFor('o200k_base'));
    const candidate = (ranked: RankedFile, rank: number) => {
      const c = fileCandidate(ranked, rank, view, cache);
      if ('reason' in c) throw new Error(c.reason);
      return c;
    };
    // cart.ts's CartLine ranks a little above shapes.ts's Shape, but in a file the ranking scores far lower.
    const cs = [
      candidate({ ...rankedDeclarations(view, 'src/orders/cart.ts', { CartLine: 0.5 }), score: 0.5 }, 0),
      candidate({ ...rankedDeclarations(view, 'src/geometry/shapes.ts', { Shape: 0.45 }), score: 2 }, 1),
    ];
    const costs = cs.map(c => stateCost(c, applyMove(c, EMPTY_STATE, { kind: 'snippet', span: 0 }), pricing));
    const budget = Math.max(...costs);
    assert.ok(budget < costs[0] + costs[1], `one snippet at a time: ${costs.join(', ')}`);
    const [cart, shapes] = selectByValue(cs, budget, pricing).states;
    assert.deepEqual([cart, shapes].map(s => s.base !== 'file' && s.snippets.length), [0, 1]);
  });

  test('covers no less value with a larger budget, over a sweep of budgets', () => {
    const cs = candidates(0.3);
    let last = 0;
    for (let budget = 200; budget <= 3000; budget += 25) {
      const { states } = selectByValue(cs, budget, pricing);
      const value = cs.reduce((sum, c, i) => sum + stateValue(c, states[i], pricing), 0);
      assert.ok(value >= last - 1e-9, `${budget}: ${value} < ${last}`);
      last = value;
    }
  });

  test('prices an outline with snippets as the one entry they make: each line once, one header, a marker per hidden run', () => {
    const [c] = candidates(0.3);
    let seed = 5;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let trial = 0; trial < 200; trial++) {
      let state: FileState = applyMove(c, EMPTY_STATE, { kind: 'outline' });
      for (let k = 1 + next(5); k > 0; k--) state = applyMove(c, state, { kind: 'snippet', span: next(c.spans.length) });
      const merged = mergeIntervals([...c.outline, ...(state.base === 'file' ? [] : state.lines)]);
      const entry = c.headerTokens + c.source.tokensOf(merged) + pricing.markerTokens * (merged.length - 1);
      assert.equal(stateCost(c, state, pricing), entry, JSON.stringify(state));
    }
  });
});
