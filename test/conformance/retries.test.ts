// Conformance cases about retries: one TaskRun object, archived attempts, per-attempt
// timeouts, no retry after cancellation (tekton-semantics 0.4, 3.5).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

test('conformance: C22 onError: continue failure counts as ignored; the run succeeds', () => {
  const run = runCaseFile('C22-on-error-counting.yaml');
  assert.is(run.taskRun('task-a').condition.reason, 'FailureIgnored');
  assert.is(run.taskRun('task-a').condition.status, 'False');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
});

test('conformance: C24 retries exhausted: one TaskRun, five archived attempts, six pods', () => {
  const run = runCaseFile('C24-retries-exhausted.yaml');
  assert.equal(run.taskRunNames(), ['retry-me']);
  const taskRun = run.taskRun('retry-me');
  assert.is(taskRun.retries, 5);
  assert.is(taskRun.retriesStatus.length, 5);
  taskRun.retriesStatus.forEach((attempt, index) => {
    assert.is(attempt.condition.status, 'False');
    assert.is(attempt.condition.reason, 'StepFailed');
    assert.is(attempt.startTimeMs, index * 1000);
    assert.is(attempt.completionTimeMs, (index + 1) * 1000);
  });
  assert.is(taskRun.condition.reason, 'StepFailed');
  assert.is(taskRun.startTimeMs, 5000);
  assert.is(taskRun.completionTimeMs, 6000);
  const pods = ['c24-retry-me-pod', ...[1, 2, 3, 4, 5].map((n) => `c24-retry-me-pod-retry${n}`)];
  for (const pod of pods) assert.ok(run.json.includes(`"${pod}"`), pod);
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(run.view.pipelineRun.completionTimeMs, 6000);
});

test('conformance: C25 retry-count variable: attempt 0 fails, attempt 1 succeeds', () => {
  const run = runCaseFile('C25-retry-count-variable.yaml');
  const retryMe = run.taskRun('retry-me');
  assert.equal(retryMe.params, [{ name: 'pipelineTask-retries', value: '1' }]);
  assert.is(retryMe.retriesStatus.length, 1);
  assert.is(retryMe.retriesStatus[0].condition.reason, 'StepFailed');
  assert.is(retryMe.retriesStatus[0].completionTimeMs, 2000);
  assert.is(retryMe.condition.reason, 'Succeeded');
  assert.is(retryMe.startTimeMs, 2000);
  assert.is(retryMe.completionTimeMs, 4000);
  assert.is(run.taskRun('hello-world').startTimeMs, 4000);
  assert.is(outcome(run.view), 'True/Succeeded');
});

test('conformance: C26 a retrying task is not yet a failure: the run stays Running between attempts', () => {
  const run = runCaseFile('C25-retry-count-variable.yaml');
  // Attempt 0 failed at 2 s; the TaskRun is ToBeRetried (Unknown), so no PipelineRunStopping.
  const ended = run.trace.find((event) => event.kind === 'attempt-ended' && event.atMs === 2000);
  assert.ok(
    ended && ended.kind === 'attempt-ended' && ended.willRetry && ended.reason === 'StepFailed',
  );
  assert.equal(
    run.conditions().filter((line) => !line.startsWith('4000 ')),
    ['0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0'],
  );
});

test('conformance: C42 a timed-out attempt is retried with a fresh timeout', () => {
  const run = runCaseFile('C42-timed-out-attempt-retried.yaml');
  const slow = run.taskRun('slow');
  assert.is(slow.timeout, '2s');
  assert.is(slow.retriesStatus.length, 1);
  const first = slow.retriesStatus[0];
  assert.is(first.condition.reason, 'TaskRunTimeout');
  assert.is(first.condition.message, 'TaskRun "c42-slow" failed to finish within "2s"');
  assert.is(first.startTimeMs, 0);
  assert.is(first.completionTimeMs, 2000);
  assert.equal(first.results, [{ name: 'early', value: 'written' }]);
  const ended = run.trace.find((event) => event.kind === 'attempt-ended' && event.atMs === 2000);
  assert.ok(
    ended && ended.kind === 'attempt-ended' && ended.willRetry && ended.reason === 'TaskRunTimeout',
  );
  assert.is(slow.startTimeMs, 2000);
  assert.is(slow.completionTimeMs, 4000);
  assert.is(slow.condition.reason, 'TaskRunTimeout');
  // A task's own timeout is an ordinary failure: Failed, not PipelineRunTimeout (3.9).
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0',
  );
});

test('conformance: C42 a cancelled TaskRun with retries left is not retried', () => {
  const run = runCaseFile('C42-timed-out-attempt-retried.yaml', {
    patches: [{ atMs: 1000, status: 'Cancelled' }],
  });
  const slow = run.taskRun('slow');
  assert.is(slow.condition.reason, 'TaskRunCancelled');
  assert.is(slow.retriesStatus.length, 0);
  assert.is(slow.completionTimeMs, 1000);
  assert.is(outcome(run.view), 'False/Cancelled');
});

test.run();
