// The one escape for text put into a regular expression: template markers such as `<|fim_prefix|>` and
// `[SUFFIX]`, and comment starts such as `//` and `--`, must match themselves and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeRegExp } from '../../src/core/prompt/escape-regexp';

test('every character special to a regular expression matches only itself', () => {
  const special = '.*+?^${}()|[]\\/-';
  const pattern = new RegExp(`^${escapeRegExp(special)}$`, 'u');
  assert.ok(pattern.test(special));
  for (const marker of ['<|fim_prefix|>', '[SUFFIX]', '<fim-suffix>', '// path:', '-- path:']) {
    assert.ok(new RegExp(`^${escapeRegExp(marker)}$`).test(marker), marker);
  }
  assert.equal(new RegExp(escapeRegExp('a.c')).test('abc'), false, 'a dot is not any character');
  assert.equal(new RegExp(escapeRegExp('a|b')).test('b'), false, 'a bar is not an alternative');
});
