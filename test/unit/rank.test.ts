import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { oursStrategy, PINNED_REASON } from '../../src/core/rank';
import type { EditorSignals, Ranking } from '../../src/core/types';
import { cursorFacts, openFixture, typeOver, rankingStateOf } from './rank-helpers';

async function rankTyping(index: WorkspaceIndex, file: string, lineContaining: string, typed: string, signals?: EditorSignals): Promise<Ranking> {
  const buffer = typeOver(index, file, lineContaining, typed);
  const cursor = await cursorFacts(index, file, buffer);
  return oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text: buffer.text, ...(signals ? { signals } : {}) });
}

function paths(ranking: Ranking): string[] {
  return ranking.files.map(f => f.path);
}

describe('ours ranking on a TypeScript project', () => {
  let index: WorkspaceIndex;
  before(async () => {
    index = await openFixture('rank-ts');
  });
  after(async () => {
    await index.dispose();
  });

  test('the defining file of an imported name used at the cursor ranks first, through a barrel re-export', async () => {
    const ranking = await rankTyping(index, 'src/app.ts', "errors.report(0, 'ok');", '  const again = new ErrorHandler(');
    assert.equal(ranking.packing, 'levels');
    const [first] = ranking.files;
    assert.equal(first.path, 'src/lib/errors.ts');
    assert.equal(first.source, 'definitions');
    assert.ok(first.reasons.includes('defines `ErrorHandler`, imported and used on the cursor line'), first.reasons.join(' | '));
    assert.equal(first.spans[0].definition?.name, 'ErrorHandler');
    assert.equal(first.spans[0].startLine, 5);
    // The same class name in another file is not the imported one: it must not outrank the real definition.
    const decoy = paths(ranking).indexOf('src/generated/errors-copy.ts');
    assert.ok(decoy === -1 || decoy > 0);
    assert.ok(!paths(ranking).includes('src/app.ts'), 'the current file is never a candidate');
  });

  test('`svc.handle(` with `svc: Service` ranks the file defining Service.handle above another `handle`', async () => {
    const ranking = await rankTyping(index, 'src/app.ts', 'return svc.handle({ path });', '  return svc.handle(');
    assert.equal(ranking.files[0].path, 'src/service.ts');
    assert.ok(ranking.files[0].reasons.includes('defines `Service.handle`, used on the cursor line'), ranking.files[0].reasons.join(' | '));
    const handleSpan = ranking.files[0].spans.find(s => s.definition?.name === 'handle');
    // The use on the cursor line is the strongest reason; the file's other uses of `svc.handle` follow.
    assert.deepEqual(handleSpan?.reasons, ['defines `Service.handle`, used on the cursor line', 'defines `svc.handle`, used once in this file']);
    assert.ok(paths(ranking).indexOf('src/router.ts') > 0);
  });

  test('a member access on an untyped receiver ranks the only file defining that member first', async () => {
    const ranking = await rankTyping(index, 'src/worker.ts', 'job.dispatch(', '  job.dispatch(');
    assert.equal(ranking.files[0].path, 'src/router.ts');
    assert.ok(ranking.files[0].reasons.includes('defines `dispatch`, member access `job.dispatch` on the cursor line'), ranking.files[0].reasons.join(' | '));
    assert.equal(ranking.files[0].spans[0].definition?.name, 'dispatch');
  });

  test('inside a subclass, the base class is ranked for what `this.` reaches', async () => {
    // A complete statement: half-typed ones can break the parse of the whole class.
    const ranking = await rankTyping(index, 'src/admin.ts', 'return paths.map', '    return paths.length > 0 ? [] : paths;');
    assert.equal(ranking.files[0].path, 'src/service.ts');
    assert.ok(ranking.files[0].reasons.includes('defines `Service`, which the enclosing `AdminService` extends'), ranking.files[0].reasons.join(' | '));
  });

  test('a variable named after a declared type is taken to be of it: `router` -> Router', async () => {
    const ranking = await rankTyping(index, 'src/mount.js', 'return paths.length;', '  return paths.length;');
    const router = ranking.files.find(f => f.path === 'src/router.ts');
    assert.equal(ranking.files[0].path, 'src/router.ts');
    assert.ok(router?.reasons.includes('defines `Router`, the type of `router` used 1 line above the cursor'), router?.reasons.join(' | '));
    assert.ok(router?.reasons.includes('defines `Router.handle`, used 1 line above the cursor'), 'the member of that type, not any `handle`');
  });

  test('the import graph: importers and barrels are candidates with their reasons; imported declarations outrank the rest', async () => {
    const ranking = await rankTyping(index, 'src/app.ts', 'return svc.handle({ path });', '  return svc.handle(');
    const main = ranking.files.find(f => f.path === 'src/main.ts');
    assert.ok(main?.reasons.includes('imports this file'), main?.reasons.join(' | '));
    const barrel = ranking.files.find(f => f.path === 'src/lib/index.ts');
    assert.ok(barrel?.reasons.includes('imported by this file'));
    assert.ok(paths(ranking).indexOf('src/lib/errors.ts') < paths(ranking).indexOf('src/lib/index.ts'), 'a barrel ranks below what it re-exports');
    const logger = ranking.files.find(f => f.path === 'src/lib/logger.ts');
    assert.ok(logger?.reasons.some(r => r === 'defines `Logger`, imported by this file as `Log` (re-exported by `src/lib/index.ts`)'), logger?.reasons.join(' | '));
    for (const file of ranking.files) {
      const scores = file.spans.map(s => s.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `spans of ${file.path} best first`);
    }
    const scores = ranking.files.map(f => f.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'files best first');
  });

  test('pins come first with their reason; excluded files and folders never appear', async () => {
    const signals: EditorSignals = { pinned: ['src/notes.ts'], excluded: ['src/lib', 'src/generated/errors-copy.ts'] };
    const ranking = await rankTyping(index, 'src/app.ts', "errors.report(0, 'ok');", '  const again = new ErrorHandler(', signals);
    assert.equal(ranking.files[0].path, 'src/notes.ts');
    assert.equal(ranking.files[0].pinned, true);
    assert.equal(ranking.files[0].source, 'pinned');
    assert.equal(ranking.files[0].reasons[0], PINNED_REASON);
    assert.equal(ranking.files[0].spans[0].definition?.name, 'RELEASE_NOTES');
    assert.ok(paths(ranking).length > 1);
    for (const path of paths(ranking)) assert.ok(!path.startsWith('src/lib/') && path !== 'src/generated/errors-copy.ts', `${path} is excluded`);
    assert.ok(ranking.files.every(f => f.reasons.every(r => !r.includes('src/lib/'))), 'excluded files are not even cited');
  });

  test('recency from the editor is a reason', async () => {
    const ranking = await rankTyping(index, 'src/app.ts', "errors.report(0, 'ok');", '  errors.', { recentlyEdited: ['src/notes.ts'] });
    assert.ok(ranking.files.find(f => f.path === 'src/notes.ts')?.reasons.includes('recently edited'));
  });

  test('deterministic: the same input twice gives deep-equal rankings', async () => {
    const buffer = typeOver(index, 'src/app.ts', 'return svc.handle({ path });', '  return svc.handle(');
    const cursor = await cursorFacts(index, 'src/app.ts', buffer);
    const first = oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text: buffer.text });
    const second = oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text: buffer.text });
    assert.deepEqual(second, first);
    assert.ok(first.files.length > 3);
  });
});

describe('ours ranking on a Python project', () => {
  let index: WorkspaceIndex;
  before(async () => {
    index = await openFixture('rank-py');
  });
  after(async () => {
    await index.dispose();
  });

  test('an imported class used at the cursor: its defining module first, through the package __init__', async () => {
    const ranking = await rankTyping(index, 'shop/checkout.py', 'product = Product(sku, price)', '    product = Product(');
    assert.equal(ranking.files[0].path, 'shop/store/models.py');
    assert.ok(ranking.files[0].reasons.includes('defines `Product`, imported and used on the cursor line'), ranking.files[0].reasons.join(' | '));
    assert.equal(ranking.files[0].spans[0].definition?.name, 'Product');
  });

  test('`repo.save(` after `repo = Repository()`: Repository.save ranks above another class\'s `save`', async () => {
    const ranking = await rankTyping(index, 'shop/checkout.py', 'repo.save(sku, product)', '    repo.save(');
    assert.equal(ranking.files[0].path, 'shop/store/repository.py');
    assert.ok(ranking.files[0].reasons.includes('defines `Repository.save`, used on the cursor line'), ranking.files[0].reasons.join(' | '));
    assert.ok(paths(ranking).indexOf('shop/cache.py') > 0);
  });
});
