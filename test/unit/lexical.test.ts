import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ChunkIndex, codeTokens } from '../../src/core/rank/lexical';
import type { IndexView, SymbolTable } from '../../src/core/index/view';
import type { IndexedFile } from '../../src/core/types';

/** A pure in-memory IndexView: the lexical index only reads paths, hashes and texts. Counts text() calls per path. */
class MemoryView implements IndexView {
  readonly root = '/memory';
  readonly textCalls = new Map<string, number>();
  generation = 0;
  private readonly texts = new Map<string, string>();
  readonly symbols: SymbolTable = { definitionsOf: () => [], importsOf: () => [], importersOf: () => [], referencingFileCount: () => 0 };

  constructor(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) this.texts.set(path, text);
  }
  set(path: string, text: string): void {
    this.texts.set(path, text);
    this.generation++;
  }
  delete(path: string): void {
    this.texts.delete(path);
    this.generation++;
  }
  changesSince(): undefined {
    return undefined; // no journal: readers rebuild from files()
  }
  file(path: string): IndexedFile | undefined {
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    return {
      path, language: 'typescript', size: text.length, mtimeMs: 0, hash: createHash('sha1').update(text).digest('hex'),
      resolvedImports: [], definitions: [], references: [], imports: [], exports: [], lineCount: text.split('\n').length, hasErrors: false,
    };
  }
  *files(): Iterable<IndexedFile> {
    for (const path of this.texts.keys()) yield this.file(path)!;
  }
  text(path: string): string | undefined {
    this.textCalls.set(path, (this.textCalls.get(path) ?? 0) + 1);
    return this.texts.get(path);
  }
}

describe('codeTokens', () => {
  test('splits camelCase, PascalCase acronyms, snake_case and digits, lowercases, drops keywords', () => {
    assert.deepEqual(codeTokens('const parseHTTPResponse = read_file2Buffer(XMLHttpRequest);'), [
      'parse', 'http', 'response', 'read', 'file', '2', 'buffer', 'xml', 'http', 'request',
    ]);
  });
  test('ignores numbers, strings punctuation and keeps repetitions', () => {
    assert.deepEqual(codeTokens('return 42 + userId * userId; // if'), ['user', 'id', 'user', 'id']);
  });
});

describe('ChunkIndex', () => {
  const k1 = 1.5;
  const b = 0.75;
  const bm25Term = (tf: number, length: number, average: number) => (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / average));

  test('BM25 scores equal the hand-computed Okapi values and order the chunks', () => {
    const view = new MemoryView({ 'a.ts': 'alpha beta', 'b.ts': 'alpha alpha gamma', 'c.ts': 'delta' });
    const chunks = ChunkIndex.forIndex(view, { windowLines: 50, strideLines: 50 });
    // 3 chunks of lengths 2, 3, 1: average 2. `alpha` is in 2 of them.
    const idfAlpha = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const idfGamma = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    const hits = chunks.bm25(['alpha', 'gamma'], 10);
    assert.deepEqual(hits.map(h => h.path), ['b.ts', 'a.ts']);
    assert.ok(Math.abs(hits[0].score - (idfAlpha * bm25Term(2, 3, 2) + idfGamma * bm25Term(1, 3, 2))) < 1e-12);
    assert.ok(Math.abs(hits[1].score - idfAlpha * bm25Term(1, 2, 2)) < 1e-12);
    assert.deepEqual(chunks.bm25(['alpha', 'gamma'], 1).map(h => h.path), ['b.ts']);
    assert.deepEqual(chunks.bm25(['alpha'], 10, path => path !== 'b.ts').map(h => h.path), ['a.ts']);
  });

  test('Jaccard compares token sets', () => {
    const view = new MemoryView({ 'a.ts': 'alpha beta', 'b.ts': 'alpha alpha gamma', 'c.ts': 'delta' });
    const hits = ChunkIndex.forIndex(view, { windowLines: 50, strideLines: 50 }).jaccard(['gamma', 'alpha', 'alpha'], 10);
    assert.deepEqual(hits.map(h => [h.path, h.score]), [['b.ts', 1], ['a.ts', 1 / 3]]);
  });

  test('windows slide by the stride and the last one ends at the end of the file (0-based inclusive lines)', () => {
    const text = Array.from({ length: 25 }, (_, i) => `line${'abcdefghijklmnopqrstuvwxy'[i]}word`).join('\n');
    const view = new MemoryView({ 'long.ts': text });
    const hits = ChunkIndex.forIndex(view, { windowLines: 20, strideLines: 10 }).jaccard(codeTokens('lineaword lineyword'), 10);
    assert.deepEqual(hits.map(h => [h.startLine, h.endLine]).sort((x, y) => x[0] - y[0]), [[0, 19], [5, 24]]);
  });

  test('is shared per index view and options, and updates only the changed file', () => {
    const view = new MemoryView({ 'a.ts': 'alpha beta', 'b.ts': 'gamma' });
    const chunks = ChunkIndex.forIndex(view);
    assert.equal(ChunkIndex.forIndex(view, {}), chunks);
    assert.notEqual(ChunkIndex.forIndex(view, { windowLines: 60, strideLines: 1 }), chunks);
    assert.deepEqual(chunks.bm25(['gamma'], 10).map(h => h.path), ['b.ts']);
    assert.deepEqual(Object.fromEntries(view.textCalls), { 'a.ts': 1, 'b.ts': 1 });

    view.set('a.ts', 'gamma gamma epsilon');
    view.delete('b.ts');
    view.set('c.ts', 'epsilon');
    assert.deepEqual(chunks.bm25(['gamma'], 10).map(h => h.path), ['a.ts']);
    assert.deepEqual(chunks.bm25(['epsilon'], 10).map(h => h.path).sort(), ['a.ts', 'c.ts']);
    assert.deepEqual(chunks.bm25(['alpha'], 10), []);
    // a.ts re-read once after its change, c.ts once when it appeared; b.ts never again.
    assert.deepEqual(Object.fromEntries(view.textCalls), { 'a.ts': 2, 'b.ts': 1, 'c.ts': 1 });
  });

  test('rejects a stride larger than the window with a message that says what to pass', () => {
    assert.throws(() => ChunkIndex.forIndex(new MemoryView({}), { windowLines: 5, strideLines: 10 }), /strideLines <= windowLines/);
  });
});
