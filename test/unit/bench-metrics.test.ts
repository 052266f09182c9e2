import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { GoldPosition } from '../../bench/ground-truth';
import { includedSpans, percentile, prefixReuse, scorePosition, summarize } from '../../bench/metrics';

const position: GoldPosition = {
  file: 'src/use.ts',
  line: 10,
  lineText: 'const x = make(cfg.size);',
  dupElsewhere: false,
  gold: [
    { name: 'make', column: 10, category: 'imported_or_seen', sites: [{ file: 'src/make.ts', startLine: 3, endLine: 9, signatureLine: 3, signatureEndLine: 3 }] },
    { name: 'size', column: 19, category: 'member', sites: [{ file: 'src/config.ts', startLine: 5, endLine: 5, signatureLine: 5, signatureEndLine: 5 }] },
  ],
};

describe('context metrics', () => {
  test('a declaration counts only when its signature line is inside an included span', () => {
    const spans = [
      { path: 'src/other.ts', ranges: [{ start: 0, end: 40 }], tokens: 300 },
      { path: 'src/make.ts', ranges: [{ start: 4, end: 9 }], tokens: 50 }, // body without the signature line
      { path: 'src/make.ts', ranges: [{ start: 0, end: 3 }], tokens: 20 },
    ];
    const score = scorePosition(position, spans);
    assert.deepEqual(score.byCategory, { member: { total: 1, covered: 0 }, imported_or_seen: { total: 1, covered: 1 }, unseen: { total: 0, covered: 0 } });
    assert.deepEqual(score.goldFiles, { total: 2, covered: 1 });
    assert.equal(score.allCovered, false);
    assert.equal(score.reciprocalRank, 1 / 3);
    assert.equal(score.tokensBeforeFirstGold, 350);
    assert.equal(score.spanCovered, 1, 'make: its 7 lines shown by two spans together; size: none');
  });

  test('summaries pool the tallies over positions', () => {
    const full = scorePosition(position, [
      { path: 'src/config.ts', ranges: [{ start: 5, end: 5 }], tokens: 10 },
      { path: 'src/make.ts', ranges: [{ start: 3, end: 3 }], tokens: 10 },
    ]);
    const none = scorePosition({ ...position, dupElsewhere: true }, []);
    const summary = summarize([full, none]);
    assert.equal(summary.coverage, 2 / 4);
    assert.equal(summary.spanCoverage, (1 / 7 + 1) / 4, 'make shows its signature line only (1 of 7), size all of its one line');
    assert.equal(summary.fileRecall, 2 / 4);
    assert.equal(summary.allCoveredRate, 1 / 2);
    assert.equal(summary.mrr, 1 / 2);
    assert.equal(summary.medianTokensBeforeFirstGold, 0);
    assert.deepEqual(summary.coverageByCategory, { member: 1 / 2, imported_or_seen: 1 / 2, unseen: undefined });
    assert.equal(none.tokensBeforeFirstGold, undefined);
  });

  test('manifest items become 0-based spans in score order, outlines show their runs, dropped items left out', () => {
    const item = { path: 'a.ts', startLine: 1, endLine: 4, level: 'snippet' as const, tokens: 12, score: 1, reasons: [], source: 'x' };
    const outline = { ...item, path: 'o.ts', startLine: 1, endLine: 90, level: 'outline' as const, score: 2, included: true };
    const outlineOf = (path: string) => (path === 'o.ts' ? [{ start: 0, end: 1 }, { start: 40, end: 41 }] : []);
    assert.deepEqual(includedSpans([{ ...item, included: true }, { ...item, path: 'b.ts', included: false }, outline], outlineOf), [
      { path: 'o.ts', ranges: [{ start: 0, end: 1 }, { start: 40, end: 41 }], tokens: 12 },
      { path: 'a.ts', ranges: [{ start: 0, end: 3 }], tokens: 12 },
    ]);
    const inBody = { ...position, gold: [{ ...position.gold[0], sites: [{ file: 'o.ts', startLine: 20, endLine: 30, signatureLine: 20, signatureEndLine: 20 }] }] };
    assert.equal(scorePosition(inBody, includedSpans([outline], outlineOf)).allCovered, false, 'a line the outline elides is not covered');
    // The bias span coverage removes: the outline shows the signature (covered) but 2 of the 10 lines.
    const outlined = { ...position, gold: [{ ...position.gold[0], sites: [{ file: 'o.ts', startLine: 40, endLine: 49, signatureLine: 40, signatureEndLine: 41 }] }] };
    const score = scorePosition(outlined, includedSpans([outline], outlineOf));
    assert.equal(score.allCovered, true);
    assert.equal(score.spanCovered, 2 / 10);
  });

  test("an outline row over one section's lines shows the outline's runs within them only", () => {
    const section = { path: 'o.ts', startLine: 31, endLine: 60, level: 'outline' as const, tokens: 8, score: 2, reasons: [], source: 'x', included: true };
    const outlineOf = () => [{ start: 0, end: 1 }, { start: 29, end: 31 }, { start: 40, end: 41 }];
    assert.deepEqual(includedSpans([section], outlineOf), [{ path: 'o.ts', ranges: [{ start: 30, end: 31 }, { start: 40, end: 41 }], tokens: 8 }]);
  });

  test('percentiles use the nearest rank and prefix reuse the longest common token prefix', () => {
    assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
    assert.equal(prefixReuse([1, 2, 3, 4], [1, 2, 9, 4, 5]), 2 / 5);
    assert.equal(prefixReuse([], [1]), 0);
  });
});
