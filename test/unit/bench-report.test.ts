import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { DEFAULT_BUDGETS, parseArguments } from '../../bench/context-bench';
import { BENCH_STRATEGIES } from '../../bench/context-run';
import type { GoldPosition } from '../../bench/ground-truth';
import { maskLine } from '../../bench/mask';
import { scorePosition } from '../../bench/metrics';
import { corpusReport, formatMarkdown, formatTable } from '../../bench/report';
import { ALL_CORPORA, CORPUS_SETS } from '../../bench/sets';

describe('bench command line', () => {
  test('defaults to both sets of corpora (test first), the three budgets, every strategy and the sampling cap', () => {
    assert.deepEqual(parseArguments([]), { corpora: ALL_CORPORA, budgets: DEFAULT_BUDGETS, maxPositions: 100, strategies: BENCH_STRATEGIES, jobs: os.cpus().length });
  });
  test('takes repeated and comma-separated corpora, budgets, a position cap and a strategy subset', () => {
    assert.deepEqual(parseArguments(['--corpus', 'zod', '--corpus', '/tmp/x,rxjs', '--budgets', '1024,4096', '--max-positions', '12', '--strategies', 'ours,oracle', '--jobs', '1']), {
      corpora: ['zod', '/tmp/x', 'rxjs'],
      budgets: [1024, 4096],
      maxPositions: 12,
      strategies: ['ours', 'oracle'],
      jobs: 1,
    });
  });
  test('--lsp adds ours+facts beside the strategies asked for, with the editor budget for facts unless told', () => {
    const lsp = parseArguments(['--corpus', 'zod', '--strategies', 'ours', '--lsp', '--add-tsconfig', '--jobs', '1']);
    assert.deepEqual([lsp.strategies, lsp.factsBudgetMs, lsp.addTsconfig], [['ours', 'ours+facts'], 100, true]);
    assert.equal(parseArguments(['--corpus', 'zod', '--lsp', '--facts-budget', '2000']).factsBudgetMs, 2000);
    assert.equal(parseArguments(['--corpus', 'zod']).factsBudgetMs, undefined);
    assert.throws(() => parseArguments(['--corpus', 'zod', '--add-tsconfig']), /go with --lsp/);
  });
  test('--set runs one set of corpora', () => {
    assert.deepEqual(parseArguments(['--set', 'test']).corpora, CORPUS_SETS.test);
    assert.deepEqual(parseArguments(['--set', 'tuning', '--corpus', '/tmp/x']).corpora, [...CORPUS_SETS.tuning, '/tmp/x']);
    assert.throws(() => parseArguments(['--set', 'all']), /--set takes one of test, tuning/);
  });
  test('rejects unknown options, strategies and malformed numbers with what to pass instead', () => {
    assert.throws(() => parseArguments(['--budget', '10']), /Unknown option --budget\. Usage/);
    assert.throws(() => parseArguments(['--strategies', 'ours,magic']), /Unknown strategies: magic\. Use some of: none/);
    assert.throws(() => parseArguments(['--budgets', '2k']), /positive whole token counts/);
    assert.throws(() => parseArguments(['--max-positions']), /needs a value/);
    assert.throws(() => parseArguments(['--max-positions', '301']), /from 1 to 300/);
  });
});

describe('masking', () => {
  test('empties the target line and puts the cursor at its start', () => {
    assert.deepEqual(maskLine('a\r\nsecret(1);\r\nc', 1), { text: 'a\r\n\r\nc', position: { line: 1, character: 0 } });
    assert.throws(() => maskLine('one line', 3), /outside the file/);
  });
});

describe('report', () => {
  const gold = (dupElsewhere: boolean): GoldPosition => ({
    file: 'src/u.ts', line: 4, lineText: 'f(x.y)', dupElsewhere,
    gold: [{ name: 'f', category: 'imported_or_seen', sites: [{ file: 'src/f.ts', startLine: 0, endLine: 3, signatureLine: 0, signatureEndLine: 0 }] }],
  });
  const hit = [{ path: 'src/f.ts', ranges: [{ start: 0, end: 3 }], tokens: 40 }];
  const run = {
    scores: new Map([
      ['none', new Map([[2048, [scorePosition(gold(false), []), scorePosition(gold(true), [])]]])],
      ['bm25', new Map([[2048, [scorePosition(gold(false), []), scorePosition(gold(true), hit)]]])],
    ] as const),
    latenciesMs: new Map([['none', [1, 2, 3]], ['bm25', [10, 30, 20]]] as const),
  };
  const report = corpusReport('tiny', [2048], run, { bm25: { 2048: 0.5 } }, { file: 'src/u.ts', lines: [3, 4, 5] }, 1500);

  test('summarises with and without duplicated lines, latency percentiles and reuse', () => {
    assert.equal(report.positions, 2);
    assert.equal(report.results.bm25![2048].all.coverage, 0.5);
    assert.equal(report.results.bm25![2048].all.spanCoverage, 0.5);
    assert.equal(report.results.bm25![2048].withoutDuplicates.coverage, 0);
    assert.equal(report.results.bm25![2048].withoutDuplicates.positions, 1);
    assert.deepEqual(report.latencyMs.bm25, { p50: 20, p95: 30 });
  });

  test('prints one aligned row per budget and strategy, in the terminal and in Markdown', () => {
    const table = formatTable(report).split('\n');
    assert.equal(table[0], 'tiny: 2 positions (1 without duplicated lines), prefix-reuse walk src/u.ts:4-6, 2 s');
    assert.match(table[2], /^2K\s+none\s+0\.00\s+0\.00\s+-\s+0\.00\s+-\s+0\.00\s+0\.00\s+0\.00\s+-\s+0\.00\s+0\.00\s+2\.0\s+3\.0\s+-$/);
    assert.match(table[3], /^2K\s+bm25\s+0\.50\s+0\.50\s+-\s+0\.50\s+-\s+0\.50\s+0\.50\s+0\.50\s+0\s+0\.00\s+0\.00\s+20\.0\s+30\.0\s+0\.50$/);
    assert.equal(new Set(table.slice(1).map(l => l.length)).size, 1);
    assert.match(formatMarkdown(report), /\| 2K \| bm25 \| 0\.50 \|/);
  });
});
