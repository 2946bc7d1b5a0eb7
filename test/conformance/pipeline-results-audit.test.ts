// Tekton v1.15.0's tests of Pipeline results (`spec.results`, `status.results`), retold as
// PipelineRuns (cases pipeline-results-audit-*.yaml) or webhook inputs; each test names the Go
// test and row it retells. Where the simulator differed: docs/semantics-disagreements.md 90..94.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectExactly, pipeline, validate, yaml } from '../tekton/validate/helpers.js';
import { outcome, runCase, runCaseFile } from './harness.js';

const RECONCILE = 'pipeline-results-audit-reconcile.yaml';
const MATRIX = 'pipeline-results-audit-matrix-cache.yaml';
const couldntGet = (run: string, names: string) =>
  `Failed to get PipelineResult from TaskRun Results for PipelineRun ${run}: invalid pipelineresults [${names}], the referenced results don't exist`;

test('pipelinerun_test.go TestReconcileWithPipelineResults_OnFailedPipelineRun: a failed run keeps its results', () => {
  const run = runCaseFile(RECONCILE, { pipelineRun: 'test-failed-pr-with-task-results' });
  const condition = run.view.pipelineRun.condition;
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(condition.message, 'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0');
  assert.equal(run.view.pipelineRun.results, [{ name: 'result', value: 'aResultValue' }]);
});

test('pipelinerun_test.go TestReconcileWithFinallyResults (its TaskRun half): a finally result', () => {
  const run = runCaseFile(RECONCILE, { pipelineRun: 'test-pipeline-run-finally-results' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0',
  );
  assert.equal(run.view.pipelineRun.results, [{ name: 'result', value: 'aResultValue' }]);
});

test('entry 90 (GetTaskRunsResults reads ResultsCache): a matrixed task no task reads gives no pipeline result', () => {
  const run = runCaseFile(MATRIX, { pipelineRun: 'no-reader' });
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
  assert.is(run.view.pipelineRun.condition.message, couldntGet('no-reader', 'all'));
  assert.equal(run.view.pipelineRun.results, []);
});

test('entry 90: a reader listed before the matrixed task builds the cache (GetChildReferences); arrays read ""', () => {
  const run = runCaseFile(MATRIX, { pipelineRun: 'reader-first' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(run.view.pipelineRun.results, [
    { name: 'all', value: ['a', 'b'] },
    // createResultsCacheMatrixedTaskRuns appends Value.StringVal.
    { name: 'arrays', value: ['', ''] },
  ]);
});

test("entry 90: convertToResultRefs stops at the reader's first unresolvable reference", () => {
  const stops = runCaseFile(MATRIX, { pipelineRun: 'reader-stops-first' });
  assert.equal(stops.skipped(), {
    gate: 'When Expressions evaluated to false',
    reader: 'Results were missing',
  });
  assert.is(outcome(stops.view), 'False/CouldntGetPipelineResult');
  assert.is(stops.view.pipelineRun.condition.message, couldntGet('reader-stops-first', 'all'));
  const reaches = runCaseFile(MATRIX, { pipelineRun: 'reader-reaches-fan' });
  assert.is(outcome(reaches.view), 'True/Completed');
  assert.equal(reaches.view.pipelineRun.results, [{ name: 'all', value: ['a', 'b'] }]);
});

test.run();
