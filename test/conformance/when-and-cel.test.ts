// `when` as v1.15 evaluates it: CEL of every task at every reconcile (pipelinerun.go), result
// references substituted all or nothing (ResolvePipelineTask, ResolveResultRefs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

test('when: a non-boolean CEL of a task not reached yet fails the run at creation, labelled a user error', () => {
  const run = runCaseFile('R02-cel-every-reconcile.yaml', { pipelineRun: 'cel-late-task' });
  assert.equal(run.taskRunNames(), []);
  assert.is(outcome(run.view), 'False/CELEvaluationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    "[User error] Error evaluating CEL cel-late-task: The CEL expression 'build' is not evaluated to a boolean",
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
  assert.equal(run.view.pipelineRun.results, []);
});

test('when: a finally task CEL is evaluated at the first reconcile too', () => {
  const run = runCaseFile('R02-cel-every-reconcile.yaml', { pipelineRun: 'cel-finally-task' });
  assert.equal(run.taskRunNames(), []);
  assert.is(
    `${outcome(run.view)}: ${run.view.pipelineRun.condition.message}`,
    'False/CELEvaluationFailed: [User error] Error evaluating CEL cel-finally-task: The CEL expression 1 + 2 is not evaluated to a boolean',
  );
});

test('when: one unresolvable result reference leaves every reference of the task unsubstituted', () => {
  const run = runCaseFile('R05-when-all-or-nothing.yaml');
  assert.equal(run.taskRunNames(), ['a', 'b']);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'c',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [
        { input: '$(tasks.a.results.x)', operator: 'in', values: ['1'] },
        { input: '$(tasks.b.results.y)', operator: 'notin', values: ['2'] },
      ],
    },
  ]);
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1',
  );
});

test.run();
