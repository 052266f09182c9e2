import type { Evidence, Signal } from '../evidence';

/** What the user touched lately, as the editor reports it (most recent first; rank i weighs 1 / (1 + i)). */
export const recencySignal: Signal = {
  name: 'recency',
  collect({ signals, weights, isCandidate }) {
    const evidence: Evidence[] = [];
    const add = (paths: readonly string[] | undefined, weight: number, reason: string): void => {
      (paths ?? []).forEach((path, i) => {
        if (isCandidate(path)) evidence.push({ path, score: weight / (1 + i), reason });
      });
    };
    add(signals?.recentlyEdited, weights.recency.edited, 'recently edited');
    add(signals?.recentlyVisited, weights.recency.visited, 'recently visited');
    add(signals?.openTabs, weights.recency.openTab, 'open in a tab');
    return evidence;
  },
};
