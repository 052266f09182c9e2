// The side-by-side summary of `codebase-context eval`: one row per strategy and budget, as a table or as
// JSON. The JSON shape is a public contract: extend it, never rename its fields.
import { percentile } from '../core/eval/percentile';
import type { StrategyName } from '../core/types';
import type { EvalRecord } from './eval-results';

export interface EvalRow {
  readonly strategy: StrategyName;
  readonly budget: number;
  /** Positions answered under this strategy and budget. */
  readonly positions: number;
  /** Means over the positions, 0..1 (the papers print them as percentages). */
  readonly exactMatch: number;
  readonly editSimilarity: number;
  readonly identifierExactMatch: number;
  readonly identifierF1: number;
  readonly promptTokensMean: number;
  readonly contextMs: { readonly p50: number; readonly p95: number };
  readonly modelMs: { readonly p50: number; readonly p95: number };
}

export interface EvalSummary {
  readonly model: string;
  readonly format: string;
  /** Positions sampled; a row has fewer when the run stopped early. */
  readonly positions: number;
  readonly rows: readonly EvalRow[];
}

export function summarizeRecords(records: readonly EvalRecord[], strategies: readonly StrategyName[], budgets: readonly number[]): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const strategy of strategies) {
    for (const budget of budgets) {
      const mine = records.filter(r => r.strategy === strategy && r.budget === budget);
      if (mine.length === 0) continue;
      const mean = (pick: (r: EvalRecord) => number) => mine.reduce((sum, r) => sum + pick(r), 0) / mine.length;
      const spread = (pick: (r: EvalRecord) => number) => ({ p50: percentile(mine.map(pick), 50), p95: percentile(mine.map(pick), 95) });
      rows.push({
        strategy,
        budget,
        positions: mine.length,
        exactMatch: mean(r => r.exactMatch),
        editSimilarity: mean(r => r.editSimilarity),
        identifierExactMatch: mean(r => r.identifierExactMatch),
        identifierF1: mean(r => r.identifierF1),
        promptTokensMean: mean(r => r.promptTokens),
        contextMs: spread(r => r.contextMs),
        modelMs: spread(r => r.modelMs),
      });
    }
  }
  return rows;
}

const COLUMNS = ['strategy', 'budget', 'n', 'EM %', 'ES %', 'ID-EM %', 'ID-F1 %', 'prompt tok', 'ctx p50 ms', 'model p50 ms', 'model p95 ms'] as const;

export function formatSummaryTable(summary: EvalSummary): string {
  const percent = (value: number) => (100 * value).toFixed(1);
  const cells = summary.rows.map(r => [
    r.strategy,
    String(r.budget),
    String(r.positions),
    percent(r.exactMatch),
    percent(r.editSimilarity),
    percent(r.identifierExactMatch),
    percent(r.identifierF1),
    String(Math.round(r.promptTokensMean)),
    r.contextMs.p50.toFixed(1),
    r.modelMs.p50.toFixed(0),
    r.modelMs.p95.toFixed(0),
  ]);
  const table = [[...COLUMNS], ...cells];
  const widths = COLUMNS.map((_, c) => Math.max(...table.map(row => row[c].length)));
  const lines = table.map(row => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  return [`${summary.model} (${summary.format} prompts), ${summary.positions} positions`, ...lines].join('\n');
}
