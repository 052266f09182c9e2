// The monitor's `auto` backend against a real HTTP endpoint: a server that was down (or loading its model)
// when first asked is asked again after the pause, and found; an answer is kept; the pause doubles while
// the server stays down, so a dead endpoint costs one request per pause rather than one per completion.
// Asking again runs in the background: the completion that starts it goes on with the guess, even when the
// endpoint holds the request instead of refusing it.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DetectedBackends } from '../../src/core/service/detected-backends';

const BACKOFF = { initialMs: 1000, maxMs: 3000 };

/**
 * A llama.cpp-like /v1/models; `status` answers until the test changes it (503: still loading the model).
 * While `holding`, requests get no answer until `release` (a server that hangs rather than refuses).
 */
class Endpoint {
  status = 200;
  holding = false;
  readonly requests: string[] = [];
  private held: http.ServerResponse[] = [];
  private readonly arrived = new EventEmitter();
  private readonly server = http.createServer((req, res) => {
    this.requests.push(req.url ?? '');
    if (this.holding) this.held.push(res);
    else this.answer(res);
    this.arrived.emit('request');
  });

  /** Resolves once `count` requests have come in. */
  async received(count: number): Promise<void> {
    while (this.requests.length < count) await once(this.arrived, 'request');
  }

  /** Answers the held requests. */
  release(): void {
    this.holding = false;
    this.held.splice(0).forEach(res => this.answer(res));
  }

  private answer(res: http.ServerResponse): void {
    res.writeHead(this.status, { 'content-type': 'application/json' });
    res.end(this.status === 200 ? JSON.stringify({ data: [{ id: 'm', owned_by: 'llamacpp' }] }) : '{"error":"Loading model"}');
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on, for a server the user has not started yet. */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise(resolve => probe.close(resolve));
  return port;
}

const endpoints: Endpoint[] = [];
afterEach(async () => Promise.all(endpoints.splice(0).map(endpoint => endpoint.close())));

test('a server started after the first completion is found once the pause is over, and then kept', async () => {
  let now = 0;
  const backends = new DetectedBackends(BACKOFF, () => now);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/v1`;

  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true });

  const endpoint = new Endpoint();
  endpoints.push(endpoint);
  await endpoint.listen(port);
  now = BACKOFF.initialMs - 1;
  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true }, 'not asked again during the pause');
  assert.deepEqual(endpoint.requests, []);

  now = BACKOFF.initialMs;
  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true }, 'the completion that asks again does not wait for the answer');
  await backends.settled();
  assert.deepEqual(await backends.of(url, undefined), { backend: 'llama.cpp', guessed: false });
  now += 100 * BACKOFF.maxMs;
  assert.deepEqual(await backends.of(url, undefined), { backend: 'llama.cpp', guessed: false });
  assert.deepEqual(endpoint.requests, ['/v1/models'], 'an answer is asked for once');
});

test('asking again does not hold up the completion that starts it when the endpoint hangs; a later one gets the answer', async () => {
  let now = 0;
  const backends = new DetectedBackends(BACKOFF, () => now);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/v1`;
  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true }, 'refused at first');

  const endpoint = new Endpoint();
  endpoints.push(endpoint);
  endpoint.holding = true;
  await endpoint.listen(port);
  now = BACKOFF.initialMs;
  // Awaiting the detection, these would wait for detectBackend's timeout, which gives up the held request: the
  // endpoint's answer would then come too late, and the last completion would still get the guess.
  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true }, 'the completion that asks again');
  await endpoint.received(1);
  assert.deepEqual(await backends.of(url, undefined), { backend: 'openai', guessed: true }, 'a completion while the endpoint is asked');

  endpoint.release();
  await backends.settled();
  assert.deepEqual(await backends.of(url, undefined), { backend: 'llama.cpp', guessed: false });
  assert.deepEqual(endpoint.requests, ['/v1/models'], 'one detection, shared');
});

test('a server that answers 503 while it loads is asked again after pauses that double up to the maximum', async () => {
  let now = 0;
  const backends = new DetectedBackends(BACKOFF, () => now);
  const endpoint = new Endpoint();
  endpoints.push(endpoint);
  endpoint.status = 503;
  const url = await endpoint.listen();

  // Asked at 0 (pause 1 s), 1000 (pause 2 s), 3000 (pause 3 s, the maximum), 6000.
  for (const [at, asked] of [[0, 1], [999, 1], [1000, 2], [2999, 2], [3000, 3], [5999, 3], [6000, 4]] as const) {
    now = at;
    assert.equal((await backends.of(url, undefined)).guessed, true);
    await backends.settled();
    assert.equal(endpoint.requests.length, asked, `requests by ${at} ms`);
  }

  endpoint.status = 200;
  now = 9000;
  assert.equal((await backends.of(url, undefined)).guessed, true);
  await backends.settled();
  assert.deepEqual(await backends.of(url, undefined), { backend: 'llama.cpp', guessed: false });
});

test('requests that come while the endpoint is being asked share the one detection', async () => {
  const endpoint = new Endpoint();
  endpoints.push(endpoint);
  const url = await endpoint.listen();
  const backends = new DetectedBackends(BACKOFF);
  const answers = await Promise.all([backends.of(url, 'key'), backends.of(url, 'key')]);
  assert.deepEqual(answers, [{ backend: 'llama.cpp', guessed: false }, { backend: 'llama.cpp', guessed: false }]);
  assert.equal(endpoint.requests.length, 1);
});
