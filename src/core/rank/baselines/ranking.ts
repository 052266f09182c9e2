import type { RankedFile, RankedSpan, Ranking } from '../../types';

/** A span of some file, in the order a baseline ranked it. */
export interface PlacedSpan {
  readonly path: string;
  readonly span: RankedSpan;
}

/**
 * Groups a baseline's flat, best-first list of spans by file for an `in-order` ranking. Packing chooses spans
 * by score across files, so each span keeps the score that put it in its place in the list; the prompt
 * then orders the chosen blocks by tier and path, as for every strategy (`orderBlocks`).
 */
export function inOrderRanking(spans: readonly PlacedSpan[], source: string): Ranking {
  const byPath = new Map<string, RankedSpan[]>();
  for (const { path, span } of spans) {
    const list = byPath.get(path);
    if (list) list.push(span);
    else byPath.set(path, [span]);
  }
  const files: RankedFile[] = [...byPath].map(([path, fileSpans]) => ({
    path,
    score: Math.max(...fileSpans.map(s => s.score)),
    reasons: fileSpans[0].reasons,
    source,
    spans: fileSpans,
  }));
  return { files, packing: 'in-order' };
}

/** Scores that decrease with the position in a list: for baselines whose order is all there is. */
export function rankScore(position: number): number {
  return 1 / (position + 1);
}

/** The last `lines` lines of the buffer (`all`, split once per request) before the cursor, the cursor line's own prefix included. */
export function textBeforeCursor(all: readonly string[], position: { line: number; character: number }, lines: number): string {
  const current = (all[position.line] ?? '').slice(0, position.character);
  return [...all.slice(Math.max(0, position.line - lines + 1), position.line), current].join('\n');
}
