import type { GatheredFacts } from '../facts';
import type { IndexView } from '../index/view';
import type { CursorFacts, EditorSignals, Ranking, StopCheck, StrategyName } from '../types';
import type { RankingState } from './ranking-state';

export interface RankInput {
  /** The index as this request sees it: its buffer in place of its file's entry (see request-view.ts). */
  index: IndexView;
  /** The derived tables, brought up to `index` for this request (`RankingState.during`). */
  state: RankingState;
  cursor: CursorFacts;
  /** What a language server said about the cursor, gathered before ranking (absent: tree-sitter alone). */
  facts?: GatheredFacts;
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
