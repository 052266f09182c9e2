// The floor: no cross-file context at all, only the current file's prefix and suffix (what a plain FIM
// completion sees). Every other strategy is measured against it.
import type { Strategy } from '../strategy';

export const noneStrategy: Strategy = {
  name: 'none',
  rank: () => ({ files: [], packing: 'in-order' }),
};
