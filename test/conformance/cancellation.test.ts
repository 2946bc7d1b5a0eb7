// Section 4 of tekton-semantics: Cancelled, CancelledRunFinally, StoppedRunFinally and
// PipelineRunPending, set at creation (spec.status in the YAML) or patched at a virtual time.
// Pipeline: first (3 s) -> second (3 s); retrying (retries 1, each attempt fails after 2 s);
// finally cleanup (1 s).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { caseText, outcome, paramValue, runCase, runCaseFile } from './harness.js';

const FILE = 'section4-cancellation.yaml';
const CANCELLED = 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';

test('conformance: section 4.1 Cancelled at creation: no TaskRuns, False/Cancelled at once', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'cancelled-at-creation' });
  assert.equal(run.taskRunNames(), []);
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "cancelled-at-creation" was cancelled',
  );
  assert.is(run.view.pipelineRun.startTimeMs, 0);
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
});

test('conformance: section 4.1 Cancelled at 1s: running TaskRuns cancelled, not retried; finally never runs', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'running',
    patches: [{ atMs: 1000, status: 'Cancelled' }],
  });
  assert.equal(run.taskRunNames().sort(), ['first', 'retrying']);
  for (const name of ['first', 'retrying']) {
    const taskRun = run.taskRun(name);
    assert.is(taskRun.condition.reason, 'TaskRunCancelled', name);
    assert.is(taskRun.condition.message, `TaskRun "running-${name}" was cancelled. ${CANCELLED}`);
    assert.is(taskRun.specStatus, 'TaskRunCancelled');
    assert.is(taskRun.specStatusMessage, CANCELLED);
    assert.is(taskRun.retriesStatus.length, 0);
    assert.is(taskRun.completionTimeMs, 1000);
  }
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "running" was cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
});

test('conformance: section 4.1 Cancelled between attempts of a retrying TaskRun: no further retry', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'running',
    patches: [{ atMs: 2500, status: 'Cancelled' }],
  });
  const retrying = run.taskRun('retrying');
  // Attempt 0 failed at 2 s and was archived; attempt 1 (from 2 s) is cancelled, not retried.
  assert.is(retrying.retriesStatus.length, 1);
  assert.is(retrying.startTimeMs, 2000);
  assert.is(retrying.condition.reason, 'TaskRunCancelled');
  assert.is(retrying.completionTimeMs, 2500);
  assert.is(outcome(run.view), 'False/Cancelled');
});

test('conformance: section 4.1 Cancelled while finally runs cancels the finally TaskRun too', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'clean',
    patches: [{ atMs: 6500, status: 'Cancelled' }],
  });
  assert.is(run.taskRun('second').condition.reason, 'Succeeded');
  const cleanup = run.taskRun('cleanup');
  assert.is(cleanup.startTimeMs, 6000);
  assert.is(cleanup.condition.reason, 'TaskRunCancelled');
  assert.is(cleanup.specStatusMessage, CANCELLED);
  assert.is(cleanup.completionTimeMs, 6500);
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "clean" was cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 6500);
});

test('conformance: section 4.3 StoppedRunFinally while finally runs: finally completes, run Cancelled though nothing was skipped', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'clean',
    patches: [{ atMs: 6500, status: 'StoppedRunFinally' }],
  });
  assert.is(run.taskRun('cleanup').condition.reason, 'Succeeded');
  assert.equal(run.view.pipelineRun.skippedTasks, []);
  assert.ok(
    run.conditions().some((line) => line.startsWith('6500 Unknown/StoppedRunningFinally: ')),
  );
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "clean" was cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 7000);
});

test('conformance: section 4.2 CancelledRunFinally at creation: DAG gracefully cancelled, finally runs', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'cancelled-run-finally-at-creation' });
  assert.equal(run.taskRunNames(), ['cleanup']);
  assert.equal(run.skipped(), {
    first: 'PipelineRun was gracefully cancelled',
    second: 'PipelineRun was gracefully cancelled',
    retrying: 'PipelineRun was gracefully cancelled',
  });
  assert.is(paramValue(run.taskRun('cleanup'), 'aggregate'), 'Completed');
  assert.ok(
    run.conditions()[0].startsWith('0 Unknown/CancelledRunningFinally: '),
    run.conditions().join('\n'),
  );
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "cancelled-run-finally-at-creation" was cancelled',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

test('conformance: section 4.2 CancelledRunFinally at 1s: running TaskRuns cancelled, the rest stopping, finally runs', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'running',
    patches: [{ atMs: 1000, status: 'CancelledRunFinally' }],
  });
  assert.is(run.taskRun('first').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('first').specStatusMessage, CANCELLED);
  assert.is(run.taskRun('retrying').retriesStatus.length, 0);
  // The freshly cancelled TaskRuns count as failures, so StoppingSkip outranks the graceful one (4.2).
  assert.equal(run.skipped(), { second: 'PipelineRun was stopping' });
  assert.is(run.taskRun('cleanup').startTimeMs, 1000);
  assert.is(paramValue(run.taskRun('cleanup'), 'aggregate'), 'Failed');
  assert.ok(
    run.conditions().some((line) => line.startsWith('1000 Unknown/CancelledRunningFinally: ')),
  );
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "running" was cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
});

test('conformance: section 4.3 StoppedRunFinally at creation: DAG gracefully stopped, finally runs, Cancelled', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'stopped-run-finally-at-creation' });
  assert.equal(run.taskRunNames(), ['cleanup']);
  assert.equal(run.skipped(), {
    first: 'PipelineRun was gracefully stopped',
    second: 'PipelineRun was gracefully stopped',
    retrying: 'PipelineRun was gracefully stopped',
  });
  assert.ok(run.conditions()[0].startsWith('0 Unknown/StoppedRunningFinally: '));
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "stopped-run-finally-at-creation" was cancelled',
  );
});

test('conformance: section 4.3 StoppedRunFinally at 1s: running tasks finish with their retries; a failure makes it Failed', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'running',
    patches: [{ atMs: 1000, status: 'StoppedRunFinally' }],
  });
  assert.is(run.taskRun('first').condition.reason, 'Succeeded');
  assert.is(run.taskRun('first').completionTimeMs, 3000);
  const retrying = run.taskRun('retrying');
  assert.is(retrying.retriesStatus.length, 1);
  assert.is(retrying.condition.reason, 'StepFailed');
  assert.is(retrying.completionTimeMs, 4000);
  assert.equal(run.skipped(), { second: 'PipelineRun was stopping' });
  assert.is(run.taskRun('cleanup').startTimeMs, 4000);
  assert.ok(
    run.conditions().some((line) => line.startsWith('1000 Unknown/StoppedRunningFinally: ')),
  );
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 5000);
});

test('conformance: section 4.3 StoppedRunFinally at 1s with nothing failing ends Cancelled', () => {
  const run = runCaseFile(FILE, {
    pipelineRun: 'clean',
    patches: [{ atMs: 1000, status: 'StoppedRunFinally' }],
  });
  assert.is(run.taskRun('first').condition.reason, 'Succeeded');
  assert.equal(run.skipped(), { second: 'PipelineRun was gracefully stopped' });
  assert.is(run.taskRun('cleanup').startTimeMs, 3000);
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "clean" was cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 4000);
});

test('conformance: section 4.4 PipelineRunPending: no startTime, no TaskRuns; clearing it starts the run', () => {
  const pending = runCaseFile(FILE, { pipelineRun: 'pending-at-creation' });
  assert.is(outcome(pending.view), 'Unknown/PipelineRunPending');
  assert.is(
    pending.view.pipelineRun.condition.message,
    'PipelineRun "pending-at-creation" is pending',
  );
  assert.is(pending.view.pipelineRun.startTimeMs, undefined);
  assert.is(pending.view.pipelineRun.completionTimeMs, undefined);
  assert.equal(pending.taskRunNames(), []);
  const started = runCaseFile(FILE, {
    pipelineRun: 'pending-at-creation',
    patches: [{ atMs: 5000, status: '' }],
  });
  assert.is(started.view.pipelineRun.startTimeMs, 5000);
  assert.is(started.taskRun('first').startTimeMs, 5000);
  assert.is(outcome(started.view), 'False/Failed');
  const cancelled = runCaseFile(FILE, {
    pipelineRun: 'pending-at-creation',
    patches: [{ atMs: 5000, status: 'Cancelled' }],
  });
  assert.is(outcome(cancelled.view), 'False/Cancelled');
  assert.equal(cancelled.taskRunNames(), []);
  assert.is(cancelled.view.pipelineRun.completionTimeMs, 5000);
});

test('conformance: C45 graceful cancel before anything ran, no finally', () => {
  const run = runCaseFile('C45-graceful-cancel-at-creation.yaml');
  assert.equal(run.taskRunNames(), []);
  assert.equal(run.skipped(), {
    'hello-world-1': 'PipelineRun was gracefully cancelled',
    'hello-world-2': 'PipelineRun was gracefully cancelled',
  });
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "c45" was cancelled');
});

test('conformance: C47 graceful cancel leaves a running finally TaskRun alone', () => {
  const run = runCaseFile('C47-graceful-cancel-running-finally.yaml', {
    patches: [{ atMs: 3000, status: 'CancelledRunFinally' }],
  });
  assert.is(run.view.pipelineRun.childReferences.length, 2);
  const final = run.taskRun('final-task-1');
  assert.is(final.specStatus, undefined);
  assert.is(final.condition.reason, 'Succeeded');
  assert.is(final.completionTimeMs, 11000);
  assert.ok(!run.trace.some((event) => event.kind === 'cancel-requested'));
  assert.ok(
    run.conditions().some((line) => line.startsWith('3000 Unknown/CancelledRunningFinally: ')),
    run.conditions().join('\n'),
  );
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 11000);
});

test('conformance: C49 pending: Unknown/PipelineRunPending, no startTime, no TaskRuns', () => {
  const run = runCaseFile('C49-pending.yaml');
  assert.is(outcome(run.view), 'Unknown/PipelineRunPending');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "c49" is pending');
  assert.is(run.view.pipelineRun.startTimeMs, undefined);
  assert.equal(run.taskRunNames(), []);
  // The pipeline deadline runs from startTime, set only when Pending is cleared (3.1, 4.4).
  const later = runCaseFile('C49-pending.yaml', { patches: [{ atMs: 20000, status: '' }] });
  assert.is(later.view.pipelineRun.startTimeMs, 20000);
  assert.is(outcome(later.view), 'True/Succeeded');
  assert.is(later.view.pipelineRun.completionTimeMs, 23000);
});

test('conformance: section 4.1 a hard cancel keeps the skippedTasks of the reconcile before it (issue 8, rule 9)', () => {
  const run = runCase(caseText('R09-hard-cancel-keeps-skipped.yaml'), {
    patches: [{ atMs: 1000, status: 'Cancelled' }],
  });
  assert.equal(run.skipped(), {
    first: 'PipelineRun was gracefully stopped',
    second: 'PipelineRun was gracefully stopped',
  });
  assert.is(run.taskRun('cleanup').condition.reason, 'TaskRunCancelled');
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

test.run();
