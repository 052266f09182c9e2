import type { IndexView } from '../index/view';
import type { CursorFacts, EditorSignals, Ranking, StopCheck, StrategyName } from '../types';

export interface RankInput {
  index: IndexView;
  cursor: CursorFacts;
  /** The current buffer (may differ from the indexed text of `cursor.file`). */
  text: string;
  signals?: EditorSignals;
  /** Ranking stops adding evidence once this says so (deadline or cancellation) and ranks what it has. */
  stop?: StopCheck;
}

/** A way to choose and order cross-file context for one cursor position. Pure, synchronous, never reads the disk. */
export interface Strategy {
  readonly name: StrategyName;
  rank(input: RankInput): Ranking;
}
