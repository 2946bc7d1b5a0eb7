// When finally counts as done for the tasks-deadline branch of GetPipelineConditionStatus
// (v1.15 pipelinerunstate.go checkFinalTasksDone -> isDone -> Skip(), which answers None for
// every finally task): a skipped finally task never is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const FILE = 'R01-skipped-finally-never-done.yaml';

test('finally done: past the tasks deadline with a skipped finally task the run ends on its counts (Failed)', () => {
  const run = runCaseFile(FILE, { pipelineRun: 'skipped-finally' });
  assert.is(run.taskRun('slow').condition.reason, 'TaskRunCancelled');
  assert.is(run.taskRun('cleanup').condition.reason, 'Succeeded');
  assert.equal(run.skipped(), { notify: 'When Expressions evaluated to false' });
  assert.ok(
    run
      .conditions()
      .some((line) => line.startsWith('5000 Unknown/PipelineRunTimeoutRunningFinally: ')),
    run.conditions().join('\n'),
  );
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 6000);
});

test("finally done: a skipped finally task also takes away #10512's PipelineRunTimeout", () => {
  const run = runCaseFile(FILE, { pipelineRun: 'skipped-finally-10512' });
  assert.is(run.taskRun('cleanup').completionTimeMs, 8000);
  assert.equal(run.skipped(), { notify: 'When Expressions evaluated to false' });
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 1',
  );
});

test.run();
