// Conformance cases about matrix fan-out (tekton-semantics 2.8).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, paramValue, runCaseFile } from './harness.js';

test('conformance: C14 a matrix with an empty array param is skipped; the other fans out', () => {
  const run = runCaseFile('C14-matrix-empty-array.yaml');
  assert.equal(
    run.view.taskRuns.map((taskRun) => taskRun.name),
    ['c14-mytask1-0', 'c14-mytask1-1'],
  );
  assert.equal(
    run.view.taskRuns.map((taskRun) => paramValue(taskRun, 'a-param')),
    ['foo', 'bar'],
  );
  assert.equal(run.skipped(), {
    mytask2: 'Matrix Parameters have an empty array',
    mytask3: 'Matrix Parameters have an empty array',
  });
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 2',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

test('conformance: C23 onError: continue failures, one matrixed, are FailureIgnored and the run succeeds', () => {
  const run = runCaseFile('C23-ignore-task-error-with-matrix.yaml');
  assert.is(run.taskRun('echo-continue').condition.reason, 'FailureIgnored');
  const matrixRuns = run.view.taskRuns.filter(
    (taskRun) => taskRun.pipelineTaskName === 'echo-continue-with-matrix',
  );
  assert.equal(
    matrixRuns.map((taskRun) => [
      taskRun.name,
      paramValue(taskRun, 'param1'),
      taskRun.condition.reason,
    ]),
    [
      ['c23-echo-continue-with-matrix-0', 'foo', 'Succeeded'],
      ['c23-echo-continue-with-matrix-1', 'bar', 'FailureIgnored'],
    ],
  );
  assert.is(run.taskRun('echo').condition.reason, 'Succeeded');
  assert.equal(run.taskRun('verify-reasons').params, [
    { name: 'echo-continue-reason', value: 'FailureIgnored' },
    { name: 'echo-continue-with-matrix-reason', value: 'FailureIgnored' },
  ]);
  assert.is(run.taskRun('verify-reasons').condition.reason, 'Succeeded');
  assert.equal(run.view.pipelineRun.skippedTasks, []);
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 4 (Failed: 2 (Ignored: 2), Cancelled 0), Skipped: 0',
  );
});

test('matrix: fan-out follows FanOut: first param fastest, include rows merged or added, params sorted', () => {
  const run = runCaseFile('R06-matrix-fan-out.yaml');
  const rows = run.view.taskRuns.map((taskRun) =>
    taskRun.params.map((param) => `${param.name}=${String(param.value)}`).join(' '),
  );
  const pkg = 'package=path/to/common/package/';
  const ctx = 'context=path/to/go117/context';
  assert.equal(rows, [
    `GOARCH=linux/amd64 ${ctx} ${pkg} version=go1.17 mode=release`,
    `GOARCH=linux/ppc64le ${ctx} ${pkg} version=go1.17 mode=release`,
    `GOARCH=linux/s390x ${ctx} flags=-cover -v ${pkg} version=go1.17 mode=release`,
    `GOARCH=linux/amd64 ${pkg} version=go1.18.1 mode=release`,
    `GOARCH=linux/ppc64le ${pkg} version=go1.18.1 mode=release`,
    `GOARCH=linux/s390x flags=-cover -v ${pkg} version=go1.18.1 mode=release`,
    'GOARCH=I-do-not-exist mode=release',
  ]);
  assert.equal(
    run.view.taskRuns.map((taskRun) => taskRun.name),
    [0, 1, 2, 3, 4, 5, 6].map((index) => `matrix-include-build-${index}`),
  );
});

test.run();
