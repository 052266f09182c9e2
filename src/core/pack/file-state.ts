import { lowerBound } from '../partition-point';
import type { FileCandidate, OutlinedDeclaration } from './candidates';
import { mergeIntervals, withInterval, type LineInterval } from './intervals';

interface Snippets {
  readonly snippets: readonly number[];
  /** The snippets' lines, merged: derived from `snippets` when the state is made, asked for constantly. */
  readonly lines: readonly LineInterval[];
}

/**
 * What one file shows: a base (its outline, the outlines of some of its sections, or the whole file) and
 * snippets (whole declarations), emitted as one entry (blocks.ts). A whole file makes snippets redundant,
 * so `file` carries none, and the whole outline shows every section's: the type keeps those states
 * unrepresentable.
 */
export type FileState =
  | (Snippets & { readonly base: 'none' | 'outline' })
  | (Snippets & {
      readonly base: 'sections';
      /** Indices into `FileCandidate.sections`, ascending, never empty. */
      readonly sections: readonly number[];
      /** Their outlines' lines, merged, and their ranges: derived when the state is made. */
      readonly outlined: readonly LineInterval[];
      readonly ranges: readonly LineInterval[];
    })
  | { readonly base: 'file' };

/** A state that shows part of its file: what snippets can be added to. */
export type PartState = Exclude<FileState, { readonly base: 'file' }>;

export type Move =
  | { readonly kind: 'outline' }
  | { readonly kind: 'file' }
  | { readonly kind: 'section'; readonly section: number }
  | { readonly kind: 'snippet'; readonly span: number };

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
  if (move.kind === 'outline') return state.base === 'outline' ? state : { base: 'outline', snippets: state.snippets, lines: state.lines };
  if (move.kind === 'section') return withSection(c, state, move.section);
  if (state.snippets.includes(move.span)) return state;
  const snippets = withIndex(state.snippets, move.span);
  const lines = withInterval(state.lines, c.spans[move.span].lines);
  // Spelled out, not spread: priced for every upgrade of every file.
  if (state.base === 'sections') return { base: 'sections', sections: state.sections, outlined: state.outlined, ranges: state.ranges, snippets, lines };
  return { base: state.base, snippets, lines };
}

/** The sorted `indexes` with `added` (not among them) in its place: one array, no sort. */
function withIndex(indexes: readonly number[], added: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (const i of indexes) {
    if (!placed && added < i) {
      out.push(added);
      placed = true;
    }
    out.push(i);
  }
  if (!placed) out.push(added);
  return out;
}

function withSection(c: FileCandidate, state: PartState, section: number): FileState {
  if (state.base === 'outline' || (state.base === 'sections' && state.sections.includes(section))) return state;
  const { snippets, lines } = state;
  if (state.base !== 'sections') return { base: 'sections', sections: [section], outlined: c.sections[section].outline, ranges: [c.sections[section].range], snippets, lines };
  const sections = [...state.sections, section].sort((a, b) => a - b);
  const outlined = mergeIntervals(sections.flatMap(i => c.sections[i].outline));
  return { base: 'sections', sections, outlined, ranges: sections.map(i => c.sections[i].range), snippets, lines };
}

export function snippetIntervals(state: FileState): readonly LineInterval[] {
  return state.base === 'file' ? [] : state.lines;
}

/** The lines the state's base shows: the whole file, its outline, or its chosen sections' outlines. */
export function baseIntervals(c: FileCandidate, state: FileState): readonly LineInterval[] {
  if (state.base === 'file') return [{ start: 0, end: c.source.lineCount - 1 }];
  return outlineShown(c, state);
}

/** The outline lines the state shows. */
export function outlineShown(c: FileCandidate, state: PartState): readonly LineInterval[] {
  return state.base === 'outline' ? c.outline : state.base === 'sections' ? state.outlined : [];
}

const EVERY_LINE: readonly LineInterval[] = [{ start: 0, end: Number.MAX_SAFE_INTEGER }];
const NO_LINES: readonly LineInterval[] = [];

/** The ranges within which the state shows the file's outline: all of it, its chosen sections', or none. */
function outlineRanges(state: PartState): readonly LineInterval[] {
  return state.base === 'outline' ? EVERY_LINE : state.base === 'sections' ? state.ranges : NO_LINES;
}

function inRanges(ranges: readonly LineInterval[], line: number): boolean {
  for (const r of ranges) if (r.start <= line && line <= r.end) return true;
  return false;
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

/** Lines of [start, end] the outline shows within `ranges` (the state's outline ranges). */
function outlinedLinesIn(c: FileCandidate, ranges: readonly LineInterval[], start: number, end: number): number {
  if (ranges === NO_LINES) return 0;
  if (ranges === EVERY_LINE) return outlineLinesIn(c, start, end);
  let shown = 0;
  for (const r of ranges) {
    const from = Math.max(r.start, start);
    const to = Math.min(r.end, end);
    if (to >= from) shown += outlineLinesIn(c, from, to);
  }
  return shown;
}

/** Lines of [start, end] the state shows, from its outline ranges and its (few, merged) snippet runs. */
function shownLinesIn(c: FileCandidate, ranges: readonly LineInterval[], snippets: readonly LineInterval[], start: number, end: number): number {
  let shown = outlinedLinesIn(c, ranges, start, end);
  for (const s of snippets) {
    const from = Math.max(s.start, start);
    const to = Math.min(s.end, end);
    if (to >= from) shown += to - from + 1 - outlinedLinesIn(c, ranges, from, to);
  }
  return shown;
}

export function stateCost(c: FileCandidate, state: FileState, pricing: Pricing): number {
  const prices = basePrices(c, pricing);
  if (state.base === 'file') return prices.fileCost;
  if (state.base === 'outline') return outlineEntryCost(c, c.outline, prices.outlineCost, state.lines, pricing);
  if (state.base === 'sections') return outlineEntryCost(c, state.outlined, blockCost(c, state.outlined, pricing), state.lines, pricing);
  return blockCost(c, state.lines, pricing);
}

/**
 * Estimated tokens of the one entry an outline (`outline`, the whole file's or some sections') and its
 * snippets make (blocks.ts merges them): the outline's cost, plus each snippet's lines the outline does not
 * show, plus a marker for each run left apart. Priced as two blocks, the header, the signature lines both
 * show and the markers the snippets close would count twice: some 200 tokens of a large file's outline with
 * a few snippets, room the selection then left unused.
 * The outline's runs that touch a snippet (found by binary search) merge with it: between two sets of
 * disjoint runs each such contact joins two runs into one.
 */
function outlineEntryCost(c: FileCandidate, outline: readonly LineInterval[], outlineCost: number, snippets: readonly LineInterval[], pricing: Pricing): number {
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

/**
 * The value `move` adds to `state`. A snippet changes what shows within its declaration's lines only, a
 * section's outline within its declaration's: there only the spans and unranked declarations that meet
 * those lines are valued again, before and after (the rest would cancel out). Priced for every upgrade of
 * every file: valuing the whole file twice per upgrade was about 30% of a fresh pack's time (zod, 8K).
 */
export function moveGain(c: FileCandidate, state: FileState, move: Move, next: FileState, pricing: Pricing): number {
  const window = move.kind === 'snippet' ? c.spans[move.span].lines : move.kind === 'section' ? c.sections[move.section].range : undefined;
  // At single precision: the same worth valued over different lines differs in its last bits, and an exact
  // tie must stay one (a class's outline and the file's that shows nothing else: the earlier move wins).
  return Math.fround(Math.sqrt(c.ranked.score) * (coveredScore(c, next, pricing, window) - coveredScore(c, state, pricing, window)));
}

/**
 * Whether snippet `j`'s move costs and adds the same from `after` as it did from `before`, where `after` is
 * `before` with snippet `added`: a snippet's price reads only what lies near its own lines. Its cost
 * changes only with the snippet runs its lines overlap or adjoin; its gain only with what shows of the
 * spans and unranked declarations that meet its lines (their hull is `reachOf`). So when the run the added
 * snippet joined lies off the one and its lines off the other, the price already computed stands, to the
 * bit. Selection prices a file's other snippets again after each one it adds, and most lie elsewhere.
 * Not after a file's first snippet (it also paid the file's header) nor across a change of base.
 */
export function snippetPriceKept(c: FileCandidate, before: FileState, after: FileState, added: number, j: number): boolean {
  if (before.base === 'file' || after.base !== before.base || (before.base === 'none' && before.lines.length === 0)) return false;
  const addedLines = c.spans[added].lines;
  const joined = after.lines.find(run => run.start <= addedLines.start && addedLines.end <= run.end);
  const lines = c.spans[j].lines;
  if (!joined || (lines.start <= joined.end + 1 && joined.start <= lines.end + 1)) return false;
  const reach = reachOf(c)[j];
  return addedLines.end < reach.start || reach.end < addedLines.start;
}

/** Per span, the hull of its lines and of every span's and unranked declaration's that meets them: all a snippet's gain looks at. */
const REACH = new WeakMap<FileCandidate, readonly LineInterval[]>();

function reachOf(c: FileCandidate): readonly LineInterval[] {
  const known = REACH.get(c);
  if (known) return known;
  const { declarations, endsBy, startsFrom } = c.unranked;
  const reach = c.spans.map(({ lines: window }) => {
    let { start, end } = window;
    for (const span of c.spans) {
      if (!meets(span.lines, window)) continue;
      start = Math.min(start, span.lines.start);
      end = Math.max(end, span.lines.end);
    }
    const lo = lowerBound(endsBy, 0, declarations.length, window.start);
    const hi = lowerBound(startsFrom, lo, declarations.length, window.end + 1);
    for (let i = lo; i < hi; i++) {
      const { lines } = declarations[i];
      if (!meets(lines, window)) continue;
      start = Math.min(start, lines.start);
      end = Math.max(end, lines.end);
    }
    return { start, end };
  });
  REACH.set(c, reach);
  return reach;
}

/**
 * The covered value; with a window, of the spans and unranked declarations that meet it only (the outline's
 * credit counts whole). A whole file is never valued within one: neither a snippet nor a section leads to it.
 */
function coveredScore(c: FileCandidate, state: FileState, pricing: Pricing, window?: LineInterval): number {
  const residual = c.ranked.score * pricing.residualWeight;
  if (state.base === 'file') return c.spans.reduce((sum, span) => sum + span.score, 0) + residual;
  const snippets = state.lines;
  const ranges = outlineRanges(state);
  let value = 0;
  for (const span of c.spans) {
    if (!meets(span.lines, window)) continue;
    const { start, end } = span.lines;
    if (shownLinesIn(c, ranges, snippets, start, end) === end - start + 1) value += span.score;
    else if (span.inOutline && inRanges(ranges, start)) value += span.score * pricing.outlineCoverage;
  }
  return value + residual * unrankedShown(c, state, ranges, pricing, window);
}

function meets(lines: LineInterval, window: LineInterval | undefined): boolean {
  return window === undefined || (lines.start <= window.end && window.start <= lines.end);
}

/**
 * The share of the file's unranked declarations the state shows: a whole one counts 1, its signature alone
 * the outline share. They, not the lines, are what the residual stands for: snippets of long bodies show
 * many lines and few of them, an outline all of their signatures. A file whose outline lists nothing
 * unranked leaves the residual to its other lines (imports, module code), which only the whole file shows.
 *
 * Priced for every upgrade of every file, so it starts from what the outline alone shows (counted once per
 * candidate and section) and looks only at the declarations whose signatures the snippets show; one whose signature no
 * snippet shows counts as the outline alone shows it.
 */
function unrankedShown(c: FileCandidate, state: PartState, ranges: readonly LineInterval[], pricing: Pricing, window: LineInterval | undefined): number {
  const { declarations, endsBy, startsFrom } = c.unranked;
  if (declarations.length === 0) return 0;
  let shown = outlineCredit(c, state, pricing);
  const snippets = state.lines;
  // Within a window, only declarations lo..hi-1 can meet it: those before end above it, those after start below it.
  const lo = window ? lowerBound(endsBy, 0, declarations.length, window.start) : 0;
  const hi = window ? lowerBound(startsFrom, lo, declarations.length, window.end + 1) : declarations.length;
  for (const run of snippets) {
    // From the first declaration whose signature is at the run's start or below.
    for (let i = firstSignatureFrom(declarations, lo, hi, run.start); i < hi && declarations[i].signature <= run.end; i++) {
      const { lines, signature } = declarations[i];
      if (!meets(lines, window)) continue;
      const before = inRanges(ranges, signature) ? credit(isWhole(lines, outlinedLinesIn(c, ranges, lines.start, lines.end)), pricing) : 0;
      shown += credit(isWhole(lines, shownLinesIn(c, ranges, snippets, lines.start, lines.end)), pricing) - before;
    }
  }
  return shown / declarations.length;
}

// The searches here take no closure (lowerBound, firstSignatureFrom), not partitionPoint: priced for every
// upgrade of every file, the closures were a fifth of what a fresh pack allocated (zod, 8K).

/** The first of declarations [from, to) (by signature line) whose signature is at `line` or below. */
function firstSignatureFrom(declarations: readonly OutlinedDeclaration[], from: number, to: number, line: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (declarations[middle].signature < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** What the state's outline alone shows of the unranked declarations: whole ones count 1, signatures the outline share. */
function outlineCredit(c: FileCandidate, state: PartState, pricing: Pricing): number {
  if (state.base === 'outline') return listed(c.unranked.declarations.length, c.unranked.outlineWhole, pricing);
  if (state.base !== 'sections') return 0;
  let shown = 0;
  for (const i of state.sections) {
    const { from, to, outlineWhole } = c.sections[i].unranked;
    shown += listed(to - from, outlineWhole, pricing);
  }
  return shown;
}

/** `count` declarations an outline lists, `whole` of them shown whole. */
function listed(count: number, whole: number, pricing: Pricing): number {
  return whole + pricing.outlineCoverage * (count - whole);
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
  return shownLinesIn(c, outlineRanges(state), state.lines, start, end) === end - start + 1;
}

/** An outline that costs as much as the whole file is never worth showing instead of it. */
export function outlineWorthwhile(c: FileCandidate, pricing: Pricing): boolean {
  const prices = basePrices(c, pricing);
  return c.outline.length > 0 && prices.outlineCost < prices.fileCost;
}

/** The upgrades open from `state`: outline, whole file, one more section's outline, or one more declaration snippet. */
export function possibleMoves(c: FileCandidate, state: FileState, pricing: Pricing): Move[] {
  if (state.base === 'file') return [];
  const moves: Move[] = [];
  if (state.base !== 'outline' && outlineWorthwhile(c, pricing)) moves.push({ kind: 'outline' });
  moves.push({ kind: 'file' });
  c.spans.forEach((_, i) => {
    if (!isSpanShown(c, state, i)) moves.push({ kind: 'snippet', span: i });
  });
  // After the snippets: a section whose outline shows all of it (an interface of one-line members) is its
  // declaration's snippet too, and on a tie the snippet is taken (selection breaks ties by this order).
  if (state.base !== 'outline') {
    for (let section = 0; section < c.sections.length; section++) {
      if (state.base !== 'sections' || !state.sections.includes(section)) moves.push({ kind: 'section', section });
    }
  }
  return moves;
}
