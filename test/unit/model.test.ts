import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { ModelClient, ModelError, type ModelSettings } from '../../src/core/model';
import { renderPrompt } from '../../src/core/prompt';
import { OpenAITestServer } from '../servers/openai-server';

const API_KEY = 'sk-test-0123456789abcdef-secret';
const fimPrompt = renderPrompt({ context: '', prefix: 'const x = ', suffix: ';\n', file: 'a.ts', language: 'typescript', format: 'suffix-field' });
const chatPrompt = renderPrompt({ context: '', prefix: 'const x = ', suffix: ';\n', file: 'a.ts', language: 'typescript', format: 'chat' });

function settings(url: string, overrides: Partial<ModelSettings> = {}): ModelSettings {
  return { baseUrl: url, apiKey: API_KEY, model: 'test-model', maxTokens: 64, temperature: 0.2, timeoutMs: 5_000, ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected the completion to fail'),
    (error: unknown) => error,
  );
}

describe('ModelClient against a real OpenAI-protocol server', () => {
  const server = new OpenAITestServer({ apiKey: API_KEY });
  let url = '';
  before(async () => ({ url } = await server.start()));
  after(() => server.stop());

  test('streams a /v1/completions answer with the suffix field, stop, max_tokens, temperature and the bearer key', async () => {
    server.enqueue({ text: '42 + 1', chunkChars: 2 });
    const deltas: string[] = [];
    const text = await new ModelClient(settings(url)).complete(fimPrompt, new AbortController().signal, d => deltas.push(d));
    assert.equal(text, '42 + 1');
    assert.deepEqual(deltas, ['42', ' +', ' 1']);
    const request = server.requests.at(-1)!;
    assert.equal(request.path, '/v1/completions');
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(request.body.prompt, fimPrompt.kind === 'completion' && fimPrompt.prompt);
    assert.equal(request.body.suffix, ';\n');
    assert.deepEqual(request.body.stop, fimPrompt.stop);
    assert.equal(request.body.max_tokens, 64);
    assert.equal(request.body.temperature, 0.2);
    assert.equal(request.body.stream, true);
    assert.equal(request.body.model, 'test-model');
  });

  test('a FIM prompt is sent as-is with no suffix field', async () => {
    server.enqueue({ text: 'y' });
    const qwen = renderPrompt({ context: '', prefix: 'a', suffix: 'b', file: 'a.py', language: 'python', format: 'qwen' });
    await new ModelClient(settings(url)).complete(qwen, new AbortController().signal);
    const body = server.requests.at(-1)!.body;
    assert.equal(body.prompt, qwen.kind === 'completion' && qwen.prompt);
    assert.equal('suffix' in body, false);
  });

  test('the server cuts the stream at a stop sequence the client sent', async () => {
    server.enqueue({ text: '1;\n// path: b.ts\nmore' });
    assert.equal(await new ModelClient(settings(url)).complete(fimPrompt, new AbortController().signal), '1;');
  });

  test('chat prompts go to /v1/chat/completions and stream the message content', async () => {
    server.enqueue({ text: 'compute()', chunkChars: 3 });
    const text = await new ModelClient(settings(url)).complete(chatPrompt, new AbortController().signal);
    assert.equal(text, 'compute()');
    const request = server.requests.at(-1)!;
    assert.equal(request.path, '/v1/chat/completions');
    assert.deepEqual(request.body.messages, chatPrompt.kind === 'chat' && chatPrompt.messages);
  });

  test('aborting mid-stream closes the HTTP connection and rejects with an AbortError', async () => {
    server.enqueue({ text: 'x'.repeat(400), chunkChars: 1, chunkDelayMs: 5 });
    const controller = new AbortController();
    const received: string[] = [];
    const error = await rejection(
      new ModelClient(settings(url)).complete(fimPrompt, controller.signal, delta => {
        received.push(delta);
        if (received.length === 3) controller.abort();
      }),
    );
    assert.equal((error as Error).name, 'AbortError');
    await server.idle();
    assert.equal(server.requests.at(-1)!.outcome, 'client-closed');
    assert.ok(received.length < 400);
  });

  test('an already aborted signal sends nothing', async () => {
    const before = server.requests.length;
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(new ModelClient(settings(url)).complete(fimPrompt, controller.signal));
    assert.equal((error as Error).name, 'AbortError');
    assert.equal(server.requests.length, before);
  });

  test('401 -> unauthorized, with an actionable message that never contains the key', async () => {
    const wrongKey = 'sk-wrong-key-that-must-not-leak';
    const error = await rejection(new ModelClient(settings(url, { apiKey: wrongKey })).complete(fimPrompt, new AbortController().signal));
    assert.ok(error instanceof ModelError);
    assert.equal(error.code, 'unauthorized');
    assert.match(error.userMessage, /refused the API key \(401\).*Set API Key/);
    for (const text of [error.message, error.userMessage, String(error), JSON.stringify(error), error.stack ?? '']) {
      assert.ok(!text.includes(wrongKey), `key leaked in: ${text}`);
    }
  });

  test('a server error quoting the key is redacted', async () => {
    server.enqueue({ status: 500, message: `backend crashed while using ${API_KEY}` });
    const error = await rejection(new ModelClient(settings(url)).complete(fimPrompt, new AbortController().signal));
    assert.ok(error instanceof ModelError);
    assert.equal(error.code, 'server-error');
    assert.match(error.userMessage, /backend crashed/);
    assert.ok(!error.userMessage.includes(API_KEY) && !(error.stack ?? '').includes(API_KEY));
  });

  for (const [status, code] of [[403, 'forbidden'], [404, 'not-found'], [429, 'rate-limited'], [503, 'server-error'], [400, 'bad-response']] as const) {
    test(`${status} -> ${code}, not retried`, async () => {
      const before = server.requests.length;
      server.enqueue({ status });
      const error = await rejection(new ModelClient(settings(url)).complete(fimPrompt, new AbortController().signal));
      assert.ok(error instanceof ModelError);
      assert.equal(error.code, code);
      assert.equal(server.requests.length, before + 1);
    });
  }

  test('a server that never answers -> timeout within the configured time', async () => {
    server.enqueue({ hang: true });
    const started = Date.now();
    const error = await rejection(new ModelClient(settings(url, { timeoutMs: 300 })).complete(fimPrompt, new AbortController().signal));
    assert.ok(error instanceof ModelError);
    assert.equal(error.code, 'timeout');
    assert.match(error.userMessage, /within 300 ms/);
    assert.ok(Date.now() - started < 3_000);
  });

  test('a stream that stalls after its first chunks -> timeout, and the connection is closed', async () => {
    server.enqueue({ text: 'abcdefgh', chunkChars: 2, stallAfterChunks: 2 });
    const error = await rejection(new ModelClient(settings(url, { timeoutMs: 300 })).complete(fimPrompt, new AbortController().signal));
    assert.ok(error instanceof ModelError);
    assert.equal(error.code, 'timeout');
    await server.idle();
    assert.equal(server.requests.at(-1)!.outcome, 'client-closed');
  });
});

describe('ModelClient without a key or a server', () => {
  test('no API key -> no Authorization header at all', async () => {
    const server = new OpenAITestServer({ answer: { text: 'ok' } });
    const { url } = await server.start();
    try {
      const previous = process.env.OPENAI_API_KEY;
      process.env.OPENAI_API_KEY = 'sk-from-environment';
      try {
        assert.equal(await new ModelClient(settings(url, { apiKey: undefined })).complete(fimPrompt, new AbortController().signal), 'ok');
      } finally {
        if (previous === undefined) delete process.env.OPENAI_API_KEY;
        else process.env.OPENAI_API_KEY = previous;
      }
      assert.equal(server.requests[0].headers.authorization, undefined);
    } finally {
      await server.stop();
    }
  });

  test('a refused connection -> unreachable, naming the endpoint', async () => {
    const port = await unusedPort();
    const error = await rejection(new ModelClient(settings(`http://127.0.0.1:${port}/v1`)).complete(fimPrompt, new AbortController().signal));
    assert.ok(error instanceof ModelError);
    assert.equal(error.code, 'unreachable');
    assert.match(error.userMessage, new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED.*Endpoint`));
    assert.ok(!error.userMessage.includes(API_KEY));
  });

  test('an endpoint that is not a URL is refused up front with what to set', () => {
    assert.throws(() => new ModelClient(settings('localhost:8080')), /not a URL.*Endpoint/);
  });
});

/** A port nobody listens on: bind one, note it, release it. */
async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>(resolve => probe.close(() => resolve()));
  return port;
}
