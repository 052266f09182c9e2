import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editSimilarity, identifiers, predictedLine, scoreLine } from '../../src/core/eval/completion-metrics';
import { isCodeLine, sampleLines, sampleLinesAsync } from '../../src/core/eval/sample';

describe('completion metrics (RepoBench / CrossCodeEval)', () => {
  test('edit similarity is rapidfuzz fuzz.ratio / 100: 2·LCS / (|a| + |b|)', () => {
    assert.equal(editSimilarity('kitten', 'sitting'), 8 / 13); // fuzz.ratio("kitten", "sitting") = 61.538…
    assert.equal(editSimilarity('abc', 'abc'), 1);
    assert.equal(editSimilarity('abc', 'xyz'), 0);
    assert.equal(editSimilarity('', ''), 1);
    assert.equal(editSimilarity('ab', 'ba'), 0.5); // a substitution-free InDel distance of 2
  });

  test('the prediction is the first non-blank line, compared stripped', () => {
    assert.equal(predictedLine('\n\n  return a + b;\n}\n'), '  return a + b;');
    const exact = scoreLine('\n  return add(a, b);  \nmore', 'return add(a, b);', 'typescript');
    assert.deepEqual(exact, { exactMatch: 1, editSimilarity: 1, identifierExactMatch: 1, identifierF1: 1 });
  });

  test('identifiers skip keywords and string contents; ID-EM needs the same order, ID-F1 compares sets', () => {
    assert.deepEqual(identifiers('const total = price(items, "tax rate") + this.fee;', 'typescript'), ['total', 'price', 'items', 'fee']);
    assert.deepEqual(identifiers('return self.cart if x is None else y', 'python'), ['self', 'cart', 'x', 'y']);
    const swapped = scoreLine('f(b, a)', 'f(a, b)', 'typescript');
    assert.equal(swapped.identifierExactMatch, 0);
    assert.equal(swapped.identifierF1, 1);
    // prediction {f, a, c}, target {f, a, b}: precision 2/3, recall 2/3.
    assert.ok(Math.abs(scoreLine('f(a, c)', 'f(a, b)', 'typescript').identifierF1 - 2 / 3) < 1e-12);
    assert.equal(scoreLine('', 'f(a)', 'typescript').identifierF1, 0);
  });
});

describe('the shared position sampler', () => {
  const files = [
    { file: 'a.ts', lines: Array.from({ length: 200 }, (_, i) => i) },
    { file: 'b.ts', lines: Array.from({ length: 200 }, (_, i) => i) },
  ];

  test('is seeded, keeps its gap and per-file cap, and a synchronous and an asynchronous judge draw alike', async () => {
    const judge = ({ line }: { line: number }) => line % 3 !== 0;
    const sync = sampleLines(files, judge, { maxPerFile: 4, minLineGap: 20 });
    assert.deepEqual(sampleLines(files, judge, { maxPerFile: 4, minLineGap: 20 }), sync);
    assert.deepEqual(await sampleLinesAsync(files, async c => judge(c), { maxPerFile: 4, minLineGap: 20 }), sync);
    assert.equal(sync.length, 8);
    for (const file of ['a.ts', 'b.ts']) {
      const lines = sync.filter(p => p.file === file).map(p => p.line);
      assert.ok(lines.every((l, i) => l % 3 !== 0 && (i === 0 || l - lines[i - 1] >= 20)));
    }
    assert.notDeepEqual(sampleLines(files, judge, { maxPerFile: 4, seed: 7 }), sync);
    assert.equal(sampleLines(files, judge, { maxPerFile: 4, maxPositions: 3 }).length, 3);
  });

  test('comment and blank lines are not code, per the language\'s comment syntax', () => {
    assert.equal(isCodeLine('   // note', '//'), false);
    assert.equal(isCodeLine(' * @param x', '//'), false);
    assert.equal(isCodeLine('# note', '#'), false);
    assert.equal(isCodeLine('x = a * b', '#'), true);
    assert.equal(isCodeLine('   ', '#'), false);
  });
});
