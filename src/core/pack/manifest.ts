import type { ContextLevel, ManifestItem, RankedFile } from '../types';
import type { Block } from './blocks';
import type { FileCandidate, SectionCandidate } from './candidates';
import { shareEntryTokens } from './entry-tokens';
import { applyMove, isSpanShown, outlineShown, outlineWorthwhile, stateCost, type FileState, type Move, type PartState, type Pricing } from './file-state';
import { coversAll, visibleLineCount, type LineInterval } from './intervals';
import type { TokenCache } from './source-lines';
import type { PackingMode } from '../types';

function overBudget(needs: number, left: number): string {
  return `over budget: needs ${Math.ceil(needs)} tokens, ${Math.max(0, Math.floor(left))} left`;
}

/** A ranked file that never became a candidate (excluded, the current file, unreadable). */
export function unavailableRow(ranked: RankedFile, reason: string): ManifestItem {
  return { path: ranked.path, startLine: 1, endLine: 1, level: 'file', tokens: 0, score: ranked.score, reasons: ranked.reasons, included: false, dropped: reason, source: ranked.source };
}

interface RowContext {
  readonly c: FileCandidate;
  readonly state: FileState;
  /** What the state costs: each row left out says what it would add to it. */
  readonly cost: number;
  readonly remaining: number;
  readonly pricing: Pricing;
}

/**
 * One row per candidate considered: for `levels` the file's outline, the whole file, each ranked span as a
 * snippet, and the outline of each section (class) a span falls in; for `in-order` each span at the level
 * it asked for. Why something was left out is stated relative to the final selection: covered by what is
 * shown, or what it would cost against what is left.
 * The included rows share the tokens of the file's one entry (`entry`, entry-tokens.ts).
 */
export function candidateRows(mode: PackingMode, c: FileCandidate, state: FileState, entry: Block | undefined, remaining: number, pricing: Pricing, cache: TokenCache): ManifestItem[] {
  const rows = allRows(mode, { c, state, cost: stateCost(c, state, pricing), remaining, pricing });
  if (!entry) return rows;
  const included = shareEntryTokens(rows.filter(row => row.included), entry.count.tokens, { hash: c.hash, file: c.source, shown: entry.lines }, cache);
  let next = 0;
  return rows.map(row => (row.included ? included[next++] : row));
}

/** The rows before tokens are shared: included ones with 0 tokens. */
function allRows(mode: PackingMode, ctx: RowContext): ManifestItem[] {
  const { c, state } = ctx;
  if (mode === 'levels') {
    const rows = c.outline.length > 0 ? [baseRow(ctx, 'outline', c.ranked.score, c.ranked.reasons)] : [];
    rows.push(baseRow(ctx, 'file', c.ranked.score, c.ranked.reasons));
    // A file ranked without spans is represented by its outline and file rows alone.
    if (c.ranked.spans.length > 0) c.spans.forEach((_, i) => rows.push(snippetRow(ctx, i)));
    // After the snippets: the entry's tokens are shared in row order (entry-tokens.ts), so a section's row
    // gets the lines of its outline that no snippet shows, not a snippet's lines within the section.
    c.sections.forEach((_, i) => rows.push(sectionRow(ctx, i)));
    return rows;
  }
  const firstAsking = new Map<ContextLevel, number>();
  return c.spans.map((span, i) => {
    if (span.level === 'snippet') return snippetRow(ctx, i);
    const first = firstAsking.get(span.level) ?? i;
    firstAsking.set(span.level, first);
    const row = baseRow(ctx, span.level, span.score, span.reasons);
    return first === i || !row.included ? row : { ...row, tokens: 0, included: false, dropped: coveredBy(c, state, { start: 0, end: c.source.lineCount - 1 }) };
  });
}

function marginalCost(ctx: RowContext, move: Move): number {
  return stateCost(ctx.c, applyMove(ctx.c, ctx.state, move), ctx.pricing) - ctx.cost;
}

function baseRow(ctx: RowContext, level: 'outline' | 'file', score: number, reasons: readonly string[]): ManifestItem {
  const { c, state } = ctx;
  const row = { path: c.path, startLine: 1, endLine: c.source.lineCount, level, score, reasons, source: c.ranked.source };
  // Included rows get their tokens from the file's entry (candidateRows).
  if (state.base === level) return { ...row, tokens: 0, included: true };
  if (level === 'outline' && c.outline.length === 0) return { ...row, tokens: 0, included: false, dropped: `${c.path} declares nothing an outline could show` };
  if (state.base === 'file') return { ...row, tokens: 0, included: false, dropped: `the whole file ${c.path} is included instead` };
  if (level === 'outline' && !outlineWorthwhile(c, ctx.pricing)) return { ...row, tokens: 0, included: false, dropped: `the outline of ${c.path} would cost as much as the whole file` };
  return notChosen(ctx, row, { kind: level });
}

/**
 * A section's outline: an outline row over the section's lines, saying which declaration's members it lists,
 * scored and explained by the best span in it (what it is shown for).
 */
function sectionRow(ctx: RowContext, i: number): ManifestItem {
  const { c, state } = ctx;
  const section = c.sections[i];
  const best = bestSpanIn(c, section);
  const reasons = [sectionReason(section), ...best.reasons];
  const row = { path: c.path, startLine: section.range.start + 1, endLine: section.range.end + 1, level: 'outline' as const, score: best.score, reasons, source: c.ranked.source };
  if (state.base === 'sections' && state.sections.includes(i)) return { ...row, tokens: 0, included: true };
  if (state.base === 'file') return { ...row, tokens: 0, included: false, dropped: `the whole file ${c.path} is included instead` };
  if (state.base === 'outline') return { ...row, tokens: 0, included: false, dropped: `the outline of all of ${c.path} is included instead` };
  return notChosen(ctx, row, { kind: 'section', section: i });
}

/** The best-scored span that starts in the section (a section is offered only when one does). */
function bestSpanIn(c: FileCandidate, section: SectionCandidate): { score: number; reasons: readonly string[] } {
  let best = { score: 0, reasons: [] as readonly string[] };
  for (const span of c.spans) {
    if (span.lines.start >= section.range.start && span.lines.start <= section.range.end && span.score > best.score) best = span;
  }
  return best;
}

function sectionReason(section: SectionCandidate): string {
  return `the outline of ${section.kind} \`${section.name}\` alone: its header and its members' signatures (a ranked span falls in it)`;
}

function snippetRow(ctx: RowContext, i: number): ManifestItem {
  const { c, state } = ctx;
  const span = c.spans[i];
  const row = { path: c.path, startLine: span.lines.start + 1, endLine: span.lines.end + 1, level: 'snippet' as const, score: span.score, reasons: span.reasons, source: c.ranked.source };
  if (state.base !== 'file' && state.snippets.includes(i) && firstSnippetShowing(c, state, i) === i) return { ...row, tokens: 0, included: true };
  if (isSpanShown(c, state, i)) return { ...row, tokens: 0, included: false, dropped: coveredBy(c, state, span.lines) };
  if (span.score <= 0) return { ...row, tokens: 0, included: false, dropped: 'scored 0: not worth any tokens' };
  return notChosen(ctx, row, { kind: 'snippet', span: i });
}

/** Left out although not covered: over budget, or (rarely, when it would fit) worth less than it costs. */
function notChosen(ctx: RowContext, row: Omit<ManifestItem, 'tokens' | 'included'>, move: Move): ManifestItem {
  const needs = marginalCost(ctx, move);
  const dropped = needs > ctx.remaining ? overBudget(needs, ctx.remaining) : `adds too little beyond what is shown of ${ctx.c.path}`;
  return { ...row, tokens: Math.ceil(needs), included: false, dropped };
}

/** Two ranked spans can be the same declaration: only the first is reported as included. */
function firstSnippetShowing(c: FileCandidate, state: PartState, i: number): number {
  const { start, end } = c.spans[i].lines;
  return state.snippets.find(j => c.spans[j].lines.start === start && c.spans[j].lines.end === end) ?? i;
}

function coveredBy(c: FileCandidate, state: FileState, lines: LineInterval): string {
  if (state.base === 'file') return `already covered by the file ${c.path}`;
  const outline = outlineShown(c, state);
  const which = state.base === 'sections' ? `the outline of ${sectionsNamed(c, state.sections)}` : 'the outline';
  if (coversAll(outline, lines.start, lines.end)) return `already covered by ${which} of ${c.path}`;
  const shared = visibleLineCount(outline, lines.start, lines.end) > 0 ? `${which} and other snippets` : 'other snippets';
  return `already covered by ${shared} of ${c.path}`;
}

function sectionsNamed(c: FileCandidate, sections: readonly number[]): string {
  return sections.map(i => `\`${c.sections[i].name}\``).join(', ');
}
