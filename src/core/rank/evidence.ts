import type { Definition } from '../types';
import type { RankingState } from './ranking-state';
import type { RankInput } from './strategy';
import type { RankWeights } from './weights';

/** One reason to include a file, or one of its declarations when `definition` is set. */
export interface Evidence {
  readonly path: string;
  /** Non-negative, in the units of DEFAULT_WEIGHTS. */
  readonly score: number;
  /** Human-readable and specific: "defines `ErrorHandler`, used 2 lines above the cursor". */
  readonly reason: string;
  readonly definition?: Definition;
  /** The evidence is about the declaration's signature alone (it takes or returns a type): its header is shown, not its body. */
  readonly headerOnly?: boolean;
  /**
   * The share of `score` the file earns when the evidence names a declaration the file has; the declaration
   * earns all of it. Unset: the whole score, for the file as for the declaration.
   */
  readonly fileShare?: number;
}

/** What every signal sees. Candidates exclude the current file and the user's excludes. */
export interface SignalContext extends RankInput {
  readonly weights: RankWeights;
  readonly workspace: RankingState;
  isCandidate(path: string): boolean;
}

/** One source of evidence. A new signal is one file exporting one of these, plus one line in fusion.ts. */
export interface Signal {
  /** Shown as `source` when this signal contributed most to a file. */
  readonly name: string;
  collect(context: SignalContext): Evidence[];
}
