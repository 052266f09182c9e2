import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeCursor } from '../../src/core/cursor';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { BASELINE_STRATEGIES } from '../../src/core/rank/baselines';
import type { EditorSignals, Ranking } from '../../src/core/types';
import { maskLine } from '../../bench/mask';
import { rankingStateOf } from './rank-helpers';

const ROOT = path.join(__dirname, '..', 'fixtures', 'bench-baselines');
const REPORT = 'src/services/report.ts';

/** `path:start-end` of every span, 0-based, in the order packing takes them (score, then ranking order). */
function spansInOrder(ranking: Ranking): string[] {
  return ranking.files
    .flatMap((file, f) => file.spans.map((span, s) => ({ key: `${file.path}:${span.startLine}-${span.endLine}`, score: span.score, f, s })))
    .sort((a, b) => b.score - a.score || a.f - b.f || a.s - b.s)
    .map(s => s.key);
}

describe('baseline strategies on a fixture project (real index)', () => {
  let index: WorkspaceIndex;
  before(async () => {
    index = await WorkspaceIndex.open({ root: ROOT, cacheDir: false });
    await index.build();
  });
  after(() => index.dispose());

  /** Ranks at the start of `line` of report.ts with that line masked, as the benchmark does. */
  async function rankAt(strategy: keyof typeof BASELINE_STRATEGIES, line: number, signals?: EditorSignals, file = REPORT): Promise<Ranking> {
    const { text, position } = maskLine(index.text(file)!, line);
    const symbols = await index.parse('typescript', text);
    const resolvedImports = index.resolveImports(file, 'typescript', symbols.imports);
    const cursor = analyzeCursor({ file, language: 'typescript', text, position, symbols, resolvedImports });
    const ranking = BASELINE_STRATEGIES[strategy].rank({ index, state: rankingStateOf(index), cursor, text, signals });
    assert.equal(ranking.packing, 'in-order');
    assert.ok(ranking.files.every(f => f.path !== file), 'a baseline never offers the current file');
    return ranking;
  }

  test('a baseline reuses its last ranking for the same question and recomputes when the buffer changes', async () => {
    const { text, position } = maskLine(index.text(REPORT)!, 5);
    const symbols = await index.parse('typescript', text);
    const cursor = analyzeCursor({ file: REPORT, language: 'typescript', text, position, symbols, resolvedImports: index.resolveImports(REPORT, 'typescript', symbols.imports) });
    const bm25 = BASELINE_STRATEGIES.bm25;
    const first = bm25.rank({ index, state: rankingStateOf(index), cursor, text });
    assert.equal(bm25.rank({ index, state: rankingStateOf(index), cursor, text: `${text}` }), first);
    const editedText = text.replace('displayName(user)', 'percent(user.score, maxScore)');
    const editedCursor = { ...cursor, lines: editedText.split('\n') };
    const edited = bm25.rank({ index, state: rankingStateOf(index), cursor: editedCursor, text: editedText });
    assert.notEqual(edited, first);
    assert.notDeepEqual(spansInOrder(edited), spansInOrder(first));
    // Another file of the workspace changes (an unsaved buffer): the same question is ranked again.
    const again = bm25.rank({ index, state: rankingStateOf(index), cursor, text });
    const other = [...index.files()].map(f => f.path).find(p => p !== REPORT)!;
    await index.updateFile(other, `${index.text(other)}\n// edited\n`);
    try {
      assert.notEqual(bm25.rank({ index, state: rankingStateOf(index), cursor, text }), again, 'a changed index is ranked afresh');
    } finally {
      await index.discardOverride(other);
    }
  });

  test('none offers nothing', async () => {
    assert.deepEqual((await rankAt('none', 5)).files, []);
  });

  test('jaccard compares with same-directory and parent files only, best window per file', async () => {
    const ranking = await rankAt('jaccard', 5);
    assert.deepEqual(spansInOrder(ranking), ['src/services/summary.ts:0-4', 'src/app.ts:0-1']);
  });

  test('jaccard uses the open tabs instead when the editor supplies them', async () => {
    const ranking = await rankAt('jaccard', 5, { openTabs: ['src/far/ledger.ts', REPORT, 'src/util/numbers.ts'] });
    assert.deepEqual(ranking.files.map(f => f.path).sort(), ['src/far/ledger.ts', 'src/util/numbers.ts']);
    assert.equal(spansInOrder(ranking)[0], 'src/far/ledger.ts:0-5', 'the lexically closest tab comes first');
  });

  test('jaccard-imports compares with the files the current file imports and those importing it', async () => {
    // user.ts imports the util barrel (no word in common: no window) and is imported by report.ts and totals.ts;
    // the directory variant would offer app.ts (the parent directory) instead.
    const ranking = await rankAt('jaccard-imports', 9, undefined, 'src/models/user.ts');
    assert.deepEqual(ranking.files.map(f => f.path).sort(), ['src/ns/totals.ts', 'src/services/report.ts']);
    assert.ok(ranking.files.every(f => f.source === 'jaccard-imports'));
  });

  test('bm25 searches the whole repository and ranks the file sharing the rarest terms first', async () => {
    const order = spansInOrder(await rankAt('bm25', 5));
    assert.equal(order[0], 'src/models/user.ts:0-11');
    assert.ok(order.includes('src/far/ledger.ts:0-5'), 'whole-repository retrieval reaches a far directory');
  });

  test('repomap offers signature lines of the definitions the current file references, referenced ones first', async () => {
    const order = spansInOrder(await rankAt('repomap', 5));
    const at = (key: string) => {
      const i = order.indexOf(key);
      assert.ok(i >= 0, `${key} missing from ${order.join(', ')}`);
      return i;
    };
    const displayName = at('src/models/user.ts:8-8');
    const user = at('src/models/user.ts:2-2');
    const clamp = at('src/util/numbers.ts:0-0');
    // The push reads only what the current file reaches: a definition it never reaches ranks 0 and is left out.
    const afterOrAbsent = (key: string, than: number) => order.indexOf(key) < 0 || order.indexOf(key) > than;
    assert.ok(afterOrAbsent('src/util/numbers.ts:4-4', clamp), 'clamp (referenced here) outranks percent (referenced only by a barrel)');
    assert.ok(afterOrAbsent('src/app.ts:0-0', Math.max(displayName, user, clamp)), 'what the current file references outranks unrelated constants');
  });

  test('imports: names used near the cursor first, then the other imports, then their files imports, breadth first', async () => {
    // Line 13 sits below `const limited = clamp(...)`: of the imported names only clamp is within the 5 lines above.
    assert.deepEqual(spansInOrder(await rankAt('imports', 13)), [
      'src/util/numbers.ts:0-2', // clamp, reached through the `export { clamp } from` barrel
      'src/models/user.ts:2-6', // User
      'src/models/user.ts:8-10', // displayName
      'src/util/strings.ts:2-7', // capitalizeWords, imported by user.ts
    ]);
  });

  test('imports: a namespace import yields the declarations of the members used (`util.clamp`), through barrels', async () => {
    // Line 11 is the line after `sum += util.clamp(...)`: util.clamp is the one namespace member within the 5 lines above.
    assert.deepEqual(spansInOrder(await rankAt('imports', 11, undefined, 'src/ns/totals.ts')), [
      'src/util/numbers.ts:0-2', // util.clamp, near the cursor, reached through `export { clamp } from` in the barrel
      'src/models/user.ts:2-6', // people.User
      'src/models/user.ts:8-10', // people.displayName
      'src/util/strings.ts:2-7', // util.capitalizeWords, through `export * from`
    ]);
  });
});
