import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeCursor } from '../../src/core/cursor';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { oursStrategy } from '../../src/core/rank';
import type { CursorFacts } from '../../src/core/types';
import { rankingStateOf } from './rank-helpers';

/** Modules in layers: each imports three of the layer below, extends one class, and calls their methods. */
const MODULES = 300;
const PER_LAYER = 30;
/**
 * A guard against work that grows with the workspace on every request (a full rescan, a quadratic loop),
 * not a speed target: those are ten times over it, while noise on a busy machine is not. The numbers
 * themselves come from the benchmark (warm ranking is a few milliseconds here).
 */
const WARM_MEDIAN_LIMIT_MS = 250;

function moduleSource(i: number): string {
  const deps = i < PER_LAYER ? [] : [0, 1, 2].map(k => (i - PER_LAYER + k * 7) % (i - (i % PER_LAYER)));
  const imports = deps.map(d => `import { Service${d}, helper${d} } from './m${d}';`).join('\n');
  const base = deps.length > 0 ? ` extends Service${deps[0]}` : '';
  const calls = deps.map(d => `    const r${d} = helper${d}(input) + new Service${d}().run${d}(input);`).join('\n');
  return `${imports}

export function helper${i}(value: number): number {
  return value * ${i};
}

export class Service${i}${base} {
  run${i}(input: number): number {
${calls || '    const none = 0;'}
    return input;
  }
}
`;
}

describe('ranking speed on a generated 300-file project', () => {
  let root: string;
  let index: WorkspaceIndex;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rank-speed-'));
    for (let i = 0; i < MODULES; i++) fs.writeFileSync(path.join(root, `m${i}.ts`), moduleSource(i));
    index = await WorkspaceIndex.open({ root, cacheDir: false });
    await index.build();
  });
  after(async () => {
    await index.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test(`a warm rank takes under ${WARM_MEDIAN_LIMIT_MS} ms (median) and finds the imported callee`, async () => {
    const cursors: { cursor: CursorFacts; text: string }[] = [];
    for (let i = MODULES - 40; i < MODULES; i += 2) {
      const file = `m${i}.ts`;
      const text = index.text(file)!;
      const symbols = await index.parse('typescript', text);
      const line = text.split('\n').findIndex(l => l.includes('return input;'));
      cursors.push({ cursor: analyzeCursor({ file, language: 'typescript', text, position: { line, character: 4 }, symbols, resolvedImports: index.resolveImports(file, 'typescript', symbols.imports) }), text });
    }
    oursStrategy.rank({ index, state: rankingStateOf(index), ...cursors[0] }); // cold: builds the workspace tables
    const times: number[] = [];
    for (const { cursor, text } of cursors) {
      const started = performance.now();
      const ranking = oursStrategy.rank({ index, state: rankingStateOf(index), cursor, text });
      times.push(performance.now() - started);
      const imported = new Set(cursor.resolvedImports);
      assert.ok(imported.has(ranking.files[0].path), `${cursor.file}: ${ranking.files[0].path} is not one of its imports`);
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1];
    assert.ok(median < WARM_MEDIAN_LIMIT_MS, `median ${median.toFixed(1)} ms`);
  });
});
