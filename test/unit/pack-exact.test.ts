// Exact counting without tokenizing joined text, the amount of tokenizer work per request, and keeping a
// packed context across requests.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexView } from '../../src/core/index/view';
import { APPENDED_REASON, DROPPED_FROM_END, GROWN_REASON, KEPT_REASON, KEPT_START_REASON, PACKING_DEFAULTS, packContext, pathHeader, tokenizerFor, type PackInput, type Tokenizer } from '../../src/core/pack';
import { countLineRun, GrowingCount, joinedTokens, joinedTokensWith } from '../../src/core/pack/line-groups';
import type { Ranking, TokenizerName } from '../../src/core/types';
import { entriesOf, showsInLineOrder } from './pack-entries';
import { fixtureView, rankedDeclarations, SHOP } from './pack-fixture';

const ENCODINGS: readonly TokenizerName[] = ['o200k_base', 'cl100k_base'];

/** Real code: the packer's own sources and the fixture project, every line of them. */
function realSources(): string[][] {
  const files = [path.join(__dirname, '..', '..', 'src', 'core', 'pack'), path.join(SHOP, 'src', 'orders'), path.join(SHOP, 'pkg')].flatMap(dir =>
    fs.readdirSync(dir).map(name => path.join(dir, name)),
  );
  return files.map(file => fs.readFileSync(file, 'utf8').split('\n'));
}

/** Lines that stress the tokenizers' pre-split: blank and space-only lines, comments at column 0, CR, odd spaces. */
const TRICKY = ['', ' ', '\t', '\r', '}', '};', '  }', 'foo', "'s x", '123456', '// c', '/** doc', ' * doc', '/', '#x', '\u00a0x', '\u3000', 'x\r', '<|endoftext|>', '!!!', 'é'];

function windows(): string[][] {
  let seed = 17;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const out: string[][] = [];
  for (const lines of realSources()) {
    for (let k = 0; k < 12; k++) {
      const start = next(lines.length);
      out.push(lines.slice(start, start + 1 + next(40)));
    }
  }
  for (let k = 0; k < 400; k++) out.push(Array.from({ length: 1 + next(6) }, () => TRICKY[next(TRICKY.length)] + TRICKY[next(TRICKY.length)]));
  return out;
}

describe('line groups count exactly what the tokenizer counts', () => {
  for (const name of ENCODINGS) {
    test(`${name}: runs, joined runs, and text grown up or down line by line`, () => {
      const tokenizer = tokenizerFor(name);
      const count = (text: string) => tokenizer.count(text);
      const runs = windows();
      // The index's counts of single lines, as packing passes them for the lines a block shows of a file.
      const lineTokens = (lines: readonly string[]) => (k: number) => count(lines[k] + '\n');
      for (const lines of runs) {
        assert.equal(countLineRun(lines, count).tokens, count(lines.join('\n') + '\n'), JSON.stringify(lines));
        assert.equal(countLineRun(lines, count, lineTokens(lines)).tokens, count(lines.join('\n') + '\n'), `known lines ${JSON.stringify(lines)}`);
        const up = new GrowingCount('up', lines[lines.length - 1], count);
        for (let k = lines.length - 2; k >= 0; k--) up.add(lines[k]);
        assert.equal(up.tokens, count(lines.join('\n')), `up ${JSON.stringify(lines)}`);
        const down = new GrowingCount('down', lines[0], count);
        lines.slice(1).forEach(line => down.add(line));
        assert.equal(down.tokens, count(lines.join('\n')), `down ${JSON.stringify(lines)}`);
      }
      for (let k = 0; k + 3 <= runs.length; k += 3) {
        const group = runs.slice(k, k + 3);
        const joined = group.map(lines => lines.join('\n') + '\n').join('\n');
        assert.equal(joinedTokens(group.map(lines => countLineRun(lines, count)), count), count(joined), JSON.stringify(group));
        assert.equal(joinedTokens(group.map(lines => countLineRun(lines, count, lineTokens(lines))), count), count(joined), `known lines ${JSON.stringify(group)}`);
      }
    });

    test(`${name}: lines whose counts the index made are not tokenized again, only the groups of several lines`, () => {
      const tokenizer = tokenizerFor(name);
      const lines = ['export function total(order: Order): number {', '  const sum = order.items.length;', '', '  return sum;', '}'];
      const asked: string[] = [];
      const run = countLineRun(lines, text => (asked.push(text), tokenizer.count(text)), k => tokenizer.count(lines[k] + '\n'));
      assert.deepEqual(asked, ['  const sum = order.items.length;\n\n'], 'the line before the blank one forms a group with it');
      assert.equal(run.tokens, tokenizer.count(lines.join('\n') + '\n'));
      asked.length = 0;
      assert.equal(joinedTokens([run], text => (asked.push(text), tokenizer.count(text))), run.tokens);
      assert.deepEqual(asked, [], 'a run alone is its own count, its last group included');
    });

    test(`${name}: joined runs with one replaced or appended, counted around the change only`, () => {
      const tokenizer = tokenizerFor(name);
      const count = (text: string) => tokenizer.count(text);
      // Many of the tricky runs are one group that continues the one before it (a blank or `//` line): the
      // change then reaches past its neighbours.
      const runs = windows().map(lines => ({ lines, count: countLineRun(lines, count) }));
      const singles = runs.filter(r => r.count.single && !r.count.firstStartsChunk).length;
      assert.ok(singles > 20, `${singles} runs that carry a group on`);
      for (let k = 0; k + 7 <= runs.length; k += 7) {
        const group = runs.slice(k, k + 6);
        const replacement = runs[k + 6];
        const total = joinedTokens(group.map(r => r.count), count);
        for (let at = 0; at <= group.length; at++) {
          const changed = [...group];
          changed.splice(at, at < group.length ? 1 : 0, replacement);
          const joined = changed.map(r => r.lines.join('\n') + '\n').join('\n');
          assert.equal(joinedTokensWith(group.map(r => r.count), total, at, replacement.count, count), count(joined), `${at} ${JSON.stringify(changed.map(r => r.lines))}`);
        }
      }
    });
  }
});

let view: IndexView;
before(async () => {
  view = await fixtureView(SHOP);
});

function ranking(top: Record<string, number>): Ranking {
  return {
    packing: 'levels',
    files: [
      rankedDeclarations(view, 'src/geometry/shapes.ts', top),
      rankedDeclarations(view, 'src/geometry/point.ts', { distance: 0.5, Point: 0.4 }),
      rankedDeclarations(view, 'src/orders/pricing.ts', { priceRule3: 0.3, describePrice: 0.2 }),
      rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 0.25 }),
    ],
  };
}

function input(tokenizer: Tokenizer, overrides: Partial<PackInput> = {}): PackInput {
  const file = 'src/orders/cart.ts';
  return { index: view, ranking: ranking({ Circle: 0.9, Rect: 0.8 }), file, language: 'typescript', text: view.text(file)!, position: { line: 12, character: 2 }, budgetTokens: 2048, tokenizer, ...overrides };
}

/** A real tokenizer that records what it is asked to count (its own instance, so its caches start cold). */
function recordingTokenizer(): Tokenizer & { readonly counted: string[] } {
  const real = tokenizerFor('cl100k_base');
  const counted: string[] = [];
  return { name: real.name, counted, count: text => (counted.push(text), real.count(text)) };
}

describe('packing work per request', () => {
  test('reports the exact count of what it emits, at every budget', () => {
    const tokenizer = tokenizerFor();
    for (const budgetTokens of [300, 700, 2048, 8192, 65536]) {
      const i = input(tokenizer, { budgetTokens, file: 'src/orders/pricing.ts', text: view.text('src/orders/pricing.ts')!, position: { line: 320, character: 4 } });
      const r = packContext(i);
      const emitted = [r.context, pathHeader(i.file, i.language) + '\n', r.prefix, r.suffix].reduce((n, part) => n + tokenizer.count(part), 0);
      assert.equal(r.usedTokens, emitted, `budget ${budgetTokens}`);
      assert.ok(emitted <= budgetTokens);
    }
  });

  test('once warm, a request at the next line tokenizes only a few short new texts, never the joined prompt', () => {
    const tokenizer = recordingTokenizer();
    const text = view.text('src/orders/pricing.ts')!;
    const at = (line: number) => packContext(input(tokenizer, { file: 'src/orders/pricing.ts', text, position: { line, character: 6 }, budgetTokens: 8192 }));
    at(300);
    tokenizer.counted.length = 0;
    const r = at(301);
    const longest = Math.max(0, ...tokenizer.counted.map(t => t.length));
    assert.ok(tokenizer.counted.length <= 6, `${tokenizer.counted.length} texts counted: ${JSON.stringify(tokenizer.counted)}`);
    assert.ok(longest < 200, `longest text counted: ${longest} characters`);
    assert.ok(r.context.length + r.prefix.length > 10_000, 'a prompt much longer than what was counted');
  });
});

describe('keeping a packed context', () => {
  test('is emitted again byte for byte while it covers the best spans, with the current file cut anew', () => {
    const tokenizer = tokenizerFor();
    const first = packContext(input(tokenizer));
    assert.equal(first.reuse, 'none');
    const text = view.text('src/orders/cart.ts')!;
    const next = packContext(input(tokenizer, { previous: first.kept, position: { line: 14, character: 0 }, ranking: ranking({ Rect: 0.9, Circle: 0.85 }) }));
    assert.equal(next.reuse, 'all');
    assert.equal(next.context, first.context);
    assert.ok(text.startsWith(next.prefix) || text.includes(next.prefix));
    assert.notEqual(next.prefix, first.prefix, 'the prefix follows the cursor');
    assert.ok(next.items.filter(item => item.included).every(item => item.reasons[0] === KEPT_REASON));
    assert.ok(next.items.some(item => item.path === 'src/orders/pricing.ts'), 'ranked files stay listed');
    assert.ok(next.usedTokens <= 2048);
  });

  test('is packed afresh when a best span is not shown, the budget differs, or a shown file changed', () => {
    const tokenizer = tokenizerFor();
    const withoutFormat = ranking({ Circle: 0.9 });
    const small = input(tokenizer, { budgetTokens: 700, ranking: { ...withoutFormat, files: withoutFormat.files.filter(f => f.path !== 'src/util/format.ts') } });
    const first = packContext(small);
    // The cursor now needs formatNumber most: never seen by the kept context, so it cannot have declined it.
    const needsFormat: Ranking = { packing: 'levels', files: [rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 2 }), ...ranking({ Circle: 0.9 }).files] };
    const moved = packContext({ ...small, ranking: needsFormat, previous: first.kept });
    assert.notEqual(moved.reuse, 'all');
    assert.ok(moved.items.some(item => item.path === 'src/util/format.ts' && item.included));

    assert.equal(packContext({ ...small, budgetTokens: 900, previous: first.kept }).reuse, 'none', 'another budget');
    const edited: IndexView = { ...view, generation: view.generation + 1, file: p => (p === 'src/geometry/shapes.ts' ? { ...view.file(p)!, hash: 'edited' } : view.file(p)) };
    assert.notEqual(packContext({ ...small, index: edited, previous: first.kept }).reuse, 'all', 'a shown file changed');
    assert.equal(packContext({ ...small, ranking: { ...small.ranking, packing: 'in-order' }, previous: first.kept }).reuse, 'none', 'baselines are packed as published');
  });

  test('does not pack afresh to find again that a best span it passed over does not fit, while the best spans stay the same', () => {
    const tokenizer = tokenizerFor();
    // pricing.ts's 646 lines as one span, scored best: no pack within 1024 tokens shows them all.
    const lines = view.text('src/orders/pricing.ts')!.split('\n').length;
    const whole = (score: number): Ranking['files'][number] => ({ path: 'src/orders/pricing.ts', score, reasons: ['test ranking'], source: 'lexical', spans: [{ startLine: 0, endLine: lines - 1, score, reasons: ['similar code'] }] });
    const rankingWith = (score: number): Ranking => ({ packing: 'levels', files: [whole(score), ...ranking({ Circle: 0.9, Rect: 0.8 }).files.filter(f => f.path !== 'src/orders/pricing.ts')] });
    /** Counts the candidates packing considers: a fresh pack asks for each one whether to stop. */
    let considered = 0;
    const stop = { shouldStop: () => (considered++, false) };
    const request = (score: number, previous?: PackInput['previous']) => packContext(input(tokenizer, { budgetTokens: 1024, ranking: rankingWith(score), stop, ...(previous ? { previous } : {}) }));

    const first = request(2);
    assert.ok(considered > 0);
    assert.deepEqual(first.kept.judged.map(j => [j.must.path, j.shown]).slice(0, 2), [['src/orders/pricing.ts', false], ['src/geometry/shapes.ts', true]], 'the whole file is passed over');
    considered = 0;
    const next = request(1.9, first.kept);
    assert.equal(next.reuse, 'all');
    assert.equal(next.context, first.context);
    assert.equal(considered, 0, 'emitted again without packing');

    // Scored higher than when it was passed over, it is judged again by a fresh pack (which passes it over again).
    const higher = request(2.5, first.kept);
    assert.ok(considered > 0, 'packed afresh');
    assert.equal(higher.reuse, 'all');
    assert.equal(higher.kept.judged[0]!.must.score, 2.5);
    // And when another span comes first, the spans are not the same: packed afresh too.
    considered = 0;
    const needsFormat: Ranking = { packing: 'levels', files: [rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 3 }), ...rankingWith(2).files] };
    const moved = packContext(input(tokenizer, { budgetTokens: 1024, ranking: needsFormat, stop, previous: higher.kept }));
    assert.ok(considered > 0, 'packed afresh');
    assert.ok(moved.context.includes('export function formatNumber('));
  });

  test('judges a span it passed over again once its file changed, or once the ranking has spans it never judged', () => {
    const tokenizer = tokenizerFor();
    const lines = view.text('src/orders/pricing.ts')!.split('\n').length;
    const whole: Ranking['files'][number] = { path: 'src/orders/pricing.ts', score: 2, reasons: ['test ranking'], source: 'lexical', spans: [{ startLine: 0, endLine: lines - 1, score: 2, reasons: ['similar code'] }] };
    const others = ranking({ Circle: 0.9, Rect: 0.8 }).files.filter(f => f.path !== 'src/orders/pricing.ts');
    let considered = 0;
    const stop = { shouldStop: () => (considered++, false) };
    const request = (files: Ranking['files'], previous?: PackInput['previous'], index = view) =>
      packContext(input(tokenizer, { index, budgetTokens: 1024, ranking: { packing: 'levels', files }, stop, ...(previous ? { previous } : {}) }));

    const first = request([whole, ...others]);
    const judged = first.kept.judged;
    assert.equal(judged[0]!.shown, false, 'the whole file is passed over');
    assert.ok(judged.filter(j => j.shown).length < PACKING_DEFAULTS.reuse.mustHaveSpans, 'fewer spans shown than a kept context must show: the judgement ran out of spans');
    considered = 0;
    assert.equal(request([whole, ...others], first.kept).reuse, 'all');
    assert.equal(considered, 0, 'the same spans: emitted again without packing');

    // The passed-over file changes where its lines stay: the judgement of it is stale.
    const edited: IndexView = { ...view, generation: view.generation + 1, file: p => (p === 'src/orders/pricing.ts' ? { ...view.file(p)!, hash: 'edited' } : view.file(p)) };
    considered = 0;
    request([whole, ...others], first.kept, edited);
    assert.ok(considered > 0, 'packed afresh after its file changed');

    // One more span, below all the others: it was never judged, and a fresh pack might show it.
    const extra = [whole, ...others.map(f => (f.path === 'src/util/format.ts' ? rankedDeclarations(view, f.path, { formatNumber: 0.25, padLeft: 0.1 }) : f))];
    considered = 0;
    request(extra, first.kept);
    assert.ok(considered > 0, 'packed afresh for a span never judged');
  });

  test('keeps its start when the cursor needs more: appends what is needed after it, counts exactly, says so', () => {
    const tokenizer = tokenizerFor();
    const budgetTokens = 1600;
    const rules = rankedDeclarations(view, 'src/orders/pricing.ts', { priceRule1: 0.7, priceRule2: 0.6, priceRule3: 0.5, priceRule4: 0.45, priceRule5: 0.4 });
    const first = packContext(input(tokenizer, { budgetTokens, ranking: { packing: 'levels', files: [...ranking({ Circle: 0.9 }).files.filter(f => f.path !== 'src/util/format.ts'), rules] } }));
    const blocks = first.context.split('\n\n// path:');
    assert.ok(blocks.length >= 3, `${blocks.length} blocks`);
    // The cursor moved on: formatNumber, never shown, is now what it needs most.
    const needsFormat: Ranking = { packing: 'levels', files: [rankedDeclarations(view, 'src/util/format.ts', { formatNumber: 2 }), ...ranking({ Circle: 0.9 }).files, rules] };
    const moved = () => packContext(input(tokenizer, { budgetTokens, ranking: needsFormat, previous: first.kept, position: { line: 14, character: 0 } }));
    const next = moved();
    assert.equal(next.reuse, 'start');
    assert.ok(next.context.startsWith(blocks[0] + '\n\n// path:'), 'the first block stays first');
    const appendedAt = next.context.indexOf('// path: src/util/format.ts');
    assert.ok(appendedAt > blocks[0].length && next.context.slice(appendedAt).includes('export function formatNumber('), 'formatNumber appended after the kept start');
    const emitted = [next.context, pathHeader('src/orders/cart.ts', 'typescript') + '\n', next.prefix, next.suffix].reduce((n, part) => n + tokenizer.count(part), 0);
    assert.equal(next.usedTokens, emitted);
    assert.ok(emitted <= budgetTokens);
    const included = next.items.filter(item => item.included);
    assert.ok(included.some(item => item.reasons[0] === KEPT_START_REASON));
    assert.ok(included.some(item => item.path === 'src/util/format.ts' && item.reasons[0] === APPENDED_REASON));
    for (const item of next.items.filter(item => item.dropped === DROPPED_FROM_END)) assert.ok(!included.some(other => other.path === item.path && other.startLine === item.startLine && other.level === item.level));
    // Deterministic for the same inputs and history.
    const again = moved();
    assert.deepEqual([again.context, again.prefix, again.items], [next.context, next.prefix, next.items]);
  });

  test('grows the entry of a file already kept where it stands, never a second entry for it', () => {
    const tokenizer = tokenizerFor();
    const budgetTokens = 1600;
    const pricing = (scores: Record<string, number>) => rankedDeclarations(view, 'src/orders/pricing.ts', scores);
    const others = ranking({ Circle: 0.9 }).files.filter(f => f.path !== 'src/orders/pricing.ts');
    const first = packContext(input(tokenizer, { budgetTokens, ranking: { packing: 'levels', files: [pricing({ priceRule1: 0.95 }), ...others] } }));
    const paths = (r: typeof first) => r.kept.blocks.map(b => b.path);
    const before = paths(first).indexOf('src/orders/pricing.ts');
    assert.ok(before >= 0 && !first.context.includes('export function priceRule30('), 'pricing.ts is kept, without priceRule30');
    // The cursor now needs priceRule30 of the same file most.
    const next = packContext(input(tokenizer, { budgetTokens, previous: first.kept, position: { line: 14, character: 0 }, ranking: { packing: 'levels', files: [pricing({ priceRule30: 2, priceRule1: 0.95 }), ...others] } }));
    assert.equal(next.reuse, 'start');
    assert.equal(paths(next).indexOf('src/orders/pricing.ts'), before, 'the entry keeps its place');
    assert.deepEqual(paths(next).slice(0, before), paths(first).slice(0, before));
    assert.ok(next.context.startsWith(first.context.slice(0, first.context.indexOf('// path: src/orders/pricing.ts'))), 'the context before it is unchanged');
    const entries = entriesOf(next.context, 'plain', 'src/orders/pricing.ts');
    assert.equal(entries.length, 1);
    assert.ok(showsInLineOrder(entries[0], view.text('src/orders/pricing.ts')!.split('\n')));
    const body = entries[0].join('\n');
    assert.ok(body.includes('export function priceRule1(') && body.includes('export function priceRule30('), 'old and new material in one entry');
    const rows = next.items.filter(item => item.included && item.path === 'src/orders/pricing.ts');
    assert.ok(rows.some(row => row.reasons[0] === KEPT_START_REASON && row.startLine <= 20), 'the kept snippet says it was kept');
    assert.ok(rows.some(row => row.reasons[0] === GROWN_REASON && row.level === 'snippet'), 'the added snippet says it was added in place');
    const entry = next.kept.blocks.find(b => b.path === 'src/orders/pricing.ts')!;
    assert.equal(rows.reduce((sum, row) => sum + row.tokens, 0), tokenizer.count(entry.text), 'its rows add up to what the entry costs');
    const emitted = [next.context, pathHeader('src/orders/cart.ts', 'typescript') + '\n', next.prefix, next.suffix].reduce((n, part) => n + tokenizer.count(part), 0);
    assert.equal(next.usedTokens, emitted);
    assert.ok(emitted <= budgetTokens);
  });

  test('a declaration the cursor needs takes room for its snippet, not for the outline a fresh pack shows beside it', async () => {
    // Modules of twelve helpers each (an outline of about 240 tokens); the first pack shows one helper of
    // each of modules 1 to 7 (and module1's outline) and fills the budget. Then the cursor needs module0's helper most, in a file scored so
    // high that a fresh pack shows its outline too (with outlines valued at 0.75 of a declaration).
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-kept-outline-'));
    try {
      fs.mkdirSync(path.join(root, 'src'));
      for (let m = 0; m < 8; m++) {
        const helpers = Array.from({ length: 12 }, (_, h) => [`export function step${m}x${h}(value: number): number {`, ...Array.from({ length: 6 }, (_, k) => `  value = value * ${m + 2} + ${m * 100 + h * 10 + k}; // stage ${k} of module ${m}`), '  return value;', '}'].join('\n'));
        fs.writeFileSync(path.join(root, 'src', `module${m}.ts`), helpers.join('\n\n') + '\n');
      }
      fs.writeFileSync(path.join(root, 'src', 'main.ts'), 'export function pipeline(total: number): number {\n  return total;\n}\n');
      const modules = await fixtureView(root);
      const tokenizer = tokenizerFor();
      const defaults = { ...PACKING_DEFAULTS, pricing: { ...PACKING_DEFAULTS.pricing, outlineCoverage: 0.75 } };
      const helper = (m: number, score: number, fileScore = 0.15) => ({ ...rankedDeclarations(modules, `src/module${m}.ts`, { [`step${m}x0`]: score }), score: fileScore });
      const others = [2, 3, 4, 5, 6, 7].map(m => helper(m, 2 - m * 0.06));
      const request = (files: Ranking['files'], previous?: PackInput['previous']): PackInput => ({ index: modules, ranking: { packing: 'levels', files }, file: 'src/main.ts', language: 'typescript', text: modules.text('src/main.ts')!, position: { line: 1, character: 0 }, budgetTokens: 1400, tokenizer, ...(previous ? { previous } : {}) });
      const first = packContext(request([helper(1, 1.94), ...others]), defaults);
      const needsModule0 = [helper(0, 2.4, 4.3), ...others, helper(1, 1.5)];
      const fresh = packContext(request(needsModule0), defaults);
      const freshRows = fresh.items.filter(item => item.included && item.path === 'src/module0.ts').map(item => item.level).sort();
      assert.deepEqual(freshRows, ['outline', 'snippet'], 'a fresh pack shows module0 by its outline and its helper');
      const next = packContext(request(needsModule0, first.kept), defaults);
      assert.equal(next.reuse, 'start');
      // All of the first context stays: module0's outline would push its last blocks out, its helper alone does not.
      assert.equal(first.kept.blocks.length, 7);
      assert.ok(next.context.startsWith(first.context), 'the whole first context stays first');
      assert.ok(next.context.includes('export function step0x0(value: number): number {\n  value = value * 2 + 0;'), "module0's helper shown whole");
      const module0 = next.items.filter(item => item.path === 'src/module0.ts');
      assert.ok(module0.some(item => item.included && item.level === 'snippet' && item.reasons[0] === APPENDED_REASON));
      assert.ok(module0.some(item => !item.included && item.level === 'outline'), 'its outline is listed as left out');
      const emitted = [next.context, pathHeader('src/main.ts', 'typescript') + '\n', next.prefix, next.suffix].reduce((n, part) => n + tokenizer.count(part), 0);
      assert.equal(next.usedTokens, emitted);
      assert.ok(emitted <= 1400);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
