// The ranking state kept current file by file must equal one built afresh from the same index, after any
// sequence of file events: every derived table (files, mirrors, folders, reference edges and their weights,
// token rarity, chunk indexes). Events go through the real WorkspaceIndex, as the editor sends them.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { RankingState } from '../../src/core/rank/ranking-state';
import { requestView } from '../../src/core/rank/request-view';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import { FIXTURES } from './rank-helpers';

const roots: string[] = [];
after(() => roots.forEach(root => fs.rmSync(root, { recursive: true, force: true })));

/** Two fixture projects side by side, plus an emitted declaration file that mirrors a source (a mirror). */
function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ranking-state-'));
  roots.push(root);
  for (const fixture of ['pack-shop', 'bench-baselines', 'rank-ts']) fs.cpSync(path.join(FIXTURES, fixture), path.join(root, fixture), { recursive: true });
  fs.mkdirSync(path.join(root, 'types'));
  fs.writeFileSync(path.join(root, 'types', 'point.d.ts'), 'export declare class Point {\n  x: number;\n}\nexport declare function distance(a: Point, b: Point): number;\n');
  return root;
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Lines an edit may insert: new definitions, uses of names other files define, a name that becomes common. */
const PIECES = [
  'export function clamp(x: number) { return x; }',
  'export class Point { x = 1; }',
  'const d = distance(a, b) + formatNumber(2);',
  'export const summary = report([]);',
  'export function distance() { return 0; }',
  'import { Cart } from "./orders/cart";',
  'export interface Shape { area(): number }',
  'const total = percent(1, 2) * clamp(3);',
  '// a comment with tokens alpha beta gamma',
];

async function randomEvent(index: WorkspaceIndex, root: string, next: () => number, step: number): Promise<string> {
  const files = [...index.files()].map(f => f.path).sort();
  const pick = () => files[Math.floor(next() * files.length)];
  const piece = () => PIECES[Math.floor(next() * PIECES.length)];
  const edit = (text: string) => {
    const lines = text.split('\n');
    const at = Math.floor(next() * (lines.length + 1));
    if (next() < 0.3 && lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1);
    else lines.splice(at, 0, piece());
    return lines.join('\n');
  };
  const kind = Math.floor(next() * 6);
  if (kind === 0) {
    const file = pick();
    fs.writeFileSync(path.join(root, file), edit(index.text(file)!));
    await index.updateFile(file);
    return `edit ${file} on disk`;
  }
  if (kind === 1) {
    const file = pick();
    await index.updateFile(file, edit(index.text(file)!)); // an unsaved buffer
    return `edit ${file} in a buffer`;
  }
  if (kind === 2) {
    const file = `pack-shop/src/added${step}.ts`;
    fs.writeFileSync(path.join(root, file), [piece(), piece(), piece()].join('\n'));
    await index.updateFile(file);
    return `add ${file}`;
  }
  if (kind === 3) {
    const file = pick();
    fs.rmSync(path.join(root, file));
    await index.removeFile(file);
    return `delete ${file}`;
  }
  if (kind === 4) {
    const from = pick();
    const to = from.replace(/(\.\w+)$/, `_moved${step}$1`);
    fs.renameSync(path.join(root, from), path.join(root, to));
    await index.renameFile(from, to);
    return `rename ${from} -> ${to}`;
  }
  // A branch switch: many files change at once, the state catches up only afterwards.
  const changed = new Set(Array.from({ length: 5 }, pick));
  for (const file of changed) {
    fs.writeFileSync(path.join(root, file), edit(edit(index.text(file)!)));
    await index.updateFile(file);
  }
  return `change ${[...changed].join(', ')}`;
}

function fresh(index: WorkspaceIndex): Record<string, unknown> {
  const state = new RankingState(index);
  state.sync();
  state.chunks({ windowLines: 60, strideLines: 10 }); // the Jaccard baseline's windows, as the maintained state has them
  return state.tables();
}

/** A ranking state built over `index`, with the Jaccard baseline's windows as `fresh` has them. */
async function builtState(index: WorkspaceIndex): Promise<RankingState> {
  const state = new RankingState(index);
  await state.build({ sliceMs: 1 });
  state.chunks({ windowLines: 60, strideLines: 10 });
  return state;
}

/** A built index on a fresh copy of the fixture workspace, disposed after `run`. */
async function withBuiltIndex(run: (index: WorkspaceIndex, root: string) => Promise<void>): Promise<void> {
  const root = workspace();
  const index = await WorkspaceIndex.open({ root, cacheDir: false });
  try {
    await index.build();
    await run(index, root);
  } finally {
    await index.dispose();
  }
}

/** The maintained tables equal a fresh build's, chunks aside (a state that never chunked has none). */
/**
 * The fixture workspace indexed twice, each built: one index with room for one or two texts (the others are
 * evicted as soon as the next is kept), one keeping them all; both disposed after `run`.
 */
async function withSmallAndWholeIndexes(run: (small: WorkspaceIndex, whole: WorkspaceIndex) => Promise<void>): Promise<void> {
  const root = workspace();
  const small = await WorkspaceIndex.open({ root, cacheDir: false, textCacheBytes: 2000 });
  const whole = await WorkspaceIndex.open({ root, cacheDir: false });
  try {
    await small.build();
    await whole.build();
    const evicted = [...small.files()].filter(file => small.textInMemory(file.path) === undefined).length;
    assert.ok(evicted > 10, `most texts are not in memory (${evicted})`);
    await run(small, whole);
  } finally {
    await small.dispose();
    await whole.dispose();
  }
}

function assertEqualsFreshBuildButChunks(state: RankingState, index: WorkspaceIndex): void {
  const { chunks: _maintained, ...maintained } = state.tables();
  const { chunks: _fresh, ...built } = fresh(index);
  assert.deepEqual(maintained, built);
}

describe('ranking state', () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: after each of 25 random file events, the maintained state equals a fresh build`, () =>
      withBuiltIndex(async (index, root) => {
        const state = await builtState(index);
        assert.ok(state.mirrors.has('types/point.d.ts'), 'the emitted declaration file is a mirror');
        const next = random(seed);
        for (let step = 0; step < 25; step++) {
          const event = await randomEvent(index, root, next, step);
          state.sync();
          assert.deepEqual(state.tables(), fresh(index), `after step ${step}: ${event}`);
        }
      }));
  }

  test('a buffer typed in key by key, and other files between, keeps the state equal to a fresh build', () =>
    withBuiltIndex(async index => {
      const state = await builtState(index);
      const file = 'pack-shop/src/orders/cart.ts';
      let text = index.text(file)!;
      const other = 'rank-ts/src/router.ts';
      // Typing a new name adds tokens (`z`, `zeta`, `zeta`+`Widget`…), deleting it drops them again; a line break
      // moves every window after it.
      const keys = [...'\nconst zetaWidget = 1;', ...Array(8).fill('\b'), ...'Gauge;'];
      for (const [step, key] of keys.entries()) {
        const at = text.indexOf('\n', text.length >> 1);
        text = key === '\b' ? text.slice(0, at - 1) + text.slice(at) : text.slice(0, at) + key + text.slice(at);
        await index.updateFile(file, text);
        if (step % 5 === 4) await index.updateFile(other, `${index.text(other)!}\n// omega ${step}`);
        state.sync();
        assert.deepEqual(state.tables(), fresh(index), `after key ${step} (${JSON.stringify(key)})`);
      }
    }));

  test('a mirror typed in stays one while its top-level names do, and stops being one when it declares what no source does', () =>
    withBuiltIndex(async index => {
      const state = await builtState(index);
      const file = 'types/point.d.ts';
      const original = index.text(file)!;
      const steps: [string, boolean][] = [
        [original.replace('x: number;', 'x: number;\n  y: number;'), true], // a member: the same top-level names
        [`${original}export declare function onlyHere(): void;\n`, false], // 2 of 3 names in sources: below the share
        [`${original}export declare function onlyHere(): number;\n`, false],
        [original.replace('x: number;', 'x: string;'), true],
      ];
      for (const [step, [text, mirror]] of steps.entries()) {
        await index.updateFile(file, text);
        state.sync();
        assert.equal(state.mirrors.has(file), mirror, `step ${step}`);
        assert.deepEqual(state.tables(), fresh(index), `after step ${step}`);
      }
    }));

  test('a name defined in more files than an edge may go to, then in fewer: its edges come back as a fresh build has them', () =>
    withBuiltIndex(async index => {
      const state = await builtState(index);
      const limit = DEFAULT_WEIGHTS.pagerank.maxDefiningFilesPerEdge;
      const definers = Array.from({ length: limit + 3 }, (_, i) => `common/def${i}.ts`);
      for (const file of definers) await index.updateFile(file, 'export function sharedHelper() { return 1; }\n');
      await index.updateFile('common/user.ts', "export const used = sharedHelper() + sharedHelper();\n");
      state.sync();
      assert.deepEqual(state.tables(), fresh(index), 'defined everywhere: no edge');
      // Each keystroke in the referencing file asks again whether the name has few definers.
      await index.updateFile('common/user.ts', "export const used = sharedHelper() + sharedHelper() + 1;\n");
      state.sync();
      for (const file of definers.slice(2)) {
        await index.updateFile(file, 'export const other = 2;\n');
        state.sync();
        assert.deepEqual(state.tables(), fresh(index), `after ${file} stopped defining it`);
      }
    }));

  test('a build interrupted by file events catches up through the journal', () =>
    withBuiltIndex(async (index, root) => {
      const state = new RankingState(index);
      const building = state.build({ sliceMs: 0 });
      const next = random(9);
      for (let step = 0; step < 4; step++) await randomEvent(index, root, next, step);
      await building;
      state.sync();
      assertEqualsFreshBuildButChunks(state, index);
    }));

  test('the warm-up finishes the build a request with a deadline started in the background, and redoes nothing', () =>
    withBuiltIndex(async index => {
      const puts = new Map<string, number>();
      const state = new RankingState(index, {
        takeChunks: file => {
          puts.set(file, (puts.get(file) ?? 0) + 1);
          return index.takeChunks(file);
        },
      });
      assert.equal(state.sync({ shouldStop: () => false }, true), false, 'a request with a deadline leaves the build to the background');
      await state.build({ sliceMs: 1 });
      assert.ok(state.current);
      assert.equal(puts.size, [...index.files()].length);
      assert.deepEqual([...puts].filter(([, times]) => times !== 1), [], 'each file put once');
      const fromTexts = new RankingState(index);
      fromTexts.sync();
      assert.deepEqual(state.tables(), fromTexts.tables());
    }));

  test('after file events the state catches up by itself once the index is quiet, equal to a fresh build', { timeout: 120_000 }, () =>
    withBuiltIndex(async (index, root) => {
      const state = new RankingState(index);
      await state.build({ sliceMs: 1 });
      const next = random(5);
      for (let step = 0; step < 6; step++) await randomEvent(index, root, next, step);
      assert.equal(state.current, false, 'the events are not taken in yet');
      state.catchUpSoon({ idleMs: 0, maxWaitMs: 0 });
      while (!state.current) await new Promise(resolve => setTimeout(resolve, 5));
      assertEqualsFreshBuildButChunks(state, index);
    }));

  test('files whose texts the index does not keep in memory join the lexical tables once loaded, as if all were in memory', () =>
    withSmallAndWholeIndexes(async (small, whole) => {
      const withoutLoads = new RankingState(small);
      await withoutLoads.build({ sliceMs: 1 });
      withoutLoads.chunks({ windowLines: 60, strideLines: 10 });
      assert.notDeepEqual(withoutLoads.tables(), fresh(whole), 'without loads, the evicted files have no chunks');
      const state = new RankingState(small, { loadText: file => small.loadText(file) });
      await state.build({ sliceMs: 1 });
      state.chunks({ windowLines: 60, strideLines: 10 });
      await state.textsTakenIn();
      assert.deepEqual(state.tables(), fresh(whole));
    }));

  test('the windows the index workers computed replace the texts: an index that keeps almost none gives the tables of one that keeps them all', () =>
    withSmallAndWholeIndexes(async (small, whole) => {
      const state = new RankingState(small, { takeChunks: file => small.takeChunks(file) });
      await state.build({ sliceMs: 1 });
      const fromTexts = new RankingState(whole);
      fromTexts.sync();
      assert.deepEqual(state.tables(), fromTexts.tables());
      assert.equal(small.takeChunks('pack-shop/src/app.ts'), undefined, 'handed over once');
    }));

  test('after random file events, a state fed the workers\' windows equals one chunking the texts', () =>
    withBuiltIndex(async (index, root) => {
      const state = new RankingState(index, { takeChunks: file => index.takeChunks(file) });
      await state.build({ sliceMs: 1 });
      const next = random(4);
      for (let step = 0; step < 25; step++) {
        const event = await randomEvent(index, root, next, step);
        state.sync();
        const fromTexts = new RankingState(index);
        fromTexts.sync();
        assert.deepEqual(state.tables(), fromTexts.tables(), `after step ${step}: ${event}`);
      }
    }));

  test("a request's buffer replaces its file for the request only: the next request ranks on the tables as before", () =>
    withBuiltIndex(async index => {
      const state = new RankingState(index);
      state.sync();
      const before = state.tables();
      const file = 'pack-shop/src/app.ts';
      const text = index.text(file)!.replace('export function report', 'export function distance');
      const symbols = await index.parse('typescript', text);
      const view = requestView(index, { path: file, language: 'typescript', text, symbols, resolvedImports: index.resolveImports(file, 'typescript', symbols.imports) });
      const during = state.during(view, file, () => ({ tables: state.tables(), definers: state.definers('distance') }))!;
      assert.ok(during.definers.includes(file), 'the buffer defines `distance` during the request');
      assert.notDeepEqual(during.tables, before);
      // The next request, on another file and with nothing changed in the index, sees no trace of that buffer.
      const next = state.during(index, 'pack-shop/src/util/format.ts', () => ({ tables: state.tables(), definers: state.definers('distance') }))!;
      assert.ok(!next.definers.includes(file));
      assert.deepEqual(next.tables, before);
    }));

  test("a request's buffer whose own update lands afterwards leaves the tables a fresh build of the updated index would have", () =>
    withBuiltIndex(async index => {
      const state = await builtState(index);
      const file = 'pack-shop/src/app.ts';
      const text = index.text(file)!.replace('export function report', 'export function distance');
      const symbols = await index.parse('typescript', text);
      const view = requestView(index, { path: file, language: 'typescript', text, symbols, resolvedImports: index.resolveImports(file, 'typescript', symbols.imports) });
      // The editor's order: the buffer's update is sent, and its request ranks before the update is done.
      const update = index.updateFile(file, text);
      assert.notEqual(view, index);
      assert.ok(state.during(view, file, () => state.definers('distance'))!.includes(file));
      assert.notEqual(index.text(file), text, 'the update had not landed when the request ranked');
      await update;
      state.sync();
      assert.deepEqual(state.tables(), fresh(index));
    }));
});
