// A class a type fact names declares its state in its constructor (`self.x = …` in `__init__`): at
// `self.|` in a subclass, the base class's `__init__` is shown, which neither its header nor the file's
// outline shows (rank/signals/facts.ts, CONSTRUCTOR_SHARE). Real pyright, real index.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, pythonPackageWithFacts } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const ROOT = [
  'class RootEndpoint:',
  '    def __init__(self, timeout=10):',
  '        self.timeout = timeout',
  '',
  ...Array.from({ length: 12 }, (_, i) => [`    def close_${i}(self, request):`, `        return request.handle_${i} is not None`, '']).flat(),
].join('\n');
const BASE = [
  'from .root import RootEndpoint',
  '',
  '',
  'class BaseEndpoint(RootEndpoint):',
  '    def __init__(self, request_validator, token_generator=None):',
  '        self.request_validator = request_validator',
  '        self.token_generator = token_generator',
  '',
  ...Array.from({ length: 12 }, (_, i) => [`    def check_${i}(self, request):`, `        return request.value_${i} is not None`, '']).flat(),
].join('\n');
const ENDPOINT = ['from .base import BaseEndpoint', '', '', 'class ResourceEndpoint(BaseEndpoint):', '    def validate(self, request):', '        valid = self.'].join('\n');

describe("the constructor of a class a type fact names", () => {
  const pkg = pythonPackageWithFacts('facts-constructor', {
    root: ROOT,
    base: BASE,
    endpoint: `${ENDPOINT}\n`,
  }, 'svc/endpoint.py', FACTS_BUDGET_MS);

  test("at `self.|` in a subclass, the base class's `__init__` with the attributes it sets", async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/endpoint.py', position: endOf(ENDPOINT), budgetTokens: 2048 });
    const init = result.manifest.items.find(item => item.path === 'svc/base.py' && item.level === 'snippet' && item.startLine === 5 && item.endLine === 7);
    assert.match(init?.reasons.find(r => r.startsWith('constructs')) ?? JSON.stringify(result.manifest.items), /^constructs `BaseEndpoint`/);
  });

  test("at `self.|`, the `__init__` of a base class's base (found through the index's imports) is shown", async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/endpoint.py', position: endOf(ENDPOINT), budgetTokens: 2048 });
    const init = result.manifest.items.find(item => item.path === 'svc/root.py' && item.included && item.level !== 'outline' && item.startLine <= 2 && item.endLine >= 3);
    assert.ok(init, JSON.stringify(result.manifest.items.filter(item => item.path === 'svc/root.py')));
    assert.match(init.reasons.find(r => r.startsWith('constructs')) ?? JSON.stringify(init.reasons), /^constructs `RootEndpoint`, a base of `(ResourceEndpoint|BaseEndpoint)` \(/);
  });
});
