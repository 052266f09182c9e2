import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runPositions, type BenchEngine, type PositionRecord } from '../../bench/context-run';
import { sampleGroundTruth, type GroundTruth } from '../../bench/ground-truth';
import { maskLine } from '../../bench/mask';
import { oracleItems } from '../../bench/oracle';
import { ContextEngine } from '../../src/core/engine';
import type { ContextRequest, ContextResult } from '../../src/core/types';

const FIXTURE = path.join(__dirname, '../fixtures/bench-baselines');

describe('the benchmark scores the prompt a model gets', () => {
  let engine: ContextEngine;
  let truth: GroundTruth;
  before(async () => {
    engine = await ContextEngine.open({ root: FIXTURE, cacheDir: false });
    truth = sampleGroundTruth(FIXTURE, { maxPositions: 4 });
  });
  after(() => engine.dispose());

  test('every strategy is asked with the format, and the rendered prompt stays within each budget', async () => {
    const seen: { request: ContextRequest; result: ContextResult }[] = [];
    // The real engine, with every request and answer it gets recorded.
    const recording: BenchEngine = {
      indexView: engine.indexView,
      buildContext: async request => {
        const result = await engine.buildContext(request);
        seen.push({ request, result });
        return result;
      },
    };
    assert.ok(truth.positions.length >= 2, 'the fixture gives positions to measure');
    const budgets = [300, 1024];
    await runPositions(recording, truth.positions, truth.sourceOf, { strategies: ['jaccard', 'imports', 'ours', 'oracle'], budgets, format: 'qwen' });
    assert.equal(seen.length, truth.positions.length * 3 * budgets.length);
    for (const { request, result } of seen) {
      assert.equal(request.format, 'qwen');
      assert.ok(result.manifest.promptTokens !== undefined && result.manifest.promptTokens <= request.budgetTokens, `${result.manifest.promptTokens} tokens for a budget of ${request.budgetTokens}`);
    }
  });

  test('the per-position records (--positions-out) agree with the scores and name what was included', async () => {
    const records: PositionRecord[] = [];
    const budgets = [300, 1024];
    const run = await runPositions(engine, truth.positions, truth.sourceOf, { strategies: ['ours', 'oracle'], budgets, onPosition: r => records.push(r) });
    assert.deepEqual(
      records.map(r => [r.file, r.line]),
      truth.positions.map(p => [p.file, p.line]),
    );
    for (const [p, record] of records.entries()) {
      assert.equal(record.results.length, 2 * budgets.length);
      for (const result of record.results) {
        const score = run.scores.get(result.strategy)!.get(result.budget)![p];
        const covered = Object.values(score.byCategory).reduce((sum, t) => sum + t.covered, 0);
        assert.equal(result.shown.length, covered, `${result.strategy} at ${result.budget}: the names shown are the gold covered`);
        for (const name of result.shown) assert.ok(record.gold.some(g => g.name === name));
        assert.ok(result.items.some(i => i.included) && result.items.every(i => i.path.length > 0 && (!i.included || i.tokens > 0)));
        assert.ok(result.items.every(i => i.included || i.dropped), 'a row left out says why');
      }
    }
    // The oracle shows every gold at the larger budget on this small fixture, so some record names gold shown.
    assert.ok(records.some(r => r.results.some(x => x.shown.length > 0)));
    // At 300 tokens not every candidate fits: the rows passed over are recorded too.
    assert.ok(records.some(r => r.results.some(x => x.items.some(i => !i.included))), 'rows left out are recorded');
  });

  test('the oracle is fitted to the rendered prompt too: a budget below the template alone is refused', () => {
    const gold = truth.positions[0];
    const masked = maskLine(truth.sourceOf(gold.file), gold.line);
    const request = { gold, text: masked.text, position: masked.position, budgetTokens: 8 };
    assert.throws(() => oracleItems(engine.indexView, { ...request, format: 'qwen' }), /too small for a qwen prompt/);
    assert.doesNotThrow(() => oracleItems(engine.indexView, request));
  });
});
