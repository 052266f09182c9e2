// Prefix stability across requests: while the cursor moves within one function, the cross-file context is
// emitted byte for byte again as long as it still covers what the cursor needs. A model server caches the
// prompt's leading tokens (KV cache); any change early in the context would invalidate everything after it.
import type { IndexView } from '../index/view';
import type { ManifestItem, Ranking } from '../types';
import type { Block } from './blocks';
import { spanStartLine, type FileCandidate } from './candidates';
import { baseIntervals, snippetIntervals, type FileState } from './file-state';
import { coversAll, mergeIntervals, type LineInterval } from './intervals';
import type { GroupedCount } from './line-groups';
import { unavailableRow } from './manifest';

export const KEPT_REASON = "kept from the previous request: still covers what the cursor needs (keeps the model server's prompt cache warm)";

/** One block of a packed context as emitted, with the manifest rows it shows. */
export interface KeptBlock {
  readonly path: string;
  /** The content hash of the file it was rendered from. */
  readonly hash: string;
  /** The ranking source of its file, for `tokensBySource`. */
  readonly source: string;
  readonly lines: readonly LineInterval[];
  readonly text: string;
  /** Exact tokens of `text`, with its edge groups so joined blocks are counted exactly. */
  readonly count: GroupedCount;
  /** The included manifest rows it shows, as reported when it entered the context. */
  readonly rows: readonly ManifestItem[];
}

/** A packed cross-file context, remembered so a later request in the same scope can emit it (or its start) again. */
export interface KeptContext {
  /** The blocks' texts joined with '\n'. */
  readonly context: string;
  readonly blocks: readonly KeptBlock[];
  /** Exact tokens of `context`. */
  readonly tokens: number;
  /** The budget of the current file and context together it was packed within. */
  readonly forCurrent: number;
  /** The included rows of its manifest and its tokens per source. */
  readonly rows: readonly ManifestItem[];
  readonly tokensBySource: Readonly<Record<string, number>>;
  /** Per shown file: the content hash it was packed from and the lines it shows. */
  readonly shown: ReadonlyMap<string, { readonly hash: string; readonly lines: readonly LineInterval[] }>;
  /** Spans (`spanKey`) a fresh pack considered and left out: it would most likely leave them out again. */
  readonly declined: ReadonlySet<string>;
}

export interface ReuseLimits {
  /** How many of the ranking's best spans must be covered for a kept context to be used again. */
  readonly mustHaveSpans: number;
  /** Only spans scoring at least this share of the best one count as must-haves. */
  readonly mustHaveScoreShare: number;
}

export const DEFAULT_REUSE_LIMITS: ReuseLimits = { mustHaveSpans: 4, mustHaveScoreShare: 0.5 };

function spanKey(path: string, startLine: number): string {
  return `${path}\0${startLine}`;
}

/** Per file, the lines the blocks show together. */
export function shownBy(blocks: readonly KeptBlock[]): Map<string, { hash: string; lines: readonly LineInterval[] }> {
  const shown = new Map<string, { hash: string; lines: readonly LineInterval[] }>();
  for (const b of blocks) shown.set(b.path, { hash: b.hash, lines: mergeIntervals([...(shown.get(b.path)?.lines ?? []), ...b.lines]) });
  return shown;
}

/** Remembers packed blocks (`tokens`: their exact count joined) with what they show. */
export function keepBlocks(blocks: readonly KeptBlock[], tokens: number, forCurrent: number, declined: ReadonlySet<string>): KeptContext {
  const tokensBySource: Record<string, number> = {};
  for (const b of blocks) tokensBySource[b.source] = (tokensBySource[b.source] ?? 0) + b.count.tokens;
  const context = blocks.map(b => b.text).join('\n');
  return { context, blocks, tokens, forCurrent, rows: blocks.flatMap(b => b.rows), tokensBySource, shown: shownBy(blocks), declined };
}

/** The blocks of a fresh pack as kept: each with the included rows of its file at its tier's levels. */
export function keptBlocksOf(blocks: readonly Block[], items: readonly ManifestItem[]): KeptBlock[] {
  return blocks.map(b => ({
    path: b.candidate.path,
    hash: b.candidate.hash,
    source: b.candidate.ranked.source,
    lines: b.lines,
    text: b.text(),
    count: b.count,
    rows: items.filter(item => item.included && item.path === b.candidate.path && (item.level === 'snippet') === (b.tier === 'volatile')),
  }));
}

/** Spans a fresh pack considered and did not show in full. */
export function declinedSpans(candidates: readonly FileCandidate[], states: readonly FileState[]): Set<string> {
  const declined = new Set<string>();
  candidates.forEach((c, i) => {
    const lines = mergeIntervals([...baseIntervals(c, states[i]), ...snippetIntervals(states[i])]);
    for (const span of c.spans) if (!coversAll(lines, span.lines.start, span.lines.end)) declined.add(spanKey(c.path, span.lines.start));
  });
  return declined;
}

/** A must-have of a ranking: one of its best spans (or a whole file ranked without spans). */
export interface MustHave {
  readonly path: string;
  readonly score: number;
  /** Lines that must show; for a declaration its signature line is enough (what a caller needs of it). */
  readonly lines: LineInterval | 'any';
  readonly key: string;
}

export function mustHaves(ranking: Ranking, skip: (path: string) => boolean, limits: ReuseLimits): MustHave[] {
  const all: MustHave[] = [];
  for (const f of ranking.files) {
    if (skip(f.path)) continue;
    if (f.spans.length === 0) all.push({ path: f.path, score: f.score, lines: 'any', key: spanKey(f.path, 0) });
    for (const span of f.spans) {
      const signature = span.definition?.signatureRange.start.line;
      const lines = signature === undefined ? { start: span.startLine, end: span.endLine } : { start: signature, end: signature };
      all.push({ path: f.path, score: span.score, lines, key: spanKey(f.path, spanStartLine(span)) });
    }
  }
  // A stable sort: equal scores keep the ranking's order.
  all.sort((a, b) => b.score - a.score);
  const best = all[0]?.score ?? 0;
  return all.slice(0, limits.mustHaveSpans).filter(m => m.score > 0 && m.score >= best * limits.mustHaveScoreShare);
}

/**
 * Whether `kept` can be emitted again for this request: packed within the same budget, none of its files
 * changed, and each must-have of the new ranking is shown by it or was left out by it on purpose.
 */
export function stillCovers(kept: KeptContext, ranking: Ranking, index: IndexView, forCurrent: number, skip: (path: string) => boolean, limits: ReuseLimits = DEFAULT_REUSE_LIMITS): boolean {
  if (kept.forCurrent !== forCurrent || ranking.packing !== 'levels') return false;
  for (const [path, { hash }] of kept.shown) if (index.file(path)?.hash !== hash) return false;
  return mustHaves(ranking, skip, limits).every(m => kept.declined.has(m.key) || showsMustHave(kept.shown, m));
}

/** Whether the shown lines show a must-have (its signature line for a declaration). */
export function showsMustHave(shown: ReadonlyMap<string, { readonly lines: readonly LineInterval[] }>, m: MustHave): boolean {
  const lines = shown.get(m.path)?.lines;
  if (!lines) return false;
  return m.lines === 'any' || coversAll(lines, m.lines.start, m.lines.end);
}

/** The manifest of a kept context: its rows saying so, and every other ranked file as not re-packed. */
export function keptRows(kept: KeptContext, ranking: Ranking, unavailable: (path: string) => string | undefined): ManifestItem[] {
  const rows: ManifestItem[] = kept.rows.map(row => ({ ...row, reasons: [KEPT_REASON, ...row.reasons] }));
  for (const f of ranking.files) {
    if (kept.shown.has(f.path)) continue;
    rows.push(unavailableRow(f, unavailable(f.path) ?? `not in the kept context: ${KEPT_REASON}`));
  }
  return rows;
}
