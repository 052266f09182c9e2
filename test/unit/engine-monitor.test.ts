// Monitored completions through the engine thread, as the editor asks for them: the protocol message
// survives the thread boundary, and the real engine thread, with its own tsc --lsp, repairs an invented
// member streamed by the real OpenAI-protocol server, sends the key to the endpoint only, and stops the
// HTTP request when the caller cancels.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ModelError } from '../../src/core/model';
import type { MonitoredRequest } from '../../src/core/service/api';
import { EngineThread } from '../../src/core/service/engine-thread';
import { callMessage, checkVersion, fromWireError, toWireError } from '../../src/core/service/protocol';
import { abortSignalOf, createCancelFlag, setCancelled } from '../../src/core/service/shared-cancel';
import { OpenAITestServer } from '../servers/openai-server';
import { scriptedModel } from '../servers/scripted-model';
import { fixtureDocument, promptFor } from './monitor-harness';
import { throughPort } from './message-port';

const root = path.join(__dirname, '..', 'fixtures', 'monitor-ts');
const document = fixtureDocument(root, 'src/greeting.ts', '/*cursor*/', 'typescript');
const prompt = promptFor(document);
const KEY = 'sk-monitor-test-key';
/** Room for a warm server's answer on a loaded 2-core machine, not for starting one. */
const WARM_CHECK_BUDGET_MS = 300;

function request(url: string, overrides: Partial<MonitoredRequest> = {}): MonitoredRequest {
  return {
    prompt,
    document,
    model: { baseUrl: url, apiKey: KEY, model: 'test-model', maxTokens: 64, temperature: 0, timeoutMs: 20_000 },
    backend: 'auto',
    // Generous for a shared 2-core machine: the first check also waits for tsc to start.
    triggerBudgetMs: 20_000,
    trustWorkspace: false,
    ...overrides,
  };
}

describe('completeMonitored across the thread boundary', () => {
  test('the message round trip keeps the request, and the cancel flag becomes an AbortSignal there', async () => {
    const cancel = createCancelFlag();
    const sent = callMessage(3, 'completeMonitored', { request: request('http://127.0.0.1:1/v1'), cancel });
    const received = checkVersion(await throughPort(sent), 'editor side');
    assert.equal(received.call, 'completeMonitored');
    assert.deepEqual((received.params as typeof sent.params).request, sent.params.request);
    const cancellation = abortSignalOf((received.params as typeof sent.params).cancel);
    const aborted = new Promise(resolve => cancellation.signal.addEventListener('abort', resolve, { once: true }));
    setCancelled(cancel);
    await aborted;
    assert.equal(cancellation.signal.aborted, true);
  });

  test("a ModelError's code crosses with its name, for the editor's notices", async () => {
    const error = fromWireError(await throughPort(toWireError(new ModelError('unauthorized', 'The endpoint refused the API key.'))));
    assert.equal(error.name, 'ModelError');
    assert.equal((error as Error & { code?: string }).code, 'unauthorized');
    assert.equal(error.message, 'The endpoint refused the API key.');
  });
});

describe('the engine thread writes monitored completions (tsc --lsp, real HTTP streaming)', () => {
  const engine = engineThreadWithModelServer();

  test('an invented member is put right by the server in the engine thread; the key goes to the endpoint only', async () => {
    engine.server.respondWith(scriptedModel('user.getUsername();', prompt.kind === 'completion' ? prompt.prompt : '', { chunkChars: 1, chunkDelayMs: 5 }));
    const first = engine.server.requests.length;
    const result = await engine.thread.completeMonitored(request(engine.url));
    await engine.server.idle();
    assert.equal(result.text, 'user.getUserName();', JSON.stringify(result.notes));
    assert.equal(result.strategy, 'stop-and-repair', 'the test server is detected as a plain OpenAI-compatible endpoint');
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0]!.to, 'getUserName');
    assert.match(result.changes[0]!.why, /is not a member here.*closest member is 'getUserName'/);
    const requests = engine.server.requests.slice(first);
    assert.ok(requests.some(r => r.method === 'GET' && r.path.endsWith('/models')), 'the backend was detected');
    for (const r of requests) assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    assert.ok(!JSON.stringify(result).includes(KEY), 'the key is not in the result');
  });

  test("cancelling stops the engine thread's HTTP request", async () => {
    engine.server.respondWith({ hang: true });
    const first = engine.server.requests.length;
    const controller = new AbortController();
    const pending = engine.thread.completeMonitored(request(engine.url, { backend: 'openai' }), { signal: controller.signal });
    await waitUntil(() => engine.server.requests.slice(first).some(r => r.method === 'POST'));
    controller.abort();
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
    await waitUntil(() => engine.server.requests.slice(first).find(r => r.method === 'POST')!.outcome === 'client-closed');
  });

  test('monitor off: one raw request, nothing checked', async () => {
    engine.server.respondWith(scriptedModel('user.getUsername();', prompt.kind === 'completion' ? prompt.prompt : ''));
    const result = await engine.thread.completeMonitored(request(engine.url, { backend: 'off' }));
    assert.equal(result.text, 'user.getUsername();');
    assert.equal(result.strategy, 'off');
    assert.equal(result.requests, 1);
  });
});

describe('the engine thread starts a monitored document\'s server before its first completion (warmUpMonitor)', () => {
  const engine = engineThreadWithModelServer();

  test('after the warm-up, the very first completion is checked within a budget that leaves no time to start tsc', async () => {
    await engine.thread.warmUpMonitor({ path: document.path, text: document.prefix + document.suffix, trustWorkspace: false });
    engine.server.respondWith(scriptedModel('user.getUsername();', prompt.kind === 'completion' ? prompt.prompt : '', { chunkChars: 1, chunkDelayMs: 5 }));
    // A warm tsc answers a shadow completion in 3-40 ms (NOTES.md); starting it takes 0.4 s and more.
    const result = await engine.thread.completeMonitored(request(engine.url, { backend: 'openai', triggerBudgetMs: WARM_CHECK_BUDGET_MS }));
    // Repaired means answered before the model finished (about 0.1 s of stream) plus the budget: too soon for a cold start.
    assert.equal(result.text, 'user.getUserName();', JSON.stringify(result.notes));
    assert.deepEqual(result.notes, []);
    assert.ok(result.checkMs.length > 0, JSON.stringify(result.checkMs));
  });

  test('a document no server answers for is refused with a message naming it', async () => {
    await assert.rejects(engine.thread.warmUpMonitor({ path: 'src/main.go', text: 'package main\n', trustWorkspace: false }), (error: Error) => /language server/i.test(error.message) && /go/i.test(error.message));
  });
});

/** For the calling describe: the real model server and a fresh engine thread on the fixture, started before its tests. */
function engineThreadWithModelServer(): { readonly server: OpenAITestServer; readonly url: string; readonly thread: EngineThread } {
  const server = new OpenAITestServer({ apiKey: KEY });
  let url = '';
  let thread: EngineThread | undefined;
  before(async () => {
    ({ url } = await server.start());
    thread = await EngineThread.open({ root, cacheDir: false });
  });
  after(async () => {
    await thread?.dispose();
    await server.stop();
  });
  return {
    server,
    get url() {
      return url;
    },
    get thread() {
      if (!thread) throw new Error('The engine thread starts in before(): use it inside a test.');
      return thread;
    },
  };
}

async function waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition.');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
