// Re-implements the sparse retrieval baseline of CrossCodeEval (Ding et al., NeurIPS 2023 Datasets &
// Benchmarks, "CrossCodeEval: A Diverse and Multilingual Benchmark for Cross-File Code Completion") with the
// chunking of RepoCoder (Zhang et al., EMNLP 2023): the repository is cut into fixed windows of 20 lines
// taken every 10 lines, the query is the last 20 lines before the cursor, and chunks are ranked by BM25
// Okapi (k1 = 1.5, b = 0.75, the `rank_bm25` defaults CrossCodeEval uses). Chunks of the current file are
// left out, as in CrossCodeEval, which retrieves from the other files of the repository. The top chunks
// are taken best first until the budget is spent. Parameters taken from the sources: window 20, stride 10,
// query 20 lines, k1, b. Ours: tokens are `codeTokens` (sub-words) rather than whitespace-split words, and
// the chosen chunks are written in the prompt order every strategy gets (tier, then path: `orderBlocks` in
// pack/blocks.ts), not by score, so strategies differ only in what they choose.
import { codeTokens } from '../../index/chunk-windows';
import type { RankInput, Strategy } from '../strategy';
import { inOrderRanking, textBeforeCursor } from './ranking';

export interface Bm25BaselineOptions {
  readonly windowLines: number;
  readonly strideLines: number;
  readonly queryLines: number;
  /** Chunks handed to packing: 150 x 20 lines fill the cross-file part of a 32K-token budget. */
  readonly maxChunks: number;
}

export const DEFAULT_BM25_BASELINE: Bm25BaselineOptions = { windowLines: 20, strideLines: 10, queryLines: 20, maxChunks: 150 };

export function bm25Strategy(options: Bm25BaselineOptions = DEFAULT_BM25_BASELINE): Strategy {
  return {
    name: 'bm25',
    rank({ state, cursor }: RankInput) {
      const chunks = state.chunks({ windowLines: options.windowLines, strideLines: options.strideLines });
      const query = codeTokens(textBeforeCursor(cursor.lines, cursor.position, options.queryLines));
      const hits = chunks.bm25(query, options.maxChunks, path => path !== cursor.file);
      return inOrderRanking(
        hits.map(hit => ({ path: hit.path, span: { startLine: hit.startLine, endLine: hit.endLine, score: hit.score, reasons: [`BM25 ${hit.score.toFixed(2)} against the ${options.queryLines} lines before the cursor`] } })),
        'bm25',
      );
    },
  };
}
