import type { Definition } from '../types';
import type { FileFeatures } from './file-features';
import type { RankWeights } from './weights';

/** How much of a file's baseline each of its declarations gets, before any evidence. */
export interface SpanPriors {
  readonly weights: RankWeights['spans'];
  /** The top-level declarations (members are shown only with evidence of their own), in file order. */
  readonly topLevel: readonly Definition[];
  readonly ofTopLevel: readonly number[];
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
  return new FileSpanPriors(features, weights, referencingFiles);
}

/**
 * A class rather than an object with closures: the state keeps one per file, and a closure with its context
 * per file cost ~400 bytes (4.5 MB on a 10,000-file workspace); plain arrays rather than a Float64Array
 * (~200 bytes of buffer objects per file) for the same reason.
 */
class FileSpanPriors implements SpanPriors {
  readonly topLevel: readonly Definition[];
  readonly ofTopLevel: readonly number[];
  readonly topLevelTotal: number;
  readonly byPrior: readonly number[];

  constructor(
    features: FileFeatures,
    readonly weights: RankWeights['spans'],
    /** Shared by every file's priors (the ranking state passes one function). */
    private readonly referencingFiles: (name: string) => number,
  ) {
    const topLevel = features.declarations.filter(d => !d.container).slice(); // exact length: kept per file
    const ofTopLevel = topLevel.map(d => this.prior(d));
    this.topLevel = topLevel;
    this.ofTopLevel = ofTopLevel;
    this.topLevelTotal = ofTopLevel.reduce((a, b) => a + b, 0);
    this.byPrior = topLevel.map((_, i) => i).sort((a, b) => ofTopLevel[b] - ofTopLevel[a] || compareRanges(topLevel[a], topLevel[b]));
  }

  prior(definition: Definition): number {
    return (definition.exported ? this.weights.exported : this.weights.other) * Math.log2(2 + this.referencingFiles(definition.name));
  }
}

/** Source order: start line, then end line. */
export function compareRanges(a: Definition, b: Definition): number {
  return a.range.start.line - b.range.start.line || a.range.end.line - b.range.end.line;
}
