// Semantics profiles (src/model/profiles.ts): the same PipelineRun under different Tekton
// releases (tekton-semantics 3.4, 3.6, 5.2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const FILE = 'profiles.yaml';

test('profiles: #10512 finally outliving start + tasks timeout: v1.15 PipelineRunTimeout, v1.15-fix10512 Succeeded', () => {
  const buggy = runCaseFile(FILE, { pipelineRun: 'issue-10512', profile: 'v1.15' });
  assert.is(buggy.taskRun('build').completionTimeMs, 5000);
  assert.is(buggy.view.pipelineRun.finallyStartTimeMs, 5000);
  // Finally TaskRuns are not cancelled by it: cancellation needs finallyStartTime unset (3.6.5).
  assert.is(buggy.taskRun('cleanup').condition.reason, 'Succeeded');
  assert.is(buggy.taskRun('cleanup').completionTimeMs, 13000);
  // Once finally has started, ReconcileKind requeues only for the finally and pipeline
  // deadlines: nothing reconciles at the 10 s tasks deadline, and the next event (cleanup
  // ending at 13 s) turns the run straight into PipelineRunTimeout (issue 8, rule 11).
  assert.ok(
    !buggy.conditions().some((line) => line.startsWith('10000 ')),
    buggy.conditions().join('\n'),
  );
  assert.ok(
    buggy.conditions().some((line) => line.startsWith('13000 False/PipelineRunTimeout: ')),
    buggy.conditions().join('\n'),
  );
  assert.is(outcome(buggy.view), 'False/PipelineRunTimeout');
  assert.is(
    buggy.view.pipelineRun.condition.message,
    'PipelineRun "issue-10512" failed due to tasks failed to finish within "10s"',
  );
  assert.is(buggy.view.pipelineRun.completionTimeMs, 13000);

  const fixed = runCaseFile(FILE, { pipelineRun: 'issue-10512', profile: 'v1.15-fix10512' });
  assert.is(fixed.taskRun('cleanup').completionTimeMs, 13000);
  assert.is(outcome(fixed.view), 'True/Succeeded');
  assert.is(
    fixed.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0',
  );
  assert.is(fixed.view.pipelineRun.completionTimeMs, 13000);
});

test('profiles: v1.15 tasks deadline with finally: finally runs, then PipelineRunTimeout', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'tasks-deadline', profile: 'v1.15' });
  assert.is(run.taskRun('build').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('cleanup').startTimeMs, 10000);
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(run.view.pipelineRun.completionTimeMs, 12000);
});

test('profiles: v1.12 tasks deadline: PipelineRunTimeout at once, finally never runs', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'tasks-deadline', profile: 'v1.12' });
  assert.equal(run.taskRunNames(), ['build']);
  assert.is(run.taskRun('build').condition.reason, 'TaskRunCancelled');
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "tasks-deadline" failed due to tasks failed to finish within "10s"',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 10000);
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
});

test('profiles: v0.40 tasks deadline: finally runs after it and the run ends Failed', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'tasks-deadline', profile: 'v0.40' });
  assert.is(run.taskRun('build').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('build').completionTimeMs, 10000);
  assert.is(run.taskRun('cleanup').startTimeMs, 10000);
  assert.is(run.taskRun('cleanup').condition.reason, 'Succeeded');
  assert.ok(!run.conditions().some((line) => line.includes('PipelineRunTimeoutRunningFinally')));
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 12000);
});

test('profiles: v0.40 failing step reason is Failed (StepFailed since v1.12)', () => {
  const old = runCaseFile(FILE, { pipelineRun: 'step-fails', profile: 'v0.40' });
  assert.is(old.taskRun('broken').condition.reason, 'Failed');
  assert.is(old.taskRun('broken').condition.message, '"step-fail" exited with code 3');
  assert.is(outcome(old.view), 'False/Failed');
  const current = runCaseFile(FILE, { pipelineRun: 'step-fails', profile: 'v1.15' });
  assert.is(current.taskRun('broken').condition.reason, 'StepFailed');
});

test('profiles: v0.40 does not propagate the tasks timeout to TaskRuns (60m default)', () => {
  const old = runCaseFile(FILE, { pipelineRun: 'step-fails', profile: 'v0.40' });
  assert.is(old.prepared.plan.tasks[0].taskRunTimeoutMs, undefined);
  assert.is(old.prepared.plan.tasks[0].effectiveTimeoutMs, 60 * 60_000);
  const current = runCaseFile(FILE, { pipelineRun: 'step-fails', profile: 'v1.15' });
  assert.is(current.prepared.plan.tasks[0].taskRunTimeoutMs, 2 * 60 * 60_000);
  assert.is(current.taskRun('broken').timeout, '2h0m0s');
});

test('profiles: v1.12 checks the tasks deadline while finally runs too: #10512 ends PipelineRunTimeout at the next event', () => {
  // v1.12.0 pipelinerunstate.go GetPipelineConditionStatus returns PipelineRunTimeout whenever
  // HaveTasksTimedOut, with no finally exemption (issue 8, rule 11).
  const run = runCaseFile(FILE, { pipelineRun: 'issue-10512', profile: 'v1.12' });
  assert.is(run.taskRun('cleanup').condition.reason, 'Succeeded');
  assert.is(run.taskRun('cleanup').completionTimeMs, 13000);
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "issue-10512" failed due to tasks failed to finish within "10s"',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 13000);
});

const V040 = 'R11-v040.yaml';

test("profiles: v0.40 fails the whole run when a DAG candidate's result cannot be resolved", () => {
  const old = runCaseFile(V040, { pipelineRun: 'missing-result', profile: 'v0.40' });
  assert.equal(old.taskRunNames(), ['p']);
  assert.is(
    `${outcome(old.view)}: ${old.view.pipelineRun.condition.message}`,
    'False/InvalidTaskResultReference: Could not find result with name r for task p',
  );
  assert.is(old.view.pipelineRun.completionTimeMs, 1000);
  const current = runCaseFile(V040, { pipelineRun: 'missing-result', profile: 'v1.15' });
  assert.is(outcome(current.view), 'False/PipelineValidationFailed');
});

test('profiles: v0.40 has no pipeline-task onError: a failure stops the run', () => {
  const old = runCaseFile(V040, { pipelineRun: 'on-error-continue', profile: 'v0.40' });
  assert.is(old.taskRun('t').condition.reason, 'Failed');
  assert.equal(old.skipped(), { u: 'PipelineRun was stopping' });
  assert.is(outcome(old.view), 'False/Failed');
  const current = runCaseFile(V040, { pipelineRun: 'on-error-continue', profile: 'v1.15' });
  assert.is(current.taskRun('t').condition.reason, 'FailureIgnored');
  assert.is(outcome(current.view), 'True/Succeeded');
});

test('profiles: v0.40 has no taskRunSpecs timeout: the TaskRun keeps the 60m default', () => {
  const old = runCaseFile(V040, { pipelineRun: 'taskrunspecs-timeout', profile: 'v0.40' });
  assert.is(old.taskRun('slow').condition.reason, 'Succeeded');
  const current = runCaseFile(V040, { pipelineRun: 'taskrunspecs-timeout', profile: 'v1.15' });
  assert.is(current.taskRun('slow').condition.reason, 'TaskRunTimeout');
});

test.run();
