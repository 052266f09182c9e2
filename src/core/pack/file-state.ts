import type { FileCandidate } from './candidates';
import { coversAll, mergeIntervals, visibleLineCount, type LineInterval } from './intervals';

/**
 * What one file shows. The base block (outline or whole file) belongs to the stable part of the prompt;
 * snippets (whole declarations) form a second, volatile block. A whole file makes snippets redundant, so
 * `file` carries none: the type keeps that state unrepresentable.
 */
export type FileState =
  | { readonly base: 'none' | 'outline'; readonly snippets: readonly number[] }
  | { readonly base: 'file' };

export type Move = { readonly kind: 'outline' } | { readonly kind: 'file' } | { readonly kind: 'snippet'; readonly span: number };

export const EMPTY_STATE: FileState = { base: 'none', snippets: [] };

export interface Pricing {
  /** Share of a declaration's value its signature alone conveys (in an outline). */
  readonly outlineCoverage: number;
  /** Estimated tokens of one elision marker line; the emitted text is counted exactly later. */
  readonly markerTokens: number;
  /**
   * Share of a file's score credited to the lines no span names: once the spans are covered, a long budget
   * keeps filling with the outlines and bodies of the most relevant files instead of stopping.
   */
  readonly residualWeight: number;
}

export function applyMove(state: FileState, move: Move): FileState {
  if (move.kind === 'file') return { base: 'file' };
  if (state.base === 'file') return state;
  if (move.kind === 'outline') return state.base === 'outline' ? state : { base: 'outline', snippets: state.snippets };
  if (state.snippets.includes(move.span)) return state;
  return { base: state.base, snippets: [...state.snippets, move.span].sort((a, b) => a - b) };
}

const SNIPPETS = new WeakMap<FileState, { readonly candidate: FileCandidate; readonly lines: LineInterval[] }>();

export function snippetIntervals(c: FileCandidate, state: FileState): LineInterval[] {
  if (state.base === 'file' || state.snippets.length === 0) return [];
  const known = SNIPPETS.get(state);
  if (known && known.candidate === c) return known.lines;
  const lines = mergeIntervals(state.snippets.map(i => c.spans[i].lines));
  SNIPPETS.set(state, { candidate: c, lines });
  return lines;
}

export function baseIntervals(c: FileCandidate, state: FileState): readonly LineInterval[] {
  if (state.base === 'file') return [{ start: 0, end: c.source.lineCount - 1 }];
  return state.base === 'outline' ? c.outline : [];
}

/** States are immutable and asked about many times during selection: their visible lines are computed once. */
const VISIBLE = new WeakMap<FileState, { readonly candidate: FileCandidate; readonly lines: LineInterval[] }>();

export function visibleIntervals(c: FileCandidate, state: FileState): LineInterval[] {
  const known = VISIBLE.get(state);
  if (known && known.candidate === c) return known.lines;
  const lines = mergeIntervals([...baseIntervals(c, state), ...snippetIntervals(c, state)]);
  if (state !== EMPTY_STATE) VISIBLE.set(state, { candidate: c, lines });
  return lines;
}

/** Estimated tokens of one rendered block: header, lines, and a marker for each hidden run between them. */
export function blockCost(c: FileCandidate, merged: readonly LineInterval[], pricing: Pricing): number {
  if (merged.length === 0) return 0;
  return c.headerTokens + c.source.tokensOf(merged) + pricing.markerTokens * (merged.length - 1);
}

export function stateCost(c: FileCandidate, state: FileState, pricing: Pricing): number {
  return blockCost(c, baseIntervals(c, state), pricing) + blockCost(c, snippetIntervals(c, state), pricing);
}

/** How much of span `i` the state conveys: 1 when all its lines show, the signature share when the outline lists it. */
export function spanCoverage(c: FileCandidate, state: FileState, visible: readonly LineInterval[], i: number, pricing: Pricing): number {
  const span = c.spans[i];
  if (coversAll(visible, span.lines.start, span.lines.end)) return 1;
  return state.base === 'outline' && span.inOutline ? pricing.outlineCoverage : 0;
}

export function stateValue(c: FileCandidate, state: FileState, pricing: Pricing): number {
  const visible = visibleIntervals(c, state);
  let value = 0;
  for (let i = 0; i < c.spans.length; i++) value += c.spans[i].score * spanCoverage(c, state, visible, i, pricing);
  return value + c.ranked.score * pricing.residualWeight * residualCoverage(c, state, visible, pricing);
}

function residualCoverage(c: FileCandidate, state: FileState, visible: readonly LineInterval[], pricing: Pricing): number {
  if (state.base === 'file') return 1;
  const shownShare = visibleLineCount(visible, 0, c.source.lineCount - 1) / c.source.lineCount;
  return Math.max(shownShare, state.base === 'outline' ? pricing.outlineCoverage : 0);
}

export function isSpanShown(c: FileCandidate, state: FileState, i: number): boolean {
  const { start, end } = c.spans[i].lines;
  return coversAll(visibleIntervals(c, state), start, end);
}

/** An outline that costs as much as the whole file is never worth showing instead of it. */
export function outlineWorthwhile(c: FileCandidate, pricing: Pricing): boolean {
  return c.outline.length > 0 && blockCost(c, c.outline, pricing) < blockCost(c, [{ start: 0, end: c.source.lineCount - 1 }], pricing);
}

/** The upgrades open from `state`: outline, whole file, or one more declaration snippet. */
export function possibleMoves(c: FileCandidate, state: FileState, pricing: Pricing): Move[] {
  if (state.base === 'file') return [];
  const moves: Move[] = [];
  if (state.base === 'none' && outlineWorthwhile(c, pricing)) moves.push({ kind: 'outline' });
  moves.push({ kind: 'file' });
  c.spans.forEach((_, i) => {
    if (!isSpanShown(c, state, i)) moves.push({ kind: 'snippet', span: i });
  });
  return moves;
}
