import { CursorScope } from '../cursor-scope';
import type { Evidence, Signal } from '../evidence';

/**
 * Personalized PageRank over the reference graph (file -> file when one references a name the other
 * defines), seeded by the current file and by the files defining the identifiers near the cursor:
 * Aider's repo map, centred on where the user is.
 */
export const pageRankSignal: Signal = {
  name: 'pagerank',
  collect(context) {
    const { index, cursor, weights, workspace, isCandidate } = context;
    const w = weights.pagerank;
    const scope = CursorScope.of(context);
    const seeds = new Map<string, number>();
    const seed = (path: string, mass: number): void => void seeds.set(path, (seeds.get(path) ?? 0) + mass);
    if (index.file(cursor.file)) seed(cursor.file, w.currentFileSeed);
    // A local's name says nothing about other files; an imported or member name does.
    const names = [...new Set(cursor.identifiers.filter(i => i.kind === 'member' || scope.bindings.has(i.name) || !scope.isLocal(i.name)).map(i => i.name))];
    for (const name of names) {
      const definers = [...new Set(index.symbols.definitionsOf(name).map(l => l.path))];
      if (definers.length === 0 || definers.length > w.maxDefiningFilesPerEdge) continue;
      for (const path of definers) seed(path, 1 / (names.length * definers.length));
    }
    const ranks = workspace.pageRank(seeds, { damping: w.damping, tolerance: w.pushTolerance }, context.stop);
    let best = 0;
    for (const [path, rank] of ranks) if (rank > best && isCandidate(path)) best = rank;
    if (best === 0) return [];
    const evidence: Evidence[] = [];
    for (const [path, rank] of ranks) {
      if (rank <= 0 || !isCandidate(path)) continue;
      const referrers = workspace.referencedBy(path);
      const reason = referrers > 0 ? `central: referenced by ${referrers} file${referrers === 1 ? '' : 's'}` : 'near this file in the reference graph';
      evidence.push({ path, score: (w.weight * rank) / best, reason });
    }
    return evidence;
  },
};
