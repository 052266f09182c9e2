// Test support: a file's entries in a rendered prompt, and whether an entry shows its file's lines in line
// order, each once, with an elision marker exactly where lines are left out.
import type { IndexView } from '../../src/core/index/view';
import type { PromptFormat, Ranking } from '../../src/core/types';
import { rankedDeclarations } from './pack-fixture';

/**
 * A ranking of the pack-shop fixture that needs three declarations of its long pricing.ts: at 4096 tokens
 * that file is shown as its outline and snippets, the case where a file could have two entries.
 */
export function outlineAndSnippetsRanking(view: IndexView, packing: Ranking['packing'] = 'levels'): Ranking {
  return {
    packing,
    files: [
      rankedDeclarations(view, 'src/orders/pricing.ts', { priceRule3: 0.9, describePrice: 0.8, priceRule20: 0.7 }),
      rankedDeclarations(view, 'src/geometry/shapes.ts', { Circle: 0.6, Rect: 0.5 }),
      rankedDeclarations(view, 'src/geometry/point.ts', { distance: 0.4 }),
      { path: 'pkg/models.py', score: 0.1, reasons: ['central'], source: 'lexical', spans: [] },
    ],
  };
}

/** How each format introduces a context file's entry; the flat formats use the path header packing writes. */
function entryMarker(format: PromptFormat, path: string, lineComment: string): string {
  if (format === 'qwen') return `<|file_sep|>${path}\n`;
  if (format === 'starcoder') return `<file_sep>${path}\n`;
  return `${lineComment} path: ${path}\n`;
}

/** A line that starts the next entry (or the current file) in any format. */
const NEXT_ENTRY = /^(<\|file_sep\|>|<file_sep>|<\|fim_prefix\|>|<fim_prefix>|(\/\/|#) path: )/;

/** The bodies (lines, trailing blank lines dropped) of every entry of `path` in the prompt text. */
export function entriesOf(prompt: string, format: PromptFormat, path: string, lineComment = '//'): string[][] {
  const marker = entryMarker(format, path, lineComment);
  const bodies: string[][] = [];
  for (let at = prompt.indexOf(marker); at >= 0; at = prompt.indexOf(marker, at + 1)) {
    const lines = prompt.slice(at + marker.length).split('\n');
    const end = lines.findIndex(line => NEXT_ENTRY.test(line));
    const body = lines.slice(0, end < 0 ? lines.length : end);
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    bodies.push(body);
  }
  return bodies;
}

/**
 * Whether `body` is its file's lines in line order, each once, with a marker (`<indent><comment> …`) for
 * each run of left-out lines between shown ones and nowhere else. `source` is the file's text split on
 * '\n'. Lines repeat in code (`}`), so every place a line after a marker could be is tried.
 */
export function showsInLineOrder(body: readonly string[], source: readonly string[], lineComment = '//'): boolean {
  const marker = `${lineComment} …`;
  const failed = new Set<string>();
  const matches = (k: number, previous: number, elided: boolean): boolean => {
    if (k === body.length) return !elided;
    const key = `${k},${previous},${elided}`;
    if (failed.has(key)) return false;
    const line = body[k];
    let found: boolean;
    if (line.trim() === marker) found = !elided && previous >= 0 && matches(k + 1, previous, true);
    else if (previous >= 0 && !elided) found = source[previous + 1] === line && matches(k + 1, previous + 1, false);
    else {
      found = false;
      for (let at = previous < 0 ? 0 : previous + 2; at < source.length && !found; at++) found = source[at] === line && matches(k + 1, at, false);
    }
    if (!found) failed.add(key);
    return found;
  };
  return body.length > 0 && matches(0, -1, false);
}
