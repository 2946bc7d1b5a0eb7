// Conformance cases about DAG scheduling: readiness, stopping, when scoping, result edges and
// run-time validation (tekton-semantics 2.1-2.6). Each case is real Tekton YAML in cases/.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

test('conformance: C09 when expressions are scoped to their task', () => {
  const run = runCaseFile('C09-when-scoped-to-task.yaml');
  // runAfter dependents of when-skipped tasks run; the skipped ones get no TaskRun (2.5).
  assert.equal(run.taskRunNames().sort(), ['b-task', 'd-task', 'f-task']);
  assert.equal(run.skipped(), {
    'a-task': 'When Expressions evaluated to false',
    'c-task': 'When Expressions evaluated to false',
    'e-task': 'When Expressions evaluated to false',
  });
  // e's producer was when-skipped: the reference stays the unresolved literal (2.5).
  const eTask = run.view.pipelineRun.skippedTasks.find((entry) => entry.name === 'e-task');
  assert.equal(eTask?.whenExpressions, [
    { input: '$(tasks.a-task.results.aResult)', operator: 'in', values: ['aResultValue'] },
  ]);
  for (const name of ['b-task', 'd-task', 'f-task']) assert.is(run.taskRun(name).startTimeMs, 0);
  assert.is(
    run.conditions()[0],
    '0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 3, Skipped: 3',
  );
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 3',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 3000);
});

test('conformance: C11 a failure stops an unrelated branch; the running task is awaited', () => {
  const run = runCaseFile('C11-failure-stops-unrelated-branch.yaml');
  assert.equal(run.taskRunNames(), ['mytask1', 'mytask6']);
  assert.is(run.taskRun('mytask1').condition.reason, 'StepFailed');
  assert.is(run.taskRun('mytask1').completionTimeMs, 1000);
  // Running DAG TaskRuns are not cancelled when the run is stopping (2.3).
  assert.is(run.taskRun('mytask6').condition.reason, 'Succeeded');
  assert.is(run.taskRun('mytask6').completionTimeMs, 4000);
  assert.equal(run.skipped(), { mytask7: 'PipelineRun was stopping' });
  // Without finally tasks the interim reason is PipelineRunStopping (2.3, 5.1).
  assert.ok(
    run
      .conditions()
      .includes(
        '1000 Unknown/PipelineRunStopping: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 1',
      ),
  );
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 4000);
});

test('conformance: C12 parent, grandparent and mixed-parent tasks are skipped as stopping', () => {
  const run = runCaseFile('C12-parent-and-grandparent-failed.yaml');
  assert.equal(run.taskRunNames(), ['parent', 'passed']);
  assert.equal(run.skipped(), {
    child: 'PipelineRun was stopping',
    grandchild: 'PipelineRun was stopping',
    'two-parents': 'PipelineRun was stopping',
  });
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 3',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
});

test('conformance: C50 diamond declared out of order runs t1, {t2a, t2b}, t3, t4', () => {
  const run = runCaseFile('C50-diamond.yaml');
  const start = (name: string) => run.taskRun(name).startTimeMs;
  const end = (name: string) => run.taskRun(name).completionTimeMs;
  assert.is(start('t1'), 0);
  assert.is(start('t2a'), 1000);
  assert.is(start('t2b'), 1000);
  assert.is(end('t2a'), 3000);
  assert.is(end('t2b'), 4000);
  assert.is(start('t3'), 4000);
  assert.is(start('t4'), 5000);
  assert.equal(run.taskRunNames()[0], 't1');
  assert.equal(run.taskRunNames().slice(1, 3).sort(), ['t2a', 't2b']);
  assert.equal(run.taskRunNames().slice(3), ['t3', 't4']);
  assert.equal(run.taskRun('t2b').params, [{ name: 'in', value: 'one' }]);
  assert.equal(run.taskRun('t3').params, [
    { name: 'a', value: 'a' },
    { name: 'b', value: 'b(one)' },
  ]);
  assert.equal(run.taskRun('t3').results, [{ name: 'out', value: 'a+b(one)' }]);
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 0',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 6000);
});

test('conformance: C05 a DAG consumer of a result a succeeded task did not write fails validation', () => {
  const run = runCaseFile('C05-producer-does-not-emit-result.yaml');
  assert.equal(run.taskRunNames(), ['dagtask1', 'finaltask1']);
  assert.is(run.taskRun('dagtask1').condition.reason, 'Succeeded');
  assert.equal(run.taskRun('dagtask1').results, []);
  assert.is(run.taskRun('finaltask1').condition.reason, 'Succeeded');
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 1000);
  assert.equal(run.view.pipelineRun.skippedTasks, []);
  // Section 2.6: PipelineValidationFailed with the "Failed Validation" suffix.
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0, Failed Validation: 1 (task "dagtask1" completed successfully but did not emit the result "result", which is referenced by task "dagtaskconsumingdagtask1")',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 3000);
});

test('conformance: C21 a missing result with an onError: continue consumer is a skip, not a failure', () => {
  const run = runCaseFile('C21-missing-result-consumer-on-error-continue.yaml');
  assert.equal(run.taskRunNames(), ['task1']);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    { name: 'task2', reason: 'Results were missing' },
  ]);
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 1',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

test('conformance: C27 undeclared result references fail the run before any TaskRun', () => {
  const taskParam = runCaseFile('C27-undeclared-result.yaml', { pipelineRun: 'c27-task-param' });
  assert.is(outcome(taskParam.view), 'False/InvalidTaskResultReference');
  assert.equal(taskParam.taskRunNames(), []);
  assert.is(taskParam.view.pipelineRun.startTimeMs, 0);
  assert.is(taskParam.view.pipelineRun.completionTimeMs, 0);
  const pipelineResult = runCaseFile('C27-undeclared-result.yaml', {
    pipelineRun: 'c27-pipeline-result',
  });
  assert.is(outcome(pipelineResult.view), 'False/InvalidPipelineResultReference');
  assert.equal(pipelineResult.taskRunNames(), []);
  const taskRunSpecs = runCaseFile('C27-undeclared-result.yaml', {
    pipelineRun: 'c27-task-run-specs',
  });
  assert.is(outcome(taskRunSpecs.view), 'False/InvalidTaskRunSpecs');
  assert.equal(taskRunSpecs.taskRunNames(), []);
});

test('conformance: section 2.5 when scope: notin consumer of a when-skipped producer, its child, a runAfter child', () => {
  const run = runCaseFile('section2-when-scope.yaml');
  assert.equal(run.taskRunNames(), ['h']);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'a',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ input: 'x', operator: 'in', values: ['y'] }],
    },
    // With notin the unresolved literal passes the when check; then the result is missing (2.4 rule 6).
    {
      name: 'e',
      reason: 'Results were missing',
      whenExpressions: [{ input: '$(tasks.a.results.x)', operator: 'notin', values: ['v'] }],
    },
    { name: 'g', reason: 'Parent Tasks were skipped' },
    { name: 'f', reason: 'Results were missing' },
  ]);
  // Every finally task dropped for missing results: finallyStartTime stays unset (2.7).
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 4',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
});

test.run();
