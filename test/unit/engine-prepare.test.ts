import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ContextEngine } from '../../src/core/engine';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { KEPT_REASON, KEPT_START_REASON } from '../../src/core/pack';
import type { ContextResult, Position } from '../../src/core/types';
import { SHOP } from './pack-fixture';

const BUDGET = 1024;

/** The text with `key` typed at `position` (one line's character offset). */
function typed(text: string, { line, character }: Position, key: string): string {
  const lines = text.split('\n');
  lines[line] = lines[line].slice(0, character) + key + lines[line].slice(character);
  return lines.join('\n');
}

const continuesKept = (result: ContextResult) => result.manifest.items.some(item => item.included && (item.reasons[0] === KEPT_REASON || item.reasons[0] === KEPT_START_REASON));

describe('ContextEngine.prepareContext (the cursor rests before the first keystroke)', () => {
  let engine: ContextEngine;
  before(async () => {
    engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
    await engine.warmUp({ rehearse: false }); // the editor prepares once the ranking state is built
  });
  after(() => engine.dispose());

  test('before the ranking state is built, a preparation keeps nothing (the state is built in the background, not by it)', async () => {
    const cold = await ContextEngine.open({ root: SHOP, cacheDir: false });
    try {
      const file = 'src/app.ts';
      const text = (await cold.text(file))!;
      const position = { line: 11, character: 2 };
      assert.equal(await cold.prepareContext({ file, text, position, budgetTokens: BUDGET }), false);
      const keystroke = await cold.buildContext({ file, text: typed(text, position, 'c'), position: { line: 11, character: 3 }, budgetTokens: BUDGET });
      assert.ok(keystroke.manifest.items.some(item => item.included && item.path !== file), 'the keystroke ranked other files');
      assert.ok(!continuesKept(keystroke), 'packed afresh: nothing was kept for it');
    } finally {
      await cold.dispose();
    }
  });

  test('the first keystroke where the cursor rested continues the prepared context, and a preparation is no build', async () => {
    const file = 'src/app.ts';
    const text = (await engine.text(file))!;
    const position = { line: 11, character: 2 };
    assert.equal(await engine.prepareContext({ file, text, position, budgetTokens: BUDGET }), true);
    assert.deepEqual((await engine.stats()).builds, { done: 0, partial: 0, cancelled: 0 });
    const keystroke = await engine.buildContext({ file, text: typed(text, position, 'c'), position: { line: 11, character: 3 }, budgetTokens: BUDGET });
    assert.ok(continuesKept(keystroke), JSON.stringify(keystroke.manifest.items.map(item => item.reasons[0])));
  });

  test('a rest near the context kept for the last request prepares nothing; a rest far from it does', async () => {
    const file = 'src/app.ts';
    const text = (await engine.text(file))!;
    await engine.buildContext({ file, text, position: { line: 3, character: 0 }, budgetTokens: BUDGET });
    assert.equal(await engine.prepareContext({ file, text, position: { line: 6, character: 2 }, budgetTokens: BUDGET }), false);
    // Another budget is another continuity: its context is prepared.
    assert.equal(await engine.prepareContext({ file, text, position: { line: 6, character: 2 }, budgetTokens: 2 * BUDGET }), true);
    assert.equal(await engine.prepareContext({ file, text, position: { line: 18, character: 2 }, budgetTokens: BUDGET }), true);
  });

  test('the buffer where the cursor rests is parsed with the file as its key, so the worker keeps its syntax tree for the keystroke', async () => {
    const file = 'src/orders/cart.ts';
    const text = (await engine.text(file))!;
    const keyed: (string | undefined)[] = [];
    const parse = WorkspaceIndex.prototype.parse;
    WorkspaceIndex.prototype.parse = function (this: WorkspaceIndex, ...args: Parameters<typeof parse>) {
      keyed.push(args[2]);
      return parse.apply(this, args);
    };
    try {
      assert.equal(await engine.prepareContext({ file, text, position: { line: 5, character: 0 }, budgetTokens: BUDGET }), true);
    } finally {
      WorkspaceIndex.prototype.parse = parse;
    }
    // The build itself took the index's symbols (the buffer is the indexed text): the one parse is the tree's.
    assert.deepEqual(keyed, [file]);
  });

  test('a cancelled preparation rejects with an AbortError and keeps nothing for the keystroke', async () => {
    const file = 'src/geometry/shapes.ts';
    const text = (await engine.text(file))!;
    const position = { line: 30, character: 0 };
    const controller = new AbortController();
    const preparing = engine.prepareContext({ file, text, position, budgetTokens: BUDGET }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(preparing, (error: Error) => error.name === 'AbortError');
    const keystroke = await engine.buildContext({ file, text: typed(text, position, 'x'), position: { line: 30, character: 1 }, budgetTokens: BUDGET });
    assert.ok(!continuesKept(keystroke), 'packed afresh');
  });
});
