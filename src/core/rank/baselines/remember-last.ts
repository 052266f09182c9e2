import type { IndexView } from '../../index/view';
import type { Ranking } from '../../types';
import type { RankInput, Strategy } from '../strategy';

interface Remembered {
  readonly index: IndexView;
  /** The index generation it was ranked at. */
  readonly indexState: number;
  readonly request: string;
  readonly text: string;
  readonly ranking: Ranking;
}

/**
 * A baseline's ranking does not depend on the budget, and callers ask the same question at several budgets
 * (the benchmark, the inspector's budget slider): the last ranking is reused while the index, the buffer,
 * the cursor and the editor signals are all unchanged.
 */
export function rememberLast(strategy: Strategy): Strategy {
  let last: Remembered | undefined;
  return {
    name: strategy.name,
    rank(input: RankInput): Ranking {
      const indexState = input.index.generation;
      const request = JSON.stringify([input.cursor.file, input.cursor.position, input.signals ?? null]);
      if (last && last.index === input.index && last.indexState === indexState && last.request === request && last.text === input.text) return last.ranking;
      const ranking = strategy.rank(input);
      last = { index: input.index, indexState, request, text: input.text, ranking };
      return ranking;
    },
  };
}
