// Re-implements the "neighboring tabs" context of GitHub Copilot (the similar-files snippet provider of the
// Copilot extension, described in "Copilot internals" by Parth Thakkar, 2023, and in GitHub's blog post
// "How GitHub Copilot is getting better at understanding your code", 2023) that Sourcegraph Cody's Jaccard
// retriever also follows: the last 60 lines before the cursor are compared by Jaccard similarity of their
// token sets with 60-line windows of neighbouring files, the best window of each file is kept, and the
// windows are taken best first until the budget is spent. Parameters taken from Copilot: window 60 lines,
// reference 60 lines, one window per file, at most 20 neighbour files, same language only, similarity
// threshold 0.
//
// Neighbours are the editor's open tabs and recently used files when the caller supplies them (Copilot's
// own source). Without them (the benchmark, the CLI) they are the same-language files in the current
// file's directory and its parent, all of them (no cap: there is no recency to choose by), the nearest
// stand-in for "files the user has open"; that fallback is ours. `jaccard-imports` (also ours) guesses the
// tabs otherwise: the files the current file imports and those importing it, what a user editing it
// usually has open; the benchmark reports both guesses.
// Deviations: windows slide by 10 lines instead of 1 (one shared chunk index for the whole workspace) and
// Copilot's cap of 4 snippets is lifted so the baseline can use the larger budgets the benchmark asks for.
// The chosen windows are then written in the prompt order every strategy gets (tier, then path:
// `orderBlocks` in pack/blocks.ts), not by score, so strategies differ only in what they choose.
import { posix } from 'node:path';
import { codeTokens } from '../../index/chunk-windows';
import type { ChunkHit } from '../lexical';
import type { RankInput, Strategy } from '../strategy';
import { inOrderRanking, textBeforeCursor } from './ranking';

/** Where neighbours come from when the editor supplies no tabs: the directory and its parent, or the import graph. */
export type JaccardNeighbours = 'directory' | 'imports';

export interface JaccardBaselineOptions {
  readonly name: 'jaccard' | 'jaccard-imports';
  readonly neighbours: JaccardNeighbours;
  readonly windowLines: number;
  readonly strideLines: number;
  readonly referenceLines: number;
  readonly maxNeighbourFiles: number;
}

export const DEFAULT_JACCARD_BASELINE: JaccardBaselineOptions = { name: 'jaccard', neighbours: 'directory', windowLines: 60, strideLines: 10, referenceLines: 60, maxNeighbourFiles: 20 };

export function jaccardStrategy(options: JaccardBaselineOptions = DEFAULT_JACCARD_BASELINE): Strategy {
  return {
    name: options.name,
    rank(input: RankInput) {
      const neighbours = neighbourFiles(input, options);
      const chunks = input.state.chunks({ windowLines: options.windowLines, strideLines: options.strideLines });
      const reference = codeTokens(textBeforeCursor(input.cursor.lines, input.cursor.position, options.referenceLines));
      const bestPerFile = new Map<string, ChunkHit>();
      for (const hit of chunks.jaccard(reference, Number.POSITIVE_INFINITY, neighbours)) {
        if (!bestPerFile.has(hit.path)) bestPerFile.set(hit.path, hit);
      }
      return inOrderRanking(
        [...bestPerFile.values()].map(hit => ({
          path: hit.path,
          span: { startLine: hit.startLine, endLine: hit.endLine, score: hit.score, reasons: [`Jaccard ${hit.score.toFixed(2)} with the ${options.referenceLines} lines before the cursor`] },
        })),
        options.name,
      );
    },
  };
}

/**
 * Open tabs and recent files (most recent first) when the editor supplies them, else the directory and its
 * parent, or the files the current file imports and those importing it (the current buffer's imports).
 */
function neighbourFiles({ index, state, cursor, signals }: RankInput, options: JaccardBaselineOptions): Set<string> {
  const sameLanguage = (path: string) => path !== cursor.file && index.file(path)?.language === cursor.language;
  const supplied = [...(signals?.openTabs ?? []), ...(signals?.recentlyVisited ?? []), ...(signals?.recentlyEdited ?? [])].filter(sameLanguage);
  if (supplied.length > 0) return new Set([...new Set(supplied)].slice(0, options.maxNeighbourFiles));
  if (options.neighbours === 'imports') {
    const linked = [...cursor.resolvedImports, ...index.symbols.importersOf(cursor.file)];
    return new Set(linked.filter((path): path is string => path !== undefined && sameLanguage(path)));
  }
  const directory = posix.dirname(cursor.file);
  const found = new Set<string>();
  for (const folder of new Set([directory, posix.dirname(directory)])) for (const path of state.filesIn(folder)) if (sameLanguage(path)) found.add(path);
  return found;
}
