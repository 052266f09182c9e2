import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Manifest, ManifestItem } from '../../src/core/types';
import { ContextSelections, type StateStore } from '../../src/vscode/context-selections';
import { EndpointHealth } from '../../src/vscode/endpoint-health';
import { formatTokens, inspectorChildren, inspectorRoots, type InspectorNode } from '../../src/vscode/manifest-tree';
import { RecentFiles } from '../../src/vscode/recent-files';

describe('EndpointHealth', () => {
  test('notifies once per failure streak, again after recovery', () => {
    const health = new EndpointHealth();
    assert.equal(health.failed('unreachable'), true);
    assert.equal(health.failed('unreachable'), false);
    assert.equal(health.failed('unreachable'), false);
    assert.equal(health.failing, 'unreachable');
    health.succeeded();
    assert.equal(health.failing, undefined);
    assert.equal(health.failed('unreachable'), true);
  });

  test('a different failure is news: the URL was fixed but the key is rejected', () => {
    const health = new EndpointHealth();
    assert.equal(health.failed('unreachable'), true);
    assert.equal(health.failed('unauthorized'), true);
    assert.equal(health.failed('unauthorized'), false);
  });
});

describe('RecentFiles', () => {
  test('keeps the most recent first, without duplicates, within capacity', () => {
    const recent = new RecentFiles(3);
    for (const p of ['a.ts', 'b.ts', 'c.ts', 'a.ts', 'd.ts']) recent.touch(p);
    assert.deepEqual(recent.list(), ['d.ts', 'a.ts', 'c.ts']);
    recent.rename('a.ts', 'z.ts');
    recent.remove('c.ts');
    assert.deepEqual(recent.list(), ['d.ts', 'z.ts']);
  });
});

class MemoryStore implements StateStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('ContextSelections', () => {
  test('pin and exclude toggle, persist, and never overlap', async () => {
    const store = new MemoryStore();
    const selections = new ContextSelections(store);
    let changes = 0;
    selections.onDidChange(() => changes++);
    assert.equal(await selections.togglePin('src/a.ts'), 'pinned');
    assert.equal(await selections.toggleExclude('src/b.ts'), 'excluded');
    assert.equal(await selections.toggleExclude('src/a.ts'), 'excluded');
    assert.deepEqual(selections.pinned(), []);
    assert.deepEqual(selections.excluded(), ['src/b.ts', 'src/a.ts']);
    assert.equal(await selections.togglePin('src/b.ts'), 'pinned');
    assert.deepEqual(selections.excluded(), ['src/a.ts']);
    assert.equal(await selections.togglePin('src/b.ts'), 'unpinned');
    await selections.rename('src/a.ts', 'src/c.ts');
    // A fresh object over the same store sees the same state: it is persisted, not held in memory.
    const reopened = new ContextSelections(store);
    assert.deepEqual(reopened.excluded(), ['src/c.ts']);
    assert.deepEqual(reopened.pinned(), []);
    assert.equal(changes, 5);
  });
});

const item = (over: Partial<ManifestItem>): ManifestItem => ({
  path: 'src/a.ts', startLine: 1, endLine: 10, level: 'snippet', tokens: 120, score: 0.5, reasons: [], included: true, source: 'imports', ...over,
});

describe('inspector tree', () => {
  test('formats token counts compactly', () => {
    assert.deepEqual([950, 1000, 1234, 8192, 131072].map(formatTokens), ['950', '1K', '1.2K', '8.2K', '131K']);
  });

  test('without a context, no roots (the view shows its welcome content)', () => {
    assert.deepEqual(inspectorRoots(undefined), []);
  });

  test('header, then included and dropped sections grouped by source, items with reasons and drop reason', () => {
    const manifest: Manifest = {
      file: 'src/main.ts', position: { line: 4, character: 2 }, strategy: 'ours', budget: 8192, usedTokens: 1500,
      tokensBySource: { prefix: 400, suffix: 100, imports: 1000 }, timingsMs: {},
      items: [
        item({ path: 'src/util.ts', reasons: ['defines `add`, used on the cursor line'] }),
        item({ path: 'src/math.ts', source: 'definitions', startLine: 3, endLine: 3, level: 'outline' }),
        item({ path: 'src/other.ts', included: false, dropped: 'over budget', score: 0.1 }),
      ],
    };
    const roots = inspectorRoots({ manifest, origin: 'command' });
    assert.deepEqual(roots.map(r => r.kind), ['header', 'section', 'section']);
    const header = roots[0] as Extract<InspectorNode, { kind: 'header' }>;
    assert.equal(header.label, '1.5K / 8.2K tokens');
    assert.match(header.description, /command · src\/main\.ts:5/);
    assert.match(header.tooltip, /imports: 1000/);

    const [included, dropped] = [roots[1]!, roots[2]!];
    assert.equal((included as { label: string }).label, 'Included (2)');
    const groups = inspectorChildren(included);
    assert.deepEqual(groups.map(g => (g as { label: string }).label), ['imports (1)', 'definitions (1)']);
    const [utilNode] = inspectorChildren(groups[0]!) as Extract<InspectorNode, { kind: 'item' }>[];
    assert.equal(utilNode!.label, 'src/util.ts');
    assert.match(utilNode!.description, /^L1-10 · snippet · 120 tok · 0\.50$/);
    assert.match(utilNode!.tooltip, /defines `add`/);
    assert.equal((inspectorChildren(groups[1]!)[0] as { description: string }).description.startsWith('L3 · outline'), true);

    const droppedItem = inspectorChildren(inspectorChildren(dropped)[0]!)[0] as Extract<InspectorNode, { kind: 'item' }>;
    assert.match(droppedItem.tooltip, /Dropped: over budget/);
    assert.deepEqual(inspectorChildren(droppedItem), []);
  });
});
