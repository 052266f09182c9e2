import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PACKING_DEFAULTS } from '../../src/core/pack';
import { Activity } from '../../src/vscode/activity';
import { describeReport, isProblem, listModels, probeModel } from '../../src/vscode/connection-check';
import { ContextHistory } from '../../src/vscode/context-history';
import { isLanguageEnabled, offReason, withLanguage } from '../../src/vscode/enablement';
import { Snooze } from '../../src/vscode/snooze';
import { statusView, type StatusInput } from '../../src/vscode/status-view';
import { OpenAITestServer } from '../servers/openai-server';

describe('per-language enablement', () => {
  test('a language\'s own entry wins over "*"; unnamed languages follow "*", or are on', () => {
    const enable = { '*': true, markdown: false };
    assert.equal(isLanguageEnabled(enable, 'markdown'), false);
    assert.equal(isLanguageEnabled(enable, 'typescript'), true);
    assert.equal(isLanguageEnabled({ '*': false, python: true }, 'python'), true);
    assert.equal(isLanguageEnabled({ '*': false }, 'go'), false);
    assert.equal(isLanguageEnabled({}, 'go'), true);
    assert.deepEqual(withLanguage(enable, 'go', false), { '*': true, markdown: false, go: false });
  });

  test('off reason: the global or workspace switch first, then the language', () => {
    assert.equal(offReason({ inlineCompletionsOff: 'in this workspace', enable: {} }, 'go'), 'in this workspace');
    assert.equal(offReason({ inlineCompletionsOff: undefined, enable: { go: false } }, 'go'), 'for go');
    assert.equal(offReason({ inlineCompletionsOff: undefined, enable: { go: false } }, undefined), undefined);
  });
});

describe('Snooze', () => {
  test('counts down in whole minutes and ends by itself', async () => {
    let now = 0;
    const snooze = new Snooze(() => now);
    let changes = 0;
    snooze.onDidChange(() => changes++);
    snooze.start(15);
    assert.equal(snooze.active, true);
    now = 60_001;
    assert.equal(snooze.minutesLeft(), 14);
    snooze.stop();
    assert.equal(snooze.active, false);
    assert.equal(snooze.minutesLeft(), undefined);
    const real = new Snooze();
    real.start(0.0005); // 30 ms
    await new Promise(resolve => setTimeout(resolve, 80));
    assert.equal(real.active, false);
    assert.equal(changes, 2);
    real.dispose();
  });
});

describe('Activity', () => {
  test('busy while work is in flight, even when it fails; the failure stays until a success', async () => {
    const activity = new Activity();
    let release!: () => void;
    const work = activity.track(new Promise<void>(resolve => (release = resolve)));
    assert.equal(activity.busy, true);
    release();
    await work;
    assert.equal(activity.busy, false);
    await assert.rejects(activity.track(Promise.reject(new Error('boom'))));
    assert.equal(activity.busy, false);
    activity.failed('Cannot reach the endpoint');
    assert.equal(activity.lastFailure, 'Cannot reach the endpoint');
    activity.succeeded();
    assert.equal(activity.lastFailure, undefined);
  });
});

describe('status bar view', () => {
  const base: StatusInput = { engine: { kind: 'ready', files: 12 }, busy: false, failure: undefined, off: undefined, snoozedMinutes: undefined, lastPrompt: { used: 3500, budget: 4096 } };
  test('names the product in every state, one state at a time, most urgent first', () => {
    const cases: [Partial<StatusInput>, string, RegExp][] = [
      [{}, 'ready', /^\$\(layers\) Codebase Context 3\.5K\/4K$/],
      [{ lastPrompt: undefined }, 'ready', /^\$\(layers\) Codebase Context$/],
      [{ busy: true, failure: 'x', off: 'globally' }, 'working', /loading~spin/],
      [{ failure: 'Cannot reach', off: 'globally' }, 'error', /^\$\(error\) Codebase Context$/],
      [{ off: 'for markdown', snoozedMinutes: 5 }, 'off', /circle-slash/],
      [{ snoozedMinutes: 14 }, 'snoozed', /snoozed 14m/],
      [{ engine: { kind: 'indexing', progress: { phase: 'indexing', done: 30, total: 120 } }, busy: true }, 'indexing', /indexing 25%/],
      [{ engine: { kind: 'failed', message: 'disk full' } }, 'index-failed', /warning/],
    ];
    for (const [over, state, text] of cases) {
      const view = statusView({ ...base, ...over });
      assert.equal(view.state, state, JSON.stringify(over));
      assert.match(view.text, text);
      assert.match(view.text, /Codebase Context/);
    }
    assert.match(statusView({ ...base, off: 'for markdown' }).tooltip, /off for markdown/);
    assert.match(statusView({ ...base, failure: 'Cannot reach http://x' }).tooltip, /Cannot reach http:\/\/x/);
  });
});

describe('ContextHistory', () => {
  test('keeps the last 20; follows the newest until a Build Context result or a pick holds one', () => {
    const history = new ContextHistory<string>();
    history.add('completion', 'c1');
    assert.equal(history.shown()?.value, 'c1');
    history.add('command', 'b1');
    history.add('completion', 'c2');
    assert.equal(history.shown()?.value, 'b1', 'the next keystroke does not replace a Build Context result');
    assert.equal(history.newerThanShown(), 1);
    history.show(undefined);
    assert.equal(history.shown()?.value, 'c2');
    for (let i = 0; i < 25; i++) history.add('completion', `n${i}`);
    assert.equal(history.all().length, 20);
    history.show(history.all()[5]!.id);
    assert.equal(history.shown()?.value, 'n19');
    history.show(12345);
    assert.equal(history.shown()?.value, 'n24', 'an unknown id follows the newest');
  });
});

describe('connection check against the real local OpenAI-protocol server', () => {
  test('lists the models, and finds that FIM with suffix and streaming work', async () => {
    const server = new OpenAITestServer({ models: ['qwen2.5-coder-1.5b', 'other'] });
    const { url } = await server.start();
    try {
      server.respondWith({ text: 'a + b' });
      const models = await listModels(`${url}/`, undefined);
      assert.deepEqual(models, ['qwen2.5-coder-1.5b', 'other']);
      const probes = await probeModel(url, undefined, 'qwen2.5-coder-1.5b');
      assert.deepEqual(probes, { fim: true, streaming: true });
      const posts = server.requests.filter(r => r.method === 'POST');
      assert.equal(posts[0]?.body.suffix, '\n');
      assert.equal(posts[1]?.body.stream, true);
      const lines = describeReport({ endpoint: url, models, ...probes }, 'missing-model');
      assert.match(lines.join(' '), /serves 2 models\. Model 'missing-model' is not among them.*suffix` field works\. Streaming works\./);
    } finally {
      await server.stop();
    }
  });

  test('a bad endpoint is a clear problem: unreachable, key refused, not a URL', async () => {
    const unreachable = await listModels('http://127.0.0.1:9/v1', undefined);
    assert.ok(isProblem(unreachable));
    assert.equal(unreachable.code, 'unreachable');
    assert.match(unreachable.message, /Cannot reach the model endpoint http:\/\/127\.0\.0\.1:9\/v1/);
    const server = new OpenAITestServer({ apiKey: 'right' });
    const { url } = await server.start();
    try {
      const refused = await listModels(url, 'wrong');
      assert.ok(isProblem(refused) && refused.code === 'unauthorized', JSON.stringify(refused));
    } finally {
      await server.stop();
    }
    const notUrl = await listModels('localhost:11434', undefined);
    assert.ok(isProblem(notUrl) && /is not a URL/.test(notUrl.message));
  });
});

describe('settings', () => {
  test('the budget shares show the engine\'s real defaults, not null', () => {
    const props = JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes.configuration.properties;
    assert.equal(props['codebaseContext.prefixShare'].default, PACKING_DEFAULTS.prefixShare);
    assert.equal(props['codebaseContext.suffixShare'].default, PACKING_DEFAULTS.suffixShare);
  });
});
