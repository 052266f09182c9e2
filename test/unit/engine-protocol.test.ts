import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { callMessage, checkVersion, fromWireError, PROTOCOL_VERSION, ProtocolVersionError, toWireError, type EngineMessage } from '../../src/core/service/protocol';
import { abortError } from '../../src/core/service/build-budget';
import { cancelledReader, createCancelFlag, setCancelled } from '../../src/core/service/shared-cancel';
import { startWorker } from '../../src/core/threads';
import { throughPort } from './message-port';

describe('engine protocol', () => {
  test('a call survives the thread boundary and passes the version check', async () => {
    const cancel = createCancelFlag();
    const sent = callMessage(7, 'buildContext', { request: { file: 'src/a.ts', position: { line: 3, character: 1 }, budgetTokens: 512 }, deadlineMs: 500, startedAt: 1234.5, cancel });
    const received = checkVersion(await throughPort(sent), 'editor side');
    assert.equal(received.id, 7);
    assert.equal(received.call, 'buildContext');
    assert.deepEqual(received.params.request, sent.params.request);
    // The flag arrives as shared memory: setting it on one side is seen on the other.
    setCancelled(cancel);
    assert.equal(cancelledReader((received.params as typeof sent.params).cancel)(), true);
  });

  test('errors keep their name across threads, so a cancelled build stays an AbortError', async () => {
    const error = fromWireError(await throughPort(toWireError(abortError('Context build cancelled before rank (done: parse, cursor).'))));
    assert.equal(error.name, 'AbortError');
    assert.match(error.message, /cancelled before rank/);
    assert.equal(fromWireError(toWireError('plain')).message, 'plain');
  });

  test('a message of another version is refused with what to do', () => {
    assert.throws(
      () => checkVersion({ ...callMessage(1, 'stats', {}), version: PROTOCOL_VERSION + 1 }, 'engine thread'),
      (error: Error) => error instanceof ProtocolVersionError && /engine thread speaks engine protocol version \d+, this side version \d+/.test(error.message) && /Reinstall the extension/.test(error.message),
    );
    assert.throws(() => checkVersion({} as { version: number }, 'engine thread'), /version undefined/);
  });

  test('the real engine thread refuses to start for an editor side of another version', async () => {
    const worker = startWorker('engine-worker', path.join(__dirname, '..', '..', 'src', 'core', 'service', 'engine-worker.ts'), {
      workerData: { version: PROTOCOL_VERSION + 1, options: { root: __dirname, cacheDir: false } },
    });
    try {
      const message = await new Promise<EngineMessage>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.equal(message.kind, 'failed');
      assert.equal(message.version, PROTOCOL_VERSION);
      assert.ok(message.kind === 'failed' && message.error.name === 'ProtocolVersionError', JSON.stringify(message));
    } finally {
      await worker.terminate();
    }
  });

  test('the shared flag stops a synchronous loop in another thread whose event loop never turns', async () => {
    const flag = createCancelFlag();
    // The worker spins without yielding until it reads the flag; only shared memory can reach it.
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const view = new Int32Array(workerData);
       parentPort.postMessage('spinning');
       let turns = 0;
       while (Atomics.load(view, 0) === 0) turns++;
       parentPort.postMessage(turns);`,
      { eval: true, workerData: flag },
    );
    try {
      const stopped = new Promise<unknown>(resolve => worker.on('message', m => typeof m === 'number' && resolve(m)));
      assert.equal(await new Promise(resolve => worker.once('message', resolve)), 'spinning');
      setCancelled(flag);
      assert.equal(typeof (await stopped), 'number', 'the loop ended and reported how often it turned');
    } finally {
      await worker.terminate();
    }
  });
});
