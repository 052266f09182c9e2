import { isExcludedBy } from '../exclusions';
import type { IndexView } from '../index/view';
import type { CursorFacts, EditorSignals } from '../types';

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
