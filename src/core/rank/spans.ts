import { comparePositions, rangeContains } from '../cursor/scopes';
import { partitionPoint } from '../partition-point';
import type { Definition, Position, RankedSpan } from '../types';
import type { FileFeatures } from './file-features';
import { compareRanges, type SpanPriors } from './span-priors';
import type { FileTally } from './tally';
import type { RankWeights } from './weights';

/**
 * The declaration that stands for a definition found by the signals: itself when it is a declaration of
 * the file, else the innermost declaration containing it (a local variable stands for its function).
 */
export function declarationFor(features: FileFeatures, definition: Definition): Definition | undefined {
  const line = definition.range.start.line;
  const character = definition.range.start.character;
  const same = features.byName.find(definition.name, d => d.range.start.line === line && d.range.start.character === character);
  return same ?? innermostDeclarationAround(features.declarations, definition.range.start);
}

/** Per file's declarations: the last end line among the first i + 1 (how far back a declaration can still reach). */
const reachOf = new WeakMap<readonly Definition[], Int32Array>();

/**
 * The declaration around `position` as cursor/scopes.ts's `innermostEnclosing` tells it (the one that starts
 * last; of those starting together, the shorter), without looking at them all. The declarations are in source
 * order (by start, the longer first), so it is the first found containing `position` going back from the last
 * one starting at or before it. The walk stops where no earlier declaration ends on or after the position's
 * line: a definition in top-level code (a test's callback) would otherwise walk the whole file.
 */
function innermostDeclarationAround(declarations: readonly Definition[], position: Position): Definition | undefined {
  let reach = reachOf.get(declarations);
  if (!reach) {
    reach = new Int32Array(declarations.length);
    let last = -1;
    for (let i = 0; i < declarations.length; i++) reach[i] = last = Math.max(last, declarations[i].range.end.line);
    reachOf.set(declarations, reach);
  }
  for (let i = partitionPoint(0, declarations.length, k => comparePositions(declarations[k].range.start, position) <= 0) - 1; i >= 0 && reach[i] >= position.line; i--) {
    if (rangeContains(declarations[i].range, position)) return declarations[i];
  }
  return undefined;
}

/**
 * A ranked file's spans: its top-level declarations, plus any member with evidence of its own, plus the
 * headers alone of declarations whose evidence is about their signature (a function returning the type
 * the cursor expects). Used near the cursor > imported > exported > the rest: direct evidence adds to a
 * baseline, the file's score spread over its declarations by their priors (exported and widely used ones
 * weigh more). Only the best `maxSpansPerFile` become spans: a large file has hundreds of declarations.
 * Best first.
 */
export function rankSpans(priors: SpanPriors, tally: FileTally, weights: RankWeights): RankedSpan[] {
  const limit = weights.limits.maxSpansPerFile;
  const members = [...tally.declarations.keys()].filter(d => d.container);
  let totalPrior = priors.topLevelTotal;
  for (const member of members) totalPrior += priors.prior(member);
  const baselinePerPrior = totalPrior > 0 ? (tally.score * weights.spans.baselineShare) / totalPrior : 0;
  // Declarations without evidence rank by prior alone: only the first `limit` of them can make the cut.
  const contenders = new Map<Definition, number>();
  for (const [definition, own] of tally.declarations) contenders.set(definition, own.score + baselinePerPrior * priors.prior(definition));
  for (const i of priors.byPrior.slice(0, limit)) {
    const definition = priors.topLevel[i];
    if (!contenders.has(definition)) contenders.set(definition, baselinePerPrior * priors.ofTopLevel[i]);
  }
  const best = [...contenders].sort(([a, x], [b, y]) => y - x || compareRanges(a, b)).slice(0, limit);
  const spans = best.flatMap(([definition, score]): RankedSpan[] => {
    const own = tally.declarations.get(definition);
    const span: RankedSpan = {
      startLine: definition.range.start.line,
      endLine: definition.range.end.line,
      score,
      reasons: own ? own.topReasons(weights.limits.maxReasons) : [definition.exported ? 'exported; nothing near the cursor points at it' : 'declared here; nothing near the cursor points at it'],
      definition,
    };
    const header = own ? headerOf(span, definition, weights) : undefined;
    return header ? [span, header] : [span];
  });
  for (const [definition, own] of tally.headers) spans.push(signatureSpan(definition, own.score, own.topReasons(weights.limits.maxReasons), weights));
  spans.sort((a, b) => b.score - a.score || a.startLine - b.startLine || a.endLine - b.endLine);
  return spans.slice(0, weights.limits.maxSpansPerFile);
}

/**
 * A long declaration the cursor points at also offers its header alone (`export class Big<T> extends Base {`):
 * a small budget that cannot take the whole body can still show what it is. Not a declaration span, so
 * packing shows exactly these lines.
 */
function headerOf(span: RankedSpan, definition: Definition, weights: RankWeights): RankedSpan | undefined {
  if (definition.range.end.line - definition.range.start.line + 1 <= weights.spans.headerOnlyAboveLines) return undefined;
  return signatureSpan(definition, span.score * weights.spans.headerShare, [`the header of \`${definition.name}\``, ...span.reasons], weights);
}

/** The first lines of a declaration's signature, as a span of exactly those lines (no `definition`). */
function signatureSpan(definition: Definition, score: number, reasons: readonly string[], weights: RankWeights): RankedSpan {
  const { start, end } = definition.signatureRange;
  return { startLine: start.line, endLine: Math.min(end.line, start.line + weights.spans.maxHeaderLines - 1), score, reasons: reasons.slice(0, weights.limits.maxReasons) };
}
