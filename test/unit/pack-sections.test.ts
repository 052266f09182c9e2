// A section's outline: the outline of one class a ranked span falls in (its header and its members'
// signatures), chosen at its own cost when the whole file's outline is more than the room left.
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexView } from '../../src/core/index/view';
import { PACKING_DEFAULTS } from '../../src/core/pack';
import { entryOf } from '../../src/core/pack/blocks';
import { fileCandidate, type FileCandidate } from '../../src/core/pack/candidates';
import { applyMove, EMPTY_STATE, moveGain, possibleMoves, snippetPriceKept, stateCost, stateValue, type FileState, type Move } from '../../src/core/pack/file-state';
import { mergeIntervals } from '../../src/core/pack/intervals';
import { candidateRows } from '../../src/core/pack/manifest';
import { outlinedDeclarations, outlineSections } from '../../src/core/pack/outline';
import { selectByValue } from '../../src/core/pack/select';
import { tokenCacheFor } from '../../src/core/pack/source-lines';
import { tokenizerFor } from '../../src/core/tokenizer';
import { fixtureView, rankedDeclarations } from './pack-fixture';

const pricing = PACKING_DEFAULTS.pricing;
const cache = tokenCacheFor(tokenizerFor('o200k_base'));
const FILE = 'values.py';

let view: IndexView;
before(async () => {
  view = await fixtureView(path.join(__dirname, '..', 'fixtures', 'pack-sections'));
});

function candidate(scores: Record<string, number>, file = FILE): FileCandidate {
  const c = fileCandidate(rankedDeclarations(view, file, scores), 0, view, cache);
  if ('reason' in c) throw new Error(c.reason);
  return c;
}

const textOf = (c: FileCandidate, state: FileState) => entryOf(c, state, cache)!.text();

describe("a section's outline", () => {
  test('sections are the outermost declarations that list members: classes with members, not functions or an empty class', () => {
    const sections = outlineSections(outlinedDeclarations(view.file(FILE)!.definitions));
    assert.deepEqual(
      sections.map(s => s.name),
      ['Meter', 'Ledger'],
    );
  });

  test('a candidate offers the sections its spans fall in, each the outline within its lines', () => {
    const c = candidate({ total: 0.5, rounded_sum: 0.4 });
    assert.deepEqual(
      c.sections.map(s => s.name),
      ['Ledger'],
      'rounded_sum is a module function: no section',
    );
    const text = textOf(c, applyMove(c, EMPTY_STATE, { kind: 'section', section: 0 }));
    for (const shown of ['class Ledger:', 'def __init__(self, owner):', 'def record(self, amount, note=""):', 'def entries_since(self, index):', 'def largest(self):']) assert.ok(text.includes(shown), `shows ${shown}:\n${text}`);
    for (const hidden of ['class Meter', 'def scale', 'def rounded_sum', 'def geometric_mean', 'self.entries.append(entry)']) assert.ok(!text.includes(hidden), `hides ${hidden}:\n${text}`);
    const whole = stateCost(c, applyMove(c, EMPTY_STATE, { kind: 'outline' }), pricing);
    const section = stateCost(c, applyMove(c, EMPTY_STATE, { kind: 'section', section: 0 }), pricing);
    assert.ok(section < whole * 0.6, `the section's outline (${section} tokens) costs much less than the file's (${whole})`);
  });

  test("is worth its ranked span's signature and its unranked members, and the whole outline is worth more", () => {
    const c = candidate({ total: 0.5, rounded_sum: 0.4 });
    const section = applyMove(c, EMPTY_STATE, { kind: 'section', section: 0 });
    const outline = applyMove(c, EMPTY_STATE, { kind: 'outline' });
    const covered = (state: FileState) => stateValue(c, state, pricing) / Math.sqrt(c.ranked.score);
    assert.ok(covered(section) > 0.5 * pricing.outlineCoverage, 'more than the signature of total: the members the section lists');
    assert.ok(covered(outline) > covered(section), "the whole outline adds rounded_sum's signature and Meter's members");
    assert.equal(applyMove(c, outline, { kind: 'section', section: 0 }), outline, 'the whole outline shows every section already');
    assert.equal(applyMove(c, section, { kind: 'outline' }).base, 'outline');
  });

  test('prices a section with snippets as the one entry they make: each line once, one header, a marker per hidden run', () => {
    const c = candidate({ total: 0.5, record: 0.3, rounded_sum: 0.4, largest: 0.2 });
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let trial = 0; trial < 100; trial++) {
      let state: FileState = applyMove(c, EMPTY_STATE, { kind: 'section', section: 0 });
      for (let k = next(4); k > 0; k--) state = applyMove(c, state, { kind: 'snippet', span: next(c.spans.length) });
      if (state.base !== 'sections') throw new Error('a snippet keeps the section');
      const merged = mergeIntervals([...state.outlined, ...state.lines]);
      const entry = c.headerTokens + c.source.tokensOf(merged) + pricing.markerTokens * (merged.length - 1);
      assert.equal(stateCost(c, state, pricing), entry, JSON.stringify(state));
    }
  });

  test("a move's gain, valued within the lines it changes, is the change of the whole state's value", () => {
    // Spans nested in a section (Ledger and its methods) and beside it, unranked members in both classes.
    const c = candidate({ Ledger: 0.3, total: 0.5, record: 0.3, rounded_sum: 0.4, scale: 0.2, geometric_mean: 0.1 });
    let seed = 11;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    let moves = 0;
    for (let trial = 0; trial < 60; trial++) {
      let state: FileState = EMPTY_STATE;
      for (let step = 0; step < 5 && state.base !== 'file'; step++) {
        for (const move of possibleMoves(c, state, pricing)) {
          const after = applyMove(c, state, move);
          const change = stateValue(c, after, pricing) - stateValue(c, state, pricing);
          // moveGain is single precision: a relative 2^-24.
          assert.ok(Math.abs(moveGain(c, state, move, after, pricing) - change) <= Math.max(Math.abs(change) * 1e-7, 1e-12), `${JSON.stringify(move)} from ${JSON.stringify(state)}`);
          moves++;
        }
        const open = possibleMoves(c, state, pricing).filter(move => move.kind !== 'file');
        if (open.length === 0) break;
        state = applyMove(c, state, open[next(open.length)]);
      }
    }
    assert.ok(moves > 500, `${moves} moves checked`);
  });

  for (const [file, scores] of [
    [FILE, { Ledger: 0.3, total: 0.5, record: 0.3, rounded_sum: 0.4, scale: 0.2, geometric_mean: 0.1 }],
    // Declarations one after another, no blank line between: snippets join their neighbours' runs.
    ['adjacent.ts', { gamma: 0.5, delta: 0.4, increment: 0.3, reset: 0.3, zeta: 0.2, beta: 0.1 }],
  ] as const) test(`a snippet's price that snippetPriceKept keeps after another snippet is the price from the new state, to the bit (${file})`, () => {
    const c = candidate(scores, file);
    let seed = 5;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const price = (state: FileState, move: Move) => {
      const after = applyMove(c, state, move);
      return [stateCost(c, after, pricing) - stateCost(c, state, pricing), moveGain(c, state, move, after, pricing)];
    };
    const bases: Move[] = [{ kind: 'outline' }, ...c.sections.map((_, section): Move => ({ kind: 'section', section }))];
    let kept = 0;
    let repriced = 0;
    for (let trial = 0; trial < 80; trial++) {
      // From nothing (the first snippet also pays the file's header), the whole outline, or a section's.
      const base = trial % (bases.length + 1);
      let state = base === 0 ? EMPTY_STATE : applyMove(c, EMPTY_STATE, bases[base - 1]);
      for (let step = 0; step < 4; step++) {
        const snippets = possibleMoves(c, state, pricing).filter(move => move.kind === 'snippet');
        if (snippets.length === 0) break;
        const added = snippets[next(snippets.length)];
        const after = applyMove(c, state, added);
        for (const move of possibleMoves(c, after, pricing)) {
          if (move.kind !== 'snippet') continue;
          if (!snippetPriceKept(c, state, after, added.span, move.span)) {
            repriced++;
            continue;
          }
          kept++;
          assert.deepEqual(price(after, move), price(state, move), `${JSON.stringify(move)} after ${JSON.stringify(added)} from ${JSON.stringify(state)}`);
        }
        state = after;
      }
    }
    assert.ok(kept > 50 && repriced > 50, `${kept} prices kept, ${repriced} priced again`);
  });

  test("is chosen when the file's outline does not fit and the manifest says which class it outlines", () => {
    const c = candidate({ total: 0.5, rounded_sum: 0.4 });
    const wholeOutline = stateCost(c, applyMove(c, EMPTY_STATE, { kind: 'outline' }), pricing);
    const bestSnippets = stateCost(c, applyMove(c, applyMove(c, EMPTY_STATE, { kind: 'snippet', span: 0 }), { kind: 'snippet', span: 1 }), pricing);
    const budget = Math.min(wholeOutline, bestSnippets + 60);
    const { states, remaining } = selectByValue([c], budget, pricing);
    const [state] = states;
    assert.ok(state.base === 'sections' && state.sections.length === 1, `at ${budget} tokens (outline ${wholeOutline}): ${JSON.stringify(state)}`);
    const rows = candidateRows('levels', c, state, entryOf(c, state, cache), remaining, pricing, cache);
    const included = rows.filter(row => row.included && row.level === 'outline');
    assert.equal(included.length, 1);
    const ledger = view.file(FILE)!.definitions.find(d => d.name === 'Ledger')!;
    assert.deepEqual([included[0].startLine, included[0].endLine], [ledger.range.start.line + 1, ledger.range.end.line + 1]);
    assert.match(included[0].reasons[0], /the outline of class `Ledger` alone/);
    const whole = rows.find(row => row.level === 'outline' && row.startLine === 1)!;
    assert.equal(whole.included, false);
    assert.equal(
      rows.filter(row => row.included).reduce((sum, row) => sum + row.tokens, 0),
      entryOf(c, state, cache)!.count.tokens,
      "the included rows share the entry's tokens",
    );
  });
});
