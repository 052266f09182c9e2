import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ContextEngine } from '../../src/core/engine';
import { sampleIndexedPositions } from '../../src/core/eval/index-positions';
import { SHOP } from './pack-fixture';

describe('positions to evaluate, from the index', () => {
  let engine: ContextEngine;
  before(async () => {
    engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
  });
  after(() => engine.dispose());

  test('are code lines that use a name declared in another file, in every language of the project', () => {
    const index = engine.indexView;
    const positions = sampleIndexedPositions(index, { maxPerFile: 100, minLineGap: 1 });
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
    const once = sampleIndexedPositions(engine.indexView, { maxPositions: 3 });
    assert.deepEqual(sampleIndexedPositions(engine.indexView, { maxPositions: 3 }), once);
    assert.equal(once.length, 3);
  });
});
