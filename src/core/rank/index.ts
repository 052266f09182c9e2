import { fuse } from './fusion';
import type { Strategy } from './strategy';

export type { RankInput, Strategy } from './strategy';
export type { Evidence, Signal, SignalContext } from './evidence';
export { DEFAULT_WEIGHTS, type RankWeights } from './weights';
export { SIGNALS, PINNED_REASON, fuse } from './fusion';
export { personalizedPageRank } from './pagerank';

/** Our ranking: every signal fused, packed by levels (snippet / outline / file per file). */
export const oursStrategy: Strategy = {
  name: 'ours',
  rank: input => fuse(input),
};
