import type { Position } from '../types';
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
 * Keeps the lines nearest the cursor: the prefix grows upward from the cursor line, the suffix downward.
 * The partial cursor line is always kept (trimmed at the far end only if it alone exceeds its share).
 */
export function cutAroundCursor(text: string, position: Position, budgets: { prefix: number; suffix: number }, cache: TokenCache): CurrentFileWindow {
  const lines = text.split('\n');
  const line = Math.max(0, Math.min(position.line, lines.length - 1));
  const cursorLine = lines[line];
  const character = Math.max(0, Math.min(position.character, cursorLine.length));
  const prefix = growSide(cursorLine.slice(0, character), lines.slice(0, line).reverse(), budgets.prefix, cache, 'above', line);
  const suffix = growSide(cursorLine.slice(character), lines.slice(line + 1), budgets.suffix, cache, 'below', line);
  return { prefix: prefix.text, suffix: suffix.text, prefixTokens: prefix.tokens, suffixTokens: suffix.tokens, prefixCut: prefix.cut, suffixCut: suffix.cut };
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

/** `nearestFirst` are the whole lines on that side, nearest to the cursor first; `cursorLine` is the cursor's 0-based line. */
function growSide(partial: string, nearestFirst: readonly string[], budget: number, cache: TokenCache, direction: 'above' | 'below', cursorLine: number): Side {
  const join = (kept: readonly string[], anchor: string) =>
    direction === 'above' ? [...kept].reverse().concat(anchor).join('\n') : [anchor, ...kept].join('\n');
  const anchor = fitPartialLine(partial, budget, cache, direction);
  let estimate = cache.line(anchor);
  let kept = 0;
  while (kept < nearestFirst.length) {
    const cost = cache.line(nearestFirst[kept] + '\n');
    if (estimate + cost > budget) break;
    estimate += cost;
    kept++;
  }
  if (direction === 'above' && kept < nearestFirst.length) kept = cursorLine - alignedPrefixStart(cursorLine - kept, kept);
  // Line sums are an estimate of the joined text; count what is emitted and give back lines until it fits.
  for (;;) {
    const text = join(nearestFirst.slice(0, kept), anchor);
    const tokens = cache.tokenizer.count(text);
    if (tokens <= budget || kept === 0) return { text, tokens, cut: kept < nearestFirst.length || anchor !== partial };
    kept--;
  }
}

/** The cursor line's part on this side, shortened at its far end when it alone exceeds the budget. */
function fitPartialLine(partial: string, budget: number, cache: TokenCache, direction: 'above' | 'below'): string {
  if (cache.line(partial) <= budget) return partial;
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
