// Which lines of a project to mask and ask about: a seeded sample, spread over the files, shared by the
// context benchmark (with compiler ground truth deciding which lines qualify) and `codebase-context eval`
// (with the index deciding). One sampler, so both measure the same kind of positions.

export interface SamplingOptions {
  readonly seed?: number;
  readonly maxPositions?: number;
  readonly maxPerFile?: number;
  /** Minimum distance in lines between two positions of one file. */
  readonly minLineGap?: number;
}

/**
 * The benchmark's documented defaults. The seed is fixed so that every run, on every machine, asks about
 * the same lines: a figure can then only move because the engine changed. A gap of 20 lines keeps two
 * positions of one file farther apart than the engine's context-reuse radius (12 lines).
 */
export const DEFAULT_SAMPLING: Required<SamplingOptions> = { seed: 20240601, maxPositions: 300, maxPerFile: 3, minLineGap: 20 };

/** The lines of one file that may become positions, in source order. */
export interface FileCandidates {
  readonly file: string;
  readonly lines: readonly number[];
}

export interface SampledLine {
  readonly file: string;
  readonly line: number;
}

/**
 * The sampling walk as a generator, so that a synchronous judge (the TypeScript compiler) and an
 * asynchronous one (a Python analyzer in another process) drive the very same draws: it yields each
 * candidate it considers and is told, through `next(accepted)`, whether the line qualifies.
 * Per file: candidates in a seeded random order, at most `maxPerFile`, never closer than `minLineGap`;
 * then at most `maxPositions` over all files (again seeded), sorted by file and line.
 */
export function* sampleWalk(files: Iterable<FileCandidates>, options: SamplingOptions = {}): Generator<SampledLine, SampledLine[], boolean> {
  const settings = { ...DEFAULT_SAMPLING, ...options };
  const random = mulberry32(settings.seed);
  const chosen: SampledLine[] = [];
  for (const { file, lines } of files) {
    const taken: number[] = [];
    for (const line of shuffle([...lines], random)) {
      if (taken.length >= settings.maxPerFile) break;
      if (taken.some(t => Math.abs(t - line) < settings.minLineGap)) continue;
      if (!(yield { file, line })) continue;
      taken.push(line);
      chosen.push({ file, line });
    }
  }
  const positions = chosen.length > settings.maxPositions ? shuffle(chosen, random).slice(0, settings.maxPositions) : chosen;
  return positions.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** Runs the walk with a synchronous judge. */
export function sampleLines(files: Iterable<FileCandidates>, accepts: (candidate: SampledLine) => boolean, options: SamplingOptions = {}): SampledLine[] {
  const walk = sampleWalk(files, options);
  let step = walk.next();
  while (!step.done) step = walk.next(accepts(step.value));
  return step.value;
}

/** Runs the walk with an asynchronous judge, one candidate at a time (the draws depend on the answers). */
export async function sampleLinesAsync(files: Iterable<FileCandidates>, accepts: (candidate: SampledLine) => Promise<boolean>, options: SamplingOptions = {}): Promise<SampledLine[]> {
  const walk = sampleWalk(files, options);
  let step = walk.next();
  while (!step.done) step = walk.next(await accepts(step.value));
  return step.value;
}

/**
 * Blank lines and comment lines are never targets: a cursor there needs no declaration of another file.
 * `lineComment` is the language's line comment (languages.ts); C-like languages also skip `/*` and ` *` lines.
 */
export function isCodeLine(text: string, lineComment: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith(lineComment)) return false;
  return !(lineComment === '//' && /^(\/\*|\*)/.test(trimmed));
}

/** A small seeded PRNG (Mulberry32): the same seed gives the same sample on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place, driven by `random`. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
