// Prefix stability when the kept context no longer covers what the cursor needs: instead of packing afresh
// (which changes the context early on and so the whole prompt's KV-cache reuse), the previous context's
// entries stay as the start, in their order, and only its end changes: entries are dropped from the end to
// make room, and what this position needs (and a fresh pack would show) is appended after the kept start.
// A file has one entry: new lines of a file already in the start grow its entry where it stands (the
// cache is then reused up to that entry), never a second entry for the file.
import type { IndexView } from '../index/view';
import type { ManifestItem } from '../types';
import { blockOf, contextTokens, contextTokensWith } from './blocks';
import type { FileCandidate } from './candidates';
import { shareEntryTokens } from './entry-tokens';
import { coversAll, mergeIntervals, subtractIntervals, visibleLineCount, type LineInterval } from './intervals';
import { keepBlocks, shownBy, showsMustHave, type KeptBlock, type KeptContext, type MustHave } from './reuse';
import type { TokenCache } from './source-lines';

export const KEPT_START_REASON = "kept at the start of the context from the previous request (keeps the model server's prompt cache warm)";
export const APPENDED_REASON = 'appended after the kept start: this position needs it and the previous context did not show it';
export const GROWN_REASON = "added to its file's entry, kept in place from the previous request: this position needs it and the previous context did not show it";
export const DROPPED_FROM_END = 'dropped from the end of the previous context to make room for what this position needs';
const FILE_CHANGED = 'its file changed since the previous request';
const NO_ROOM_AFTER_KEPT = 'no room left after the start kept from the previous request';

/** A fresh pack of this request: what the extended context must show and may show. */
export interface FreshPack {
  readonly kept: KeptContext;
  readonly items: readonly ManifestItem[];
  readonly candidates: readonly FileCandidate[];
}

export interface Extended {
  readonly kept: KeptContext;
  readonly items: ManifestItem[];
}

/**
 * The previous context's longest start that leaves room (within `budget`, counted exactly) for the
 * `required` must-haves (ones the fresh pack shows) the start does not show; then as much more of the fresh
 * pack as fits. Blocks in the start never move: only the end changes.
 * A must-have takes room for the fresh pack's snippet that shows it, not for all the fresh pack shows of its
 * file: an outline the fresh pack adds beside that snippet (hundreds of tokens for a file of many
 * declarations) would otherwise have to fit too, and once the required snippets fill most of the budget no
 * start leaves room for it, so the whole context was packed afresh and the prompt cache lost (engine.test's
 * walk down one function reused 0.41 of the prompt's start instead of 0.96 with outlines valued at 0.75 of a
 * declaration). The rest of the fresh pack, that outline included, is added after them where it fits.
 * Undefined when not even one kept block leaves that room: the caller packs afresh.
 */
export function extendKept(previous: KeptContext, fresh: FreshPack, required: readonly MustHave[], budget: number, index: IndexView, skip: (path: string) => boolean, cache: TokenCache): Extended | undefined {
  const usable = leadingUsable(previous.blocks, index, skip);
  const candidates = new Map(fresh.candidates.map(c => [c.path, c]));
  const freshPaths = [...fresh.kept.shown.keys()];
  for (let k = usable; k >= 1; k--) {
    const start = previous.blocks.slice(0, k);
    const startShown = shownBy(start);
    const needed = neededLines(required.filter(m => !showsMustHave(startShown, m)), fresh);
    let blocks = [...start];
    let tokens = contextTokens(blocks, cache);
    /**
     * With `lines` (of what the fresh pack shows of `path`) that the context does not show yet: its entry
     * grown where it stands, or a new one at the end; the joined count is updated around the change, not recounted.
     */
    const adding = (path: string, lines: readonly LineInterval[]): { blocks: KeptBlock[]; tokens: number } | undefined => {
      const at = blocks.findIndex(b => b.path === path);
      const newLines = subtractIntervals(lines, at < 0 ? [] : blocks[at].lines);
      if (newLines.length === 0) return undefined;
      const entry = entryWith(candidates.get(path)!, at < 0 ? undefined : blocks[at], lines, newLines, fresh, cache);
      const where = at < 0 ? blocks.length : at;
      return { blocks: at < 0 ? [...blocks, entry] : blocks.map((b, i) => (i === at ? entry : b)), tokens: contextTokensWith(blocks, tokens, where, entry, cache) };
    };
    for (const path of freshPaths) {
      const lines = needed.get(path);
      const added = lines && adding(path, lines);
      if (added) ({ blocks, tokens } = added);
    }
    if (tokens > budget) continue;
    for (const path of freshPaths) {
      const added = adding(path, fresh.kept.shown.get(path)!.lines);
      if (added && added.tokens <= budget) ({ blocks, tokens } = added);
    }
    const kept = keepBlocks(blocks, tokens, previous.forCurrent, () => fresh.kept.judged);
    return { kept, items: extendedRows(previous, k, blocks, fresh, index) };
  }
  return undefined;
}

/**
 * Per file, the lines the missing must-haves need: the fresh pack's snippets that show them, or, for one
 * the fresh pack shows by its outline or whole file alone, all it shows of that file.
 */
function neededLines(missing: readonly MustHave[], fresh: FreshPack): Map<string, LineInterval[]> {
  const needed = new Map<string, LineInterval[]>();
  for (const m of missing) {
    const signature = m.lines === 'any' ? undefined : m.lines;
    const snippets = signature ? fresh.items.filter(item => item.included && item.level === 'snippet' && item.path === m.path && item.startLine - 1 <= signature.start && item.endLine - 1 >= signature.end) : [];
    const lines = snippets.length > 0 ? snippets.map(item => ({ start: item.startLine - 1, end: item.endLine - 1 })) : fresh.kept.shown.get(m.path)!.lines;
    needed.set(m.path, mergeIntervals([...(needed.get(m.path) ?? []), ...lines]));
  }
  return needed;
}

/** How many blocks at the start of the previous context can still be shown: their files unchanged and allowed. */
function leadingUsable(blocks: readonly KeptBlock[], index: IndexView, skip: (path: string) => boolean): number {
  const stale = blocks.findIndex(b => skip(b.path) || index.file(b.path)?.hash !== b.hash);
  return stale < 0 ? blocks.length : stale;
}

/**
 * A file's entry showing `shown` (of what the fresh pack shows of it) and, when it has one in the kept
 * start, what that entry showed: one entry, lines in order, each once. Its rows are the kept entry's and
 * the fresh pack's rows for what it adds (`added`: `shown` less the kept entry's lines): the snippets among
 * those lines, and the outline or whole file once the entry shows all the fresh pack shows of the file;
 * they share the entry's tokens.
 */
function entryWith(c: FileCandidate, kept: KeptBlock | undefined, shown: readonly LineInterval[], added: readonly LineInterval[], fresh: FreshPack, cache: TokenCache): KeptBlock {
  const lines = mergeIntervals([...(kept?.lines ?? []), ...shown]);
  const block = blockOf(c, 'volatile', lines, cache);
  const keptRows = kept?.rows ?? [];
  const known = new Set(keptRows.map(rowKey));
  const wholeBase = subtractIntervals(fresh.kept.shown.get(c.path)!.lines, lines).length === 0;
  const adds = (item: ManifestItem) => !known.has(rowKey(item)) && (item.level === 'snippet' ? visibleLineCount(added, item.startLine - 1, item.endLine - 1) > 0 : wholeBase);
  const rows = [...keptRows, ...fresh.items.filter(item => item.included && item.path === c.path && adds(item))];
  return { path: c.path, hash: c.hash, source: c.ranked.source, lines, text: block.text(), count: block.count, rows: shareEntryTokens(rows, block.count.tokens, { hash: c.hash, file: c.source, shown: lines }, cache) };
}

const rowKey = (row: ManifestItem) => `${row.path}\0${row.startLine}\0${row.endLine}\0${row.level}`;

/**
 * The manifest: kept and appended rows saying so, the previous blocks left out with why, and the fresh
 * pack's other rows unless the new context shows them (then the kept or appended rows report them).
 */
function extendedRows(previous: KeptContext, k: number, blocks: readonly KeptBlock[], fresh: FreshPack, index: IndexView): ManifestItem[] {
  const withReason = (reason: string) => (row: ManifestItem): ManifestItem => ({ ...row, reasons: [reason, ...row.reasons] });
  const keptBefore = new Set(previous.blocks.slice(0, k).flatMap(b => b.rows.map(rowKey)));
  const startRow = (row: ManifestItem) => withReason(keptBefore.has(rowKey(row)) ? KEPT_START_REASON : GROWN_REASON)(row);
  const rows: ManifestItem[] = [...blocks.slice(0, k).flatMap(b => b.rows.map(startRow)), ...blocks.slice(k).flatMap(b => b.rows.map(withReason(APPENDED_REASON)))];
  const included = new Set(rows.map(rowKey));
  for (const b of previous.blocks.slice(k)) {
    const dropped = index.file(b.path)?.hash === b.hash ? DROPPED_FROM_END : FILE_CHANGED;
    for (const row of b.rows) if (!included.has(rowKey(row))) rows.push({ ...row, tokens: 0, included: false, dropped });
  }
  const shown = shownBy(blocks);
  for (const row of fresh.items) {
    const lines = shown.get(row.path)?.lines ?? [];
    const freshLines = fresh.kept.shown.get(row.path)?.lines ?? [];
    const represented = row.level === 'snippet' ? coversAll(lines, row.startLine - 1, row.endLine - 1) : freshLines.length > 0 && subtractIntervals(freshLines, lines).length === 0;
    if (represented && (row.included || row.level === 'snippet')) continue;
    rows.push(row.included ? { ...row, tokens: 0, included: false, dropped: NO_ROOM_AFTER_KEPT } : row);
  }
  return rows;
}
