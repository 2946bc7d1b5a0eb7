import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  checkApiRate,
  checkFifoAdmission,
  checkNoStarvation,
  checkNodeCapacity,
  checkQuota,
} from '../../src/check/invariants/cluster-rules.js';
import { emptyClusterLog } from '../../src/cluster/log.js';
import { TokenBucket } from '../../src/cluster/token-bucket.js';

test('api-rate: calls a token bucket let out always pass', () => {
  const bucket = new TokenBucket(10, 5);
  const calls = [0, 0, 0, 0, 0, 0, 0, 40, 40, 500, 2000, 2000, 2000].map((atMs) =>
    bucket.reserve(atMs),
  );
  assert.equal(checkApiRate(calls, 10, 5), []);
});

test('api-rate: one call too many in a window is a violation naming the window', () => {
  assert.equal(checkApiRate([0, 0, 0], 10, 2), [
    '3 API calls between 0ms and 0ms exceed a token bucket of 10/s with burst 2',
  ]);
  assert.equal(checkApiRate([0, 0, 100, 150], 10, 2).length, 1);
  assert.equal(checkApiRate([0, 0, 100, 200], 10, 2), []);
});

test('capacity: pods on a node within its allocatable pass; one too many fails', () => {
  const nodes = [{ name: 'slots', allocatable: { pods: 1 } }];
  const pod = (fromMs: number, toMs: number) => ({ node: 0, request: { pods: 1 }, fromMs, toMs });
  assert.equal(checkNodeCapacity(nodes, [pod(0, 10), pod(10, 20)]), [], 'back to back is fine');
  assert.equal(checkNodeCapacity(nodes, [pod(0, 10), pod(5, 20)]), [
    'node slots held pods requesting 2 pods at 5ms, more than its 1',
  ]);
});

test('capacity: the quota is judged the same way', () => {
  const interval = (fromMs: number, toMs: number) => ({ request: { cpu: 600 }, fromMs, toMs });
  assert.equal(checkQuota({ cpu: 1000 }, [interval(0, 10), interval(10, 20)]), []);
  assert.equal(checkQuota({ cpu: 1000 }, [interval(0, 10), interval(9, 20)]).length, 1);
});

test('fifo-admission: a later arrival admitted first is a violation', () => {
  const log = emptyClusterLog();
  log.runs.push(
    { run: 0, key: 'build', arrivedAtMs: 0, arrivalOrder: 0, admittedAtMs: 0 },
    { run: 1, key: 'build', arrivedAtMs: 10, arrivalOrder: 1, admittedAtMs: 50 },
    { run: 2, key: 'build', arrivedAtMs: 20, arrivalOrder: 2, admittedAtMs: 40 },
    { run: 3, key: 'other', arrivedAtMs: 30, arrivalOrder: 3, admittedAtMs: 30 },
  );
  const violations = checkFifoAdmission(log);
  assert.is(violations.length, 1);
  assert.match(
    violations[0],
    /PipelineRun 2 \(key "build"\) arrived at 20ms and was admitted at 40ms/,
  );
  log.runs[2].admittedAtMs = 60;
  assert.equal(checkFifoAdmission(log), []);
});

test('no-starvation: a run that never completed is reported', () => {
  const log = emptyClusterLog();
  log.runs.push(
    { run: 0, key: '', arrivedAtMs: 0, arrivalOrder: 0, admittedAtMs: 0, completedAtMs: 5 },
    { run: 1, key: '', arrivedAtMs: 3, arrivalOrder: 1 },
  );
  assert.equal(checkNoStarvation(log), [
    '1 PipelineRun(s) never completed; the first arrived at 3ms and was never admitted',
  ]);
});

test.run();
