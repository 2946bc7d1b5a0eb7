// Audit of tektoncd/pipeline v1.15.0's unit tests of PipelineRun state, retold as runs: each
// test names the Go test and row it retells (pipelinerunstate_test.go,
// pipelinerunresolution_test.go). A Go row fixes a state (TaskRuns done, failed, running, not
// started); the runs below are arranged in time to pass through that state, and the test reads
// the condition (or skip reason) the run had at that moment from its condition trace.
// Rows already retold elsewhere: C11, C12, C13, C14 (TestIsSkipped), C18
// (GetPipelineTaskStatus), C22 (_OnError), C26 ("one-retry-needed"), C29 (_WithFinalTasks),
// C30 (_TasksTimedOutRunningFinally), C31/C01 (GetSkippedTasks), C45 (gracefully cancelled,
// no finally), R01 ("task that was cancelled for timeout").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile, type CaseRun } from './harness.js';
import type { SpecStatusPatch } from '../../src/engine/simulation.js';

const S01 = 'S01-condition-rows.yaml';
const S02 = 'S02-skip-rows.yaml';

function run(pipelineRun: string, patches: SpecStatusPatch[] = []): CaseRun {
  return runCaseFile(S01, { pipelineRun, patches });
}

/** The conditions a run went through at one instant, in order. */
function at(caseRun: CaseRun, atMs: number): string[] {
  return caseRun
    .conditions()
    .filter((line) => line.startsWith(`${atMs} `))
    .map((line) => line.slice(String(atMs).length + 1));
}

test('state audit: TestGetPipelineConditionStatus "no-tasks-started", "one-task-started", "one-task-finished", "all-finished"', () => {
  const twoTasks = run('two-independent');
  assert.equal(twoTasks.conditions(), [
    '0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0',
    '2000 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
    '4000 True/Succeeded: Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0',
  ]);
});

test('state audit: TestGetPipelineConditionStatus "one-task-failed"; GetSkippedTasks "stopping-skip-taskruns"', () => {
  const parentFails = run('parent-fails');
  assert.equal(at(parentFails, 1000), [
    'False/Failed: Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1',
  ]);
  // A DAG task without when expressions is listed without them.
  assert.equal(parentFails.view.pipelineRun.skippedTasks, [
    { name: 'second', reason: 'PipelineRun was stopping' },
  ]);
});

test('state audit: TestGetPipelineConditionStatus "tasks with one failed task": Stopping while one runs', () => {
  const stopping = run('one-failure-one-running');
  assert.equal(at(stopping, 2000), [
    'Unknown/PipelineRunStopping: Tasks Completed: 2 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 0',
  ]);
  assert.equal(at(stopping, 5000), [
    'False/Failed: Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0',
  ]);
});

test('state audit: TestGetPipelineConditionStatus "task not started with passed parent; one failed"', () => {
  const passedParent = run('passed-parent-one-failed');
  // IsStopping skips `child` at once (its parent still running), as TestIsSkipped
  // "task-failed-pipeline-stopping"; the run ends when the parent has passed.
  assert.equal(at(passedParent, 1000), [
    'Unknown/PipelineRunStopping: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 1',
  ]);
  assert.equal(at(passedParent, 2000), [
    'False/Failed: Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  ]);
  assert.equal(passedParent.skipped(), { child: 'PipelineRun was stopping' });
});

test('state audit: TestGetPipelineConditionStatus "no-tasks-started-pipeline-run-with-finally-gracefully-cancelled"', () => {
  const cancelled = run('with-finally', [{ atMs: 0, status: 'CancelledRunFinally' }]);
  assert.equal(at(cancelled, 0), [
    'Unknown/CancelledRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 2',
  ]);
  assert.is(outcome(cancelled.view), 'False/Cancelled');
  assert.is(
    cancelled.view.pipelineRun.condition.message,
    'PipelineRun "with-finally" was cancelled',
  );
  assert.equal(cancelled.skipped(), {
    first: 'PipelineRun was gracefully cancelled',
    second: 'PipelineRun was gracefully cancelled',
  });
});

test('state audit: TestGetPipelineConditionStatus "no-tasks-started-pipeline-run-with-finally-gracefully-stopped"', () => {
  const stopped = run('with-finally', [{ atMs: 0, status: 'StoppedRunFinally' }]);
  assert.equal(at(stopped, 0), [
    'Unknown/StoppedRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 2',
  ]);
  assert.is(outcome(stopped.view), 'False/Cancelled');
  assert.equal(stopped.skipped(), {
    first: 'PipelineRun was gracefully stopped',
    second: 'PipelineRun was gracefully stopped',
  });
});

test('state audit: TestGetPipelineConditionStatus "one-task-finished-pipeline-run-gracefully-stopped"', () => {
  // Stopped while `first` runs; `first` then succeeds and `second` is never started.
  const stopped = run('chain', [{ atMs: 1000, status: 'StoppedRunFinally' }]);
  assert.equal(stopped.conditions(), [
    '0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0',
    '1000 Unknown/StoppedRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 1',
    '2000 False/Cancelled: PipelineRun "chain" was cancelled',
  ]);
  assert.is(stopped.taskRun('first').condition.reason, 'Succeeded');
  assert.equal(stopped.skipped(), { second: 'PipelineRun was gracefully stopped' });
});

test('state audit: skip() puts IsStopping before IsGracefullyCancelled: a DAG task cancelled by CancelledRunFinally stops the rest', () => {
  // CancelledRunFinally cancels the running `first`; a cancelled TaskRun is a failure
  // (isFailure via haveAnyTaskRunsFailed), so `second` is StoppingSkip, not GracefullyCancelledSkip.
  const cancelled = run('chain', [{ atMs: 1000, status: 'CancelledRunFinally' }]);
  assert.is(cancelled.taskRun('first').condition.reason, 'TaskRunCancelled');
  assert.equal(cancelled.skipped(), { second: 'PipelineRun was stopping' });
  assert.is(outcome(cancelled.view), 'False/Cancelled');
});

test('state audit: TestGetPipelineConditionStatus "skipped for timeout run should result in failed pipeline", "task that was cancelled for timeout"', () => {
  const timedOut = run('skipped-for-timeout');
  assert.is(timedOut.taskRun('lenient').condition.reason, 'TaskRunCancelled');
  // isCancelledForTimeOut is counted before isFailure: Failed, not Ignored, despite onError.
  assert.equal(at(timedOut, 3000), [
    'Unknown/PipelineRunTimeoutRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0',
    'False/Failed: Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 2',
  ]);
  // IsStopping ignores onError: continue, so `after` is skipped for the tasks timeout.
  assert.equal(timedOut.skipped(), {
    after: 'PipelineRun Tasks timeout has been reached',
    notify: 'When Expressions evaluated to false',
  });
});

test('state audit: TestIsSkipped "tasks-when-expressions-run-multiple-ordering-and-resource-dependent-tasks"', () => {
  const skips = runCaseFile(S02, { pipelineRun: 'skip-rows' });
  assert.equal(skips.skipped(), {
    mytask11: 'When Expressions evaluated to false',
    // skipBecauseResultReferencesAreMissing: the producer was when-skipped.
    mytask20: 'Results were missing',
    // skipBecauseParentTaskWasSkipped: a parent skipped for any reason but its when.
    mytask21: 'Parent Tasks were skipped',
    // skipBecauseWhenExpressionsEvaluatedToFalse comes first: the input stays unresolved.
    mytask22: 'When Expressions evaluated to false',
  });
  assert.equal(skips.view.pipelineRun.skippedTasks[3].whenExpressions, [
    {
      input: '$(tasks.mytask11.results.missingResult)',
      operator: 'in',
      values: ['expectedResult'],
    },
  ]);
  // "tasks-when-expressions", "...-run-multiple-dependent-tasks" and
  // TestSkipBecauseParentTaskWasSkipped: when is scoped to its task.
  assert.is(skips.taskRun('mytask18').startTimeMs, 0);
  assert.is(skips.taskRun('mytask19').startTimeMs, 1000);
  assert.is(skips.taskRun('mytask23').startTimeMs, 0);
});

test('state audit: TestIsSkipped / TestSkipBecauseParentTaskWasSkipped "when-expression-task-but-without-parent-done"', () => {
  const skips = runCaseFile(S02, { pipelineRun: 'skip-rows' });
  // mytask12 (when true, runAfter mytask1) is not skipped while mytask1 runs, and runs after it.
  assert.is(skips.taskRun('mytask12').startTimeMs, 2000);
  assert.is(skips.taskRun('mytask12').condition.reason, 'Succeeded');
  assert.equal(at(skips, 3000), [
    'True/Completed: Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 4',
  ]);
});

test('state audit: TestIsFailure "one matrixed taskrun failed, one matrixed taskrun running"; GetPipelineConditionStatus Running (not Stopping) with finally', () => {
  const matrix = run('matrix-one-failed');
  const fan = matrix.view.taskRuns.filter((taskRun) => taskRun.pipelineTaskName === 'fan');
  assert.equal(
    fan.map((taskRun) => `${taskRun.condition.reason}@${taskRun.completionTimeMs}`),
    ['StepFailed@1000', 'Succeeded@3000'],
  );
  // isFailure needs every TaskRun of the task done: at 2 s nothing stops `later`.
  assert.is(matrix.taskRun('later').startTimeMs, 2000);
  assert.equal(matrix.skipped(), {});
  // A failed DAG task with finally tasks not done keeps the reason Running ("for a pipeline
  // with final tasks, single dag task failure does not transition to interim stopping state").
  assert.equal(at(matrix, 3000), [
    'Unknown/Running: Tasks Completed: 2 (Failed: 1, Cancelled 0), Incomplete: 2, Skipped: 0',
  ]);
  // TestPipelineRunState_GetFinalTasksAndNames "05 - DAG task failed, return final tasks":
  // finally starts once every DAG task is done.
  assert.is(matrix.taskRun('cleanup').startTimeMs, 4000);
  assert.equal(at(matrix, 5000), [
    'False/Failed: Tasks Completed: 4 (Failed: 1, Cancelled 0), Skipped: 0',
  ]);
});

test('state audit: TestPipelineRunState_GetFinalTasksAndNames "03 - DAG task not finished", "04 - DAG task done, return final tasks"', () => {
  const withFinally = run('with-finally');
  // first 0-2 s, second 2-4 s: no finally TaskRun before 4 s, both at 4 s.
  assert.equal(
    withFinally.view.taskRuns.map(
      (taskRun) => `${taskRun.pipelineTaskName}@${taskRun.startTimeMs}`,
    ),
    ['first@0', 'second@2000', 'final-a@4000', 'final-b@4000'],
  );
  assert.is(outcome(withFinally.view), 'True/Succeeded');
});

test('state audit: TestGetPipelineConditionStatus_OnError while running: an ignored failure neither stops nor fails the run', () => {
  const ignored = run('ignored-failure');
  assert.equal(ignored.conditions(), [
    '0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 0',
    // getPipelineTasksCount: IgnoredFailed is completed; the running message's Failed is s.Failed.
    '1000 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 0',
    '2000 Unknown/Running: Tasks Completed: 2 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
    '3000 True/Succeeded: Tasks Completed: 3 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
  ]);
  // IsStopping skips tasks with onError: continue, so `after` is not skipped.
  assert.is(ignored.taskRun('lenient').condition.reason, 'FailureIgnored');
  assert.is(ignored.taskRun('after').startTimeMs, 1000);
});

test.run();
