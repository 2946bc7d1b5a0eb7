// Conformance cases about finally tasks: when they start, what they see ($(tasks.X.status),
// $(tasks.X.reason), $(tasks.status), results), how they are skipped, and how they count in
// the PipelineRun condition (tekton-semantics 1.4, 2.4, 2.7, 5.1, 5.3, 5.4).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { aggregateStatusValue } from '../../src/scheduler/lookup.js';
import { TaskState, createRunState } from '../../src/scheduler/state.js';
import { outcome, paramValue, runCaseFile } from './harness.js';

const C01 = 'C01-dag-failure-when-skips-results-into-finally.yaml';

test('conformance: C01 DAG failure, when-skips, results into finally', () => {
  const run = runCaseFile(C01);
  assert.equal(run.taskRunNames().sort(), [
    'dagtask1',
    'dagtask2',
    'dagtask5',
    'finaltask1',
    'finaltask2',
    'finaltaskconsumingdagtask5',
    'guardedfinaltaskusingdagtask5result1',
    'guardedfinaltaskusingdagtask5status1',
  ]);
  assert.is(run.taskRun('dagtask1').condition.status, 'False');
  assert.is(run.taskRun('dagtask1').condition.reason, 'StepFailed');
  assert.is(run.taskRun('dagtask2').condition.reason, 'Succeeded');
  assert.is(run.taskRun('dagtask5').condition.reason, 'Succeeded');
  // Finally starts only once dagtask1 and dagtask2 are both done (2.7).
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 5000);
  for (const taskRun of run.view.taskRuns.filter((t) => t.isFinally)) {
    assert.is(taskRun.startTimeMs, 5000, taskRun.name);
    assert.is(taskRun.condition.reason, 'Succeeded', taskRun.name);
  }
  const finaltask2 = run.taskRun('finaltask2');
  assert.is(paramValue(finaltask2, 'dagtask1-status'), 'Failed');
  assert.is(paramValue(finaltask2, 'dagtask2-status'), 'Succeeded');
  assert.is(paramValue(finaltask2, 'dagtask3-status'), 'None');
  assert.is(paramValue(finaltask2, 'dagtasks-aggregate-status'), 'Failed');
  assert.is(paramValue(run.taskRun('finaltaskconsumingdagtask5'), 'dagtask5-result'), 'Hello');
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 8 (Failed: 1, Cancelled 0), Skipped: 7',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 5000);
});

test('conformance: C01/C31 skippedTasks: stopping outranks when; finally entries carry when only for when-skips', () => {
  const run = runCaseFile(C01);
  // 0.1 / 2.4: dagtask3 and dagtask4 were when-skipped first, but the final reconcile reports
  // StoppingSkip; DAG entries always list their (resolved) when expressions (5.4).
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'dagtask3',
      reason: 'PipelineRun was stopping',
      whenExpressions: [{ input: 'banana', operator: 'in', values: ['apple'] }],
    },
    {
      name: 'dagtask4',
      reason: 'PipelineRun was stopping',
      whenExpressions: [{ input: 'foo', operator: 'notin', values: ['foo'] }],
    },
    { name: 'finaltaskconsumingdagtask1', reason: 'Results were missing' },
    { name: 'finaltaskconsumingdagtask4', reason: 'Results were missing' },
    { name: 'guardedfinaltaskconsumingdagtask4', reason: 'Results were missing' },
    {
      name: 'guardedfinaltaskusingdagtask5result2',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ input: 'Hello', operator: 'notin', values: ['Hello'] }],
    },
    {
      name: 'guardedfinaltaskusingdagtask5status2',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [
        { input: 'Succeeded', operator: 'in', values: ['Failed'] },
        { input: 'Failed', operator: 'notin', values: ['Failed'] },
      ],
    },
  ]);
});

test('conformance: C15 execution status of a succeeded and a when-skipped task, aggregate Completed', () => {
  const run = runCaseFile('C15-execution-status.yaml');
  assert.equal(run.taskRunNames(), ['task1', 'task3', 'task4']);
  assert.equal(run.taskRun('task3').params, [
    { name: 'task1Status', value: 'Succeeded' },
    { name: 'task2Status', value: 'None' },
  ]);
  assert.equal(run.taskRun('task4').params, [{ name: 'tasksStatus', value: 'Completed' }]);
  assert.is(run.taskRun('task3').condition.reason, 'Succeeded');
  assert.is(run.taskRun('task4').condition.reason, 'Succeeded');
  assert.equal(run.skipped(), { task2: 'When Expressions evaluated to false' });
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 1',
  );
});

test('conformance: C17 CEL when expressions after substitution; a non-boolean CEL fails the run', () => {
  const run = runCaseFile('C17-cel-when.yaml', { pipelineRun: 'c17' });
  assert.equal(run.taskRunNames().sort(), [
    'after-readme',
    'cleanup',
    'docs-changed',
    'readme-changed',
  ]);
  assert.equal(run.skipped(), { 'code-changed': 'When Expressions evaluated to false' });
  assert.is(run.taskRun('after-readme').startTimeMs, 0);
  assert.is(run.taskRun('cleanup').startTimeMs, 1000);
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 1',
  );
  const notBool = runCaseFile('C17-cel-when.yaml', { pipelineRun: 'c17-not-bool' });
  assert.is(outcome(notBool.view), 'False/CELEvaluationFailed');
  assert.equal(notBool.taskRunNames(), []);
});

test('conformance: C18 $(tasks.X.status), $(tasks.X.reason) and $(tasks.status) table', () => {
  const report = (name: string) => {
    const run = runCaseFile('C18-aggregate-status.yaml', { pipelineRun: name });
    return Object.fromEntries(
      run.taskRun('report').params.map((param) => [param.name, param.value]),
    );
  };
  // (a) one failed + one not started.
  assert.equal(report('failed-and-not-started'), {
    'a-status': 'Failed',
    'a-reason': 'StepFailed',
    'b-status': 'None',
    'b-reason': '',
    aggregate: 'Failed',
  });
  // (b) both succeeded.
  assert.equal(report('both-succeeded'), {
    'a-status': 'Succeeded',
    'a-reason': 'Succeeded',
    'b-status': 'Succeeded',
    'b-reason': 'Succeeded',
    aggregate: 'Succeeded',
  });
  // (c) a when-skipped task: None, reason "", aggregate Completed.
  assert.equal(report('skipped-only'), {
    'a-status': 'Succeeded',
    'a-reason': 'Succeeded',
    'b-status': 'None',
    'b-reason': '',
    aggregate: 'Completed',
  });
  // (d) one skipped + one failed: Failed dominates.
  assert.equal(report('skipped-and-failed'), {
    'a-status': 'Failed',
    'a-reason': 'StepFailed',
    'b-status': 'None',
    'b-reason': '',
    aggregate: 'Failed',
  });
});

test('conformance: C18 (e) aggregate status is None until every DAG task is done', () => {
  const { plan } = runCaseFile('C18-aggregate-status.yaml', {
    pipelineRun: 'both-succeeded',
  }).prepared;
  const state = createRunState(plan);
  assert.is(aggregateStatusValue(state), 'None');
  state.taskState[0] = TaskState.Running;
  assert.is(aggregateStatusValue(state), 'None');
  state.taskState[0] = TaskState.Succeeded;
  state.dagDoneCount = 1;
  assert.is(aggregateStatusValue(state), 'None');
  state.taskState[1] = TaskState.Succeeded;
  state.dagDoneCount = 2;
  assert.is(aggregateStatusValue(state), 'Succeeded');
});

test('conformance: C29 condition with finally: finally failure fails, DAG failure waits for finally', () => {
  const dagOk = runCaseFile('C29-condition-with-finally.yaml', {
    pipelineRun: 'dag-ok-final-failed',
  });
  assert.is(outcome(dagOk.view), 'False/Failed');
  assert.is(
    dagOk.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  const bothFailed = runCaseFile('C29-condition-with-finally.yaml', {
    pipelineRun: 'dag-failed-final-failed',
  });
  // With finally tasks pending the interim reason stays Running, not PipelineRunStopping (2.3).
  assert.ok(
    bothFailed
      .conditions()
      .includes(
        '1000 Unknown/Running: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 0',
      ),
    bothFailed.conditions().join('\n'),
  );
  assert.is(outcome(bothFailed.view), 'False/Failed');
  assert.is(
    bothFailed.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 2, Cancelled 0), Skipped: 0',
  );
  assert.is(bothFailed.view.pipelineRun.completionTimeMs, 2000);
  const finalSkipped = runCaseFile('C29-condition-with-finally.yaml', {
    pipelineRun: 'dag-failed-final-skipped',
  });
  assert.is(outcome(finalSkipped.view), 'False/Failed');
  assert.is(
    finalSkipped.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1',
  );
  assert.equal(finalSkipped.view.pipelineRun.skippedTasks, [
    {
      name: 'final-task',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [
        {
          input: 'dag-failed-final-skipped',
          operator: 'notin',
          values: ['dag-failed-final-skipped'],
        },
      ],
    },
  ]);
  // finallyStartTime is set even when every finally task is when-skipped (2.7).
  assert.is(finalSkipped.view.pipelineRun.finallyStartTimeMs, 1000);
});

test('conformance: C51 finally waits for every DAG task, also after a failure', () => {
  const dagFailed = runCaseFile('C51-finally-waits-for-dag.yaml', { pipelineRun: 'dag-failed' });
  assert.is(dagFailed.taskRun('dag-task-1').completionTimeMs, 1000);
  assert.is(dagFailed.taskRun('dag-task-2').completionTimeMs, 4000);
  assert.is(dagFailed.view.pipelineRun.finallyStartTimeMs, 4000);
  assert.is(dagFailed.taskRun('final-task-1').startTimeMs, 4000);
  assert.ok(dagFailed.conditions().some((line) => line.startsWith('1000 Unknown/Running: ')));
  assert.is(outcome(dagFailed.view), 'False/Failed');
  assert.is(
    dagFailed.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  assert.is(dagFailed.view.pipelineRun.completionTimeMs, 5000);
  const finalFailed = runCaseFile('C51-finally-waits-for-dag.yaml', {
    pipelineRun: 'final-failed',
  });
  assert.is(outcome(finalFailed.view), 'False/Failed');
  assert.is(
    finalFailed.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  const bothFailed = runCaseFile('C51-finally-waits-for-dag.yaml', { pipelineRun: 'both-failed' });
  assert.is(outcome(bothFailed.view), 'False/Failed');
  assert.is(
    bothFailed.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 2, Cancelled 0), Skipped: 0',
  );
});

test.run();
