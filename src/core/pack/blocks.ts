import { BoundedCache } from './bounded-cache';
import type { FileCandidate } from './candidates';
import { baseIntervals, snippetIntervals, type FileState } from './file-state';
import { elisionMarker, pathHeader } from './header';
import { intervalsKey, type LineInterval } from './intervals';
import { joinedTokens, type GroupedCount } from './line-groups';
import type { TokenCache } from './source-lines';

/** Stable blocks (pinned, outlines, whole files) come first; volatile ones (snippets for the cursor) last. */
export type Tier = 'pinned' | 'stable' | 'volatile';

const TIER_ORDER: readonly Tier[] = ['pinned', 'stable', 'volatile'];

export interface Block {
  readonly candidate: FileCandidate;
  readonly tier: Tier;
  readonly lines: readonly LineInterval[];
  /** Rendered on demand (and cached): selection only needs the counts. */
  text(): string;
  /** Identifies `text` by path, content hash and shown lines: the key of its cached count. */
  readonly key: string;
  /** Exact tokens of `text`, with its first and last line groups so joined blocks are counted exactly. */
  readonly count: GroupedCount;
}

/** The block's lines: its path header, the shown lines, and an indented marker for each hidden run. */
function blockLines(c: FileCandidate, merged: readonly LineInterval[]): string[] {
  const lines = c.source.lines;
  const out = [pathHeader(c.path, c.language)];
  merged.forEach((interval, k) => {
    if (k > 0) out.push(elisionMarker(c.language, hiddenIndentation(lines, merged[k - 1].end + 1, interval.start - 1)));
    for (let line = interval.start; line <= interval.end; line++) out.push(lines[line]);
  });
  return out;
}

function renderBlock(c: FileCandidate, merged: readonly LineInterval[]): string {
  return blockLines(c, merged).join('\n') + '\n';
}

/** The indentation of the first non-blank hidden line, so the marker sits where the hidden code was. */
function hiddenIndentation(lines: readonly string[], from: number, to: number): string {
  for (let line = from; line <= to; line++) {
    const text = lines[line];
    if (text.trim().length > 0) return /^\s*/.exec(text)![0];
  }
  return '';
}

/** Rendered blocks of recent requests: while typing, the same blocks are emitted again and again. */
const RENDERED_BLOCKS = new BoundedCache<string, string>(1024);

/** One block of a file showing `merged` (non-empty, canonical), counted exactly (cached per content hash and lines). */
export function blockOf(c: FileCandidate, tier: Tier, merged: readonly LineInterval[], cache: TokenCache): Block {
  const key = `${c.path}\0${c.hash}\0${intervalsKey(merged)}`;
  const text = () => RENDERED_BLOCKS.getOrCreate(key, () => renderBlock(c, merged));
  return { candidate: c, tier, lines: merged, text, key, count: cache.run(key, () => blockLines(c, merged)) };
}

/** The blocks a file's state emits: its base (outline or whole file) and its snippets. */
export function blocksOf(c: FileCandidate, state: FileState, cache: TokenCache): Block[] {
  const parts: [Tier, readonly LineInterval[]][] = [
    [c.ranked.pinned ? 'pinned' : 'stable', baseIntervals(c, state)],
    ['volatile', snippetIntervals(state)],
  ];
  return parts.filter(([, merged]) => merged.length > 0).map(([tier, merged]) => blockOf(c, tier, merged, cache));
}

/** Exact tokens of the blocks' texts joined with '\n', without rendering or tokenizing it. */
export function contextTokens(blocks: readonly { readonly count: GroupedCount }[], cache: TokenCache): number {
  return joinedTokens(
    blocks.map(b => b.count),
    text => cache.line(text),
  );
}

/**
 * Prefix-stable order: tier first, then path. Tiers depend on what a file is shown as (pinned, outline or
 * whole file vs. declaration snippets), not on scores, so consecutive requests while typing share a long
 * prompt prefix and a model server can reuse its KV cache.
 */
export function orderBlocks(blocks: readonly Block[]): Block[] {
  return [...blocks].sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareText(a.candidate.path, b.candidate.path));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
