// Turns a corpus run into the report: summaries per strategy and budget (all positions, and without the
// positions whose line is duplicated elsewhere), latency percentiles, prefix reuse; printed as a table and
// written as JSON and Markdown.
import type { PromptFormat } from '../src/core/types';
import type { Provenance } from './context-results';
import type { BenchStrategy, CorpusRun } from './context-run';
import type { MaskMode } from './mask';
import { percentile, summarize, type Summary } from './metrics';
import type { Walk } from './prefix-walk';
import { SET_NAMES, TEST_SEED, type SetName } from './sets';

export interface StrategyBudgetResult {
  readonly all: Summary;
  /** Without the positions whose line appears verbatim in another file (a lexical strategy could copy it). */
  readonly withoutDuplicates: Summary;
}

export interface CorpusReport {
  readonly corpus: string;
  /** The set of bench/sets.ts the corpus belongs to; absent for a corpus outside both. */
  readonly set?: SetName;
  /** The prompt format the budget bounded (absent in reports made before the benchmark named one). */
  readonly format?: PromptFormat;
  /** Where the cursor was on each sampled line (absent in reports made before 'hole' masking: 'line'). */
  readonly mask?: MaskMode;
  /** The commit, time and machine load the corpus was measured at. */
  readonly provenance?: Provenance;
  readonly positions: number;
  readonly budgets: readonly number[];
  readonly results: Partial<Record<BenchStrategy, Record<number, StrategyBudgetResult>>>;
  /** Per engine call; the oracle is computed in the benchmark and has none. */
  readonly latencyMs: Partial<Record<BenchStrategy, { readonly p50: number; readonly p95: number }>>;
  /** With `--lsp`: the facts' time per position and how many positions missed some fact (budget, server). */
  readonly factsMs?: { readonly p50: number; readonly p95: number; readonly incomplete: number };
  readonly prefixReuse: Partial<Record<BenchStrategy, Record<number, number>>>;
  readonly walk?: Walk;
  readonly elapsedMs: number;
}

export function corpusReport(
  corpus: string,
  budgets: readonly number[],
  run: CorpusRun,
  prefixReuse: CorpusReport['prefixReuse'],
  walk: Walk | undefined,
  elapsedMs: number,
): CorpusReport {
  const results: CorpusReport['results'] = {};
  let positions = 0;
  for (const [strategy, byBudget] of run.scores) {
    const entry: Record<number, StrategyBudgetResult> = {};
    for (const [budget, scores] of byBudget) {
      positions = scores.length;
      entry[budget] = { all: summarize(scores), withoutDuplicates: summarize(scores.filter(s => !s.dupElsewhere)) };
    }
    results[strategy] = entry;
  }
  const latencyMs: CorpusReport['latencyMs'] = {};
  for (const [strategy, values] of run.latenciesMs) {
    if (values.length > 0) latencyMs[strategy] = { p50: percentile(values, 50), p95: percentile(values, 95) };
  }
  const factsMs = run.facts && run.facts.ms.length > 0 ? { p50: percentile(run.facts.ms, 50), p95: percentile(run.facts.ms, 95), incomplete: run.facts.incomplete } : undefined;
  return { corpus, positions, budgets, results, latencyMs, ...(factsMs ? { factsMs } : {}), prefixReuse, walk, elapsedMs };
}

const COLUMNS = ['budget', 'strategy', 'cover', 'span', 'member', 'seen', 'unseen', 'files', 'all', 'MRR', 'tok→gold', 'cover¬dup', 'all¬dup', 'p50 ms', 'p95 ms', 'reuse'] as const;

function rows(report: CorpusReport): string[][] {
  const ratio = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(2));
  const count = (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value)));
  const out: string[][] = [];
  for (const budget of report.budgets) {
    for (const [strategy, byBudget] of Object.entries(report.results) as [BenchStrategy, Record<number, StrategyBudgetResult>][]) {
      const { all, withoutDuplicates } = byBudget[budget];
      const latency = report.latencyMs[strategy];
      out.push([
        budgetLabel(budget),
        strategy,
        ratio(all.coverage),
        ratio(all.spanCoverage),
        ratio(all.coverageByCategory.member),
        ratio(all.coverageByCategory.imported_or_seen),
        ratio(all.coverageByCategory.unseen),
        ratio(all.fileRecall),
        ratio(all.allCoveredRate),
        ratio(all.mrr),
        count(all.medianTokensBeforeFirstGold),
        ratio(withoutDuplicates.coverage),
        ratio(withoutDuplicates.allCoveredRate),
        latency ? latency.p50.toFixed(1) : '-',
        latency ? latency.p95.toFixed(1) : '-',
        ratio(report.prefixReuse[strategy]?.[budget]),
      ]);
    }
  }
  return out;
}

function budgetLabel(budget: number): string {
  return budget % 1024 === 0 ? `${budget / 1024}K` : String(budget);
}

function heading(report: CorpusReport): string {
  const dupFree = Object.values(report.results)[0]?.[report.budgets[0]]?.withoutDuplicates.positions ?? 0;
  const walk = report.walk ? `prefix-reuse walk ${report.walk.file}:${report.walk.lines[0] + 1}-${report.walk.lines[report.walk.lines.length - 1] + 1}` : 'no prefix-reuse walk';
  const set = report.set ? ` [${report.set} set]` : '';
  const mask = `, mask ${report.mask ?? 'line'}`;
  const facts = report.factsMs ? `, facts p50 ${report.factsMs.p50.toFixed(1)} ms p95 ${report.factsMs.p95.toFixed(1)} ms (${report.factsMs.incomplete} positions missed some)` : '';
  return `${report.corpus}${set}${mask}: ${report.positions} positions (${dupFree} without duplicated lines), ${walk}${facts}, ${(report.elapsedMs / 1000).toFixed(0)} s`;
}

/** A fixed-width table for the terminal. */
export function formatTable(report: CorpusReport): string {
  const table = [[...COLUMNS], ...rows(report)];
  const widths = COLUMNS.map((_, c) => Math.max(...table.map(r => r[c].length)));
  const lines = table.map(r => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  return [heading(report), ...lines].join('\n');
}

export function formatMarkdown(report: CorpusReport): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [`### ${heading(report)}`, '', line(COLUMNS), line(COLUMNS.map((_, c) => (c < 2 ? '---' : '---:'))), ...rows(report).map(line)].join('\n');
}

const SET_TITLES: Record<SetName, string> = {
  test: `## Test set: corpora not looked at while tuning (seed ${TEST_SEED}, fixed)`,
  tuning: '## Tuning set: the only corpora constants may be adjusted against',
};

/** The reports grouped by set, test first, each under its title; corpora outside both sets come last. */
export function setSections(reports: readonly CorpusReport[], format: (report: CorpusReport) => string): string[] {
  const sections = SET_NAMES.flatMap(set => {
    const mine = reports.filter(r => r.set === set);
    return mine.length === 0 ? [] : [SET_TITLES[set], ...mine.map(format)];
  });
  const others = reports.filter(r => r.set === undefined);
  return others.length === 0 ? sections : [...sections, '## Other corpora', ...others.map(format)];
}

/** Where the figures come from: the command, the prompt format, and per corpus the commit, time and machine load. */
export function provenanceSection(command: string, format: PromptFormat, mask: MaskMode, reports: readonly CorpusReport[]): string {
  const cores = reports.find(r => r.provenance)?.provenance?.cores;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rows = reports.map(r => {
    const p = r.provenance;
    return line([r.corpus, r.set ?? '-', p?.commit ?? '-', p?.measuredAt.replace(/\.\d+Z$/, 'Z') ?? '-', p ? `${p.loadAverage[0]} → ${p.loadAverage[1]}` : '-', `${(r.elapsedMs / 1000).toFixed(0)} s`]);
  });
  return [
    `Command: \`${command}\`. Every request names the prompt format \`${format}\`: each budget bounds the whole rendered prompt, template markers included, as that family's tokenizer counts it. ${MASK_DESCRIPTIONS[mask]}${cores ? ` Machine: ${cores} cores shared with other work; the load average (1 minute, at the corpus's start and end) says how busy it was, so latencies are comparable only within a corpus.` : ''}`,
    '',
    line(['corpus', 'set', 'commit', 'measured at (UTC)', 'load', 'elapsed']),
    line(['---', '---', '---', '---', '---:', '---:']),
    ...rows,
  ].join('\n');
}

const MASK_DESCRIPTIONS: Record<MaskMode, string> = {
  line: 'Mask `line`: each sampled line is emptied and the cursor put at its start.',
  hole: 'Mask `hole`: on each sampled line the cursor is put right before its first gold name, the text before it kept and the rest of the line removed.',
};

/** An earlier report's JSON, as far as the comparison reads it (reports before the sets had no `set`). */
export interface EarlierReport {
  readonly generated: string;
  readonly reports: readonly Pick<CorpusReport, 'corpus' | 'budgets' | 'results' | 'mask'>[];
}

/** Coverage before → now for the corpora, strategies and budgets both reports measured. */
export function comparisonSection(earlier: EarlierReport, earlierName: string, reports: readonly CorpusReport[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rows: string[] = [];
  let budgets: readonly number[] = [];
  for (const now of reports) {
    // Figures of one mask say nothing of the other's: a corpus measured with another mask is not compared.
    const before = earlier.reports.find(r => r.corpus === now.corpus && (r.mask ?? 'line') === (now.mask ?? 'line'));
    if (!before) continue;
    budgets = now.budgets.filter(b => before.budgets.includes(b));
    for (const strategy of Object.keys(now.results) as BenchStrategy[]) {
      const was = before.results[strategy];
      const is = now.results[strategy];
      if (!was || !is) continue;
      rows.push(line([now.corpus, strategy, ...budgets.map(b => `${was[b].all.coverage.toFixed(2)} → ${is[b].all.coverage.toFixed(2)}`)]));
    }
  }
  if (rows.length === 0) return `## Compared with ${earlierName}\n\nNo corpus of this run is in that report (with the same mask).`;
  return [
    `## Compared with the earlier report ${earlierName} (${earlier.generated})`,
    '',
    'Coverage (cover) before → now, at the budgets both measured. Between the two: the masked line no longer leaks',
    'through the index (request view), the budget bounds the rendered prompt of the format above (before: context',
    'and current file only, no template), and the ranking and packing changes committed in between.',
    '',
    line(['corpus', 'strategy', ...budgets.map(budgetLabel)]),
    line(['---', '---', ...budgets.map(() => '---:')]),
    ...rows,
  ].join('\n');
}

export const COLUMN_LEGEND = [
  'cover: gold declarations whose signature line is in the included context / all gold declarations (biased',
  'towards outlines: an outline shows every signature of its file, so it covers them all at the cost of headers);',
  'span: mean share of each gold declaration\'s full span (signature to last line) in the included context,',
  'without that bias (an outline earns its header lines only);',
  'member / seen / unseen: the same for names reached through `a.b`, already written above the cursor, neither;',
  'files: gold files with some included context; all: positions with every gold declaration covered;',
  'MRR: mean 1/rank of the first included item showing a gold declaration; tok→gold: median context tokens before it;',
  '¬dup: without positions whose line appears verbatim in another file; p50/p95: engine latency per call;',
  'reuse: mean share of the prompt (context + prefix) repeating the previous prompt\'s start along the walk',
  '(12 lines down the first TypeScript function long enough; none for Python corpora).',
].join('\n');
