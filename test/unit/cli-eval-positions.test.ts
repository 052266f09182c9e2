import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextEngine } from '../../src/core/engine';
import { SHOP } from './pack-fixture';

describe('positions to evaluate, from the index', () => {
  let engine: ContextEngine;
  before(async () => {
    engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
  });
  after(() => engine.dispose());

  test('are code lines that use a name declared in another file, in every language of the project', () => {
    const positions = engine.samplePositions({ maxPerFile: 100, minLineGap: 1 });
    // The test reads the index to check each position; the eval command itself never does.
    const index = engine.indexView;
    assert.ok(positions.some(p => p.file.endsWith('.py')) && positions.some(p => p.file.endsWith('.ts')));
    for (const p of positions) {
      const text = index.text(p.file)!.split('\n')[p.line];
      assert.equal(p.target, text);
      assert.ok(!/^\s*(#|\/\/|$)/.test(text), `${p.file}:${p.line + 1} is not code: ${JSON.stringify(text)}`);
      const names = index.file(p.file)!.references.filter(r => r.range.start.line === p.line).map(r => r.name);
      assert.ok(names.some(name => index.symbols.definitionsOf(name).some(d => d.path !== p.file)), `${p.file}:${p.line + 1} uses nothing from another file`);
    }
  });

  test('are the same on every run, and --n caps them', () => {
    const once = engine.samplePositions({ maxPositions: 3 });
    assert.deepEqual(engine.samplePositions({ maxPositions: 3 }), once);
    assert.equal(once.length, 3);
  });

  test('are drawn through the engine: no adapter (command line, editor) reads its index view', () => {
    const src = path.join(__dirname, '../../src');
    const adapters = [...['cli', 'vscode'].flatMap(dir => fs.readdirSync(path.join(src, dir), { recursive: true }).map(f => path.join(dir, String(f)))), 'extension.ts'];
    const readers = adapters.filter(f => f.endsWith('.ts') && fs.readFileSync(path.join(src, f), 'utf8').includes('.indexView'));
    assert.ok(adapters.includes(path.join('cli', 'eval-command.ts')));
    assert.deepEqual(readers, []);
  });
});
