// What the benchmark measures of one context: does it contain the gold declarations, how early, at what
// cost. Pure functions over spans, so they are tested without an engine.
//
// Two measures of "contains". Coverage counts a declaration when its signature line is shown; its known
// bias: an outline shows every signature of its file, so one outline covers all its declarations at the
// price of their headers alone, and a strategy that shows outlines scores as if it had shown the bodies.
// Span coverage has no such bias: the share of each gold declaration's full span (signature to last line)
// the context shows, so an outline earns only its header lines and a whole declaration earns 1.
import { clipIntervals } from '../src/core/pack/intervals';
import type { ManifestItem } from '../src/core/types';
import { percentile } from '../src/core/eval/percentile';
import { GOLD_CATEGORIES, type DeclarationSite, type GoldCategory, type GoldPosition, type GoldSymbol } from './ground-truth';

/** Lines 0-based, inclusive. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/** One included item of context: the lines it shows of one file (an outline shows several runs). */
export interface ContextSpan {
  readonly path: string;
  readonly ranges: readonly LineRange[];
  readonly tokens: number;
}

export { percentile };

export interface Tally {
  readonly total: number;
  readonly covered: number;
}

export interface PositionScore {
  readonly dupElsewhere: boolean;
  readonly byCategory: Readonly<Record<GoldCategory, Tally>>;
  readonly goldFiles: Tally;
  readonly allCovered: boolean;
  /** Sum over the gold declarations of the share of its lines shown (best site), each in [0, 1]. */
  readonly spanCovered: number;
  /** 1 / rank of the first span that shows a gold declaration; 0 when none does. */
  readonly reciprocalRank: number;
  /** Context tokens spent before that span; undefined when none does. */
  readonly tokensBeforeFirstGold?: number;
}

export interface Summary {
  readonly positions: number;
  /** Covered gold symbols / gold symbols, over all positions. */
  readonly coverage: number;
  /** Mean over all gold declarations of the share of their full spans in the context (the outline-free measure). */
  readonly spanCoverage: number;
  readonly coverageByCategory: Readonly<Record<GoldCategory, number | undefined>>;
  readonly fileRecall: number;
  readonly allCoveredRate: number;
  readonly mrr: number;
  readonly medianTokensBeforeFirstGold?: number;
}

/**
 * The included items of a manifest in rank order (score, then manifest order), with the lines each shows:
 * its 0-based range, or for an outline the runs `outlineOf(path)` says the outline shows within the row's
 * range (an outline row spans the whole file, or one section of it, but shows only signatures).
 */
export function includedSpans(items: readonly ManifestItem[], outlineOf: (path: string) => readonly LineRange[]): ContextSpan[] {
  return items
    .map((item, order) => ({ item, order }))
    .filter(({ item }) => item.included)
    .sort((a, b) => b.item.score - a.item.score || a.order - b.order)
    .map(({ item }) => ({
      path: item.path,
      ranges: item.level === 'outline' ? clipIntervals(outlineOf(item.path), { start: item.startLine - 1, end: item.endLine - 1 }) : [{ start: item.startLine - 1, end: item.endLine - 1 }],
      tokens: item.tokens,
    }));
}

function shows(span: ContextSpan, symbol: GoldSymbol): boolean {
  return symbol.sites.some(s => s.file === span.path && span.ranges.some(r => s.signatureLine >= r.start && s.signatureLine <= r.end));
}

/** The share of `site`'s lines (start to end) that the spans show. */
function shownShare(site: DeclarationSite, spans: readonly ContextSpan[]): number {
  const shown = new Set<number>();
  for (const span of spans) {
    if (span.path !== site.file) continue;
    for (const r of span.ranges) for (let line = Math.max(r.start, site.startLine); line <= Math.min(r.end, site.endLine); line++) shown.add(line);
  }
  return shown.size / (site.endLine - site.startLine + 1);
}

/** The names of the gold declarations whose signature line some span shows. */
export function shownGold(position: GoldPosition, spans: readonly ContextSpan[]): string[] {
  return position.gold.filter(symbol => spans.some(span => shows(span, symbol))).map(symbol => symbol.name);
}

export function scorePosition(position: GoldPosition, spans: readonly ContextSpan[]): PositionScore {
  const byCategory = Object.fromEntries(GOLD_CATEGORIES.map(c => [c, { total: 0, covered: 0 }])) as Record<GoldCategory, { total: number; covered: number }>;
  let covered = 0;
  for (const symbol of position.gold) {
    const tally = byCategory[symbol.category];
    tally.total++;
    if (spans.some(span => shows(span, symbol))) {
      tally.covered++;
      covered++;
    }
  }
  const goldFiles = new Set(position.gold.flatMap(g => g.sites.map(s => s.file)));
  const spanFiles = new Set(spans.map(s => s.path));
  const firstGold = spans.findIndex(span => position.gold.some(symbol => shows(span, symbol)));
  return {
    dupElsewhere: position.dupElsewhere,
    byCategory,
    goldFiles: { total: goldFiles.size, covered: [...goldFiles].filter(f => spanFiles.has(f)).length },
    allCovered: covered === position.gold.length,
    // Any site counts for coverage, so the best-shown site counts here.
    spanCovered: position.gold.reduce((total, symbol) => total + Math.max(0, ...symbol.sites.map(site => shownShare(site, spans))), 0),
    reciprocalRank: firstGold < 0 ? 0 : 1 / (firstGold + 1),
    tokensBeforeFirstGold: firstGold < 0 ? undefined : spans.slice(0, firstGold).reduce((sum, s) => sum + s.tokens, 0),
  };
}

export function summarize(scores: readonly PositionScore[]): Summary {
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const ratio = (covered: number, total: number) => (total === 0 ? 0 : covered / total);
  const mean = (values: readonly number[]) => ratio(sum(values), values.length);
  const categoryTotal = (c: GoldCategory) => sum(scores.map(s => s.byCategory[c].total));
  const categoryCovered = (c: GoldCategory) => sum(scores.map(s => s.byCategory[c].covered));
  const allTotal = sum(GOLD_CATEGORIES.map(categoryTotal));
  const allCovered = sum(GOLD_CATEGORIES.map(categoryCovered));
  const tokensBefore = scores.flatMap(s => (s.tokensBeforeFirstGold === undefined ? [] : [s.tokensBeforeFirstGold]));
  return {
    positions: scores.length,
    coverage: ratio(allCovered, allTotal),
    spanCoverage: ratio(sum(scores.map(s => s.spanCovered)), allTotal),
    coverageByCategory: Object.fromEntries(GOLD_CATEGORIES.map(c => [c, categoryTotal(c) === 0 ? undefined : categoryCovered(c) / categoryTotal(c)])) as Record<GoldCategory, number | undefined>,
    fileRecall: ratio(sum(scores.map(s => s.goldFiles.covered)), sum(scores.map(s => s.goldFiles.total))),
    allCoveredRate: mean(scores.map(s => (s.allCovered ? 1 : 0))),
    mrr: mean(scores.map(s => s.reciprocalRank)),
    medianTokensBeforeFirstGold: tokensBefore.length === 0 ? undefined : percentile(tokensBefore, 50),
  };
}

/** Share of `next`'s tokens that repeat the start of `previous`: what a server's prefix (KV) cache can reuse. */
export function prefixReuse(previous: readonly number[], next: readonly number[]): number {
  if (next.length === 0) return 1;
  let common = 0;
  const limit = Math.min(previous.length, next.length);
  while (common < limit && previous[common] === next[common]) common++;
  return common / next.length;
}
