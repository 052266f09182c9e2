// The server gives `self.x = …` in a method as the declaration of `x`, a line the index declares nothing
// at: the method around it is shown (rank/signals/facts.ts, callableAround), not only its file, whose outline
// shows the method's header and not that line. Real pyright, real index.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { endOf, pythonPackageWithFacts } from './facts-fixture';

/** Far above the answers' times: the test checks what is found on a busy machine, not how fast. */
const FACTS_BUDGET_MS = 20_000;
const BASE = [
  'class BaseGrant:',
  '    def __init__(self, validator):',
  '        self.validator = validator',
  '        self._setup_hooks()',
  '',
  '    def _setup_hooks(self):',
  '        self.hooks = []',
  '',
  ...Array.from({ length: 60 }, (_, i) => [`    def check_${i}(self, request):`, `        """Whether the request carries value ${i}, which the grant needs before it issues a token."""`, `        return request.value_${i} is not None`, '']).flat(),
].join('\n');
const GRANT = ['from .base import BaseGrant', '', '', 'class PasswordGrant(BaseGrant):', '    def create(self, request):', '        for hook in self.hooks:', '            hook(request)', '        '].join('\n');

describe('a fact at an attribute assigned in a method', () => {
  const pkg = pythonPackageWithFacts('facts-attribute', {
    base: BASE,
    grant: `${GRANT}\n`,
  }, 'svc/grant.py', FACTS_BUDGET_MS);

  test('`self.hooks` used above the cursor shows the method that sets it, with the fact as its reason', async () => {
    const result = await pkg.engine.buildContext({ file: 'svc/grant.py', position: endOf(GRANT), budgetTokens: 2048 });
    const setup = result.manifest.items.find(item => item.path === 'svc/base.py' && item.included && item.level !== 'outline' && item.startLine <= 7 && item.endLine >= 7);
    assert.ok(setup, JSON.stringify(result.manifest.items.filter(item => item.path === 'svc/base.py')));
    assert.ok(setup.endLine < 20, `the method, not the whole class: lines ${setup.startLine}-${setup.endLine}`);
    assert.ok(setup.reasons.some(r => r.startsWith('defines `hooks`')), JSON.stringify(setup.reasons));
  });
});
