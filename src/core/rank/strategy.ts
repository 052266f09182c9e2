import type { IndexView } from '../index/view';
import type { CursorFacts, EditorSignals, Ranking, StrategyName } from '../types';

export interface RankInput {
  index: IndexView;
  cursor: CursorFacts;
  /** The current buffer (may differ from the indexed text of `cursor.file`). */
  text: string;
  signals?: EditorSignals;
}

/** A way to choose and order cross-file context for one cursor position. Pure, synchronous, never reads the disk. */
export interface Strategy {
  readonly name: StrategyName;
  rank(input: RankInput): Ranking;
}
