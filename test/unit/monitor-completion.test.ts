// The monitor against the real TypeScript 7 server (tsc --lsp) on test/fixtures/monitor-ts/ and a real
// OpenAI-protocol HTTP server that records every request: what each backend is sent, what passes, what is
// repaired, and what happens without a server or with a slow one.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { HeadlessLanguageFacts } from '../../src/core/facts';
import type { ModelBackend } from '../../src/core/model';
import { MonitorHarness, fixtureDocument, type FixtureDocument, type MonitorCall } from './monitor-harness';

const root = path.join(__dirname, '..', 'fixtures', 'monitor-ts');
const document = fixtureDocument(root, 'src/greeting.ts', '/*cursor*/', 'typescript');
/** Generous for a shared 2-core machine, except where a test is about the budget. */
const BUDGET_MS = 10_000;

/** The document with the user's typing after the cursor's start (`user.getU`). */
const typed = (text: string): FixtureDocument => ({ ...document, prefix: document.prefix + text });

describe('monitor-guided completions (tsc --lsp, real HTTP streaming)', () => {
  const harness = new MonitorHarness(root, document);
  before(() => harness.start());
  after(() => harness.stop());

  /** Serves `intended` with the generous budget and 3-character chunks unless the call says otherwise. */
  const monitor = (intended: string, settings: MonitorCall['settings'], call: Omit<MonitorCall, 'settings'> = {}) =>
    harness.monitor(intended, { stream: { chunkChars: 3 }, ...call, settings: { triggerBudgetMs: BUDGET_MS, ...settings } });

  test('a valid completion passes untouched: one request, no constraint, no change, no note', async () => {
    const { result, requests } = await monitor('user.getUserName() + friend?.getEmail()', { backend: 'llama.cpp' });
    assert.equal(result.text, 'user.getUserName() + friend?.getEmail()');
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.notes, []);
    assert.equal(result.rejected, false);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.body.grammar, undefined);
    assert.equal(result.checkMs.length, 2, 'both member accesses were checked');
  });

  test('generic endpoint: the stream is stopped, the closest member put in, and generation continues from it without a constraint', async () => {
    // One character every 10 ms: the stream would take over 6 s, the server answers long before.
    const tail = ' '.repeat(600);
    const { result, requests } = await monitor(`user.getUsername();${tail}`, { backend: 'openai' }, { stream: { chunkChars: 1, chunkDelayMs: 10 } });
    assert.equal(result.text, `user.getUserName();${tail}`);
    // Stopped once the name could no longer become a member: from `getUsern` on, as far as the stream got.
    assert.equal(result.changes.length, 1);
    assert.ok(result.changes[0]!.from.length >= 'getUsern'.length && 'getUsername'.startsWith(result.changes[0]!.from), result.changes[0]!.from);
    assert.equal(result.changes[0]!.to, 'getUserName');
    assert.match(result.changes[0]!.why, /'getUsern\w*' is not a member here.*closest member is 'getUserName'/);
    assert.equal(requests.length, 2);
    assert.equal(requests[0]!.outcome, 'client-closed', 'the first stream was stopped at the wrong name');
    assert.ok(requests[1]!.body.prompt.endsWith('user.getUserName'), 'the continuation starts from the corrected text');
    for (const request of requests) {
      assert.equal(request.body.logprobs, 5, 'top logprobs are asked for, to help the pick');
      assert.equal(request.body.grammar ?? request.body.structured_outputs ?? request.body.guided_choice, undefined);
    }
  });

  for (const [backend, field] of [
    ['llama.cpp', 'grammar'],
    ['vllm', 'structured_outputs'],
    ['vllm-legacy', 'guided_choice'],
  ] as const) {
    test(`${backend}: the repair request carries ${field} with the allowed members, and the server's pick is kept`, async () => {
      const { result, requests } = await monitor('user.getUsername().trim()', { backend: backend as ModelBackend });
      assert.equal(result.text, 'user.getUserName().trim()');
      const constrained = requests.filter(r => r.body[field] !== undefined);
      assert.equal(constrained.length, 1, `one request with ${field}`);
      const body = constrained[0]!.body;
      assert.ok(body.prompt.endsWith('user.'), 'constrained from the dot on');
      if (field === 'grammar') {
        assert.match(body.grammar, /^root ::= member rest$/m);
        assert.match(body.grammar, /^member ::= .*"getUserName" \| .*$/m);
        assert.ok(!/"email"/.test(body.grammar), 'a private member is not offered');
      } else {
        const choice = field === 'structured_outputs' ? body.structured_outputs.choice : body.guided_choice;
        assert.ok(choice.includes('getUserName') && choice.includes('setEmail') && !choice.includes('email'), JSON.stringify(choice));
      }
      assert.equal(result.changes[0]!.strategy, backend === 'llama.cpp' ? 'grammar' : 'choice');
      assert.equal(result.changes[0]!.to, 'getUserName');
      // vLLM's choice writes the name only: the rest comes from one more, unconstrained request.
      assert.equal(requests.length, backend === 'llama.cpp' ? 2 : 3);
    });
  }

  test('the member accesses of one burst of the stream share one shadow edit of the document', async () => {
    let shadowEdits = 0;
    const counting = new Proxy(harness.facts, {
      get(target, key) {
        if (key === 'withShadowText') return (...args: Parameters<typeof target.withShadowText>) => (shadowEdits++, target.withShadowText(...args));
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const line = 'user.getUserName() + friend?.getEmail() + user.firstName';
    const { result } = await monitor(line, { backend: 'openai' }, { facts: counting, stream: { chunkChars: line.length } });
    assert.equal(result.text, line);
    assert.equal(result.checkMs.length, 3, 'all three accesses were checked');
    assert.equal(shadowEdits, 1);
  });

  test('an answer slower than the budget is still used while the model writes', async () => {
    // A 1 ms budget no server meets; the stream takes about 3 s, one character every 10 ms.
    const tail = ' '.repeat(300);
    const { result } = await monitor(`user.getUsername();${tail}`, { backend: 'openai', triggerBudgetMs: 1 }, { stream: { chunkChars: 1, chunkDelayMs: 10 } });
    assert.equal(result.text, `user.getUserName();${tail}`);
    assert.deepEqual(result.notes, []);
    assert.ok(result.checkMs.some(ms => ms > 1), JSON.stringify(result.checkMs));
  });

  test('a name the user began typing keeps its typed part: user.getU + "sername()" becomes "serName()"', async () => {
    const { result } = await monitor('sername()', { backend: 'openai' }, { document: typed('user.getU') });
    assert.equal(result.text, 'serName()');
  });

  test("the model's top logprobs decide between equally near members", async () => {
    const run = async (favoured: string) => {
      const alternatives = () => [undefined, { getName: -0.5, [favoured]: -1 }];
      return (await monitor('user.getName()', { backend: 'openai' }, { stream: { chunkChars: 5, alternatives } })).result;
    };
    assert.equal((await run('getLast')).text, 'user.getLastName()');
    assert.equal((await run('getFirst')).text, 'user.getFirstName()');
  });

  test('the diagnostics monitor rejects a wrong argument count and an unknown name', async () => {
    const count = (await monitor('user.getEmail(1)', { backend: 'openai', checkDiagnostics: true })).result;
    assert.equal(count.text, 'user.getEmail(1)');
    assert.deepEqual(count.findings.map(f => f.kind), ['argument-count']);
    assert.equal(count.rejected, true);
    const unknown = (await monitor('usr.getEmail()', { backend: 'openai', checkDiagnostics: true })).result;
    assert.deepEqual(unknown.findings.map(f => f.kind), ['unknown-name']);
    assert.match(unknown.findings[0]!.message, /usr/);
  });

  test('off: the raw completion, one request, nothing checked', async () => {
    const { result, requests } = await monitor('user.getUsername()', { backend: 'off' });
    assert.equal(result.text, 'user.getUsername()');
    assert.equal(result.strategy, 'off');
    assert.deepEqual([result.changes, result.checkMs, result.notes], [[], [], []]);
    assert.equal(requests.length, 1);
  });

  test('a server slower than the budget: the completion stays raw and the note says why', async () => {
    const pid = harness.facts.status()[0]!.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const { result, logged } = await monitor('user.getUsername()', { backend: 'openai', triggerBudgetMs: 50 });
      assert.equal(result.text, 'user.getUsername()');
      assert.deepEqual(result.changes, []);
      assert.ok(logged.some(line => /^monitor: member of 'user' not checked: no answer within the 50 ms budget$/.test(line)), logged.join('\n'));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  test('no language server: the completion stays raw and the note says so once', async () => {
    const missing = new HeadlessLanguageFacts({ root, servers: { typescript: { command: '/nonexistent/bin/typescript-lsp', args: ['--stdio'] } } });
    try {
      const { result, logged } = await harness.monitor('user.getUsername() + user.getEmal()', { facts: missing, settings: { backend: 'openai' } });
      assert.equal(result.text, 'user.getUsername() + user.getEmal()');
      assert.equal(logged.length, 1, logged.join('\n'));
      assert.match(logged[0]!, /^monitor: not checked: Could not start .*; the completion is raw$/);
    } finally {
      await missing.dispose();
    }
  });
});
