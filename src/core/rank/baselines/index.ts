// The published context strategies we measure ours against, each a faithful re-implementation documented
// at the top of its file. They see the same inputs as ours (index, cursor facts, buffer, editor signals).
import type { StrategyName } from '../../types';
import type { Strategy } from '../strategy';
import { bm25Strategy } from './bm25';
import { importsStrategy } from './imports';
import { DEFAULT_JACCARD_BASELINE, jaccardStrategy } from './jaccard';
import { noneStrategy } from './none';
import { rememberLast } from './remember-last';
import { repoMapStrategy } from './repomap';

export const BASELINE_STRATEGIES: Record<Exclude<StrategyName, 'ours'>, Strategy> = {
  none: noneStrategy,
  jaccard: rememberLast(jaccardStrategy()),
  'jaccard-imports': rememberLast(jaccardStrategy({ ...DEFAULT_JACCARD_BASELINE, name: 'jaccard-imports', neighbours: 'imports' })),
  bm25: rememberLast(bm25Strategy()),
  repomap: rememberLast(repoMapStrategy()),
  imports: rememberLast(importsStrategy()),
};
