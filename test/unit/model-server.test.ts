// The OpenAI-protocol test server itself, spoken to with plain fetch: integration tests rely on each behaviour.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { OpenAITestServer } from '../servers/openai-server';

async function withServer(server: OpenAITestServer, body: (url: string) => Promise<void>): Promise<void> {
  const { url } = await server.start();
  try {
    await body(url);
  } finally {
    await server.stop();
  }
}

/** The JSON body of a response, loosely typed: the tests check its OpenAI shape field by field. */
const json = async (response: Response): Promise<any> => response.json();

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('OpenAITestServer', () => {
  test('lists its models', () =>
    withServer(new OpenAITestServer({ models: ['a', 'b'] }), async url => {
      const list = await json(await fetch(`${url}/models`));
      assert.deepEqual(list.data.map((m: { id: string }) => m.id), ['a', 'b']);
    }));

  test('answers without streaming in both shapes, queue first, then the fallback function of the request', () => {
    const server = new OpenAITestServer({ answer: request => ({ text: `echo ${request.body.prompt}` }) });
    server.enqueue({ text: 'queued' });
    return withServer(server, async url => {
      const first = await json(await post(`${url}/completions`, { model: 'm', prompt: 'p1' }));
      assert.equal(first.choices[0].text, 'queued');
      const second = await json(await post(`${url}/completions`, { model: 'm', prompt: 'p2' }));
      assert.equal(second.choices[0].text, 'echo p2');
      server.respondWith({ text: 'chat answer' });
      const chat = await json(await post(`${url}/chat/completions`, { model: 'm', messages: [] }));
      assert.equal(chat.choices[0].message.content, 'chat answer');
      assert.deepEqual(server.requests.map(r => r.outcome), ['finished', 'finished', 'finished']);
    });
  });

  test('streams server-sent events ending in [DONE]', () =>
    withServer(new OpenAITestServer({ answer: { text: 'abcdef', chunkChars: 4 } }), async url => {
      const response = await post(`${url}/completions`, { model: 'm', prompt: 'p', stream: true });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const events = (await response.text()).split('\n\n').filter(e => e !== '');
      assert.deepEqual(events.slice(0, 2).map(e => JSON.parse(e.slice('data: '.length)).choices[0].text), ['abcd', 'ef']);
      assert.equal(JSON.parse(events[2].slice('data: '.length)).choices[0].finish_reason, 'stop');
      assert.equal(events[3], 'data: [DONE]');
    }));

  test('a required key: missing or wrong -> 401 in OpenAI error shape', () =>
    withServer(new OpenAITestServer({ apiKey: 'k', answer: { text: 'ok' } }), async url => {
      const refused = await post(`${url}/completions`, { prompt: 'p' }, { authorization: 'Bearer nope' });
      assert.equal(refused.status, 401);
      const error = (await json(refused)).error;
      assert.equal(error.code, 'invalid_api_key');
      assert.equal(typeof error.message, 'string');
      assert.equal((await post(`${url}/completions`, { prompt: 'p' }, { authorization: 'Bearer k' })).status, 200);
    }));

  test('scripted status, unknown endpoint, and a missing script are errors', () => {
    const server = new OpenAITestServer();
    server.enqueue({ status: 500, message: 'boom' });
    return withServer(server, async url => {
      const failed = await post(`${url}/completions`, {});
      assert.equal(failed.status, 500);
      assert.equal((await json(failed)).error.message, 'boom');
      assert.equal((await post(`${url}/embeddings`, {})).status, 404);
      const unscripted = await post(`${url}/completions`, {});
      assert.equal(unscripted.status, 500);
      assert.match((await json(unscripted)).error.message, /enqueue\(\) or respondWith\(\)/);
    });
  });

  test('a hanging request is recorded as client-closed when the client gives up, server-stopped when stop() ends it', async () => {
    const server = new OpenAITestServer({ answer: { hang: true } });
    const { url } = await server.start();
    const controller = new AbortController();
    const hanging = post(`${url}/completions`, {}).catch(() => undefined);
    const givenUp = fetch(`${url}/completions`, { method: 'POST', body: '{}', signal: controller.signal }).catch((e: Error) => e.name);
    await until(() => server.requests.length === 2);
    controller.abort();
    assert.equal(await givenUp, 'AbortError');
    await until(() => server.requests.some(r => r.outcome === 'client-closed'));
    await server.stop();
    await hanging;
    await server.idle();
    assert.deepEqual(server.requests.map(r => r.outcome).sort(), ['client-closed', 'server-stopped']);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5));
}
