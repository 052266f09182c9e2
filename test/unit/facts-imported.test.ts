// A definition fact for a name the current file imports is left out of the ranking when the import leads to
// that declaration: the definitions signal resolved it exactly already, with a weight that decays with the
// distance of the uses (rank/signals/facts.ts, resolvedByImport). Counted again at the fact's flat weight it
// outbid what the cursor needs (facts-bench-python.md). A module imported whole keeps its fact, for the module's
// file (it names no declaration there): the file share of it, as a fact naming a declaration gives its file
// (rank/signals/facts.ts, fileScoreOf). Real pyright, real index.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_WEIGHTS } from '../../src/core/rank/weights';
import type { ContextResult } from '../../src/core/types';
import { endOf, pythonPackageWithFacts } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const ERRORS = ['class TokenError(Exception):', '    pass', '', '', 'def fail(reason):', '    raise TokenError(reason)', ''].join('\n');
const TOKENS = ['def parse_token(text):', '    return text.split(".")', ''].join('\n');
const CLIENT = ['from . import errors', 'from .tokens import parse_token', '', '', 'def refresh(text):', '    parts = parse_token(text)', '    if not parts:', '        errors.fail(text)', '    '].join('\n');

describe('definition facts of imported names', () => {
  const pkg = pythonPackageWithFacts('facts-imported', {
    errors: ERRORS,
    tokens: TOKENS,
    client: `${CLIENT}\n`,
  }, 'svc/client.py', FACTS_BUDGET_MS);
  let result: ContextResult;
  let withoutFacts: ContextResult;
  before(async () => {
    result = await pkg.engine.buildContext({ file: 'svc/client.py', position: endOf(CLIENT), budgetTokens: 2048 });
    // Facts sent with the request are used instead of the server's: none. Another budget, so no kept context is offered.
    withoutFacts = await pkg.engine.buildContext({ file: 'svc/client.py', position: endOf(CLIENT), budgetTokens: 2047, facts: { facts: [], missing: [], complete: true, elapsedMs: 0 } });
  });

  const reasonsIn = (path: string) => result.manifest.items.filter(item => item.path === path).flatMap(item => item.reasons);

  test('a function imported by name: the import is its reason, not the fact as well', () => {
    assert.ok(result.manifest.facts && result.manifest.facts.used > 0, JSON.stringify(result.manifest.facts));
    const reasons = reasonsIn('svc/tokens.py');
    assert.ok(reasons.includes('defines `parse_token`, imported and used 3 lines above the cursor'), JSON.stringify(reasons));
    assert.ok(!reasons.includes('defines `parse_token`, used 3 lines above the cursor'), JSON.stringify(reasons));
  });

  test('a module imported whole keeps its fact', () => {
    const reasons = reasonsIn('svc/errors.py');
    assert.ok(reasons.includes('imported as `errors`, used 1 line above the cursor'), JSON.stringify(reasons));
    // Two definition facts point into errors.py: the module `errors` (the server's definition is the file) and
    // `fail`, whose declaration earns it whole; the file gains the file share of each (the module's too small a
    // part of the file's score to be among its reasons).
    const fileScore = (built: ContextResult) => built.manifest.items.find(item => item.path === 'svc/errors.py' && item.level !== 'snippet')?.score ?? 0;
    const { definition, fileShare } = DEFAULT_WEIGHTS.facts;
    const gain = fileScore(result) - fileScore(withoutFacts);
    assert.ok(Math.abs(gain - 2 * definition * fileShare) < 1e-9, `errors.py gains ${gain} with the facts`);
  });
});
