// linesAt (index/text-lines.ts) reads single lines of a text without splitting it: the same lines as a split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linesAt } from '../../src/core/index/text-lines';

test('linesAt gives the lines a split gives, in any order, without line breaks', () => {
  const text = 'class A:\r\n    def __init__(self):\n        self.x = 1\n\nlast';
  const split = text.split('\n').map(line => line.replace(/\r$/, ''));
  const wanted = [4, 0, 2, 2, 3, 1];
  const found = linesAt(text, wanted);
  assert.deepEqual([...found.keys()].sort(), [0, 1, 2, 3, 4]);
  for (const line of wanted) assert.equal(found.get(line), split[line]);
});

test('linesAt leaves out lines past the end and negative ones', () => {
  const found = linesAt('a\nb\n', [-1, 1, 2, 3, 7]);
  assert.deepEqual([...found.entries()], [[1, 'b'], [2, '']]);
});
