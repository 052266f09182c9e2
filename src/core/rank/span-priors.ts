import type { Definition } from '../types';
import type { FileFeatures } from './file-features';
import type { RankWeights } from './weights';

/** How much of a file's baseline each of its declarations gets, before any evidence. */
export interface SpanPriors {
  readonly weights: RankWeights['spans'];
  /** The top-level declarations (members are shown only with evidence of their own), in file order. */
  readonly topLevel: readonly Definition[];
  readonly ofTopLevel: Float64Array;
  readonly topLevelTotal: number;
  /** Indices into `topLevel`, highest prior first (then by line): the order of declarations without evidence. */
  readonly byPrior: readonly number[];
  prior(definition: Definition): number;
}

/**
 * An exported declaration is the likelier one to be used elsewhere, and so is one that many files use:
 * what the rest of the workspace reaches for in a file is what the code at the cursor likely reaches for
 * too, when nothing near it says which. The ranking state keeps them per file until a use count they read
 * changes, so ranking does not look every declaration's use count up again on each keystroke.
 */
export function spanPriors(features: FileFeatures, weights: RankWeights['spans'], referencingFiles: (name: string) => number): SpanPriors {
  const prior = (d: Definition): number => (d.exported ? weights.exported : weights.other) * Math.log2(2 + referencingFiles(d.name));
  const topLevel = features.declarations.filter(d => !d.container);
  const ofTopLevel = Float64Array.from(topLevel, prior);
  const byPrior = topLevel.map((_, i) => i).sort((a, b) => ofTopLevel[b] - ofTopLevel[a] || compareRanges(topLevel[a], topLevel[b]));
  return { weights, topLevel, ofTopLevel, topLevelTotal: ofTopLevel.reduce((a, b) => a + b, 0), byPrior, prior };
}

/** Source order: start line, then end line. */
export function compareRanges(a: Definition, b: Definition): number {
  return a.range.start.line - b.range.start.line || a.range.end.line - b.range.end.line;
}
