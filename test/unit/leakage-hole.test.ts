// 'hole' masking (bench --mask hole) keeps the line up to the cursor and removes the rest: nothing of the
// removed part may reach a request at that position, through the index (the file on disk still has the
// whole line), the language server (tsc --lsp, opened with the masked buffer as the benchmark opens it) or
// the prompt. The removed part holds names that exist nowhere else, so any trace of them is a leak.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine, STRATEGY_NAMES } from '../../src/core/engine';
import { maskRestOfLine } from '../../src/core/eval/mask-line';
import { HeadlessLanguageFacts } from '../../src/core/facts';
import type { ContextResult, StrategyName } from '../../src/core/types';

const fixture = path.join(__dirname, '..', 'fixtures', 'facts-ts');
const HOLES = 'src/holes.ts';
const KEPT = '  return account.owner.';
const REMOVED = ['zqLeakProbe', 'ZQ_LEAK_ARGUMENT'];
const BUDGETS = [2048, 8192];
/** Far above the answers' times: what is checked is what reaches the request, not how fast. */
const FACTS_BUDGET_MS = 15_000;

/** Everything a request at the position shows or says: the prompt's parts and every manifest row and fact. */
function everything(result: ContextResult): string {
  return JSON.stringify({ context: result.context, prefix: result.prefix, suffix: result.suffix, manifest: result.manifest });
}

describe("hole masking never leaks the removed part of the line", () => {
  let root: string;
  let original: string;
  let plain: ContextEngine;
  let withFacts: ContextEngine;
  let facts: HeadlessLanguageFacts;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leakage-hole-'));
    fs.cpSync(fixture, root, { recursive: true });
    fs.appendFileSync(path.join(root, HOLES), `\nexport function probeOf(account: Account) {\n${KEPT}${REMOVED[0]}(${REMOVED[1]});\n}\n`);
    original = fs.readFileSync(path.join(root, HOLES), 'utf8');
    facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: FACTS_BUDGET_MS });
    plain = await ContextEngine.open({ root, cacheDir: false });
    withFacts = await ContextEngine.open({ root, cacheDir: false, facts, factsBudgetMs: FACTS_BUDGET_MS });
    await Promise.all([plain.warmUp(), withFacts.warmUp()]);
  });
  after(async () => {
    await Promise.all([plain?.dispose(), withFacts?.dispose()]);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  test(`every strategy (${STRATEGY_NAMES.join(', ')}) and ours with facts, at 2K and 8K`, async () => {
    const line = original.split('\n').findIndex(l => l.includes(REMOVED[0]));
    const masked = maskRestOfLine(original, { line, character: KEPT.length });
    assert.ok(masked.text.includes(`${KEPT}\n}`), 'the kept part stays, the rest of the line is gone');
    // The probe can fail: unmasked, the removed names reach the prompt.
    const unmasked = everything(await plain.buildContext({ file: HOLES, position: masked.position, text: original, budgetTokens: 2048, strategy: 'ours' }));
    assert.ok(REMOVED.every(name => unmasked.includes(name)));
    await facts.warmUp({ path: HOLES, text: masked.text });
    const answers: [string, ContextEngine, StrategyName][] = [...STRATEGY_NAMES.map(s => [s, plain, s] as [string, ContextEngine, StrategyName]), ['ours+facts', withFacts, 'ours']];
    for (const [label, engine, strategy] of answers) {
      for (const budgetTokens of BUDGETS) {
        const result = await engine.buildContext({ file: HOLES, position: masked.position, text: masked.text, budgetTokens, strategy });
        assert.ok(result.prefix.endsWith(KEPT), `${label}: the prompt ends at the cursor`);
        const shown = everything(result);
        for (const name of REMOVED) assert.ok(!shown.includes(name), `${label} at ${budgetTokens} tokens shows \`${name}\` from the removed part`);
      }
    }
    // The facts engine did answer at the hole: a member hole after `account.owner.` has an expected type.
    const informed = await withFacts.buildContext({ file: HOLES, position: masked.position, text: masked.text, budgetTokens: 2048, strategy: 'ours' });
    assert.match(informed.manifest.facts?.expectedType ?? '', /the object before the cursor's `\.`/);
  });
});
