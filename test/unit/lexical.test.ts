import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chunkOptions, codeTokens, LineTokens, type ChunkIndexOptions } from '../../src/core/index/chunk-windows';
import { mulberry32 } from '../../src/core/eval/sample';
import { ChunkIndex } from '../../src/core/rank/lexical';

/** A pure in-memory IndexView: the lexical index only reads paths, hashes and texts. Counts text() calls per path. */
/** A chunk index over in-memory files, as the ranking state fills it. */
function chunkIndexOf(files: Record<string, string>, options: ChunkIndexOptions = {}): ChunkIndex {
  const chunks = new ChunkIndex(chunkOptions(options));
  for (const [path, text] of Object.entries(files)) chunks.replaceFile(path, chunks.chunksOf(text));
  return chunks;
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
  test('takes the identifiers a regular expression `[A-Za-z_$][A-Za-z0-9_$]*` finds, in random text of names, digits, `$`, non-ASCII letters and line breaks', () => {
    const next = mulberry32(20261205);
    const pieces = ['alphaBeta', 'HTTPServer2', '9lives', '$scope', 'a$b', 'café', 'ünder', '_x1', 'x', '42', '\r\n', '\n', ' ', '.', '(', '"', '/'];
    // Of these pieces' sub-words only `a` (of `a$b`) is a keyword.
    const subwords = (identifier: string) =>
      (identifier.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map(part => part.toLowerCase()).filter(token => token !== 'a');
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const expected = (text.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []).flatMap(subwords);
      assert.deepEqual(codeTokens(text), expected, JSON.stringify(text));
    }
  });
});

describe('ChunkIndex', () => {
  const k1 = 1.5;
  const b = 0.75;
  const bm25Term = (tf: number, length: number, average: number) => (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / average));

  test('BM25 scores equal the hand-computed Okapi values and order the chunks', () => {
    const chunks = chunkIndexOf({ 'a.ts': 'alpha beta', 'b.ts': 'alpha alpha gamma', 'c.ts': 'delta' }, { windowLines: 50, strideLines: 50 });
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

  test('a term repeated past what a posting tags scores its true count; a query asks its own filter once per file', () => {
    const chunks = chunkIndexOf({ 'many.ts': `${'alpha '.repeat(300)}beta`, 'one.ts': 'alpha gamma', 'other.ts': 'delta' }, { windowLines: 50, strideLines: 50 });
    // 3 chunks of lengths 301, 2, 1; `alpha` is in 2 of them, 300 times in the first.
    const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const [many] = chunks.bm25(['alpha'], 10);
    assert.equal(many.path, 'many.ts');
    assert.ok(Math.abs(many.score - idf * bm25Term(300, 301, 304 / 3)) < 1e-12);
    const asked: string[] = [];
    const notMany = (path: string) => (asked.push(path), path !== 'many.ts');
    assert.deepEqual(chunks.bm25(['alpha', 'gamma', 'alpha'], 10, notMany).map(h => h.path), ['one.ts']);
    assert.deepEqual(asked.sort(), ['many.ts', 'one.ts']);
    // The verdicts of one query are not the next one's.
    assert.deepEqual(chunks.bm25(['alpha', 'gamma'], 10, path => path === 'many.ts').map(h => h.path), ['many.ts']);
    assert.deepEqual(chunks.bm25(['gamma'], 10).map(h => h.path), ['one.ts']);
  });

  test("a query asks its filter only of files whose chunks would enter its best, with the hits filtering first gives", () => {
    const chunks = chunkIndexOf({ 'a.ts': 'alpha alpha alpha', 'b.ts': 'alpha alpha', 'c.ts': 'alpha' }, { windowLines: 50, strideLines: 50 });
    const asking = (excluded: string) => {
      const asked: string[] = [];
      const hits = chunks.bm25(['alpha'], 1, path => (asked.push(path), path !== excluded));
      return { hits: hits.map(h => h.path), asked };
    };
    // c.ts never beats the best kept, so it is never asked about.
    assert.deepEqual(asking('none'), { hits: ['a.ts'], asked: ['a.ts'] });
    assert.deepEqual(asking('a.ts'), { hits: ['b.ts'], asked: ['a.ts', 'b.ts'] });
    assert.deepEqual(chunks.bm25(['alpha'], 3, path => path !== 'b.ts').map(h => h.path), ['a.ts', 'c.ts']);
  });

  test('Jaccard compares token sets, in the files asked only', () => {
    const chunks = chunkIndexOf({ 'a.ts': 'alpha beta', 'b.ts': 'alpha alpha gamma', 'c.ts': 'delta' }, { windowLines: 50, strideLines: 50 });
    const hits = chunks.jaccard(['gamma', 'alpha', 'alpha'], 10, ['a.ts', 'b.ts', 'c.ts']);
    assert.deepEqual(hits.map(h => [h.path, h.score]), [['b.ts', 1], ['a.ts', 1 / 3]]);
    assert.deepEqual(chunks.jaccard(['gamma', 'alpha'], 10, ['a.ts']).map(h => h.path), ['a.ts']);
  });

  test('windows slide by the stride and the last one ends at the end of the file (0-based inclusive lines)', () => {
    const text = Array.from({ length: 25 }, (_, i) => `line${'abcdefghijklmnopqrstuvwxy'[i]}word`).join('\n');
    const hits = chunkIndexOf({ 'long.ts': text }, { windowLines: 20, strideLines: 10 }).jaccard(codeTokens('lineaword lineyword'), 10, ['long.ts']);
    assert.deepEqual(hits.map(h => [h.startLine, h.endLine]).sort((x, y) => x[0] - y[0]), [[0, 19], [5, 24]]);
  });

  test('replaces one file at a time: a changed, a removed and a new file', () => {
    const chunks = chunkIndexOf({ 'a.ts': 'alpha beta', 'b.ts': 'gamma' });
    assert.deepEqual(chunks.bm25(['gamma'], 10).map(h => h.path), ['b.ts']);
    chunks.replaceFile('a.ts', chunks.chunksOf('gamma gamma epsilon'));
    chunks.replaceFile('b.ts', undefined);
    chunks.replaceFile('c.ts', chunks.chunksOf('epsilon'));
    assert.deepEqual(chunks.bm25(['gamma'], 10).map(h => h.path), ['a.ts']);
    assert.deepEqual(chunks.bm25(['epsilon'], 10).map(h => h.path).sort(), ['a.ts', 'c.ts']);
    assert.deepEqual(chunks.bm25(['alpha'], 10), []);
    assert.deepEqual(chunks.tables(), chunkIndexOf({ 'a.ts': 'gamma gamma epsilon', 'c.ts': 'epsilon' }).tables());
  });

  test('300 random edits of three files (lines changed, added, removed) leave the tables and scores of a fresh index', () => {
    // Windows that come or go take or free chunk ids that other files' edits reuse.
    let state = 5;
    const pick = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const words = ['alpha', 'beta', 'gammaDelta', 'epsilon_zeta', 'eta', 'theta', 'iota', 'kappaLambda', 'mu', 'nu'];
    const line = () => Array.from({ length: pick(4) }, () => words[pick(words.length)]).join(' ');
    const files: Record<string, string[]> = {};
    for (const path of ['a.ts', 'b.ts', 'c.ts']) files[path] = Array.from({ length: 30 + pick(40) }, line);
    const chunks = chunkIndexOf(Object.fromEntries(Object.entries(files).map(([path, lines]) => [path, lines.join('\n')])));
    for (let step = 0; step < 300; step++) {
      const path = ['a.ts', 'b.ts', 'c.ts'][pick(3)];
      const lines = files[path];
      const at = pick(lines.length);
      const kind = pick(3);
      if (kind === 0) lines[at] = line();
      else if (kind === 1) lines.splice(at, 0, ...Array.from({ length: 1 + pick(12) }, line));
      else if (lines.length > 5) lines.splice(at, 1 + pick(12));
      chunks.replaceFile(path, chunks.chunksOf(lines.join('\n')));
      if (step % 30 === 29) {
        const fresh = chunkIndexOf(Object.fromEntries(Object.entries(files).map(([p, l]) => [p, l.join('\n')])));
        assert.deepEqual(chunks.tables(), fresh.tables(), `after step ${step}`);
        const query = ['alpha', 'gamma', 'zeta', 'mu', 'mu', 'missing'];
        assert.deepEqual(chunks.bm25(query, 100), fresh.bm25(query, 100), `after step ${step}`);
      }
    }
  });

  test('a bulk load (a full build) gives the tables and scores of files put one by one, and edits after it too', () => {
    let state = 9;
    const pick = (n: number) => Math.floor(((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * n);
    const words = ['alpha', 'beta', 'gammaDelta', 'epsilon_zeta', 'eta', 'theta', 'iota', 'kappaLambda', 'mu', 'nu'];
    const text = () => Array.from({ length: 20 + pick(60) }, () => Array.from({ length: pick(5) }, () => words[pick(words.length)]).join(' ')).join('\n');
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.ts`, text()]));
    const bulk = new ChunkIndex(chunkOptions());
    bulk.beginBulkLoad();
    for (const [path, content] of Object.entries(files)) bulk.replaceFile(path, bulk.chunksOf(content));
    bulk.endBulkLoad();
    const query = ['alpha', 'gamma', 'zeta', 'mu', 'mu', 'missing'];
    assert.deepEqual(bulk.tables(), chunkIndexOf(files).tables());
    assert.deepEqual(bulk.bm25(query, 100), chunkIndexOf(files).bm25(query, 100));
    files['f3.ts'] = text();
    delete files['f7.ts'];
    bulk.replaceFile('f3.ts', bulk.chunksOf(files['f3.ts']));
    bulk.replaceFile('f7.ts', undefined);
    assert.deepEqual(bulk.tables(), chunkIndexOf(files).tables());
    assert.deepEqual(bulk.bm25(query, 100), chunkIndexOf(files).bm25(query, 100));
  });

  test('edits counted from the last line tokens of their file skip the windows they left alone, and leave the tables of a fresh index', () => {
    const next = mulberry32(20261205);
    const pick = (n: number) => Math.floor(next() * n);
    const words = ['alpha', 'beta', 'gammaDelta', 'epsilon_zeta', 'eta', 'theta', 'iota', 'kappaLambda', 'mu', 'nu'];
    const line = () => Array.from({ length: pick(4) }, () => words[pick(words.length)]).join(' ');
    // Small windows, so that edits fall on their first and last lines.
    const options: ChunkIndexOptions = { windowLines: 4, strideLines: 2 };
    const files: Record<string, string[]> = {};
    const tokens: Record<string, LineTokens> = {};
    for (const path of ['a.ts', 'b.ts', 'c.ts']) files[path] = Array.from({ length: 20 + pick(30) }, line);
    const chunks = chunkIndexOf(Object.fromEntries(Object.entries(files).map(([path, lines]) => [path, lines.join('\n')])), options);
    let skipping = 0;
    for (let step = 0; step < 400; step++) {
      const path = ['a.ts', 'b.ts', 'c.ts'][pick(3)]!;
      const lines = files[path]!;
      const at = pick(lines.length);
      const kind = pick(4);
      if (kind === 0) lines[at] = line();
      else if (kind === 1) lines[at] += ` ${words[pick(words.length)]}`; // typed at the end of a line
      else if (kind === 2) lines.splice(at, 0, line());
      else if (lines.length > 5) lines.splice(at, 1);
      const text = lines.join('\n');
      // Mostly as the ranking state does for a buffer typed in. Now and then chunked afresh instead, as a file read
      // from disk is, which leaves the line tokens behind: an edit counted from them then names what the index
      // no longer holds.
      let put;
      if (pick(5) === 0) put = chunks.chunksOf(text);
      else {
        tokens[path] = tokens[path]?.edited(text) ?? LineTokens.of(text);
        put = tokens[path]!.windows(chunkOptions(options));
      }
      if (put.edit) skipping++;
      chunks.replaceFile(path, put);
      const fresh = chunkIndexOf(Object.fromEntries(Object.entries(files).map(([p, l]) => [p, l.join('\n')])), options);
      assert.deepEqual(chunks.tables(), fresh.tables(), `after step ${step}`);
    }
    assert.ok(skipping > 100, `${skipping} edits said which lines they changed`);
  });

  test('rejects a stride larger than the window with a message that says what to pass', () => {
    assert.throws(() => chunkOptions({ windowLines: 5, strideLines: 10 }), /strideLines <= windowLines/);
  });
});
