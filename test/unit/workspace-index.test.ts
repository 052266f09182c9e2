// The workspace index end to end: real files on disk, the real worker thread, real grammars.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import type { IndexProgress } from '../../src/core/types';

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
}

const PROJECT = {
  'package.json': JSON.stringify({ name: 'shop' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
  '.gitignore': 'generated/\n',
  'src/lib/money.ts': 'export interface Money { amount: number; currency: string }\nexport function add(a: Money, b: Money): Money {\n  return { amount: a.amount + b.amount, currency: a.currency };\n}\n',
  'src/cart.ts': "import { add, type Money } from '@lib/money';\nimport { helper } from './missing';\nexport class Cart {\n  total(items: Money[]): Money {\n    return items.reduce(add);\n  }\n}\n",
  'app/models.py': 'class Order:\n    def total(self):\n        return 0\n',
  'app/service.py': 'from .models import Order\n\ndef make() -> Order:\n    return Order()\n',
  'generated/out.ts': 'export const ignored = 1;\n',
  'notes.txt': 'not source code\n',
  'image.ts': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]),
  '.env': 'TOKEN=abc\n',
  'big.ts': `export const big = "${'x'.repeat(3000)}";\n`,
};

describe('WorkspaceIndex', () => {
  let root: string;
  let cacheDir: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-index-'));
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-index-cache-'));
    writeTree(root, PROJECT);
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  test('a cold build indexes the source files, resolves imports and says why the rest was skipped', async () => {
    const phases = new Set<IndexProgress['phase']>();
    const index = await WorkspaceIndex.open({ root, cacheDir, maxFileBytes: 2000, onProgress: p => phases.add(p.phase) });
    try {
      const summary = await index.build();
      assert.deepEqual([...index.files()].map(f => f.path).sort(), ['app/models.py', 'app/service.py', 'src/cart.ts', 'src/lib/money.ts']);
      assert.equal(summary.filesIndexed, 4);
      assert.deepEqual(summary.filesByLanguage, { python: 2, typescript: 2 });
      assert.equal(summary.skippedByReason['too-large'], 1);
      assert.equal(summary.skippedByReason.binary, 1);
      assert.equal(summary.skippedByReason['secret-name'], 1);
      assert.ok((summary.skippedByReason.ignored ?? 0) >= 1, 'generated/ is ignored by .gitignore');
      assert.deepEqual(summary.imports, { resolved: 2, unresolved: 1, external: 0 });
      assert.equal(summary.cacheHits, 0);
      assert.deepEqual([...phases].sort(), ['discovering', 'indexing', 'resolving']);

      const cart = index.file('src/cart.ts')!;
      assert.deepEqual(cart.resolvedImports, ['src/lib/money.ts', undefined]);
      assert.deepEqual(index.file('app/service.py')!.resolvedImports, ['app/models.py']);
      assert.deepEqual(index.symbols.importsOf('src/cart.ts'), ['src/lib/money.ts']);
      assert.deepEqual(index.symbols.importersOf('app/models.py'), ['app/service.py']);
      assert.deepEqual(index.symbols.definitionsOf('add').map(d => d.path), ['src/lib/money.ts']);
      const money = index.symbols.definitionsOf('Money')[0];
      assert.equal(money.definition.kind, 'interface');
      assert.equal(money.definition.range.start.line, 0);
      assert.equal(index.text('src/lib/money.ts'), PROJECT['src/lib/money.ts']);
      assert.equal(index.text('generated/out.ts'), undefined, 'an ignored file has no text in the index');
    } finally {
      await index.dispose();
    }
  });

  test('a restart is warm: every unchanged file comes from the cache, a changed one is parsed again', async () => {
    fs.appendFileSync(path.join(root, 'app/models.py'), '\ndef discount(order):\n    return order\n');
    const index = await WorkspaceIndex.open({ root, cacheDir, maxFileBytes: 2000 });
    try {
      const summary = await index.build();
      assert.equal(summary.filesIndexed, 4);
      assert.equal(summary.cacheHits, 3);
      assert.deepEqual(index.symbols.definitionsOf('discount').map(d => d.path), ['app/models.py']);
    } finally {
      await index.dispose();
    }
  });

  test('a restart whose only reads are files skipped again (image.ts is binary) leaves the cache file as it was', async () => {
    const cacheFile = () => {
      const name = fs.readdirSync(cacheDir).find(f => f.endsWith('.v8'))!;
      const stat = fs.statSync(path.join(cacheDir, name));
      return { name, mtimeMs: stat.mtimeMs, size: stat.size };
    };
    const build = async () => {
      const index = await WorkspaceIndex.open({ root, cacheDir, maxFileBytes: 2000 });
      try {
        return await index.build();
      } finally {
        await index.dispose();
      }
    };
    // Files written an hour ago: older than the cache's racy window, so their stamps are trusted after one save.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const rel of Object.keys(PROJECT)) fs.utimesSync(path.join(root, rel), anHourAgo, anHourAgo);
    await build();
    const before = cacheFile();
    const summary = await build();
    assert.equal(summary.cacheHits, summary.filesIndexed);
    assert.equal(summary.skippedByReason.binary, 1, 'image.ts was read again and skipped again');
    assert.deepEqual(cacheFile(), before);
  });

  test('single-file updates: an unsaved buffer, a new file that fixes an import, a rename and a delete', async () => {
    const index = await WorkspaceIndex.open({ root, cacheDir: false, maxFileBytes: 2000 });
    try {
      await index.build();
      const buffer = `${PROJECT['src/lib/money.ts']}export function subtract(a: Money, b: Money): Money { return a; }\n`;
      const updated = await index.updateFile('src/lib/money.ts', buffer);
      assert.ok(updated?.definitions.some(d => d.name === 'subtract'));
      assert.equal(index.text('src/lib/money.ts'), buffer, 'the buffer wins over the disk');
      assert.deepEqual(index.symbols.definitionsOf('subtract').map(d => d.path), ['src/lib/money.ts']);

      writeTree(root, { 'src/missing.ts': 'export function helper() { return 1; }\n' });
      await index.updateFile('src/missing.ts');
      assert.deepEqual(index.file('src/cart.ts')!.resolvedImports, ['src/lib/money.ts', 'src/missing.ts'], 'the unresolved import now resolves');

      fs.renameSync(path.join(root, 'src/missing.ts'), path.join(root, 'src/helpers.ts'));
      await index.renameFile('src/missing.ts', 'src/helpers.ts');
      assert.equal(index.file('src/missing.ts'), undefined);
      assert.deepEqual(index.symbols.definitionsOf('helper').map(d => d.path), ['src/helpers.ts']);
      assert.deepEqual(index.file('src/cart.ts')!.resolvedImports, ['src/lib/money.ts', undefined], 'the import points nowhere again');

      const before = index.generation;
      fs.rmSync(path.join(root, 'src/helpers.ts'));
      await index.removeFile('src/helpers.ts');
      assert.deepEqual(index.symbols.definitionsOf('helper'), []);
      assert.ok(index.generation > before, 'a removal moves the generation on');
      const unchanged = index.generation;
      await index.removeFile('src/helpers.ts');
      assert.equal(index.generation, unchanged, 'nothing changed, nor does the generation');

      assert.equal(await index.updateFile('generated/new.ts', 'export const x = 1;\n'), undefined, 'ignored paths stay out');
      assert.equal(await index.updateFile('notes.txt'), undefined, 'files of no supported language stay out');
    } finally {
      await index.dispose();
    }
  });

  test('a tsconfig saved with other paths re-resolves the imports; an unsaved edit of it does not', async () => {
    const index = await WorkspaceIndex.open({ root, cacheDir: false, maxFileBytes: 2000 });
    const tsconfig = path.join(root, 'tsconfig.json');
    try {
      await index.build();
      writeTree(root, { 'src/money-v2/money.ts': 'export function add() {}\n' });
      await index.updateFile('src/money-v2/money.ts');
      const moved = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/money-v2/*'] } } });
      await index.updateFile('tsconfig.json', moved);
      assert.equal(index.file('src/cart.ts')!.resolvedImports[0], 'src/lib/money.ts', 'an unsaved buffer of the config changes nothing');
      fs.writeFileSync(tsconfig, moved);
      await index.updateFile('tsconfig.json');
      assert.equal(index.file('src/cart.ts')!.resolvedImports[0], 'src/money-v2/money.ts');
    } finally {
      fs.writeFileSync(tsconfig, PROJECT['tsconfig.json']);
      fs.rmSync(path.join(root, 'src/money-v2'), { recursive: true, force: true });
      await index.dispose();
    }
  });

  test('a buffer can be parsed without changing the index', async () => {
    const index = await WorkspaceIndex.open({ root, cacheDir: false });
    try {
      await index.build();
      const before = index.file('src/cart.ts');
      const symbols = await index.parse('typescript', 'export function fresh(): void {}\n');
      assert.deepEqual(symbols.definitions.map(d => d.name), ['fresh']);
      assert.equal(index.file('src/cart.ts'), before);
      assert.deepEqual(index.symbols.definitionsOf('fresh'), []);
    } finally {
      await index.dispose();
    }
  });

  test('while a buffer update is on its way, the text and the symbols are both the previous ones; then both the new ones', async () => {
    const index = await WorkspaceIndex.open({ root, cacheDir: false });
    try {
      await index.build();
      const file = 'src/lib/money.ts';
      const before = index.text(file)!;
      const typed = `${before}export function subtract(a: Money, b: Money): Money {\n  return a;\n}\n`;
      const update = index.updateFile(file, typed);
      await new Promise(resolve => setImmediate(resolve)); // the update has started: the worker is asked
      // A request arriving now must not pair the new text with symbols parsed from the old one.
      assert.equal(index.text(file), before);
      assert.equal(index.textInMemory(file), before);
      assert.ok(!index.file(file)!.definitions.some(d => d.name === 'subtract'));
      await update;
      assert.equal(index.text(file), typed);
      assert.ok(index.file(file)!.definitions.some(d => d.name === 'subtract'));
      // A buffer discarded while its first update is still queued: the discard comes after it, and wins.
      const other = 'src/cart.ts';
      const onDisk = index.text(other)!;
      const edited = index.updateFile(other, `${onDisk}// unsaved\n`);
      await index.discardOverride(other);
      await edited;
      assert.equal(index.text(other), onDisk);
    } finally {
      await index.dispose();
    }
  });

  test('a cancelled build rejects with an AbortError and the index can build again', async () => {
    const index = await WorkspaceIndex.open({ root, cacheDir: false, batchSize: 1, maxFileBytes: 2000 });
    try {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(index.build(controller.signal), { name: 'AbortError' });
      const summary = await index.build();
      assert.equal(summary.filesIndexed, 4);
    } finally {
      await index.dispose();
    }
  });

  test('a build with several threads gives the same index as one thread', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 40; i++) many[`m/f${i}.ts`] = `import { f${(i + 1) % 40} } from './f${(i + 1) % 40}';\nexport function f${i}() { return f${(i + 1) % 40}; }\n`;
    const wide = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-index-threads-'));
    writeTree(wide, many);
    const snapshot = async (threads: number) => {
      const index = await WorkspaceIndex.open({ root: wide, cacheDir: false, buildThreads: threads, batchSize: 3 });
      try {
        const summary = await index.build();
        return { files: [...index.files()].map(f => [f.path, f.definitions.length, f.resolvedImports]).sort(), imports: summary.imports };
      } finally {
        await index.dispose();
      }
    };
    try {
      const one = await snapshot(1);
      assert.equal(one.files.length, 40);
      assert.deepEqual(one.imports, { resolved: 40, unresolved: 0, external: 0 });
      assert.deepEqual(await snapshot(3), one);
    } finally {
      fs.rmSync(wide, { recursive: true, force: true });
    }
  });

  test('a missing root is a clear error', async () => {
    await assert.rejects(WorkspaceIndex.open({ root: path.join(root, 'nope') }), /does not exist/);
    await assert.rejects(WorkspaceIndex.open({ root: path.join(root, 'package.json') }), /is a file, not a folder/);
  });
});

describe('packed references', () => {
  test('survive the trip between threads unchanged', async () => {
    const { packReferences, unpackReferences } = await import('../../src/core/index/packed-references');
    const references = [
      { name: 'a', kind: 'call' as const, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } },
      { name: 'b', kind: 'member' as const, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } },
      { name: 'a', kind: 'type' as const, range: { start: { line: 7, character: 0 }, end: { line: 8, character: 1 } } },
      { name: 'c', kind: 'identifier' as const, range: { start: { line: 9, character: 5 }, end: { line: 9, character: 6 } } },
    ];
    const packed = packReferences(references);
    assert.deepEqual(packed.names, ['a', 'b', 'c']);
    assert.deepEqual(unpackReferences(structuredClone(packed)), references);
  });

  test('build only the references a reader keeps, in their order', async () => {
    const { packReferences, unpackReferencesWhere } = await import('../../src/core/index/packed-references');
    const reference = (name: string, kind: 'call' | 'type' | 'identifier', line: number) => ({ name, kind, range: { start: { line, character: 2 }, end: { line, character: 3 } } });
    const references = [reference('a', 'type', 1), reference('b', 'call', 2), reference('c', 'type', 5), reference('a', 'identifier', 6), reference('d', 'type', 9)];
    const packed = packReferences(references);
    assert.deepEqual(unpackReferencesWhere(packed, kind => kind === 'type'), [references[0], references[2], references[4]]);
    assert.deepEqual(unpackReferencesWhere(packed, (_kind, line) => line >= 2 && line <= 6), references.slice(1, 4));
    assert.deepEqual(unpackReferencesWhere(packed, () => false), []);
  });
});
