import type { Ranking } from '../../types';
import type { RankInput, Strategy } from '../strategy';

/**
 * A baseline's ranking does not depend on the budget, and callers ask the same question at several budgets
 * (the benchmark, the inspector's budget slider): the last ranking is reused (kept in the ranking state)
 * while the index, the buffer, the cursor and the editor signals are all unchanged.
 */
export function rememberLast(strategy: Strategy): Strategy {
  return {
    name: strategy.name,
    rank(input: RankInput): Ranking {
      const key = JSON.stringify([input.index.generation, input.cursor.file, input.cursor.position, input.signals ?? null, input.text]);
      return input.state.remember(`strategy:${strategy.name}`, key, () => strategy.rank(input));
    },
  };
}
