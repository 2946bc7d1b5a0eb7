// Missing results at schedule time, as v1.15 decides them: validation failures derived afresh
// every reconcile (runNextSchedulableTask), the missing-results skip reading only params and
// when (hasResultReferences), the raw resolution error for a producer that failed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, paramValue, runCaseFile } from './harness.js';

const AFRESH = 'R03-validation-failed-afresh.yaml';

test('validation failed: a later DAG failure turns it into a stopping skip and the run ends Failed', () => {
  const run = runCaseFile(AFRESH, { pipelineRun: 'later-failure' });
  assert.equal(run.taskRunNames(), ['p', 'x']);
  assert.ok(
    run
      .conditions()
      .includes(
        '1000 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
      ),
    run.conditions().join('\n'),
  );
  assert.equal(run.skipped(), { c: 'PipelineRun was stopping' });
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
  );
});

test('validation failed: $(tasks.status) counts it as neither failed nor skipped', () => {
  const run = runCaseFile(AFRESH, { pipelineRun: 'aggregate-of-validation-failed' });
  const report = run.taskRun('report');
  assert.is(paramValue(report, 'aggregate'), 'Succeeded');
  assert.is(paramValue(report, 'consumer'), 'None');
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0, Failed Validation: 1 (task "p" completed successfully but did not emit the result "r", which is referenced by task "c")',
  );
});

test('validation failed: a failed producer gives the raw resolution error; errors sorted by task name', () => {
  const run = runCaseFile(AFRESH, { pipelineRun: 'failed-producer' });
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0, Failed Validation: 2 (Invalid task result reference: Could not find result with name s for pipeline task p; Invalid task result reference: Could not find result with name r for pipeline task p)',
  );
});

const ONLY = 'R04-missing-results-params-and-when-only.yaml';

test('validation failed: a reference only inside the embedded taskSpec is not a missing-results skip', () => {
  const run = runCaseFile(ONLY, { pipelineRun: 'taskspec-only-reference' });
  assert.equal(run.taskRunNames(), []);
  assert.equal(run.skipped(), { a: 'PipelineRun was stopping' });
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 0 (Failed: 0, Cancelled 0), Skipped: 1, Failed Validation: 1 (Result reference error: Internal result ref "a" has zero-length TaskRuns)',
  );
});

test('validation failed: the same reference in params is a missing-results skip', () => {
  const run = runCaseFile(ONLY, { pipelineRun: 'param-reference' });
  assert.equal(run.skipped(), {
    a: 'When Expressions evaluated to false',
    use: 'Results were missing',
  });
  assert.is(outcome(run.view), 'True/Completed');
});

test.run();
