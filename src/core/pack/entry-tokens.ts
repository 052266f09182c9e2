// A file's entry in the prompt shows several manifest rows at once (its outline or whole file, and
// snippets), merged so that no line shows twice. Its tokens are shared out among those rows so that each
// line is counted for exactly one row and the rows of a file add up to what its entry costs.
import type { ManifestItem } from '../types';
import { clipIntervals, mergeIntervals, subtractIntervals, type LineInterval } from './intervals';
import type { SourceLines, TokenCache } from './source-lines';

/** The file an entry shows: its lines with their counts and content hash (the key of cached counts), and the lines the entry shows of it. */
export interface EntrySource {
  readonly hash: string;
  readonly file: SourceLines;
  readonly shown: readonly LineInterval[];
}

/**
 * The included rows of one entry (`entryTokens` in all) with their tokens: a row gets the tokens of the
 * lines it shows that no earlier row claimed (a snippet all its lines, a section's outline the entry's lines
 * within the section); the base row (the first outline or whole file), or without one the first row, gets
 * the rest: the path header, the elision markers and the lines no other row shows.
 */
export function shareEntryTokens(rows: readonly ManifestItem[], entryTokens: number, source: EntrySource, cache: TokenCache): ManifestItem[] {
  const base = Math.max(0, rows.findIndex(row => row.level !== 'snippet'));
  let claimed: LineInterval[] = [];
  const shared = rows.map((row, i) => {
    if (i === base) return row;
    const own = subtractIntervals(clipIntervals(source.shown, { start: row.startLine - 1, end: row.endLine - 1 }), claimed);
    claimed = mergeIntervals([...claimed, ...own]);
    const tokens = own.reduce((sum, run) => sum + cache.run(`${source.hash}\0${run.start}-${run.end}`, () => ({ lines: source.file.lines.slice(run.start, run.end + 1), lineTokens: k => source.file.tokens(run.start + k, run.start + k) })).tokens, 0);
    return { ...row, tokens };
  });
  if (shared.length === 0) return shared;
  const others = shared.reduce((sum, row, i) => (i === base ? sum : sum + row.tokens), 0);
  shared[base] = { ...shared[base], tokens: entryTokens - others };
  return shared;
}
