import type { Position } from '../types';
import { GrowingCount } from './line-groups';
import type { TokenCache } from './source-lines';

/** The current file around the cursor, cut to its token shares at line boundaries. */
export interface CurrentFileWindow {
  readonly prefix: string;
  readonly suffix: string;
  /** Exact token counts of `prefix` and `suffix`. */
  readonly prefixTokens: number;
  readonly suffixTokens: number;
  /** Whether lines were left out because the share ran out (more tokens would show more). */
  readonly prefixCut: boolean;
  readonly suffixCut: boolean;
}

interface Side {
  readonly text: string;
  readonly tokens: number;
  readonly cut: boolean;
}

/**
 * One side of the cursor: the partial cursor line (the anchor) and the whole lines beyond it, nearest
 * first. Exact totals for each number of kept lines are computed once, as far as a budget asks, so cutting
 * the same side for several budgets (the share, then the share plus what cross-file context left) never
 * counts a line twice and never tokenizes the joined text.
 */
class SideCut {
  private readonly growth: GrowingCount;
  /** `totals[k]`: exact tokens of the anchor with the `k` nearest lines. */
  private readonly totals: number[];

  constructor(
    private readonly direction: 'above' | 'below',
    private readonly anchor: string,
    private readonly nearestFirst: (k: number) => string,
    private readonly available: number,
    /** The cursor's 0-based line (a cut prefix starts at an aligned line). */
    private readonly cursorLine: number,
    private readonly cache: TokenCache,
  ) {
    this.growth = new GrowingCount(direction === 'above' ? 'up' : 'down', anchor, text => cache.line(text));
    this.totals = [this.growth.tokens];
  }

  cut(budget: number): Side {
    if (this.totals[0] > budget) {
      const anchor = fitPartialLine(this.anchor, budget, this.cache, this.direction);
      return { text: anchor, tokens: this.cache.tokenizer.count(anchor), cut: true };
    }
    let kept = 0;
    while (kept < this.available && this.total(kept + 1) <= budget) kept++;
    if (this.direction === 'above' && kept < this.available) kept = this.cursorLine - alignedPrefixStart(this.cursorLine - kept, kept);
    return { text: this.join(kept), tokens: this.totals[kept], cut: kept < this.available };
  }

  private total(kept: number): number {
    while (this.totals.length <= kept) this.totals.push(this.growth.add(this.nearestFirst(this.totals.length - 1)));
    return this.totals[kept];
  }

  private join(kept: number): string {
    const lines = Array.from({ length: kept }, (_, k) => this.nearestFirst(k));
    return this.direction === 'above' ? lines.reverse().concat(this.anchor).join('\n') : [this.anchor, ...lines].join('\n');
  }
}

/** Budgets in tokens for the two sides of the cursor. */
export interface SideBudgets {
  readonly prefix: number;
  readonly suffix: number;
}

/**
 * Keeps the lines nearest the cursor: the prefix grows upward from the cursor line, the suffix downward.
 * The partial cursor line is always kept (trimmed at the far end only if it alone exceeds its share).
 * Split and counted once per request; `window` may then be asked for several budgets.
 */
export class CurrentFileCut {
  private readonly above: SideCut;
  private readonly below: SideCut;

  /** `lines`: the buffer split on `\n`. */
  constructor(lines: readonly string[], position: Position, cache: TokenCache) {
    const line = Math.max(0, Math.min(position.line, lines.length - 1));
    const cursorLine = lines[line];
    const character = Math.max(0, Math.min(position.character, cursorLine.length));
    this.above = new SideCut('above', cursorLine.slice(0, character), k => lines[line - 1 - k], line, line, cache);
    this.below = new SideCut('below', cursorLine.slice(character), k => lines[line + 1 + k], lines.length - line - 1, line, cache);
  }

  window(budgets: SideBudgets): CurrentFileWindow {
    return windowOf(this.above.cut(budgets.prefix), this.below.cut(budgets.suffix));
  }

  /**
   * The window when `available` tokens are left for the current file: the suffix keeps at most its share,
   * the prefix takes the rest, and what a short prefix leaves goes back to the suffix.
   */
  windowWithin(available: number, suffixShare: number): CurrentFileWindow {
    const suffix = this.below.cut(Math.min(suffixShare, available));
    const prefix = this.above.cut(available - suffix.tokens);
    return windowOf(prefix, prefix.cut ? suffix : this.below.cut(available - prefix.tokens));
  }
}

function windowOf(prefix: Side, suffix: Side): CurrentFileWindow {
  return { prefix: prefix.text, suffix: suffix.text, prefixTokens: prefix.tokens, suffixTokens: suffix.tokens, prefixCut: prefix.cut, suffixCut: suffix.cut };
}

export function cutAroundCursor(text: string, position: Position, budgets: SideBudgets, cache: TokenCache): CurrentFileWindow {
  return new CurrentFileCut(text.split('\n'), position, cache).window(budgets);
}

/**
 * Where a cut prefix starts, rounded down the file to a multiple of a power of two no larger than a quarter
 * of the kept lines: as the cursor moves down, the prefix's first line stays put for many steps, so
 * consecutive prompts share their start (the model server's KV cache), at the cost of an eighth of the
 * prefix on average (a quarter at most).
 */
export function alignedPrefixStart(start: number, kept: number): number {
  const step = 2 ** Math.floor(Math.log2(Math.max(1, kept / 4)));
  return Math.ceil(start / step) * step;
}

/** The cursor line's part on this side, shortened at its far end when it alone exceeds the budget. */
function fitPartialLine(partial: string, budget: number, cache: TokenCache, direction: 'above' | 'below'): string {
  const keep = (n: number) => (direction === 'above' ? partial.slice(partial.length - n) : partial.slice(0, n));
  let low = 0;
  let high = partial.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cache.tokenizer.count(keep(mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  return keep(low);
}
