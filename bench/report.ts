// Turns a corpus run into the report: summaries per strategy and budget (all positions, and without the
// positions whose line is duplicated elsewhere), latency percentiles, prefix reuse; printed as a table and
// written as JSON and Markdown.
import type { BenchStrategy, CorpusRun } from './context-run';
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
  const facts = report.factsMs ? `, facts p50 ${report.factsMs.p50.toFixed(1)} ms p95 ${report.factsMs.p95.toFixed(1)} ms (${report.factsMs.incomplete} positions missed some)` : '';
  return `${report.corpus}${set}: ${report.positions} positions (${dupFree} without duplicated lines), ${walk}${facts}, ${(report.elapsedMs / 1000).toFixed(0)} s`;
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
