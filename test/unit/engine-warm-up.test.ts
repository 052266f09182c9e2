// The engine's warm-up ends with builds thrown away (rehearsals, engine.ts): at the middle of each of the
// most imported files, with a buffer as a user's and a keystroke in it, asking no language server, leaving
// nothing that the user's first request would reuse.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { ContextEngine } from '../../src/core/engine';
import { HeadlessLanguageFacts } from '../../src/core/facts';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { mostImportedFirst } from '../../src/core/pack';
import { KEPT_REASON } from '../../src/core/pack/reuse';
import type { EngineRequest } from '../../src/core/service/api';
import { SHOP } from './pack-fixture';

/** The rehearsals' budget, so that a context one kept would be offered to the request after it. */
const REHEARSAL_BUDGET = 4096;
/** How many files are rehearsed at most (engine.ts REHEARSALS): all of the fixture's. */
const REHEARSALS = 8;

describe('warmUp rehearses builds', () => {
  let engine: ContextEngine;
  let facts: HeadlessLanguageFacts;
  before(async () => {
    facts = new HeadlessLanguageFacts({ root: SHOP });
    engine = await ContextEngine.open({ root: SHOP, cacheDir: false, facts });
  });
  after(() => engine.dispose());

  test('at the middle of each of the most imported files, with no language server started and nothing kept for the next request', async () => {
    const builds = mock.method(engine as unknown as { buildStages: (request: EngineRequest) => Promise<unknown> }, 'buildStages');
    const parses = mock.method((engine as unknown as { index: WorkspaceIndex }).index, 'parse');
    await engine.warmUp();
    const files = mostImportedFirst(engine.indexView);
    assert.ok(files.length > 1, 'the fixture has several files to rehearse at');
    const central = files[0]!;
    assert.equal(central.path, 'src/util/format.ts', 'the fixture’s most imported file');
    const middleOf = (path: string) => Math.floor(engine.indexView.text(path)!.split('\n').length / 2);
    const middle = middleOf(central.path);
    // The most imported first; as many as the warm-up's time allows (a second: on a loaded machine the fixture's
    // eight may not all fit), the first one always.
    const rehearsed = builds.mock.calls.length;
    assert.ok(rehearsed >= 1 && rehearsed <= REHEARSALS, `${rehearsed} rehearsals`);
    assert.deepEqual(
      builds.mock.calls.map(call => [call.arguments[0].file, call.arguments[0].position.line, call.arguments[0].budgetTokens]),
      files.slice(0, rehearsed).map(file => [file.path, middleOf(file.path), REHEARSAL_BUDGET]),
    );
    // Each with the buffer of a user about to type there: the file's text, that line emptied.
    for (const { arguments: [request] } of builds.mock.calls) {
      const lines = engine.indexView.text(request.file)!.split('\n');
      lines[request.position.line] = '';
      assert.equal(request.text, lines.join('\n'));
      // Then a keystroke there, parsed as the buffer of that file: the worker's extraction of an edit is compiled too.
      lines[request.position.line] = 'x';
      assert.ok(parses.mock.calls.some(call => call.arguments[1] === lines.join('\n') && call.arguments[2] === request.file), request.file);
    }
    builds.mock.restore();
    parses.mock.restore();
    assert.deepEqual(facts.status(), [], 'no server was started');
    assert.deepEqual((await engine.stats()).builds.done, 0, 'a rehearsal is no build of the user’s');

    // The same file, budget and lines: a context the rehearsal kept would be emitted again, marked kept.
    const next = await engine.buildContext({ file: central.path, position: { line: middle, character: 0 }, budgetTokens: REHEARSAL_BUDGET });
    const included = next.manifest.items.filter(item => item.included && item.path !== central.path);
    assert.ok(included.length > 0, 'the request packed other files');
    assert.ok(included.every(item => !item.reasons.includes(KEPT_REASON)), included.map(item => item.reasons.join('; ')).join('\n'));
    // The request after it, one line down, does reuse: the check above could see a kept context.
    const after = await engine.buildContext({ file: central.path, position: { line: middle + 1, character: 0 }, budgetTokens: REHEARSAL_BUDGET });
    assert.ok(after.manifest.items.some(item => item.included && item.reasons.includes(KEPT_REASON)));
  });

  test('rehearse: false builds nothing', async () => {
    const builds = mock.method(engine as unknown as { buildStages: (request: EngineRequest) => Promise<unknown> }, 'buildStages');
    await engine.warmUp({ rehearse: false });
    assert.equal(builds.mock.callCount(), 0);
    builds.mock.restore();
  });
});

// A large workspace has more text than the index keeps in memory (64 MB by default): the warm-up loads the
// texts it counts, and packing reads a file from its counted lines when the index no longer holds its text.
describe('warmUp with more text than the index keeps', () => {
  const request: EngineRequest = { file: 'src/app.ts', position: { line: 3, character: 0 }, budgetTokens: 4096 };
  const packed = (items: readonly { path: string; startLine: number; endLine: number; level: string; included: boolean }[]) =>
    items.filter(item => item.included).map(item => `${item.path}:${item.startLine}-${item.endLine} ${item.level}`);

  /** What the request packs after a warm-up, with the index keeping at most `textCacheBytes` of text; no file may be left out for want of its text. */
  async function packedWarm(asked: EngineRequest, textCacheBytes?: number): Promise<string[]> {
    const engine = await ContextEngine.open({ root: SHOP, cacheDir: false, ...(textCacheBytes === undefined ? {} : { textCacheBytes }) });
    try {
      if (textCacheBytes !== undefined) {
        assert.ok([...engine.indexView.files()].filter(file => engine.indexView.text(file.path) === undefined).length >= 4, 'most texts are not in memory');
      }
      await engine.warmUp({ rehearse: false });
      const { items } = (await engine.buildContext(asked)).manifest;
      assert.deepEqual(items.filter(item => item.dropped?.includes('not in memory')).map(item => item.path), []);
      return packed(items);
    } finally {
      await engine.dispose();
    }
  }

  // Room for one text in the small index; it runs first, so no count is cached from the other one.
  test('packs what an index holding every text packs, and leaves no file out for want of its text', async () => {
    const fromSmall = await packedWarm(request, 1000);
    const fromWhole = await packedWarm(request);
    assert.ok(fromWhole.some(item => !item.startsWith(request.file)), 'other files are packed');
    assert.deepEqual(fromSmall, fromWhole);
  });

  test('a request loads the texts it would pack and that no counts hold before packing', async () => {
    // The warm-up counts with the default tokenizer: with this one nothing is counted yet (no test here used it).
    const counted: EngineRequest = { ...request, tokenizer: 'cl100k_base' };
    assert.deepEqual(await packedWarm(counted, 1000), await packedWarm(counted));
  });
});
