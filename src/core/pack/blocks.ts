import { BoundedCache } from '../bounded-cache';
import type { FileCandidate } from './candidates';
import { baseIntervals, snippetIntervals, type FileState } from './file-state';
import { elisionMarker, pathHeader } from './header';
import { intervalsKey, mergeIntervals, type LineInterval } from './intervals';
import { joinedTokens, joinedTokensWith, type GroupedCount } from './line-groups';
import type { TextLines } from '../index/text-lines';
import type { LineRun, TokenCache } from './source-lines';

/**
 * Where a file's entry goes: pinned files first, then files shown as an outline or whole (stable while the
 * cursor moves), then files whose entry holds snippets for the cursor (volatile: they change with it).
 */
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

/**
 * The block's lines: its path header, the shown lines, and an indented marker for each hidden run; each
 * shown line with its count from the file's line counts.
 */
function blockLines(c: FileCandidate, merged: readonly LineInterval[]): LineRun {
  const lines = c.source.lines;
  const out = [pathHeader(c.path, c.language)];
  const fileLine = [-1];
  merged.forEach((interval, k) => {
    if (k > 0) {
      out.push(elisionMarker(c.language, hiddenIndentation(lines, merged[k - 1].end + 1, interval.start - 1)));
      fileLine.push(-1);
    }
    for (let line = interval.start; line <= interval.end; line++) {
      out.push(lines.at(line));
      fileLine.push(line);
    }
  });
  return { lines: out, lineTokens: k => (fileLine[k]! >= 0 ? c.source.tokens(fileLine[k]!, fileLine[k]!) : undefined) };
}

function renderBlock(c: FileCandidate, merged: readonly LineInterval[]): string {
  return blockLines(c, merged).lines.join('\n') + '\n';
}

/** The indentation of the first non-blank hidden line, so the marker sits where the hidden code was. */
function hiddenIndentation(lines: TextLines, from: number, to: number): string {
  for (let line = from; line <= to; line++) {
    const text = lines.at(line);
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

/**
 * The one entry a file's state emits: its base (outline or whole file) and its snippets merged in line
 * order, each line once. Undefined when the state shows nothing.
 */
export function entryOf(c: FileCandidate, state: FileState, cache: TokenCache): Block | undefined {
  const snippets = snippetIntervals(state);
  const merged = mergeIntervals([...baseIntervals(c, state), ...snippets]);
  if (merged.length === 0) return undefined;
  const tier: Tier = c.ranked.pinned ? 'pinned' : snippets.length > 0 ? 'volatile' : 'stable';
  return blockOf(c, tier, merged, cache);
}

/** Exact tokens of the blocks' texts joined with '\n', without rendering or tokenizing it. */
export function contextTokens(blocks: readonly { readonly count: GroupedCount }[], cache: TokenCache): number {
  return joinedTokens(
    blocks.map(b => b.count),
    text => cache.line(text),
  );
}

/** `contextTokens` of `blocks` with `blocks[at]` replaced by `block` (`at === blocks.length`: appended), from `total`, their count joined. */
export function contextTokensWith(blocks: readonly { readonly count: GroupedCount }[], total: number, at: number, block: { readonly count: GroupedCount }, cache: TokenCache): number {
  return joinedTokensWith(
    blocks.map(b => b.count),
    total,
    at,
    block.count,
    text => cache.line(text),
  );
}

/**
 * Prefix-stable order of the entries of a fresh pack: tier first, then path. Tiers depend on what a file
 * is shown as (pinned, outline or whole file vs. holding declaration snippets), not on scores, so
 * consecutive requests while typing share a long prompt prefix and a model server can reuse its KV cache.
 *
 * Each file is one entry (issue #12): a model reads one `<|file_sep|>` block per file, as it was trained.
 * The price is that a file shown as an outline plus snippets is no longer split into a stable outline at
 * the start and volatile snippets at the end: the whole entry counts as volatile and goes after the files
 * shown as outline or whole only. Across requests an entry keeps its place and grows in place
 * (extend.ts), which invalidates the cache from that entry on.
 * Measured with bench/prefix-typing.ts (a line typed at 6 sites per corpus, qwen prompts, o200k tokens):
 * the share of each keystroke's prompt that repeats the previous prompt's start, median / mean, two
 * separate entries -> one entry. Test set: @fp-ts/core 2K 0.901/0.870 -> same, 8K 0.899/0.876 -> same, 32K
 * 0.938/0.920 -> 0.938/0.913; @continuedev/core 2K 0.872/0.741 -> 0.867/0.725, 8K 0.873/0.703 ->
 * 0.852/0.725, 32K 0.879/0.760 -> 0.938/0.800. Tuning set (6 corpora x 3 budgets): medians -0.010 to
 * +0.001, means -0.025 to +0.046, on average unchanged. So merging costs no stability to speak of, and
 * the prompts that named a file twice (all of @continuedev/core's at 8K and 32K) name it once. (What did
 * raise stability is in prompt/fit-prompt.ts: one packing budget keystroke after keystroke.)
 */
export function orderBlocks(blocks: readonly Block[]): Block[] {
  return [...blocks].sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareText(a.candidate.path, b.candidate.path));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
