import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlinedDeclarations, outlineIntervals } from '../../src/core/pack/outline';
import { extractFixture } from '../fixtures/extract-support/helpers';

test("a Python outline shows the instance attributes __init__ sets, and not a function's nested function", async () => {
  const { text, symbols } = await extractFixture('python', 'extract-python/service.py');
  const lines = text.split('\n');
  const shown = outlineIntervals(outlinedDeclarations(symbols.definitions), lines).flatMap(r => lines.slice(r.start, r.end + 1));
  assert.ok(shown.includes('    def __init__(self, client: Client) -> None:'));
  assert.ok(shown.includes('        self.client = client'), "the attribute is the class's API, though __init__'s body is elided");
  assert.ok(shown.includes('def helper(users: List[User]) -> Optional[G]:'));
  assert.ok(!shown.includes('    def inner():'), 'a nested function is local to its function');
  assert.ok(!shown.some(line => line.includes('value = compute(users)')), 'bodies stay elided');
});
