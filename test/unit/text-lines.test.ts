// The token cache keeps a file's lines as offsets into its text: read back, they must be the lines the
// packer always split the text into (on `\n`, a trailing `\r` dropped, no empty line after a final newline).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TextLines } from '../../src/core/index/text-lines';
import { SourceLines } from '../../src/core/pack/source-lines';

/** The split the packer used before lines were kept as offsets. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function readBack(lines: TextLines): string[] {
  return Array.from({ length: lines.length }, (_, i) => lines.at(i));
}

describe('TextLines', () => {
  test('edge cases read back as the split lines', () => {
    for (const text of ['', '\n', '\n\n', 'a', 'a\n', 'a\nb', 'a\r\nb\r\n', '\r', '\r\n', 'a\r\r\n', 'x\n\n\ny', ' \n\t\n']) {
      const lines = TextLines.of(text);
      assert.deepEqual(readBack(lines), splitLines(text), JSON.stringify(text));
      assert.deepEqual(lines.slice(0, lines.length), splitLines(text), JSON.stringify(text));
    }
  });

  test('random texts of newlines, carriage returns and letters read back as the split lines', () => {
    const next = random(7);
    const alphabet = ['\n', '\r', '\r\n', 'a', 'bc', ' ', 'long enough to be a sliced string'];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const expected = splitLines(text);
      const lines = TextLines.of(text);
      assert.deepEqual(readBack(lines), expected, JSON.stringify(text));
      const start = Math.floor(next() * (expected.length + 1));
      const end = start + Math.floor(next() * (expected.length - start + 1));
      assert.deepEqual(lines.slice(start, end), expected.slice(start, end), JSON.stringify({ text, start, end }));
    }
  });
});

describe('SourceLines', () => {
  test('sums each line counted with its newline', () => {
    const source = new SourceLines('one\r\ntwo words\n\nfour\n', line => line.length);
    assert.equal(source.lineCount, 4);
    assert.equal(source.tokens(0, 0), 4);
    assert.equal(source.tokens(1, 2), 10 + 1);
    assert.equal(source.tokens(0, 3), 4 + 10 + 1 + 5);
    assert.equal(source.tokensOf([{ start: 0, end: 0 }, { start: 3, end: 3 }]), 9);
  });
});
