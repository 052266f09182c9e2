// The completion path answers from memory: once the index is ready, building a context reads nothing from
// disk. The texts it needs are kept by the index within a byte budget (least recently used out first), and
// a text that is not in memory is loaded in the background instead of being read on the asking path.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
// The module object itself (not a namespace copy), so that the spies replace what the engine calls.
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { RankingState } from '../../src/core/rank/ranking-state';
import { SHOP } from './pack-fixture';

/** Every way of reading a file or its metadata that node:fs offers, synchronous, callback and promise. */
const SYNC_READS = ['readFileSync', 'readSync', 'openSync', 'statSync', 'lstatSync', 'fstatSync', 'existsSync', 'readdirSync', 'createReadStream'] as const;
const CALLBACK_READS = ['readFile', 'read', 'open', 'stat', 'lstat', 'readdir'] as const;
const PROMISE_READS = ['readFile', 'open', 'stat', 'lstat', 'readdir'] as const;

/** Runs `body` with every fs read counted (and still performed); returns what was read. */
async function diskReadsDuring(body: () => Promise<unknown>): Promise<string[]> {
  const spies = [
    ...SYNC_READS.map(name => [`fs.${name}`, mock.method(fs, name)] as const),
    ...CALLBACK_READS.map(name => [`fs.${name}`, mock.method(fs, name)] as const),
    ...PROMISE_READS.map(name => [`fs.promises.${name}`, mock.method(fs.promises, name)] as const),
  ];
  try {
    await body();
  } finally {
    for (const [, spy] of spies) spy.mock.restore();
  }
  return spies.flatMap(([name, spy]) => spy.mock.calls.map(call => `${name}(${String(call.arguments[0])})`));
}

/** The tables of a ranking state built on `index` as the engine builds it (index/warm-reads.ts hands it windows). */
async function builtTables(index: WorkspaceIndex): Promise<Record<string, unknown>> {
  const state = new RankingState(index, { loadText: p => index.loadText(p), takeChunks: p => index.takeChunks(p), warmRead: p => index.warmRead(p) });
  await state.build();
  await state.textsTakenIn();
  return state.tables();
}

const SOURCES = ['src/app.ts', 'src/orders/cart.ts', 'src/orders/pricing.ts', 'src/geometry/shapes.ts', 'src/util/format.ts', 'pkg/service.py'];

describe('the completion path reads no file', () => {
  let engine: ContextEngine;
  before(async () => {
    engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
    // Ready as the editor sees it: warmed up, and the first request made (modules load lazily on first use).
    await engine.warmUp();
    await engine.buildContext({ file: 'src/app.ts', position: { line: 10, character: 14 }, budgetTokens: 1024 });
  });
  after(() => engine.dispose());

  test('buildContext for files and positions not asked before, with and without the buffer, performs no disk read', async () => {
    const reads = await diskReadsDuring(async () => {
      for (const file of SOURCES) {
        const text = engine.indexView.text(file)!;
        const lines = text.split('\n').length;
        for (const line of [0, Math.floor(lines / 2), lines - 1]) {
          await engine.buildContext({ file, position: { line, character: 0 }, budgetTokens: 2048 });
          await engine.buildContext({ file, text: `${text}\n// typed`, position: { line, character: 0 }, budgetTokens: 4096 });
        }
      }
    });
    assert.deepEqual(reads, []);
  });

  test('the spy sees reads: a test that cannot fail proves nothing', async () => {
    const reads = await diskReadsDuring(async () => {
      fs.readFileSync(path.join(SHOP, 'src/app.ts'));
      await fs.promises.readFile(path.join(SHOP, 'src/app.ts'));
    });
    assert.ok(reads.some(read => read.startsWith('fs.readFileSync(')), reads.join());
    assert.ok(reads.some(read => read.startsWith('fs.promises.readFile(')), reads.join());
  });
});

describe('WorkspaceIndex texts', () => {
  test('a warm start loads the texts in the background; once loaded, text() answers every file without reading', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-texts-'));
    try {
      const first = await WorkspaceIndex.open({ root: SHOP, cacheDir });
      await first.build();
      const expected = new Map([...first.files()].map(f => [f.path, first.text(f.path)]));
      await first.dispose();

      const warm = await WorkspaceIndex.open({ root: SHOP, cacheDir });
      const summary = await warm.build();
      assert.equal(summary.cacheHits, expected.size, 'every file came from the cache: none was read to be parsed');
      await warm.textsLoaded();
      const reads = await diskReadsDuring(async () => {
        for (const [file, text] of expected) assert.equal(warm.text(file), text, file);
      });
      assert.deepEqual(reads, []);
      await warm.dispose();
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a warm start\'s reads hand over every file\'s windows, as a cold build\'s workers do, and the ranking state takes them without reading', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-warm-chunks-'));
    const windowsOf = (index: WorkspaceIndex) =>
      new Map([...index.files()].map(file => {
        const handed = index.takeChunks(file.path);
        return [file.path, handed && { hash: handed.hash, tokens: handed.chunks.tokens, windows: [...handed.chunks.windows] }];
      }));
    try {
      const cold = await WorkspaceIndex.open({ root: SHOP, cacheDir });
      await cold.build();
      const fromCold = windowsOf(cold);
      const coldTables = await builtTables(cold);
      await cold.dispose();
      assert.ok([...fromCold.values()].every(handed => handed !== undefined), 'the cold build chunked every file');

      const warm = await WorkspaceIndex.open({ root: SHOP, cacheDir });
      assert.equal((await warm.build()).cacheHits, fromCold.size);
      await warm.textsLoaded();
      assert.deepEqual(windowsOf(warm), fromCold);
      assert.equal(warm.takeChunks('src/app.ts'), undefined, 'handed over once');
      await warm.dispose();

      // The ranking state built while the reads run waits for each file's windows instead of reading it.
      const again = await WorkspaceIndex.open({ root: SHOP, cacheDir });
      await again.build();
      let tables: Record<string, unknown> | undefined;
      const reads = await diskReadsDuring(async () => (tables = await builtTables(again)));
      assert.deepEqual(reads, []);
      assert.deepEqual(tables, coldTables);
      await again.dispose();
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a warm start\'s reads stop with the index: disposed or built again while they run, nothing hangs or is lost', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-warm-stop-'));
    try {
      const first = await WorkspaceIndex.open({ root: SHOP, cacheDir, batchSize: 1 });
      await first.build();
      const expected = new Map([...first.files()].map(f => [f.path, first.text(f.path)]));
      await first.dispose();

      const disposed = await WorkspaceIndex.open({ root: SHOP, cacheDir, batchSize: 1 });
      await disposed.build();
      const waiting = disposed.warmRead([...expected.keys()].at(-1)!);
      assert.ok(waiting, 'the last file\'s read is still to come');
      await disposed.dispose();
      await waiting; // given up with the reads: a build waiting on it goes on

      const rebuilt = await WorkspaceIndex.open({ root: SHOP, cacheDir, batchSize: 1 });
      await rebuilt.build();
      await rebuilt.build(); // while the first build's reads run
      await rebuilt.textsLoaded();
      for (const [file, text] of expected) assert.equal(rebuilt.text(file), text, file);
      assert.ok([...expected.keys()].every(file => rebuilt.takeChunks(file) !== undefined), 'every file\'s windows handed over');
      await rebuilt.dispose();
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a warm start indexes again a file whose content changed under the size and time the cache holds', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-warm-stamp-'));
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-warm-stamp-cache-'));
    try {
      fs.cpSync(SHOP, root, { recursive: true });
      const edited = path.join(root, 'src/util/format.ts');
      const longAgo = new Date(Date.now() - 3_600_000);
      fs.utimesSync(edited, longAgo, longAgo);
      const first = await WorkspaceIndex.open({ root, cacheDir });
      await first.build();
      assert.ok(first.file('src/util/format.ts')!.definitions.some(d => d.name === 'formatNumber'));
      await first.dispose();

      // Same length, same time: as a checkout or a tool that puts the time back leaves it.
      const text = fs.readFileSync(edited, 'utf8').replace('formatNumber', 'formatAmount');
      fs.writeFileSync(edited, text);
      fs.utimesSync(edited, longAgo, longAgo);
      const warm = await WorkspaceIndex.open({ root, cacheDir });
      try {
        assert.equal((await warm.build()).cacheHits, [...warm.files()].length, 'the stamp is trusted at the start');
        await warm.textsLoaded();
        const names = warm.file('src/util/format.ts')!.definitions.map(d => d.name);
        assert.ok(names.includes('formatAmount') && !names.includes('formatNumber'), names.join());
        assert.equal(warm.text('src/util/format.ts'), text);
      } finally {
        await warm.dispose();
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a scan over every file, as the ranking state\'s build, finds what is in memory and queues no read', async () => {
    // Misses on a scan say nothing about what a request will read: queued, each read would run beside the
    // first requests after the warm-up and evict a text one of them uses (a large workspace queued ~1,000).
    const index = await WorkspaceIndex.open({ root: SHOP, cacheDir: false, textCacheBytes: 1 });
    try {
      await index.build();
      assert.equal(index.text('src/app.ts'), undefined, 'no text is in memory');
      await index.textsLoaded(); // the load that miss queued
      const state = new RankingState(index); // no loadText: its own loads are not what is looked at here
      const reads = await diskReadsDuring(async () => {
        await state.build();
        await index.textsLoaded();
      });
      assert.deepEqual(reads, []);
    } finally {
      await index.dispose();
    }
  });

  test('within a small budget the least recently used texts go; a miss answers undefined at once and loads for later', async () => {
    const index = await WorkspaceIndex.open({ root: SHOP, cacheDir: false, textCacheBytes: 1 });
    try {
      await index.build();
      const onDisk = fs.readFileSync(path.join(SHOP, 'src/app.ts'), 'utf8');
      // A one-character budget holds no file: every text is a miss.
      let answer: string | undefined = 'not asked';
      const reads = await diskReadsDuring(async () => {
        answer = index.text('src/app.ts');
      });
      assert.equal(answer, undefined);
      assert.deepEqual(reads, [], 'a miss does not read on the asking path');
      assert.equal(await index.loadText('src/app.ts'), onDisk, 'the load scheduled by the miss (or a wait for it) gets the text');
    } finally {
      await index.dispose();
    }

    const sizes = new Map<string, number>();
    const full = await WorkspaceIndex.open({ root: SHOP, cacheDir: false });
    try {
      await full.build();
      for (const f of full.files()) sizes.set(f.path, full.text(f.path)!.length);
    } finally {
      await full.dispose();
    }
    // A budget for `kept` and `older` only; `newest` is no larger than `older`, so loading it evicts exactly one.
    const [newest, older, kept] = [...sizes.keys()].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
    const lru = await WorkspaceIndex.open({ root: SHOP, cacheDir: false, textCacheBytes: sizes.get(kept)! + sizes.get(older)! });
    try {
      await lru.build();
      await lru.loadText(older);
      await lru.loadText(kept);
      await lru.loadText(newest);
      assert.equal(lru.text(older), undefined, 'least recently used: evicted');
      assert.notEqual(lru.text(kept), undefined, 'used after it: kept');
      assert.notEqual(lru.text(newest), undefined);
    } finally {
      await lru.dispose();
    }
  });
});
