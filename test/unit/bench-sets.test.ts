import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setSections, type CorpusReport } from '../../bench/report';
import { ALL_CORPORA, CORPUS_SETS, setOf, TEST_SEED } from '../../bench/sets';
import { DEFAULT_SAMPLING } from '../../src/core/eval/sample';

describe('tuning and test sets', () => {
  test('are disjoint, list the test set first, and sample with the documented fixed seed', () => {
    assert.equal(new Set(ALL_CORPORA).size, ALL_CORPORA.length);
    assert.deepEqual(ALL_CORPORA.slice(0, CORPUS_SETS.test.length), CORPUS_SETS.test);
    assert.equal(setOf('@fp-ts/core@0.2.1'), 'test');
    assert.equal(setOf('zod@4.6.7'), 'tuning');
    assert.equal(setOf('/some/dir'), undefined);
    assert.equal(TEST_SEED, DEFAULT_SAMPLING.seed);
  });

  test('the corpora the ranking was developed on are never in the test set', () => {
    for (const watched of ['zod@4.6.7', 'rxjs@7.8.2', '@trpc/server@11.25.2', 'mobx@7.1.3']) assert.equal(setOf(watched), 'tuning');
  });

  test('the report groups corpora by set, test first, then corpora outside both', () => {
    const report = (corpus: string) => ({ corpus, set: setOf(corpus) }) as CorpusReport;
    const sections = setSections([report('zod@4.6.7'), report('/x'), report('python3-rich')], r => r.corpus);
    assert.deepEqual(sections.map(s => s.split(':')[0]), ['## Test set', 'python3-rich', '## Tuning set', 'zod@4.6.7', '## Other corpora', '/x']);
  });
});
