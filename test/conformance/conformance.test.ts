import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

test('conformance: C02 a failing finally task fails the run', () => {
  const run = runCaseFile('C02-finally-fails.yaml');
  assert.is(run.taskRun('dagtask1').condition.reason, 'Succeeded');
  assert.is(run.taskRun('finaltask1').condition.reason, 'StepFailed');
  // pkg/pod/status.go extractContainerFailureMessage appends the kubelet's termination reason.
  assert.is(run.taskRun('finaltask1').condition.message, '"step-fail" exited with code 1: Error');
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 1000);
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

test('conformance: C32 pipeline timeout cancels the running TaskRun and is not retried', () => {
  const run = runCaseFile('C32-pipeline-timeout.yaml');
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "c32" failed to finish within "5s"',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 5000);
  const taskRun = run.taskRun('sleepy');
  assert.is(taskRun.condition.reason, 'TaskRunCancelled');
  assert.is(
    taskRun.condition.message,
    'TaskRun "c32-sleepy" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has timed out.',
  );
  assert.is(taskRun.specStatus, 'TaskRunCancelled');
  assert.is(taskRun.retriesStatus.length, 0);
  assert.is(taskRun.completionTimeMs, 5000);
});

test.run();
