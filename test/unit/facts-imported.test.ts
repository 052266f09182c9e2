// A definition fact for a name the current file imports is left out of the ranking when the import leads to
// that declaration: the definitions signal resolved it exactly already, with a weight that decays with the
// distance of the uses (rank/signals/facts.ts, resolvedByImport). Counted again at the fact's flat weight it
// outbid what the cursor needs (facts-bench-python.md). A module imported whole keeps its fact: it carries the
// module's outline that the next line's member is read from. Real pyright, real index.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ContextEngine } from '../../src/core/engine';
import type { ContextResult } from '../../src/core/types';
import { endOf, FactsFixture } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const ERRORS = ['class TokenError(Exception):', '    pass', '', '', 'def fail(reason):', '    raise TokenError(reason)', ''].join('\n');
const TOKENS = ['def parse_token(text):', '    return text.split(".")', ''].join('\n');
const CLIENT = ['from . import errors', 'from .tokens import parse_token', '', '', 'def refresh(text):', '    parts = parse_token(text)', '    if not parts:', '        errors.fail(text)', '    '].join('\n');

describe('definition facts of imported names', () => {
  let fixture: FactsFixture;
  let engine: ContextEngine;
  let result: ContextResult;
  before(async () => {
    fixture = FactsFixture.pythonPackage('facts-imported', {
      errors: ERRORS,
      tokens: TOKENS,
      client: `${CLIENT}\n`,
    });
    ({ engine } = await fixture.engineWithFacts('svc/client.py', FACTS_BUDGET_MS));
    result = await engine.buildContext({ file: 'svc/client.py', position: endOf(CLIENT), budgetTokens: 2048 });
  });
  after(() => fixture?.close());

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
    assert.ok(reasons.includes('defines `errors`, used 1 line above the cursor'), JSON.stringify(reasons));
  });
});
