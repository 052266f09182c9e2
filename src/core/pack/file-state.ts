import { partitionPoint } from '../partition-point';
import type { FileCandidate } from './candidates';
import { withInterval, type LineInterval } from './intervals';

/**
 * What one file shows: a base (outline or whole file) and snippets (whole declarations), emitted as one
 * entry (blocks.ts). A whole file makes snippets redundant, so `file` carries none: the type keeps that
 * state unrepresentable.
 */
export type FileState =
  | {
      readonly base: 'none' | 'outline';
      readonly snippets: readonly number[];
      /** The snippets' lines, merged: derived from `snippets` when the state is made, asked for constantly. */
      readonly lines: readonly LineInterval[];
    }
  | { readonly base: 'file' };

export type Move = { readonly kind: 'outline' } | { readonly kind: 'file' } | { readonly kind: 'snippet'; readonly span: number };

export const EMPTY_STATE: FileState = { base: 'none', snippets: [], lines: [] };

export interface Pricing {
  /** Share of a declaration's value its signature alone conveys (in an outline). */
  readonly outlineCoverage: number;
  /** Estimated tokens of one elision marker line; the emitted text is counted exactly later. */
  readonly markerTokens: number;
  /**
   * Share of a file's score credited to the declarations no span names (`FileCandidate.unranked`): once the
   * spans are covered, a long budget keeps filling with the outlines and bodies of the most relevant files
   * instead of stopping.
   */
  readonly residualWeight: number;
}

export function applyMove(c: FileCandidate, state: FileState, move: Move): FileState {
  if (move.kind === 'file') return { base: 'file' };
  if (state.base === 'file') return state;
  if (move.kind === 'outline') return state.base === 'outline' ? state : { ...state, base: 'outline' };
  if (state.snippets.includes(move.span)) return state;
  const snippets = [...state.snippets, move.span].sort((a, b) => a - b);
  return { base: state.base, snippets, lines: withInterval(state.lines, c.spans[move.span].lines) };
}

export function snippetIntervals(state: FileState): readonly LineInterval[] {
  return state.base === 'file' ? [] : state.lines;
}

export function baseIntervals(c: FileCandidate, state: FileState): readonly LineInterval[] {
  if (state.base === 'file') return [{ start: 0, end: c.source.lineCount - 1 }];
  return state.base === 'outline' ? c.outline : [];
}

/** Estimated tokens of one rendered block: header, lines, and a marker for each hidden run between them. */
function blockCost(c: FileCandidate, merged: readonly LineInterval[], pricing: Pricing): number {
  if (merged.length === 0) return 0;
  return c.headerTokens + c.source.tokensOf(merged) + pricing.markerTokens * (merged.length - 1);
}

/** The prices selection asks of a file over and over, computed once per candidate (and pricing). */
interface BasePrices {
  readonly pricing: Pricing;
  readonly outlineCost: number;
  readonly fileCost: number;
}

const BASE_PRICES = new WeakMap<FileCandidate, BasePrices>();

function basePrices(c: FileCandidate, pricing: Pricing): BasePrices {
  const known = BASE_PRICES.get(c);
  if (known && known.pricing === pricing) return known;
  const made = { pricing, outlineCost: blockCost(c, c.outline, pricing), fileCost: blockCost(c, [{ start: 0, end: c.source.lineCount - 1 }], pricing) };
  BASE_PRICES.set(c, made);
  return made;
}

function outlineLinesIn(c: FileCandidate, start: number, end: number): number {
  return c.outlineBefore[end + 1] - c.outlineBefore[start];
}

/** Lines of [start, end] the state shows, from its base and its (few, merged) snippet runs. */
function shownLinesIn(c: FileCandidate, state: FileState & { base: 'none' | 'outline' }, snippets: readonly LineInterval[], start: number, end: number): number {
  const outline = state.base === 'outline';
  let shown = outline ? outlineLinesIn(c, start, end) : 0;
  for (const s of snippets) {
    const from = Math.max(s.start, start);
    const to = Math.min(s.end, end);
    if (to >= from) shown += to - from + 1 - (outline ? outlineLinesIn(c, from, to) : 0);
  }
  return shown;
}

export function stateCost(c: FileCandidate, state: FileState, pricing: Pricing): number {
  const prices = basePrices(c, pricing);
  if (state.base === 'file') return prices.fileCost;
  return state.base === 'outline' ? outlineEntryCost(c, prices.outlineCost, state.lines, pricing) : blockCost(c, state.lines, pricing);
}

/**
 * Estimated tokens of the one entry an outline and its snippets make (blocks.ts merges them): the outline's
 * cost, plus each snippet's lines the outline does not show, plus a marker for each run left apart. Priced
 * as two blocks, the header, the signature lines both show and the markers the snippets close would count
 * twice: some 200 tokens of a large file's outline with a few snippets, room the selection then left unused.
 * The outline's runs that touch a snippet (found by binary search) merge with it: between two sets of
 * disjoint runs each such contact joins two runs into one.
 */
function outlineEntryCost(c: FileCandidate, outlineCost: number, snippets: readonly LineInterval[], pricing: Pricing): number {
  const outline = c.outline;
  let tokens = outlineCost;
  let runs = outline.length;
  for (const s of snippets) {
    let lo = 0;
    let hi = outline.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (outline[mid].end + 1 < s.start) lo = mid + 1;
      else hi = mid;
    }
    tokens += c.source.tokens(s.start, s.end);
    runs += 1;
    for (let k = lo; k < outline.length && outline[k].start <= s.end + 1; k++) {
      const from = Math.max(outline[k].start, s.start);
      const to = Math.min(outline[k].end, s.end);
      if (to >= from) tokens -= c.source.tokens(from, to);
      runs -= 1;
    }
  }
  return tokens + pricing.markerTokens * (runs - outline.length);
}

/**
 * Covered value: each span's score times how much of it shows (all: 1; its signature in the outline: the
 * outline share), and the file's residual score (what no span carries) by the share of its unranked
 * declarations the state shows, each valued as a span is; all of it times the square root of the file's score.
 *
 * A span's score ranks it, but how likely a completion needs it grows with its file's score too: on the
 * tuning set's gold at 8K (8 corpora, both masks, 1763 gold declarations in candidate files), per unit of
 * span score gold fell on the spans of the three best files 1.5 times as often as on the average span, on
 * those of files ranked below 10 a sixth as often. By likelihood, P(gold on a span) ∝ span score × file
 * score^k fits best at k = 1 (0.75 to 1.5 per corpus), and k = 0.5 keeps most of its gain over k = 0; packed,
 * k = 1 spent small budgets on the top files' bodies (mean coverage at 2K fell), k = 0.5 gained at every
 * budget (bench/reports/pack-value.md).
 */
export function stateValue(c: FileCandidate, state: FileState, pricing: Pricing): number {
  return Math.sqrt(c.ranked.score) * coveredScore(c, state, pricing);
}

function coveredScore(c: FileCandidate, state: FileState, pricing: Pricing): number {
  const residual = c.ranked.score * pricing.residualWeight;
  if (state.base === 'file') return c.spans.reduce((sum, span) => sum + span.score, 0) + residual;
  const snippets = snippetIntervals(state);
  let value = 0;
  for (const span of c.spans) {
    const { start, end } = span.lines;
    if (shownLinesIn(c, state, snippets, start, end) === end - start + 1) value += span.score;
    else if (state.base === 'outline' && span.inOutline) value += span.score * pricing.outlineCoverage;
  }
  return value + residual * unrankedShown(c, state, snippets, pricing);
}

/**
 * The share of the file's unranked declarations the state shows: a whole one counts 1, its signature alone
 * the outline share. They, not the lines, are what the residual stands for: snippets of long bodies show
 * many lines and few of them, an outline all of their signatures. A file whose outline lists nothing
 * unranked leaves the residual to its other lines (imports, module code), which only the whole file shows.
 *
 * Priced for every upgrade of every file, so it starts from what the outline alone shows (counted once per
 * candidate) and looks only at the declarations whose signatures the snippets show; one whose signature no
 * snippet shows counts as the outline alone shows it.
 */
function unrankedShown(c: FileCandidate, state: FileState & { base: 'none' | 'outline' }, snippets: readonly LineInterval[], pricing: Pricing): number {
  const { declarations, outlineWhole } = c.unranked;
  if (declarations.length === 0) return 0;
  const outline = state.base === 'outline';
  let shown = outline ? outlineWhole + pricing.outlineCoverage * (declarations.length - outlineWhole) : 0;
  for (const run of snippets) {
    // From the first declaration whose signature is at the run's start or below.
    for (let i = partitionPoint(0, declarations.length, d => declarations[d].signature < run.start); i < declarations.length && declarations[i].signature <= run.end; i++) {
      const { lines } = declarations[i];
      const before = outline ? credit(isWhole(lines, outlineLinesIn(c, lines.start, lines.end)), pricing) : 0;
      shown += credit(isWhole(lines, shownLinesIn(c, state, snippets, lines.start, lines.end)), pricing) - before;
    }
  }
  return shown / declarations.length;
}

/** A declaration shown whole earns a span's full worth, one shown by its signature alone the outline share. */
function credit(whole: boolean, pricing: Pricing): number {
  return whole ? 1 : pricing.outlineCoverage;
}

function isWhole(lines: LineInterval, shown: number): boolean {
  return shown === lines.end - lines.start + 1;
}

export function isSpanShown(c: FileCandidate, state: FileState, i: number): boolean {
  if (state.base === 'file') return true;
  const { start, end } = c.spans[i].lines;
  return shownLinesIn(c, state, snippetIntervals(state), start, end) === end - start + 1;
}

/** An outline that costs as much as the whole file is never worth showing instead of it. */
export function outlineWorthwhile(c: FileCandidate, pricing: Pricing): boolean {
  const prices = basePrices(c, pricing);
  return c.outline.length > 0 && prices.outlineCost < prices.fileCost;
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
