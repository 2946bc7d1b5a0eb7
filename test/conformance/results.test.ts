// Conformance cases about results: results of failed tasks reach consumers and pipeline
// results (tekton-semantics 1.4, 2.6, 5.6).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

test('conformance: C06 results from a failed task reach finally; a result never written is missing', () => {
  const run = runCaseFile('C06-results-from-failed-task.yaml');
  assert.equal(run.taskRunNames(), ['task1', 'finaltask1']);
  const task1 = run.taskRun('task1');
  assert.is(task1.condition.reason, 'StepFailed');
  assert.is(task1.completionTimeMs, 2000);
  assert.equal(task1.results, [{ name: 'result1', value: '123' }]);
  assert.equal(run.taskRun('finaltask1').params, [{ name: 'param1', value: '123' }]);
  assert.is(run.taskRun('finaltask1').condition.reason, 'Succeeded');
  assert.equal(run.view.pipelineRun.skippedTasks, [
    { name: 'finaltask2', reason: 'Results were missing' },
  ]);
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  );
});

test('conformance: C07 a pipeline result is read from a failed task', () => {
  const run = runCaseFile('C07-pipeline-result-from-failed-task.yaml');
  assert.is(outcome(run.view), 'False/Failed');
  assert.equal(run.view.pipelineRun.results, [{ name: 'pipeline-result-1', value: '123' }]);
  assert.equal(run.taskRun('finaltask1').params, [{ name: 'param1', value: '123' }]);
  assert.ok(run.json.includes('"pipeline-result-1"'));
});

test('conformance: sections 4.1/5.6 a hard-cancelled run has no pipeline results; a completed one has them', () => {
  const cancelled = runCaseFile('section4-cancel-results.yaml', {
    patches: [{ atMs: 1000, status: 'Cancelled' }],
  });
  assert.is(cancelled.taskRun('t1').condition.reason, 'Succeeded');
  assert.is(outcome(cancelled.view), 'False/Cancelled');
  assert.equal(cancelled.view.pipelineRun.results, []);
  const graceful = runCaseFile('section4-cancel-results.yaml', {
    patches: [{ atMs: 1000, status: 'CancelledRunFinally' }],
  });
  assert.is(outcome(graceful.view), 'False/Cancelled');
  assert.equal(graceful.view.pipelineRun.results, [{ name: 'out', value: 'one' }]);
  const completed = runCaseFile('section4-cancel-results.yaml');
  assert.is(outcome(completed.view), 'True/Succeeded');
  assert.equal(completed.view.pipelineRun.results, [{ name: 'out', value: 'one' }]);
});

test.run();
