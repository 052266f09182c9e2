// The masked line never leaks (issue #8.1): for every strategy, the answer for a masked position equals the
// answer on a copy of the tree where that line is blank on disk: same items, same order, same prompt.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine, STRATEGY_NAMES } from '../../src/core/engine';
import { MAX_CURSOR_MOVE_FOR_REUSE_LINES } from '../../src/core/service/api';
import { DEFAULT_SAMPLING } from '../../src/core/eval/sample';
import { maskLine } from '../../src/core/eval/mask-line';
import type { ContextResult, StrategyName } from '../../src/core/types';
import { FIXTURES } from './rank-helpers';

const BUDGETS = [2048, 8192];
/** Files of the fixture whose lines are masked; lines further apart than the reuse radius, as the benchmark samples. */
const FILES = ['src/app.ts', 'src/orders/pricing.ts', 'src/orders/cart.ts', 'src/geometry/shapes.ts'];
const LINE_STEP = MAX_CURSOR_MOVE_FOR_REUSE_LINES + 1;
const LINES_PER_FILE = 4;

function copyFixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leakage-'));
  fs.cpSync(path.join(FIXTURES, 'pack-shop'), root, { recursive: true });
  return root;
}

/** What must be equal: the prompt's parts and every manifest item (paths, lines, levels, scores, reasons), not timings. */
function answer(result: ContextResult): unknown {
  return { context: result.context, prefix: result.prefix, suffix: result.suffix, items: result.manifest.items, usedTokens: result.manifest.usedTokens };
}

describe('masking a line never leaks it through the index', () => {
  let masked: ContextEngine;
  let blanked: ContextEngine;
  let maskedRoot: string;
  let blankedRoot: string;
  before(async () => {
    maskedRoot = copyFixture();
    blankedRoot = copyFixture();
    masked = await ContextEngine.open({ root: maskedRoot, cacheDir: false });
    blanked = await ContextEngine.open({ root: blankedRoot, cacheDir: false });
    await Promise.all([masked.warmUp(), blanked.warmUp()]);
  });
  after(async () => {
    await Promise.all([masked?.dispose(), blanked?.dispose()]);
    for (const root of [maskedRoot, blankedRoot]) if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test(`every strategy (${STRATEGY_NAMES.join(', ')}): mask: "line" equals the line blank on disk`, async () => {
    let compared = 0;
    for (const file of FILES) {
      const original = fs.readFileSync(path.join(maskedRoot, file), 'utf8');
      const lines = original.split('\n');
      const chosen = Array.from({ length: LINES_PER_FILE }, (_, i) => lines.findIndex((l, at) => at >= i * LINE_STEP && l.trim() !== '')).filter(l => l >= 0);
      for (const line of [...new Set(chosen)]) {
        const { text, position } = maskLine(original, line);
        fs.writeFileSync(path.join(blankedRoot, file), text);
        await blanked.updateFile(file);
        try {
          for (const strategy of STRATEGY_NAMES as StrategyName[]) {
            for (const budgetTokens of BUDGETS) {
              const request = { file, position, budgetTokens, strategy };
              const fromMask = answer(await masked.buildContext({ ...request, text }));
              const fromDisk = answer(await blanked.buildContext(request));
              assert.deepEqual(fromMask, fromDisk, `${strategy} at ${file}:${line + 1}, ${budgetTokens} tokens`);
              compared++;
            }
          }
        } finally {
          fs.writeFileSync(path.join(blankedRoot, file), original);
          await blanked.updateFile(file);
        }
      }
    }
    assert.ok(compared >= STRATEGY_NAMES.length * BUDGETS.length * 8, `${compared} comparisons`);
  });

  test('the benchmark samples positions further apart than the radius within which a packed context is reused', () => {
    assert.ok(DEFAULT_SAMPLING.minLineGap > MAX_CURSOR_MOVE_FOR_REUSE_LINES, `min gap ${DEFAULT_SAMPLING.minLineGap} vs reuse radius ${MAX_CURSOR_MOVE_FOR_REUSE_LINES}`);
  });
});
