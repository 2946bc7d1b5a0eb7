// Fidelity audit, second pass: rules of tekton-semantics.md checked against tektoncd/pipeline
// v1.15.0's Go code; each test names the function that settles it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const G01 = 'G01-parent-skipped-before-other-parents-done.yaml';
const EMPTY = 'Matrix Parameters have an empty array';
const PARENT = 'Parent Tasks were skipped';

test('audit2: G01 a parent skipped while another parent runs skips the task at once (pipeline deadline)', () => {
  // skip() -> skipBecauseParentTaskWasSkipped does not call checkParentsDone.
  const run = runCaseFile(G01, { pipelineRun: 'pipeline-deadline' });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.equal(run.view.pipelineRun.skippedTasks, [
    { name: 'empty', reason: EMPTY },
    {
      name: 'guarded',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ input: 'a', operator: 'in', values: ['b'] }],
    },
    { name: 'join', reason: PARENT },
    { name: 'after', reason: PARENT },
  ]);
  assert.equal(run.taskRunNames(), ['slow']);
});

test('audit2: G01 a hard cancel keeps the previous reconcile list, with the early parent skips', () => {
  const run = runCaseFile(G01, {
    pipelineRun: 'hard-cancel',
    patches: [{ atMs: 5000, status: 'Cancelled' }],
  });
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.equal(
    run.view.pipelineRun.skippedTasks.map((entry) => `${entry.name}: ${entry.reason}`),
    [
      `empty: ${EMPTY}`,
      'guarded: When Expressions evaluated to false',
      `join: ${PARENT}`,
      `after: ${PARENT}`,
    ],
  );
});

test('audit2: G01 the running message counts the early parent skips; the final reasons are the same', () => {
  const run = runCaseFile(G01, { pipelineRun: 'decided-later' });
  // GetPipelineConditionStatus counts Skip().IsSkipped, which includes join and after.
  assert.equal(run.conditions(), [
    '0 Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 4',
    '100000 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 4',
    '100000 True/Completed: Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 4',
  ]);
  assert.equal(run.taskRunNames(), ['slow', 'guarded-join']);
  assert.equal(run.skipped(), {
    empty: EMPTY,
    guarded: 'When Expressions evaluated to false',
    join: PARENT,
    after: PARENT,
  });
});

test.run();
