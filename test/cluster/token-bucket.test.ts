import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { controllerRateLimit, TokenBucket } from '../../src/cluster/token-bucket.js';

test('token bucket: Tekton doubles the flags, and unset flags give 20 calls a second, burst 20', () => {
  assert.equal(controllerRateLimit(undefined, undefined), { qps: 20, burst: 20 });
  assert.equal(controllerRateLimit(5, 10), { qps: 10, burst: 20 });
  assert.equal(controllerRateLimit(50, 50), { qps: 100, burst: 100 });
});

test('token bucket: the burst goes at once, then one call every 1/qps', () => {
  const bucket = new TokenBucket(10, 5);
  const times = Array.from({ length: 8 }, () => bucket.reserve(0));
  assert.equal(times, [0, 0, 0, 0, 0, 100, 200, 300]);
});

test('token bucket: tokens come back with time, never above the burst', () => {
  const bucket = new TokenBucket(10, 2);
  bucket.reserve(0);
  bucket.reserve(0);
  assert.is(bucket.reserve(50), 100, 'half a token back after 50ms: wait for the rest');
  assert.is(bucket.reserve(10_000), 10_000);
  assert.is(bucket.reserve(10_000), 10_000);
  assert.is(bucket.reserve(10_000), 10_100, 'an idle minute refilled only the burst');
});

test('token bucket: no limit means every call goes at once', () => {
  const bucket = new TokenBucket(Number.POSITIVE_INFINITY, 1);
  assert.equal([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)], [0, 0, 0]);
});

test.run();
