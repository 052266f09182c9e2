// The chunk windows of a text (index/chunk-windows.ts): what they count, and that the windows of an edited
// text, re-tokenized only where the edit changed it, are exactly those of the text tokenized afresh.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chunkOptions, chunkWindows, codeTokens, LineTokens, windowsOf, type FileChunks } from '../../src/core/index/chunk-windows';
// Seeded (the sampler's mulberry32), so that a failure replays.
import { mulberry32 as random } from '../../src/core/eval/sample';

/** Each window as its lines and its tokens' counts, computed from the window's own text. */
function windowsByTokenizingEachWindow(text: string, windowLines: number, strideLines: number): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  const starts = new Set<number>();
  for (let start = 0; ; start += strideLines) {
    if (start + windowLines >= lines.length) {
      starts.add(Math.max(0, Math.min(start, lines.length - windowLines)));
      break;
    }
    starts.add(start);
  }
  for (const start of starts) {
    const end = Math.min(lines.length, start + windowLines) - 1;
    const tokens = codeTokens(lines.slice(start, end + 1).join('\n'));
    if (tokens.length === 0) continue;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    out.push(`${start}-${end} ${tokens.length} ${[...counts].map(([t, c]) => `${t}:${c}`).sort().join(' ')}`);
  }
  return out;
}

function described(chunks: FileChunks): string[] {
  return [...windowsOf(chunks)].map(w => {
    const pairs: string[] = [];
    for (let at = w.pairsAt; at < w.pairsAt + 2 * w.distinct; at += 2) pairs.push(`${chunks.tokens[chunks.windows[at]!]}:${chunks.windows[at + 1]}`);
    return `${w.startLine}-${w.endLine} ${w.length} ${pairs.sort().join(' ')}`;
  });
}

/** What windows count, without where they came from. */
const counted = ({ tokens, windows }: FileChunks) => ({ tokens, windows });

describe('chunk windows', () => {
  test('count each window as its own text tokenized, naming tokens in the order they first occur', () => {
    const text = ['import { readFile } from "fs";', '', 'function loadConfig(path) {', '  return readFile(path);', '}', 'loadConfig(fallbackPath);'].join('\n');
    const chunks = chunkWindows(text, chunkOptions({ windowLines: 3, strideLines: 2 }));
    assert.deepEqual(described(chunks), windowsByTokenizingEachWindow(text, 3, 2));
    assert.deepEqual(chunks.tokens, ['read', 'file', 'fs', 'load', 'config', 'path', 'fallback']);
  });

  test('an edited text gives exactly the windows of the same text chunked afresh, edit after edit', () => {
    const next = random(4122026);
    const words = ['alpha', 'betaGamma', 'delta_epsilon', 'x', 'HTTPServer2', '9lives', '$scope', 'café', 'return', ' ', ' ', '(', ')', '.', '\r', '\n', '\n', '\n', ''];
    const options = chunkOptions({ windowLines: 4, strideLines: 2 });
    let editsKeepingLines = 0;
    for (let session = 0; session < 40; session++) {
      let text = Array.from({ length: 60 }, () => words[Math.floor(next() * words.length)]).join('');
      let lines = LineTokens.of(text);
      for (let edit = 0; edit < 40; edit++) {
        const at = Math.floor(next() * (text.length + 1));
        const removed = next() < 0.5 ? Math.floor(next() * 12) : 0;
        const inserted = Array.from({ length: Math.floor(next() * 4) }, () => words[Math.floor(next() * words.length)]).join('');
        const before = lines;
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        lines = lines.edited(text);
        const windows = lines.windows(options);
        assert.deepEqual(counted(windows), counted(chunkWindows(text, options)), `session ${session}, edit ${edit}: ${JSON.stringify(text)}`);
        // An edit that kept the line count says which lines it changed: every window outside them counts as before.
        if (lines === before) continue; // the same text: the same line tokens
        if (windows.edit) {
          assert.equal(windows.edit.of, before.identity);
          const outside = (described: string) => {
            const [first, last] = described.split(' ')[0]!.split('-').map(Number);
            return last! < windows.edit!.firstLine || first! > windows.edit!.lastLine;
          };
          assert.deepEqual(described(windows).filter(outside), described(before.windows(options)).filter(outside), `session ${session}, edit ${edit}`);
          editsKeepingLines++;
        }
      }
      assert.deepEqual(described(lines.windows(options)), windowsByTokenizingEachWindow(text, 4, 2));
    }
    assert.ok(editsKeepingLines > 200, `${editsKeepingLines} edits kept the line count`);
  });

  test('an edit at the very start of a text that begins with a line break keeps that line', () => {
    const options = chunkOptions({ windowLines: 2, strideLines: 1 });
    const edited = LineTokens.of('\nfirst\nsecond').edited('lead\nfirst\nsecond');
    assert.deepEqual(counted(edited.windows(options)), counted(chunkWindows('lead\nfirst\nsecond', options)));
  });
});
