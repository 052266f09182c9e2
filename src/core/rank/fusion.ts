import type { Definition, RankedFile, Ranking } from '../types';
import { candidateFilter } from './candidates';
import type { Signal, SignalContext } from './evidence';
import type { FileFeatures } from './file-features';
import { classFieldsSignal } from './signals/class-fields';
import { classHoleSignal } from './signals/class-hole';
import { definitionsSignal } from './signals/definitions';
import { factsSignal } from './signals/facts';
import { fileUsageSignal } from './signals/file-usage';
import { importsSignal } from './signals/imports';
import { lexicalSignal } from './signals/lexical';
import { namesakesSignal } from './signals/namesakes';
import { namespaceHoleSignal } from './signals/namespace-hole';
import { pageRankSignal } from './signals/pagerank';
import { recencySignal } from './signals/recency';
import { typesInScopeSignal } from './signals/types-in-scope';
import { declarationFor, rankSpans } from './spans';
import type { RankInput } from './strategy';
import { FileTally } from './tally';
import { DEFAULT_WEIGHTS, type RankWeights } from './weights';

/** Our signals. A new one is one file under signals/ and one line here. */
export const SIGNALS: readonly Signal[] = [
  definitionsSignal,
  factsSignal,
  typesInScopeSignal,
  namesakesSignal,
  namespaceHoleSignal,
  classHoleSignal,
  classFieldsSignal,
  fileUsageSignal,
  importsSignal,
  pageRankSignal,
  lexicalSignal,
  recencySignal,
];

export const PINNED_REASON = 'pinned by you';

/**
 * Adds up every signal's evidence into one score per file and per declaration, with the reasons behind
 * them. Deterministic: equal scores are ordered by path and line. Pinned files come first whatever their
 * score; excluded files never appear, not even as candidates the signals can see.
 */
export function fuse(input: RankInput, signals: readonly Signal[] = SIGNALS, weights: RankWeights = DEFAULT_WEIGHTS): Ranking {
  const workspace = input.state;
  const isCandidate = candidateFilter(input.index, input.cursor, input.signals, workspace.mirrors);
  const context: SignalContext = { ...input, weights, workspace, isCandidate };
  const tallies = new Map<string, FileTally>();
  const tallyOf = (path: string): FileTally => {
    let tally = tallies.get(path);
    if (!tally) tallies.set(path, (tally = new FileTally()));
    return tally;
  };
  // Signals name the same definitions again and again (a request's evidence is thousands of items): each one's
  // declaration is looked up once.
  const declarations = new Map<Definition, Definition | undefined>();
  const declarationOf = (features: FileFeatures, definition: Definition): Definition | undefined => {
    if (declarations.has(definition)) return declarations.get(definition);
    const declaration = declarationFor(features, definition);
    declarations.set(definition, declaration);
    return declaration;
  };
  for (const signal of signals) {
    // Past the deadline (or cancelled): rank with the evidence gathered so far.
    if (input.stop?.shouldStop()) break;
    for (const evidence of signal.collect(context)) {
      const features = workspace.features(evidence.path);
      if (!features || !isCandidate(evidence.path) || !(evidence.score > 0)) continue;
      const declaration = evidence.definition && declarationOf(features, evidence.definition);
      tallyOf(evidence.path).addEvidence(signal.name, evidence, declaration);
    }
  }
  // A pin is the user's explicit wish: it wins over the mirror rule, not over an exclude.
  const pinned = [...new Set(input.signals?.pinned ?? [])].filter(candidateFilter(input.index, input.cursor, input.signals));
  for (const path of pinned) tallyOf(path);
  const pinnedSet = new Set(pinned);
  const order = [...tallies.keys()].sort((a, b) => {
    const pin = Number(pinnedSet.has(b)) - Number(pinnedSet.has(a));
    return pin || tallies.get(b)!.score - tallies.get(a)!.score || (a < b ? -1 : a > b ? 1 : 0);
  });
  const kept = order.filter((path, i) => pinnedSet.has(path) || i < weights.limits.maxFiles);
  const files: RankedFile[] = kept.map(path => {
    const tally = tallies.get(path)!;
    const isPinned = pinnedSet.has(path);
    const reasons = tally.topReasons(weights.limits.maxReasons);
    return {
      path,
      score: tally.score,
      reasons: isPinned ? [PINNED_REASON, ...reasons] : reasons,
      source: isPinned ? 'pinned' : tally.strongestSignal() ?? 'none',
      spans: rankSpans(workspace.spanPriors(path, weights.spans)!, tally, weights),
      ...(isPinned ? { pinned: true } : {}),
    };
  });
  return { files, packing: 'levels' };
}
