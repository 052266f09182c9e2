// Positions to evaluate in any project the index knows, in any of its languages: lines that use a name
// declared in another file (the lines where cross-file context can matter), drawn by the benchmark's
// seeded sampler. The benchmark decides "uses a declaration of another file" with a compiler; here the
// index's name tables decide, which works for every language without one.
import { languageInfo } from '../languages';
import type { IndexView } from '../index/view';
import { isCodeLine, sampleLines, type SamplingOptions } from './sample';

export interface EvalPosition {
  /** Workspace-relative path. */
  readonly file: string;
  /** 0-based line, masked and asked for. */
  readonly line: number;
  /** The line as it is on disk: what the model should produce. */
  readonly target: string;
}

export function sampleIndexedPositions(index: IndexView, options: SamplingOptions = {}): EvalPosition[] {
  const files = [...index.files()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lines = new Map<string, readonly string[]>();
  const candidates = files.flatMap(file => {
    const text = index.text(file.path);
    if (text === undefined) return [];
    lines.set(file.path, text.split('\n'));
    const used = new Set<number>();
    for (const reference of file.references) {
      if (index.symbols.definitionsOf(reference.name).some(d => d.path !== file.path)) used.add(reference.range.start.line);
    }
    return used.size === 0 ? [] : [{ file: file.path, lines: [...used].sort((a, b) => a - b) }];
  });
  const comment = new Map(files.map(f => [f.path, languageInfo(f.language).lineComment]));
  const sampled = sampleLines(candidates, ({ file, line }) => isCodeLine(lines.get(file)![line] ?? '', comment.get(file)!), options);
  return sampled.map(({ file, line }) => ({ file, line, target: lines.get(file)![line].replace(/\r$/, '') }));
}
