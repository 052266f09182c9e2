import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitAtMost } from '../../src/core/wait-at-most';

describe('waitAtMost', () => {
  test('ends at the limit when the work does not settle, and as soon as it does otherwise', async () => {
    let started = performance.now();
    await waitAtMost(new Promise(() => undefined), 50);
    assert.ok(performance.now() - started >= 45, 'waited for the limit');
    started = performance.now();
    await waitAtMost(new Promise(resolve => setTimeout(resolve, 5)), 10_000);
    assert.ok(performance.now() - started < 1000, 'ended with the work, not the limit');
  });

  test('a failing work ends the wait without throwing', async () => {
    const started = performance.now();
    await waitAtMost(Promise.reject(new Error('no answer')), 10_000);
    assert.ok(performance.now() - started < 1000);
  });
});
