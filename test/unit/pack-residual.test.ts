// What a file's residual score (the part no ranked span carries) is worth in each state: the share of the
// file's unranked declarations the state shows, whole or by signature, not the share of its lines.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexView } from '../../src/core/index/view';
import { fileCandidate, type FileCandidate } from '../../src/core/pack/candidates';
import { applyMove, EMPTY_STATE, stateValue, type FileState } from '../../src/core/pack/file-state';
import { PACKING_DEFAULTS } from '../../src/core/pack';
import { tokenCacheFor } from '../../src/core/pack/source-lines';
import { tokenizerFor } from '../../src/core/tokenizer';
import type { RankedFile } from '../../src/core/types';
import { fixtureView, rankedDeclarations, SHOP } from './pack-fixture';

const pricing = PACKING_DEFAULTS.pricing;
const cache = tokenCacheFor(tokenizerFor('o200k_base'));

let view: IndexView;
before(async () => {
  view = await fixtureView(SHOP);
});

function candidate(ranked: RankedFile, rank = 0): FileCandidate {
  const c = fileCandidate(ranked, rank, view, cache);
  if ('reason' in c) throw new Error(c.reason);
  return c;
}

/** pricing.ts (41 rules of 16 lines) with its first `count` rules ranked. */
function rules(count: number): FileCandidate {
  return candidate(rankedDeclarations(view, 'src/orders/pricing.ts', Object.fromEntries(Array.from({ length: count }, (_, k) => [`priceRule${k}`, 0.5 - k / 100]))));
}

function withSnippets(c: FileCandidate, base: FileState = EMPTY_STATE): FileState {
  return c.spans.reduce((state, _, span) => applyMove(c, state, { kind: 'snippet', span }), base);
}

const spanTotal = (c: FileCandidate) => c.spans.reduce((sum, span) => sum + span.score, 0);

/** The state's value before stateValue weighs it by the file's score (its square root), in units of span score. */
const covered = (c: FileCandidate, state: FileState) => stateValue(c, state, pricing) / Math.sqrt(c.ranked.score);

describe("a file's residual score", () => {
  test('snippets of ranked bodies earn none of it, however many of the lines they show', () => {
    for (const count of [4, 30]) {
      const c = rules(count);
      const shown = withSnippets(c);
      assert.ok(c.unranked.declarations.length > 0, 'the unranked rules are what the residual stands for');
      assert.ok(Math.abs(covered(c, shown) - spanTotal(c)) < 1e-9, `${count} rules shown as snippets are worth their spans alone`);
    }
  });

  test('an outline beside snippets adds the signatures of every unranked declaration, however many lines the snippets cover', () => {
    const residual = (c: FileCandidate) => c.ranked.score * pricing.residualWeight;
    const gains = [4, 30].map(count => {
      const c = rules(count);
      const shown = withSnippets(c);
      const gain = covered(c, applyMove(c, shown, { kind: 'outline' })) - covered(c, shown);
      return gain / residual(c);
    });
    // 30 of 41 rules cover about three quarters of the lines: credited by lines, the outline added almost nothing there.
    // (At least the outline share: a declaration short enough for the outline to show whole counts whole.)
    assert.ok(gains.every(gain => gain >= pricing.outlineCoverage - 1e-9), `outline gains ${gains.join(', ')} of the residual`);
    const c = rules(30);
    const outlined = applyMove(c, withSnippets(c), { kind: 'outline' });
    assert.ok(covered(c, { base: 'file' }) > covered(c, outlined), 'the whole file shows the unranked bodies too');
  });

  test('a snippet of a class earns its unranked members, shown whole with it; a function body declares none', () => {
    const c = candidate(rankedDeclarations(view, 'pkg/models.py', { Customer: 0.6, find_customer: 0.3 }));
    assert.ok(c.unranked.declarations.length >= 3, 'the members of Customer are unranked: __init__, greeting, its attributes');
    const span = (name: string) => c.spans.findIndex(s => s.reasons.includes(`uses ${name}`));
    const added = (name: string) => covered(c, applyMove(c, EMPTY_STATE, { kind: 'snippet', span: span(name) }));
    assert.ok(Math.abs(added('find_customer') - 0.3) < 1e-9, 'its local variables are not declarations an outline lists');
    assert.ok(added('Customer') > 0.6 + 1e-9, 'the class body shows its members');
  });
});
