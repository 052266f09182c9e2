// A file that comes or goes re-resolves only the importers whose specifiers could lead to it, and the
// result is the same as a fresh build's. Imports of packages outside the workspace are never redone.
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportResolver } from '../../src/core/index/resolve-imports';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A workspace whose files import packages, a missing sibling, a missing file elsewhere, and a folder module. */
const FILES: Record<string, string> = {
  ...Object.fromEntries(range(30).map(i => [`src/app/page${i}.ts`, `import React from 'react';\nimport { readFileSync } from 'node:fs';\nexport const page${i} = ${i};\n`])),
  ...Object.fromEntries(range(8).map(i => [`src/feature/part${i}.ts`, `import { shared } from './missing';\nexport const part${i} = shared + ${i};\n`])),
  ...Object.fromEntries(range(5).map(i => [`src/other/use${i}.ts`, `import { shared } from '../feature/missing';\nimport React from 'react';\nexport const use${i} = shared;\n`])),
  ...Object.fromEntries(range(4).map(i => [`src/tools/tool${i}.ts`, `import { util } from '../lib/util';\nexport const tool${i} = util;\n`])),
  'src/lib/util/index.ts': 'export const util = 1;\n',
};

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** The importers whose imports the resolver was asked about while `body` ran, the changed file itself left out. */
async function importersResolvedDuring(changed: string, body: () => Promise<unknown>): Promise<string[]> {
  const spy = mock.method(ImportResolver.prototype, 'resolve');
  try {
    await body();
  } finally {
    spy.mock.restore();
  }
  return [...new Set(spy.mock.calls.map(call => call.arguments[0] as string))].filter(p => p !== changed).sort();
}

async function freshResolution(root: string): Promise<Map<string, readonly (string | undefined)[]>> {
  const index = await WorkspaceIndex.open({ root, cacheDir: false });
  try {
    await index.build();
    return new Map([...index.files()].map(f => [f.path, f.resolvedImports]));
  } finally {
    await index.dispose();
  }
}

function resolutionOf(index: WorkspaceIndex): Map<string, readonly (string | undefined)[]> {
  return new Map([...index.files()].map(f => [f.path, f.resolvedImports]));
}

describe('re-resolution when files come and go', () => {
  let root: string;
  let index: WorkspaceIndex;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-reresolve-'));
    for (const [rel, text] of Object.entries(FILES)) write(root, rel, text);
    index = await WorkspaceIndex.open({ root, cacheDir: false });
    await index.build();
  });
  afterEach(async () => {
    await index.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const missingImporters = [...range(8).map(i => `src/feature/part${i}.ts`), ...range(5).map(i => `src/other/use${i}.ts`)].sort();

  test('a new file re-resolves only the importers it could satisfy, not the 35 files importing packages', async () => {
    assert.equal(index.file('src/feature/part0.ts')!.resolvedImports[0], undefined);
    write(root, 'src/feature/missing.ts', 'export const shared = 2;\n');
    const resolved = await importersResolvedDuring('src/feature/missing.ts', () => index.updateFile('src/feature/missing.ts'));
    assert.deepEqual(resolved, missingImporters);
    assert.equal(index.file('src/other/use3.ts')!.resolvedImports[0], 'src/feature/missing.ts');
    assert.deepEqual(resolutionOf(index), await freshResolution(root));
  });

  test('removing that file again re-resolves the same importers, and matches a fresh build', async () => {
    write(root, 'src/feature/missing.ts', 'export const shared = 2;\n');
    await index.updateFile('src/feature/missing.ts');
    fs.rmSync(path.join(root, 'src/feature/missing.ts'));
    const resolved = await importersResolvedDuring('src/feature/missing.ts', () => index.removeFile('src/feature/missing.ts'));
    assert.deepEqual(resolved, missingImporters);
    assert.equal(index.file('src/feature/part5.ts')!.resolvedImports[0], undefined);
    assert.deepEqual(resolutionOf(index), await freshResolution(root));
  });

  test('a new file that takes precedence over a resolved import (util.ts over util/index.ts) moves that import', async () => {
    assert.equal(index.file('src/tools/tool0.ts')!.resolvedImports[0], 'src/lib/util/index.ts');
    write(root, 'src/lib/util.ts', 'export const util = 3;\n');
    const resolved = await importersResolvedDuring('src/lib/util.ts', () => index.updateFile('src/lib/util.ts'));
    assert.deepEqual(resolved, range(4).map(i => `src/tools/tool${i}.ts`));
    assert.equal(index.file('src/tools/tool0.ts')!.resolvedImports[0], 'src/lib/util.ts');
    assert.deepEqual(resolutionOf(index), await freshResolution(root));
  });

  test('a file nobody could import re-resolves nothing', async () => {
    write(root, 'src/app/unrelated.ts', 'export const unrelated = 0;\n');
    assert.deepEqual(await importersResolvedDuring('src/app/unrelated.ts', () => index.updateFile('src/app/unrelated.ts')), []);
    assert.deepEqual(resolutionOf(index), await freshResolution(root));
  });
});

describe('re-resolution under random file events', () => {
  test('after each round of adds, edits and removes, every file resolves as in a fresh build', async () => {
    let seed = 7;
    // mulberry32: a small generator whose low bits are as random as its high ones.
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (((t ^ (t >>> 14)) >>> 0) % n);
    };
    const folders = ['src', 'src/a', 'src/a/deep', 'src/b', 'lib'];
    const names = ['util', 'index', 'model', 'view', 'store', 'api'];
    const somePath = () => `${folders[random(folders.length)]}/${names[random(names.length)]}${random(4) === 0 ? '/index' : ''}.ts`;
    // Specifiers that may or may not lead to a file: siblings, parents, folders (index), packages.
    const someImport = (from: string) => {
      const kind = random(4);
      if (kind === 0) return 'react';
      const target = somePath().replace(/\.ts$/, '').replace(/\/index$/, '');
      let relative = path.posix.relative(path.posix.dirname(from), target);
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return kind === 1 ? `${relative}.js` : relative;
    };
    const source = (from: string) => Array.from({ length: 1 + random(3) }, (_, i) => `import { x${i} } from '${someImport(from)}';`).join('\n') + '\nexport const x = 1;\n';

    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-reresolve-random-'));
    const index = await WorkspaceIndex.open({ root, cacheDir: false });
    try {
      for (let i = 0; i < 30; i++) {
        const rel = somePath();
        write(root, rel, source(rel));
      }
      await index.build();
      for (let round = 0; round < 4; round++) {
        for (let step = 0; step < 20; step++) {
          const present = [...index.files()].map(f => f.path).sort();
          const action = random(4); // remove, rewrite, add, add
          if (action === 0 && present.length > 0) {
            const rel = present[random(present.length)];
            fs.rmSync(path.join(root, rel));
            await index.removeFile(rel);
          } else {
            const rel = action === 1 && present.length > 0 ? present[random(present.length)] : somePath();
            write(root, rel, source(rel));
            await index.updateFile(rel);
          }
        }
        assert.ok([...resolutionOf(index).values()].flat().some(Boolean), 'some imports resolve: the events exercise resolution');
        assert.deepEqual(resolutionOf(index), await freshResolution(root), `round ${round}`);
      }
    } finally {
      await index.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
