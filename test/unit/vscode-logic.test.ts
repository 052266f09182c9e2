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
  const at = new Date(2026, 0, 1, 12, 34, 56);

  test('formats token counts compactly; budgets in K of 1024 read 8K, 32K, 128K', () => {
    assert.deepEqual([950, 1000, 1234, 8192, 32768, 131072, 33000].map(formatTokens), ['950', '1K', '1.2K', '8K', '32K', '128K', '33K']);
  });

  test('without a context or selections, no roots (the view shows its welcome content)', () => {
    assert.deepEqual(inspectorRoots(undefined), []);
  });

  const manifest: Manifest = {
    file: 'src/main.ts', position: { line: 4, character: 2 }, strategy: 'ours', budget: 8192, usedTokens: 1500,
    tokensBySource: { prefix: 400, suffix: 100, imports: 1000 }, timingsMs: {},
    items: [
      item({ path: 'src/util.ts', startLine: 40, endLine: 50, score: 0.3, reasons: ['imported by src/main.ts'] }),
      item({ path: 'src/util.ts', startLine: 1, endLine: 10, score: 0.9, reasons: ['defines `add`, used on the cursor line'], source: 'definitions' }),
      item({ path: 'src/math.ts', source: 'definitions', startLine: 3, endLine: 3, level: 'outline', score: 0.95 }),
      item({ path: 'src/near.ts', source: 'lexical', score: 0.2 }),
      item({ path: 'src/other.ts', included: false, dropped: 'over budget', score: 0.1, tokens: 2048 }),
    ],
  };

  test('header says which context is shown; included files grouped in the user\'s words, best first, parts in line order', () => {
    const roots = inspectorRoots({ manifest, origin: 'command', at, newer: 3 });
    assert.deepEqual(roots.map(r => r.kind), ['header', 'section', 'section']);
    const header = roots[0] as Extract<InspectorNode, { kind: 'header' }>;
    assert.equal(header.label, '1.5K / 8K tokens');
    assert.match(header.description, /^Build Context · main\.ts:5 · 12:34:56 · 3 newer in History$/);
    assert.match(header.tooltip, /imported by this file: 1000/);

    const [included, dropped] = [roots[1]!, roots[2]!];
    assert.equal((included as { label: string }).label, 'Included (4)');
    const groups = inspectorChildren(included);
    assert.deepEqual(groups.map(g => (g as { label: string }).label), ['definitions used near the cursor (2)', 'similar code (1)']);
    const files = inspectorChildren(groups[0]!) as Extract<InspectorNode, { kind: 'file' }>[];
    assert.deepEqual(files.map(f => f.label), ['src/math.ts', 'src/util.ts'], 'sorted by score within the group');
    const util = files[1]!;
    assert.equal(util.description, '240 tok', 'the file node carries the total of its parts');
    assert.match(util.tooltip, /defines `add`/, 'and its best reason');
    const parts = inspectorChildren(util) as Extract<InspectorNode, { kind: 'item' }>[];
    assert.deepEqual(parts.map(p => p.label), ['L1-10 snippet', 'L40-50 snippet']);
    assert.equal(parts[0]!.description, '120 tok · 0.90');

    const droppedFile = inspectorChildren(inspectorChildren(dropped)[0]!)[0] as Extract<InspectorNode, { kind: 'file' }>;
    assert.equal(droppedFile.description, 'would cost 2K');
    assert.match(droppedFile.tooltip, /Dropped: over budget/);
  });

  test('pins and exclusions have a section; an excluded file is marked at once; a pinned file too big for a completion is warned about', () => {
    const big: Manifest = { ...manifest, items: [...manifest.items, item({ path: 'src/huge.ts', source: 'pinned', tokens: 9000, score: 1 })] };
    const roots = inspectorRoots({ manifest: big, origin: 'completion', at, newer: 0 }, { pinned: ['src/huge.ts'], excluded: ['src/near.ts'] }, 4096);
    assert.deepEqual(roots.map(r => r.kind), ['header', 'selections', 'section', 'section']);
    const [pinned, excluded] = inspectorChildren(roots[1]!) as Extract<InspectorNode, { kind: 'selection' }>[];
    assert.equal(pinned!.description, '9K tok');
    assert.match(pinned!.warning ?? '', /costs 9000 tokens and a completion's whole budget is 4096/);
    assert.equal(excluded!.description, 'excluded');
    const similar = inspectorChildren(roots[2]!).find(g => (g as { label: string }).label.startsWith('similar code'))!;
    const near = inspectorChildren(similar)[0] as Extract<InspectorNode, { kind: 'file' }>;
    assert.equal(near.excluded, true);
    assert.match(near.description, / · excluded$/);
    assert.deepEqual(inspectorRoots(undefined, { pinned: ['a.ts'], excluded: [] }).map(r => r.kind), ['selections']);
  });
});
