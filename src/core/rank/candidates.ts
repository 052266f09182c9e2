import type { IndexView } from '../index/view';
import type { CursorFacts, EditorSignals } from '../types';

/** The user's excludes: exact paths, or folders (`src/generated` or `src/generated/`) and everything under them. */
export function isExcludedBy(excluded: readonly string[] | undefined, path: string): boolean {
  if (!excluded) return false;
  return excluded.some(entry => {
    const folder = entry.endsWith('/') ? entry : `${entry}/`;
    return path === entry || path.startsWith(folder);
  });
}

/**
 * A candidate is an indexed file other than the current one that the user did not exclude and that does not
 * merely repeat other files (`mirrors`: emitted declaration files).
 */
export function candidateFilter(index: IndexView, cursor: CursorFacts, signals: EditorSignals | undefined, mirrors: ReadonlySet<string> = new Set()): (path: string) => boolean {
  const verdicts = new Map<string, boolean>();
  return path => {
    let verdict = verdicts.get(path);
    if (verdict === undefined) {
      verdict = path !== cursor.file && !mirrors.has(path) && index.file(path) !== undefined && !isExcludedBy(signals?.excluded, path);
      verdicts.set(path, verdict);
    }
    return verdict;
  };
}
