// Conformance cases about timeouts: tasks, finally and pipeline deadlines, and the TaskRun
// timeout the PipelineRun propagates (tekton-semantics 3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, paramValue, runCaseFile } from './harness.js';

const C30 = 'C30-tasks-timeout-with-finally.yaml';
const TIMED_OUT = 'TaskRun cancelled as the PipelineRun it belongs to has timed out.';

for (const name of ['derived-tasks', 'explicit-tasks']) {
  test(`conformance: C30 tasks deadline with finally (${name}): DAG cancelled, finally runs, PipelineRunTimeout`, () => {
    const run = runCaseFile(C30, { pipelineRun: name });
    const dag = run.taskRun('dag-task');
    assert.is(dag.condition.reason, 'TaskRunCancelled');
    assert.is(dag.condition.message, `TaskRun "${name}-dag-task" was cancelled. ${TIMED_OUT}`);
    assert.is(dag.specStatus, 'TaskRunCancelled');
    assert.is(dag.specStatusMessage, TIMED_OUT);
    assert.is(dag.completionTimeMs, 10000);
    const final = run.taskRun('final-task');
    assert.is(paramValue(final, 'dag-status'), 'Failed');
    assert.is(paramValue(final, 'dag-reason'), 'TaskRunCancelled');
    assert.is(final.startTimeMs, 10000);
    assert.is(final.condition.reason, 'Succeeded');
    assert.is(run.view.pipelineRun.finallyStartTimeMs, 10000);
    assert.ok(
      run
        .conditions()
        .some((line) => line.startsWith('10000 Unknown/PipelineRunTimeoutRunningFinally: ')),
      run.conditions().join('\n'),
    );
    // 3.6.4: PipelineRunTimeout even though finally succeeded.
    assert.is(outcome(run.view), 'False/PipelineRunTimeout');
    assert.is(
      run.view.pipelineRun.condition.message,
      `PipelineRun "${name}" failed due to tasks failed to finish within "10s"`,
    );
    assert.is(run.view.pipelineRun.completionTimeMs, 12000);
  });
}

test('conformance: C30 tasks deadline without finally ends the run at once', () => {
  const run = runCaseFile(C30, { pipelineRun: 'no-finally' });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "no-finally" failed due to tasks failed to finish within "10s"',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 10000);
  assert.is(run.taskRun('dag-task').condition.reason, 'TaskRunCancelled');
  assert.equal(run.taskRunNames(), ['dag-task']);
  // 3.8-style freeze: `after`'s parent was not done when the run completed, so it is not listed.
  assert.equal(run.view.pipelineRun.skippedTasks, []);
});

test('conformance: C35 finally deadline cancels the running finally TaskRun; the run ends Failed', () => {
  const run = runCaseFile('C35-finally-timeout.yaml', { pipelineRun: 'finally-5s' });
  assert.is(run.taskRun('task1').condition.reason, 'Succeeded');
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 10000);
  const final = run.taskRun('finaltask-1');
  assert.is(final.condition.reason, 'TaskRunCancelled');
  assert.is(final.specStatusMessage, TIMED_OUT);
  assert.is(final.completionTimeMs, 15000);
  // 3.7: no finally-timeout branch in the condition: cancelled-for-timeout counts as Failed.
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 15000);
});

test('conformance: C35 the finally clock starts with finally; pipeline 0 means no pipeline deadline', () => {
  const run = runCaseFile('C35-finally-timeout.yaml', { pipelineRun: 'finally-25s-pipeline-0' });
  assert.is(run.taskRun('task1').completionTimeMs, 10000);
  assert.is(run.taskRun('finaltask-1').condition.reason, 'Succeeded');
  assert.is(run.taskRun('finaltask-1').specStatus, undefined);
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(run.view.pipelineRun.completionTimeMs, 30000);
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

test('conformance: C39 TaskRun timeout propagation, never clipped to the time left', () => {
  const expected: Record<string, number | undefined> = {
    'pipeline-2h-tasks-1h55m': HOUR + 55 * MINUTE,
    'task-run-specs-30m': 30 * MINUTE,
    'pipeline-task-45m': 45 * MINUTE,
    'nothing-set': undefined,
    'only-pipeline-2h': undefined,
    'pipeline-2h-finally-10m': HOUR + 50 * MINUTE,
    'pipeline-1h-finally-20m': undefined,
    'pipeline-0-tasks-0': 0,
    'pipeline-1h-tasks-30m': undefined,
    'all-three': 20 * MINUTE,
  };
  for (const [name, timeoutMs] of Object.entries(expected)) {
    const run = runCaseFile('C39-taskrun-timeout-propagation.yaml', { pipelineRun: name });
    const task = run.prepared.plan.tasks[0];
    assert.is(task.taskRunTimeoutMs, timeoutMs, name);
    // Unset is what TaskRun defaulting turns into the 60m default (3.4 gotcha).
    assert.is(task.effectiveTimeoutMs, timeoutMs ?? HOUR, name);
    assert.is(outcome(run.view), 'True/Succeeded', name);
  }
});

test('conformance: C40 the finally timeout above the default is propagated to finally TaskRuns', () => {
  const run = runCaseFile('C40-finally-timeout-propagation.yaml');
  assert.is(run.prepared.plan.tasks[1].name, 'finaltask1');
  assert.is(run.prepared.plan.tasks[1].taskRunTimeoutMs, HOUR + 10 * MINUTE);
  assert.is(run.prepared.plan.tasks[0].taskRunTimeoutMs, HOUR + 50 * MINUTE);
  assert.is(run.taskRun('finaltask1').timeout, '1h10m0s');
  assert.is(run.taskRun('task1').timeout, '1h50m0s');
  assert.is(outcome(run.view), 'True/Succeeded');
});

test('conformance: section 3 pipeline and tasks deadlines at the same instant: the pipeline message wins', () => {
  const run = runCaseFile('section3-deadlines.yaml', { pipelineRun: 'tasks-equals-pipeline' });
  // 5.1: "Pipeline deadline passed" is checked before "tasks deadline passed"; both have
  // passed when the controller looks after the common instant.
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "tasks-equals-pipeline" failed to finish within "10s"',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 10000);
  assert.is(run.taskRun('slow').condition.reason, 'TaskRunCancelled');
});

for (const name of ['pipeline-deadline-during-finally', 'pipeline-deadline-only']) {
  test(`conformance: section 3.8 the pipeline deadline cancels running finally TaskRuns (${name})`, () => {
    const run = runCaseFile('section3-deadlines.yaml', { pipelineRun: name });
    assert.is(run.taskRun('slow').completionTimeMs, 5000);
    assert.is(run.view.pipelineRun.finallyStartTimeMs, 5000);
    const cleanup = run.taskRun('cleanup');
    assert.is(cleanup.condition.reason, 'TaskRunCancelled');
    assert.is(cleanup.specStatusMessage, TIMED_OUT);
    assert.is(cleanup.completionTimeMs, 20000);
    assert.is(outcome(run.view), 'False/PipelineRunTimeout');
    assert.is(
      run.view.pipelineRun.condition.message,
      `PipelineRun "${name}" failed to finish within "20s"`,
    );
    assert.is(run.view.pipelineRun.completionTimeMs, 20000);
  });
}

test('conformance: section 3.6 a task behind a DAG task cancelled at the tasks deadline ends as stopping', () => {
  const run = runCaseFile('section3-deadlines.yaml', {
    pipelineRun: 'tasks-deadline-behind-running',
  });
  assert.is(run.taskRun('slow').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('slow').completionTimeMs, 5000);
  // 3.6.2 (DERIVED): with finally present the cancelled-for-timeout task is a failure by the
  // time the run ends, so StoppingSkip wins; DAG entries keep their when expressions (5.4).
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'after',
      reason: 'PipelineRun was stopping',
      whenExpressions: [{ input: 'a', operator: 'in', values: ['a'] }],
    },
  ]);
  assert.is(run.taskRun('f').startTimeMs, 5000);
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(run.view.pipelineRun.completionTimeMs, 6000);
});

test.run();
