import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_BUDGETS, DEFAULT_FORMAT, parseArguments } from '../../bench/context-bench';
import { BENCH_STRATEGIES } from '../../bench/context-run';
import type { GoldPosition } from '../../bench/ground-truth';
import { maskLine, maskRestOfLine } from '../../bench/mask';
import { scorePosition } from '../../bench/metrics';
import * as fs from 'node:fs';
import { keepResult, keptResult, type Measurement } from '../../bench/context-results';
import { comparisonSection, corpusReport, formatMarkdown, formatTable, provenanceSection, type EarlierReport } from '../../bench/report';
import { ALL_CORPORA, CORPUS_SETS } from '../../bench/sets';

describe('bench command line', () => {
  test('defaults to both sets of corpora (test first), the three budgets, every strategy and the sampling cap', () => {
    assert.deepEqual(parseArguments([]), { corpora: ALL_CORPORA, budgets: DEFAULT_BUDGETS, maxPositions: 100, strategies: BENCH_STRATEGIES, format: DEFAULT_FORMAT, mask: 'line', jobs: os.cpus().length });
    assert.equal(DEFAULT_FORMAT, 'qwen');
  });
  test('takes a prompt format, a results folder and an earlier report to compare with', () => {
    assert.equal(parseArguments(['--format', 'codellama']).format, 'codellama');
    assert.throws(() => parseArguments(['--format', 'gpt4']), /--format takes one of qwen, starcoder, deepseek, codestral, codellama, suffix-field, chat, plain \(got gpt4\)/);
    assert.equal(parseArguments(['--results-dir', 'kept']).resultsDir, path.resolve('kept'));
    assert.equal(parseArguments(['--positions-out', 'positions']).positionsOut, path.resolve('positions'));
    assert.throws(() => parseArguments(['--compare', '/nonexistent/old.json']), /earlier report's JSON file; \/nonexistent\/old\.json does not exist/);
  });
  test('takes repeated and comma-separated corpora, budgets, a position cap and a strategy subset', () => {
    assert.deepEqual(parseArguments(['--corpus', 'zod', '--corpus', '/tmp/x,rxjs', '--budgets', '1024,4096', '--max-positions', '12', '--strategies', 'ours,oracle', '--jobs', '1']), {
      corpora: ['zod', '/tmp/x', 'rxjs'],
      budgets: [1024, 4096],
      maxPositions: 12,
      strategies: ['ours', 'oracle'],
      format: 'qwen',
      mask: 'line',
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
  test('--mask takes line (the default) or hole', () => {
    assert.equal(parseArguments(['--mask', 'hole']).mask, 'hole');
    assert.throws(() => parseArguments(['--mask', 'word']), /--mask takes one of line, hole \(got word\)/);
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
  test('line: empties the target line and puts the cursor at its start', () => {
    assert.deepEqual(maskLine('a\r\nsecret(1);\r\nc', 1), { text: 'a\r\n\r\nc', position: { line: 1, character: 0 } });
    assert.throws(() => maskLine('one line', 3), /outside the file/);
  });
  test('hole: keeps the line up to the cursor and removes the rest of it, nothing else', () => {
    const text = 'a\r\nconst v = cfg.secretKey(1);\r\nc';
    const masked = maskRestOfLine(text, { line: 1, character: 14 });
    assert.deepEqual(masked, { text: 'a\r\nconst v = cfg.\r\nc', position: { line: 1, character: 14 } });
    assert.ok(!/secretKey|\(1\)/.test(masked.text), 'nothing after the cursor survives');
    assert.deepEqual(maskRestOfLine('x = f(y)\n', { line: 0, character: 4 }), { text: 'x = \n', position: { line: 0, character: 4 } });
    // The `\r` is no column of the line: a cursor after it would leave a line break in the middle of the line.
    assert.throws(() => maskRestOfLine(text, { line: 1, character: 28 }), /Column 28 is outside line 1 \(27 characters\)/);
    assert.deepEqual(maskRestOfLine(text, { line: 1, character: 27 }).text, text);
  });
});

describe('report', () => {
  const gold = (dupElsewhere: boolean): GoldPosition => ({
    file: 'src/u.ts', line: 4, lineText: 'f(x.y)', dupElsewhere,
    gold: [{ name: 'f', column: 0, category: 'imported_or_seen', sites: [{ file: 'src/f.ts', startLine: 0, endLine: 3, signatureLine: 0, signatureEndLine: 0 }] }],
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
    assert.equal(table[0], 'tiny, mask line: 2 positions (1 without duplicated lines), prefix-reuse walk src/u.ts:4-6, 2 s');
    assert.match(formatTable({ ...report, mask: 'hole' }), /^tiny, mask hole: 2 positions/);
    assert.match(table[2], /^2K\s+none\s+0\.00\s+0\.00\s+-\s+0\.00\s+-\s+0\.00\s+0\.00\s+0\.00\s+-\s+0\.00\s+0\.00\s+2\.0\s+3\.0\s+-$/);
    assert.match(table[3], /^2K\s+bm25\s+0\.50\s+0\.50\s+-\s+0\.50\s+-\s+0\.50\s+0\.50\s+0\.50\s+0\s+0\.00\s+0\.00\s+20\.0\s+30\.0\s+0\.50$/);
    assert.equal(new Set(table.slice(1).map(l => l.length)).size, 1);
    assert.match(formatMarkdown(report), /\| 2K \| bm25 \| 0\.50 \|/);
  });

  test('names the command, the format and where each corpus was measured', () => {
    const measured = { ...report, set: 'test' as const, provenance: { commit: 'abc123', measuredAt: '2026-12-02T01:00:00.123Z', loadAverage: [1.5, 2.25] as const, cores: 2 } };
    const section = provenanceSection('npm run bench:context -- --jobs 2', 'qwen', 'line', [measured]);
    assert.match(section, /^Command: `npm run bench:context -- --jobs 2`\. Every request names the prompt format `qwen`/);
    assert.match(section, /Machine: 2 cores/);
    assert.match(section, /Mask `line`: each sampled line is emptied/);
    assert.match(provenanceSection('npm run bench:context -- --mask hole', 'qwen', 'hole', [measured]), /Mask `hole`: on each sampled line the cursor is put right before its first gold name/);
    assert.match(section, /\| tiny \| test \| abc123 \| 2026-12-02T01:00:00Z \| 1\.5 → 2\.25 \| 2 s \|/);
  });

  test('compares coverage with an earlier report, corpus by corpus, for what both measured', () => {
    const was = (coverage: number) => ({ 2048: { all: { ...report.results.bm25![2048].all, coverage }, withoutDuplicates: report.results.bm25![2048].withoutDuplicates } });
    const earlier: EarlierReport = { generated: '2026-11-28T18:47:22Z', reports: [{ corpus: 'tiny', budgets: [2048, 8192], results: { bm25: was(0.25), repomap: was(0.4) } }] };
    const section = comparisonSection(earlier, 'old.json', [report]).split('\n');
    assert.equal(section[0], '## Compared with the earlier report old.json (2026-11-28T18:47:22Z)');
    assert.deepEqual(section.slice(-3), ['| corpus | strategy | 2K |', '| --- | --- | ---: |', '| tiny | bm25 | 0.25 → 0.50 |']);
    assert.match(comparisonSection({ ...earlier, reports: [] }, 'old.json', [report]), /No corpus of this run is in that report/);
    assert.match(comparisonSection(earlier, 'old.json', [{ ...report, mask: 'hole' }]), /No corpus of this run is in that report/);
  });
});

describe('kept results (--results-dir)', () => {
  const measurement: Measurement = { corpus: '@fp-ts/core@0.2.1', budgets: [2048], maxPositions: 10, strategies: ['ours'], format: 'qwen' };
  const report = { corpus: '@fp-ts/core@0.2.1', positions: 10, budgets: [2048], results: {}, latencyMs: {}, prefixReuse: {}, elapsedMs: 5 };
  test('are reused only for the same measurement', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-kept-'));
    try {
      assert.equal(keptResult(dir, measurement), undefined);
      keepResult(dir, measurement, report);
      assert.deepEqual(keptResult(dir, measurement), report);
      assert.equal(keptResult(dir, { ...measurement, format: 'plain' }), undefined);
      assert.equal(keptResult(dir, { ...measurement, budgets: [2048, 8192] }), undefined);
      assert.equal(keptResult(dir, { ...measurement, mask: 'hole' }), undefined);
      assert.deepEqual(fs.readdirSync(dir), ['@fp-ts_core@0.2.1.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
