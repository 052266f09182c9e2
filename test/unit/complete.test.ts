import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionCache, completionCacheKey, postprocessCompletion, wantsMultiline } from '../../src/core/complete';

describe('wantsMultiline', () => {
  const cases: [string, string, string, boolean][] = [
    ['end of a line that opens a block', 'function f(a: number) {', '\n}\n', true],
    ['inside an editor-closed empty block', 'function f() {', '}\n', true],
    ['python def line', 'def area(r):', '\n', true],
    ['arrow function', 'const f = () =>', '\n', true],
    ['empty line that starts a body', 'class A {\n  ', '\n}\n', true],
    ['after a blank line in a block', 'function f() {\n  const a = 1;\n\n  ', '\n}\n', true],
    ['empty file', '', '', true],
    ['mid-line, code after the cursor', 'const total = ', 'items.length;\n', false],
    ['inside call parentheses', 'foo(', ')\n', false],
    ['end of a plain statement', 'const a = 1', '\n', false],
    ['next statement right after another', 'function f() {\n  const a = 1;\n  ', '\n}\n', false],
  ];
  for (const [name, prefix, suffix, expected] of cases) test(`${name} -> ${expected ? 'multi' : 'single'}-line`, () => assert.equal(wantsMultiline(prefix, suffix), expected));
});

describe('postprocessCompletion', () => {
  test('single-line: cut at the line end', () => {
    assert.equal(postprocessCompletion('items.length;\nconsole.log(total);\n', { prefix: 'const total = ', suffix: '\n', multiline: false }), 'items.length;');
  });

  test('single-line: a closing bracket the suffix already has is dropped, with what follows it', () => {
    assert.equal(postprocessCompletion('a, b);', { prefix: 'foo(', suffix: ');\n', multiline: false }), 'a, b');
  });

  test('single-line: a call the completion opens and closes itself stays whole before the suffix closer', () => {
    assert.equal(postprocessCompletion('bar()', { prefix: 'foo(', suffix: ')\n', multiline: false }), 'bar()');
  });

  test('single-line: trailing text that repeats the rest of the line is dropped', () => {
    assert.equal(postprocessCompletion('world";', { prefix: 'const s = "hello ', suffix: '";\n', multiline: false }), 'world');
  });

  test('multi-line: the body of a block, without the closing brace the suffix has', () => {
    const raw = '\n  const sum = a + b;\n  return sum;\n}\n\nfunction other() {\n  return 0;\n}\n';
    assert.equal(postprocessCompletion(raw, { prefix: 'function add(a, b) {', suffix: '\n}\n', multiline: true }), '\n  const sum = a + b;\n  return sum;');
  });

  test('multi-line: the closing brace is kept when the suffix does not close the block', () => {
    const raw = '\n  return a + b;\n}\n\nfunction other() {}\n';
    assert.equal(postprocessCompletion(raw, { prefix: 'function add(a, b) {', suffix: '', multiline: true }), '\n  return a + b;\n}');
  });

  test('multi-line: stops at a dedent below the cursor indentation (python)', () => {
    const raw = 'if r < 0:\n        raise ValueError(r)\n    return 3.14 * r * r\n\ndef perimeter(r):\n    return 2 * 3.14 * r\n';
    const prefix = 'def area(r):\n    ';
    assert.equal(postprocessCompletion(raw, { prefix, suffix: '\n', multiline: true }), 'if r < 0:\n        raise ValueError(r)\n    return 3.14 * r * r');
  });

  test('multi-line: an empty line in a block stops at the block end', () => {
    const raw = 'return total;\n}\n\nexport function next() {';
    assert.equal(postprocessCompletion(raw, { prefix: 'function sum() {\n  let total = 0;\n\n  ', suffix: '\n}\n', multiline: true }), 'return total;');
  });

  test('multi-line: trailing lines that repeat the suffix are dropped', () => {
    const raw = 'const b = 2;\nconst c = a + b;\nreturn c;';
    assert.equal(postprocessCompletion(raw, { prefix: 'const a = 1;\n\n', suffix: '\nreturn c;\n', multiline: true }), 'const b = 2;\nconst c = a + b;');
  });

  test('indentation is kept and trailing whitespace trimmed', () => {
    assert.equal(postprocessCompletion('\n    x += 1;   \n    y += 1;  \n\n\n', { prefix: '  for (;;) {', suffix: '\n  }\n', multiline: true }), '\n    x += 1;\n    y += 1;');
  });

  test('a Markdown fence from a chat model is removed', () => {
    assert.equal(postprocessCompletion('```ts\nitems.length;\n```\nThis counts the items.', { prefix: 'const n = ', suffix: '\n', multiline: false }), 'items.length;');
  });

  test("'' when nothing useful remains", () => {
    assert.equal(postprocessCompletion('   \n\n', { prefix: 'x = ', suffix: '\n', multiline: true }), '');
    assert.equal(postprocessCompletion(')', { prefix: 'foo(', suffix: ')\n', multiline: false }), '');
    assert.equal(postprocessCompletion('\nnext();', { prefix: 'done();', suffix: '\n', multiline: false }), '');
  });

  test('brackets inside strings and comments do not count', () => {
    assert.equal(postprocessCompletion('"(", x); // )', { prefix: 'log(', suffix: ')\n', multiline: false }), '"(", x');
  });
});

describe('CompletionCache', () => {
  const suffix = '\n}\n';
  test('exact hit; the suffix is part of the key', () => {
    const cache = new CompletionCache();
    cache.set(completionCacheKey('a.ts', 'const x = ', suffix), 'compute();');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = ', suffix)), 'compute();');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = ', '\n')), undefined);
    assert.equal(cache.get(completionCacheKey('b.ts', 'const x = ', suffix)), undefined);
  });

  test('typing along with the suggestion returns the rest of it', () => {
    const cache = new CompletionCache();
    cache.set(completionCacheKey('a.ts', 'const x = ', suffix), 'compute(1, 2);');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = com', suffix)), 'pute(1, 2);');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = compute(1', suffix)), ', 2);');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = cor', suffix)), undefined, 'typed text differs from the suggestion');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = compute(1, 2);', suffix)), undefined, 'nothing left to suggest');
  });

  test('typing along continues only a completion asked at the same prefix, however many places are cached', () => {
    const cache = new CompletionCache();
    for (let i = 0; i < 150; i++) cache.set(completionCacheKey(`f${i}.ts`, 'const x = ', suffix), `other${i}();`);
    cache.set(completionCacheKey('a.ts', 'const x = ', suffix), 'compute();');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const y = com', suffix)), undefined, 'same length and typed text, another prefix');
    assert.equal(cache.get(completionCacheKey('a.ts', 'const x = comp', suffix)), 'ute();');
    assert.equal(cache.get(completionCacheKey('f7.ts', 'const x = oth', suffix)), 'er7();');
  });

  test('an empty completion is remembered as such', () => {
    const cache = new CompletionCache();
    cache.set('k', '');
    assert.equal(cache.get('k'), '');
  });

  test('least recently used entries are evicted first', () => {
    const cache = new CompletionCache(2);
    const key = (p: string) => completionCacheKey('a.ts', p, suffix);
    cache.set(key('a'), '1');
    cache.set(key('b'), '2');
    assert.equal(cache.get(key('a')), '1'); // `a` is now the most recent
    cache.set(key('c'), '3');
    assert.equal(cache.get(key('b')), undefined);
    assert.equal(cache.get(key('a')), '1');
    assert.equal(cache.get(key('c')), '3');
  });

  test('a cache without room is refused', () => {
    assert.throws(() => new CompletionCache(0), /at least one entry/);
  });
});
