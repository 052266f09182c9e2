import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexView } from '../../src/core/index/view';
import { packContext, pathHeader, tokenizerFor, warmTokenCounts, type PackInput } from '../../src/core/pack';
import { alignedPrefixStart, cutAroundCursor } from '../../src/core/pack/current-file';
import { tokenCacheFor } from '../../src/core/pack/source-lines';
import type { ManifestItem, RankedFile, Ranking } from '../../src/core/types';
import { entriesOf, outlineAndSnippetsRanking, showsInLineOrder } from './pack-entries';
import { fixtureView, rankedDeclarations, SHOP } from './pack-fixture';

const tokenizer = tokenizerFor();
let view: IndexView;

before(async () => {
  view = await fixtureView(SHOP);
});
after(() => undefined);

function fileLevel(path: string, score: number, source = 'pagerank'): RankedFile {
  return { path, score, reasons: ['central'], source, spans: [] };
}

function shopRanking(packing: Ranking['packing'] = 'levels'): Ranking {
  return {
    packing,
    files: [
      rankedDeclarations(view, 'src/geometry/shapes.ts', { Circle: 0.9, Rect: 0.8 }),
      rankedDeclarations(view, 'src/geometry/point.ts', { distance: 0.85, Point: 0.7 }),
      rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 0.6 }),
      rankedDeclarations(view, 'src/orders/pricing.ts', { priceRule3: 0.3, describePrice: 0.2 }, 'pagerank'),
      fileLevel('src/orders/cart.ts', 0.25),
      fileLevel('pkg/models.py', 0.1, 'lexical'),
    ],
  };
}

function input(overrides: Partial<PackInput> = {}): PackInput {
  const file = overrides.file ?? 'src/app.ts';
  return {
    index: view,
    ranking: shopRanking(),
    file,
    language: 'typescript',
    text: view.text(file)!,
    position: { line: 10, character: 4 },
    budgetTokens: 2048,
    tokenizer,
    ...overrides,
  };
}

/** What a plain prompt emits: context, the current file's header, prefix, suffix; counted as emitted. */
function emittedTokens(i: PackInput, r: ReturnType<typeof packContext>): number {
  return tokenizer.count(r.context) + tokenizer.count(pathHeader(i.file, i.language) + '\n') + tokenizer.count(r.prefix) + tokenizer.count(r.suffix);
}

const included = (items: readonly ManifestItem[]) => items.filter(item => item.included);

describe('tokenizer', () => {
  test('counts with the real BPE encodings, special-token text as plain text', () => {
    assert.equal(tokenizer.count(''), 0);
    assert.equal(tokenizer.count('hello world'), 2);
    assert.ok(tokenizer.count('x <|endoftext|> y') > 3);
    const code = view.text('src/orders/pricing.ts')!;
    assert.notEqual(tokenizerFor('cl100k_base').count(code), tokenizer.count(code));
    assert.equal(tokenizerFor('cl100k_base'), tokenizerFor('cl100k_base'));
  });
});

describe('packContext', () => {
  test('never exceeds the budget, for every budget, position and packing mode', () => {
    const budgets = [256, 512, 1000, 1024, 1500, 2048, 3000, 4096, 8192, 32768, 131072];
    const positions = [
      { file: 'src/app.ts', language: 'typescript' as const, position: { line: 10, character: 4 } },
      { file: 'src/app.ts', language: 'typescript' as const, position: { line: 0, character: 0 } },
      { file: 'src/orders/pricing.ts', language: 'typescript' as const, position: { line: 300, character: 10 } },
      { file: 'pkg/service.py', language: 'python' as const, position: { line: 6, character: 8 } },
    ];
    for (const packing of ['levels', 'in-order'] as const) {
      for (const at of positions) {
        for (const budgetTokens of budgets) {
          const i = input({ ...at, text: view.text(at.file)!, budgetTokens, ranking: shopRanking(packing) });
          const r = packContext(i);
          const emitted = emittedTokens(i, r);
          assert.ok(emitted <= budgetTokens, `${packing} ${at.file}:${at.position.line} at ${budgetTokens}: emitted ${emitted}`);
          assert.ok(Math.abs(r.usedTokens - emitted) <= 2, `usedTokens ${r.usedTokens} reports what is emitted (${emitted})`);
        }
      }
    }
  });

  test('a long budget is filled with the ranked files, most relevant first', () => {
    const small = packContext(input({ budgetTokens: 1024 }));
    const large = packContext(input({ budgetTokens: 16384 }));
    const includedPaths = (r: typeof small) => new Set(included(r.items).map(item => item.path));
    assert.ok(large.usedTokens > 4000, `16K budget used ${large.usedTokens}`);
    for (const path of includedPaths(small)) assert.ok(includedPaths(large).has(path), `${path} stays at a larger budget`);
    assert.ok(included(large.items).some(item => item.path === 'src/orders/pricing.ts'), 'the large, less relevant file comes in once there is room');
    assert.ok(!included(small.items).some(item => item.path === 'src/orders/pricing.ts' && item.level === 'file'), 'but not at a small budget');
  });

  test('never shows the same range twice', () => {
    for (const budgetTokens of [512, 1024, 2048, 8192, 131072]) {
      for (const packing of ['levels', 'in-order'] as const) {
        const r = packContext(input({ budgetTokens, ranking: shopRanking(packing) }));
        const shown = included(r.items);
        const keys = shown.map(item => `${item.path}:${item.level}:${item.startLine}-${item.endLine}`);
        assert.equal(new Set(keys).size, keys.length, `duplicates at ${budgetTokens}: ${keys.join(' ')}`);
        for (const item of shown.filter(x => x.level === 'snippet')) {
          assert.ok(!shown.some(other => other.path === item.path && other.level === 'file'), `${item.path} snippet inside its included file`);
        }
        const headers = r.context.split('\n').filter(line => line.startsWith('// path: ') || line.startsWith('# path: '));
        assert.equal(new Set(headers).size, headers.length, `one entry per file at ${budgetTokens}: ${headers.join(' ')}`);
      }
    }
  });

  test('is deterministic', () => {
    const a = packContext(input({ budgetTokens: 3000 }));
    const b = packContext(input({ budgetTokens: 3000, ranking: shopRanking() }));
    assert.deepEqual(a, b);
  });

  test('heads every block with its path in the language comment syntax', () => {
    const r = packContext(input({ budgetTokens: 131072 }));
    assert.match(r.context, /^(\/\/|#) path: /);
    assert.ok(r.context.includes('// path: src/geometry/point.ts\n'));
    assert.ok(r.context.includes('# path: pkg/models.py\n'));
  });

  test('at a small budget prefers outlines of several files to the whole of one', () => {
    const ranking: Ranking = {
      packing: 'levels',
      files: ['src/orders/pricing.ts', 'src/geometry/shapes.ts', 'src/orders/cart.ts', 'src/util/format.ts'].map((path, k) => fileLevel(path, 1 - k * 0.1)),
    };
    const r = packContext(input({ ranking, budgetTokens: 2048 }));
    const shown = included(r.items);
    assert.ok(new Set(shown.map(item => item.path)).size >= 3, shown.map(i => `${i.path}:${i.level}`).join(' '));
    assert.ok(shown.some(item => item.path === 'src/orders/pricing.ts' && item.level === 'outline'), 'the big central file shows as an outline');
    const outline = r.context.slice(r.context.indexOf('// path: src/orders/pricing.ts'));
    assert.ok(outline.includes('export function priceRule39(base: number, quantity: number): number {'));
    assert.ok(outline.includes('  // …'), 'elided bodies are marked');
    assert.ok(!outline.includes('const step5 = base * 6 + quantity * 25'), 'bodies are not shown');
  });

  test('in-order rankings are filled span by span in rank order at the level each asks for', () => {
    const asFile = (path: string, score: number): RankedFile => ({ ...fileLevel(path, score), spans: [{ startLine: 0, endLine: 0, score, reasons: ['window'], level: 'file' }] });
    const ranking: Ranking = { packing: 'in-order', files: [asFile('src/util/format.ts', 0.9), asFile('src/orders/pricing.ts', 0.8), asFile('src/geometry/point.ts', 0.7)] };
    const r = packContext(input({ ranking, budgetTokens: 1200 }));
    const byPath = new Map(r.items.map(item => [item.path, item]));
    assert.equal(byPath.get('src/util/format.ts')?.included, true);
    assert.equal(byPath.get('src/util/format.ts')?.level, 'file');
    assert.match(byPath.get('src/orders/pricing.ts')?.dropped ?? '', /^over budget: needs \d+ tokens, \d+ left$/);
    assert.equal(byPath.get('src/geometry/point.ts')?.included, true, 'a smaller later span still fills the budget');
  });

  test('obeys pins and excludes', () => {
    const ranking = shopRanking();
    const pinned: Ranking = { ...ranking, files: [{ ...fileLevel('pkg/models.py', 0.05, 'pinned'), pinned: true }, ...ranking.files.filter(f => f.path !== 'pkg/models.py')] };
    const r = packContext(input({ ranking: pinned, budgetTokens: 1024, excluded: ['src/geometry/shapes.ts'] }));
    assert.ok(r.context.startsWith('# path: pkg/models.py\n'), 'pinned material comes first');
    assert.ok(!r.context.includes('src/geometry/shapes.ts'));
    const excludedRows = r.items.filter(item => item.path === 'src/geometry/shapes.ts');
    assert.ok(excludedRows.length > 0 && excludedRows.every(item => !item.included && item.dropped === 'excluded by you'));
  });

  test('keeps the current file lines nearest the cursor, within their shares', () => {
    const text = view.text('src/orders/pricing.ts')!;
    const i = input({ file: 'src/orders/pricing.ts', text, position: { line: 300, character: 6 }, budgetTokens: 1000, ranking: { packing: 'levels', files: [] } });
    const r = packContext(i);
    const lines = text.split('\n');
    const fullPrefix = lines.slice(0, 300).join('\n') + '\n' + lines[300].slice(0, 6);
    const fullSuffix = lines[300].slice(6) + '\n' + lines.slice(301).join('\n');
    assert.ok(fullPrefix.endsWith(r.prefix) && r.prefix.length < fullPrefix.length && r.prefix.length > 0);
    assert.ok(fullSuffix.startsWith(r.suffix) && r.suffix.length < fullSuffix.length && r.suffix.length > 0);
    assert.ok(r.prefix.startsWith('  const') || r.prefix.startsWith('export') || r.prefix.startsWith('}') || r.prefix.startsWith('  return') || r.prefix === '', 'cut at a line boundary');
    // Nothing cross-file to show: the unused share flows back into the current file.
    assert.ok(r.usedTokens > 1000 * 0.8, `used ${r.usedTokens} of 1000`);
  });

  test('explains every dropped candidate', () => {
    const r = packContext(input({ budgetTokens: 1024 }));
    for (const item of r.items.filter(x => !x.included)) assert.ok(item.dropped && item.dropped.length > 0, `${item.path} ${item.level}`);
    assert.ok(r.items.some(item => /^over budget: needs \d+ tokens, \d+ left$/.test(item.dropped ?? '')));
    assert.ok(r.items.some(item => (item.dropped ?? '').startsWith('already covered by')));
    assert.ok(Object.keys(r.tokensBySource).includes('prefix'));
  });

  test('packs a position seen before without tokenizing, many times faster than with cold token counts', () => {
    // Each tokenizer object has its own token cache: `counting` is warmed below, a fresh one is cold.
    let counted = 0;
    const counting = { name: tokenizer.name, count: (text: string) => (counted++, tokenizer.count(text)) };
    const i = input({ budgetTokens: 8192, tokenizer: counting });
    const at = (k: number) => ({ ...i, position: { line: 5 + (k % 12), character: 2 } });
    for (let k = 0; k < 12; k++) packContext(at(k)); // warm the caches and the JIT
    counted = 0;
    const warm: number[] = [];
    const cold: number[] = [];
    // Alternating, so that both see the same load of this shared two-core machine.
    for (let k = 0; k < 40; k++) {
      let started = performance.now();
      packContext(at(k));
      warm.push(performance.now() - started);
      started = performance.now();
      packContext({ ...at(k), tokenizer: { name: tokenizer.name, count: tokenizer.count } });
      cold.push(performance.now() - started);
    }
    assert.equal(counted, 0, 'every count a warm pack needs comes from the cache');
    const quantile = (times: number[], q: number) => [...times].sort((a, b) => a - b)[Math.floor(times.length * q)];
    // Here the warm median is some 50 times below the cold one (about 0.5 ms against 25 ms); the tail allows
    // for GC pauses (a warm p90 of about 5 ms).
    const [warmMedian, coldMedian, warmP90] = [quantile(warm, 0.5), quantile(cold, 0.5), quantile(warm, 0.9)];
    const figures = `warm median ${warmMedian.toFixed(2)} ms, p90 ${warmP90.toFixed(2)} ms; cold median ${coldMedian.toFixed(2)} ms`;
    assert.ok(warmMedian * 5 < coldMedian, figures);
    assert.ok(warmP90 < coldMedian, figures);
  });
});

describe('one entry per file', () => {
  test('a file shown as an outline and snippets is one entry, its lines in line order, each once', () => {
    const r = packContext(input({ ranking: outlineAndSnippetsRanking(view), budgetTokens: 4096 }));
    const levels = new Set(included(r.items).filter(item => item.path === 'src/orders/pricing.ts').map(item => item.level));
    assert.deepEqual([...levels].sort(), ['outline', 'snippet'], 'the case this test is about');
    for (const path of new Set(included(r.items).map(item => item.path))) {
      const comment = path.endsWith('.py') ? '#' : '//';
      const entries = entriesOf(r.context, 'plain', path, comment);
      assert.equal(entries.length, 1, `${path}: ${entries.length} entries`);
      assert.ok(showsInLineOrder(entries[0], view.text(path)!.split('\n'), comment), `${path} in line order:\n${entries[0].join('\n')}`);
    }
    const pricing = entriesOf(r.context, 'plain', 'src/orders/pricing.ts')[0].join('\n');
    assert.ok(pricing.includes('export function priceRule3(') && pricing.includes('export function priceRule39(base: number, quantity: number): number {'), 'snippets and outline together');
  });

  test("the included rows of a file share its entry's tokens: they add up to what the entry costs", () => {
    for (const packing of ['levels', 'in-order'] as const) {
      for (const budgetTokens of [512, 1024, 2048, 4096, 8192, 131072]) {
        const r = packContext(input({ ranking: outlineAndSnippetsRanking(view, packing), budgetTokens }));
        assert.ok(r.kept.blocks.length > 0);
        for (const entry of r.kept.blocks) {
          const rows = included(r.items).filter(item => item.path === entry.path);
          const entryTokens = tokenizer.count(entry.text);
          assert.equal(entry.count.tokens, entryTokens, `${entry.path}: counted as emitted`);
          assert.equal(rows.reduce((sum, row) => sum + row.tokens, 0), entryTokens, `${packing} ${budgetTokens} ${entry.path}: ${rows.map(row => `${row.level} ${row.tokens}`).join(', ')}`);
          assert.ok(rows.every(row => row.tokens >= 0));
        }
      }
    }
  });
});

describe('the current file window', () => {
  test('a cut prefix keeps its first line while the cursor walks down, and shows most of its share', () => {
    const cache = tokenCacheFor(tokenizerFor());
    const text = Array.from({ length: 400 }, (_, i) => `  const value${i} = compute(value${i - 1}, ${i});`).join('\n');
    const starts: number[] = [];
    for (let line = 200; line < 216; line++) {
      const window = cutAroundCursor(text, { line, character: 0 }, { prefix: 600, suffix: 100 }, cache);
      assert.ok(window.prefixTokens <= 600 && window.prefixTokens >= 600 * 0.7, `prefix uses most of its share (${window.prefixTokens})`);
      starts.push(line - window.prefix.split('\n').length + 1);
    }
    const changes = starts.filter((s, i) => i > 0 && s !== starts[i - 1]).length;
    assert.ok(changes <= 2, `the prefix start moved ${changes} times in 16 steps: ${starts.join(',')}`);
  });

  test('alignedPrefixStart rounds down the file by a power of two no larger than a quarter of the kept lines', () => {
    assert.equal(alignedPrefixStart(101, 64), 112);
    assert.equal(alignedPrefixStart(112, 64), 112);
    assert.equal(alignedPrefixStart(13, 4), 13);
    assert.equal(alignedPrefixStart(13, 20), 16);
  });
});

describe('warming the token counts', () => {
  test('counts every file once ahead of time, so packing them later tokenizes nothing new', async () => {
    const view = await fixtureView(SHOP);
    const real = tokenizerFor('cl100k_base');
    let calls = 0;
    const counting = { name: real.name, count: (text: string) => (calls++, real.count(text)) };
    const files = [...view.files()];
    assert.equal(await warmTokenCounts(view, counting, { sliceMs: 1 }), files.length);
    assert.ok(calls > 0, 'the warm-up tokenized the files');
    const before = calls;
    const cache = tokenCacheFor(counting);
    for (const file of files) cache.sourceLines(file.hash, () => view.text(file.path)!);
    assert.equal(calls, before, 'line counts come from the cache');
  });
});
