// Prefix stability across requests: while the cursor moves within one file, the cross-file context is
// emitted byte for byte again as long as it still shows what the cursor needs (else pack/extend.ts keeps its start). A model server caches the
// prompt's leading tokens (KV cache); any change early in the context would invalidate everything after it.
import type { IndexView } from '../index/view';
import type { ManifestItem, Ranking } from '../types';
import type { Block } from './blocks';
import { coversAll, mergeIntervals, type LineInterval } from './intervals';
import type { GroupedCount } from './line-groups';
import { unavailableRow } from './manifest';

export const KEPT_REASON = "kept from the previous request: still covers what the cursor needs (keeps the model server's prompt cache warm)";

/** One file's entry in a packed context as emitted, with the manifest rows it shows. */
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

/** A packed cross-file context, remembered so a later request in the same file can emit it (or its start) again. */
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
  /** The ranking's best spans as the fresh pack it was last checked against judged them (`judge`). */
  readonly judged: readonly Judged[];
}

export interface ReuseLimits {
  /** How many of the ranking's best spans (those a fresh pack shows) a kept context must show to be used again. */
  readonly mustHaveSpans: number;
}

export const DEFAULT_REUSE_LIMITS: ReuseLimits = { mustHaveSpans: 6 };

/** Per file, the lines the blocks show together. */
export function shownBy(blocks: readonly KeptBlock[]): Map<string, { hash: string; lines: readonly LineInterval[] }> {
  const shown = new Map<string, { hash: string; lines: readonly LineInterval[] }>();
  for (const b of blocks) shown.set(b.path, { hash: b.hash, lines: mergeIntervals([...(shown.get(b.path)?.lines ?? []), ...b.lines]) });
  return shown;
}

/**
 * Remembers packed blocks (`tokens`: their exact count joined) with what they show, and the judgement of the
 * ranking's best spans it is to be checked with (`judgedBy` what it shows, for a fresh pack's own).
 */
export function keepBlocks(blocks: readonly KeptBlock[], tokens: number, forCurrent: number, judgedBy: (shown: ShownLines) => readonly Judged[]): KeptContext {
  const tokensBySource: Record<string, number> = {};
  for (const b of blocks) tokensBySource[b.source] = (tokensBySource[b.source] ?? 0) + b.count.tokens;
  const context = blocks.map(b => b.text).join('\n');
  const shown = shownBy(blocks);
  return { context, blocks, tokens, forCurrent, rows: blocks.flatMap(b => b.rows), tokensBySource, shown, judged: judgedBy(shown) };
}

/** The entries of a fresh pack as kept: each with the included rows of its file. */
export function keptBlocksOf(blocks: readonly Block[], items: readonly ManifestItem[]): KeptBlock[] {
  const included = new Map<string, ManifestItem[]>();
  for (const item of items) {
    if (!item.included) continue;
    const rows = included.get(item.path);
    if (rows) rows.push(item);
    else included.set(item.path, [item]);
  }
  return blocks.map(b => ({
    path: b.candidate.path,
    hash: b.candidate.hash,
    source: b.candidate.ranked.source,
    lines: b.lines,
    text: b.text(),
    count: b.count,
    rows: included.get(b.candidate.path) ?? [],
  }));
}

/** A must-have of a ranking: one of its best spans (or a whole file ranked without spans). */
export interface MustHave {
  readonly path: string;
  readonly score: number;
  /** Lines that must show; for a declaration its signature line is enough (what a caller needs of it). */
  readonly lines: LineInterval | 'any';
}

type ShownLines = ReadonlyMap<string, { readonly lines: readonly LineInterval[] }>;

/** The ranking's spans (and files ranked without spans) with a score, best first: what a request may need. */
export function rankedMustHaves(ranking: Ranking, skip: (path: string) => boolean): MustHave[] {
  const all: MustHave[] = [];
  for (const f of ranking.files) {
    if (skip(f.path)) continue;
    if (f.spans.length === 0) all.push({ path: f.path, score: f.score, lines: 'any' });
    for (const span of f.spans) {
      const signature = span.definition?.signatureRange.start.line;
      const lines = signature === undefined ? { start: span.startLine, end: span.endLine } : { start: signature, end: signature };
      all.push({ path: f.path, score: span.score, lines });
    }
  }
  // A stable sort: equal scores keep the ranking's order.
  return all.filter(m => m.score > 0).sort((a, b) => b.score - a.score);
}

/**
 * A must-have as a fresh pack judged it: shown, or passed over (too big for the budget, or valued below what it
 * took) in the version of its file with content hash `hash` (undefined: not in the index).
 */
export type Judged = { readonly must: MustHave; readonly shown: true } | { readonly must: MustHave; readonly shown: false; readonly hash: string | undefined };

/**
 * The best of `ranked` (rankedMustHaves) as a fresh pack that shows `freshShows` judges them: in order, each
 * shown or passed over (one too big for the budget gives its place to the next best), up to the
 * `mustHaveSpans`-th shown.
 */
export function judge(ranked: readonly MustHave[], limits: ReuseLimits, freshShows: ShownLines, index: IndexView): Judged[] {
  const judged: Judged[] = [];
  let shownCount = 0;
  for (const must of ranked) {
    if (shownCount === limits.mustHaveSpans) break;
    if (showsMustHave(freshShows, must)) {
      judged.push({ must, shown: true });
      shownCount++;
    } else judged.push({ must, shown: false, hash: index.file(must.path)?.hash });
  }
  return judged;
}

/** What a request needs: the best spans a fresh pack shows. Whatever else a kept context shows, it must show these. */
export function required(judged: readonly Judged[]): MustHave[] {
  return judged.filter(j => j.shown).map(j => j.must);
}

/**
 * What this request needs as far as can be told without packing: while the best spans are the same, in the
 * same order, as when `kept` was last checked against a fresh pack, and none it passed over scores higher or
 * lies in a file changed since, a fresh pack would most likely judge them the same, so the spans it showed;
 * else the best spans outright.
 */
export function expectedMustHaves(kept: KeptContext, ranked: readonly MustHave[], limits: ReuseLimits, index: IndexView): readonly MustHave[] {
  const needed = required(kept.judged);
  // A judgement that ran out of spans before it had all it requires judged all the spans there were.
  const whole = needed.length === limits.mustHaveSpans ? kept.judged.length <= ranked.length : kept.judged.length === ranked.length;
  const same = whole && kept.judged.every((judged, k) => {
    const now = ranked[k]!;
    if (now.path !== judged.must.path || !sameLines(now.lines, judged.must.lines)) return false;
    // A passed-over span's file can change with its lines in place: the span may fit now.
    return judged.shown || (now.score <= judged.must.score && index.file(now.path)?.hash === judged.hash);
  });
  return same ? needed : ranked.slice(0, limits.mustHaveSpans);
}

function sameLines(a: MustHave['lines'], b: MustHave['lines']): boolean {
  return a === 'any' || b === 'any' ? a === b : a.start === b.start && a.end === b.end;
}

/** Whether `kept` can be emitted again: none of its files changed and it shows every must-have. */
export function stillCovers(kept: KeptContext, required: readonly MustHave[], index: IndexView): boolean {
  for (const [path, { hash }] of kept.shown) if (index.file(path)?.hash !== hash) return false;
  return required.every(m => showsMustHave(kept.shown, m));
}

/** Whether the shown lines show a must-have (its signature line for a declaration). */
export function showsMustHave(shown: ShownLines, m: MustHave): boolean {
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
