import type { Evidence, Signal } from '../evidence';
import { codeTokens } from '../../index/chunk-windows';

/**
 * Code that looks like the code around the cursor (BM25 over line windows, as RepoCoder), queried with
 * the rare tokens near the cursor only, which keeps it fast: catches relevant files that share
 * vocabulary but no resolvable name. The declarations a matching window
 * overlaps share its evidence.
 */
export const lexicalSignal: Signal = {
  name: 'lexical',
  collect({ cursor, weights, isCandidate, workspace }) {
    const w = weights.lexical;
    const { lines } = cursor;
    const { line, character } = cursor.position;
    const before = lines.slice(Math.max(0, line - w.queryLinesBefore), line);
    const after = lines.slice(line + 1, line + 1 + w.queryLinesAfter);
    const current = lines[line] ?? '';
    const window = codeTokens([...before, current.slice(0, character), current.slice(character), ...after].join('\n'));
    const query = workspace.tokenRarity.rarest(window, w.maxQueryTokens, w.maxTokenFileShare);
    if (query.length === 0) return [];
    const hits = workspace.chunks().bm25(query, w.chunkLimit, isCandidate);
    const top = hits[0]?.score ?? 0;
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const hit of hits) {
      // Windows overlap by half: only a file's best window counts, or long similar files would win by size.
      if (seen.has(hit.path)) continue;
      seen.add(hit.path);
      const score = (w.weight * hit.score) / top;
      const reason = `similar to the code around the cursor (lines ${hit.startLine + 1}-${hit.endLine + 1})`;
      const features = workspace.features(hit.path);
      const overlapping = features
        ? features.declarations.filter(d => !d.container && d.range.start.line <= hit.endLine && d.range.end.line >= hit.startLine)
        : [];
      if (overlapping.length === 0) evidence.push({ path: hit.path, score, reason });
      for (const definition of overlapping) evidence.push({ path: hit.path, score: score / overlapping.length, reason, definition });
    }
    return evidence;
  },
};
