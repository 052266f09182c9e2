// The answers' memory itself (answer-cache.ts); what it spares the server, and when it asks again, is
// tested against the real tsc --lsp in facts-typescript.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerCache } from '../../src/core/facts/answer-cache';

const entry = (answer: string) => ({ answer, texts: new Map([['a.ts', 'text']]) });

test('past its capacity the least recently used answer is forgotten, not the oldest one read since', () => {
  const cache = new AnswerCache(2);
  cache.set('first', entry('1'));
  cache.set('second', entry('2'));
  assert.equal(cache.get('first')?.answer, '1');
  cache.set('third', entry('3'));
  assert.equal(cache.get('second'), undefined);
  assert.equal(cache.get('first')?.answer, '1');
  assert.equal(cache.get('third')?.answer, '3');
});

test('an answer set again replaces the earlier one, and a forgotten one is gone', () => {
  const cache = new AnswerCache(2);
  cache.set('key', entry('old'));
  cache.set('key', entry('new'));
  cache.set('other', entry('x'));
  assert.equal(cache.get('key')?.answer, 'new');
  cache.forget('key');
  assert.equal(cache.get('key'), undefined);
  assert.equal(cache.get('other')?.answer, 'x');
});
