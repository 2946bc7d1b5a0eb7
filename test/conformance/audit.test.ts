// Fidelity audit: cases of our own, written from the rules of tekton-semantics.md and checked
// against tektoncd/pipeline v1.15.0's Go code (each test names the function that settles it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const F01 = 'F01-pipeline-results-as-go-reads-them.yaml';

test('audit: F01 a param in an array pipeline result is not substituted; the result fails the run', () => {
  // apply.go ApplyTaskResultsToPipelineResults: a variable that is not tasks.T.results.R is an
  // invalid pipeline result; ApplyParameters never touches spec.results.
  const { view } = runCaseFile(F01, { pipelineRun: 'mixes-param' });
  assert.is(outcome(view), 'False/CouldntGetPipelineResult');
  assert.is(
    view.pipelineRun.condition.message,
    "Failed to get PipelineResult from TaskRun Results for PipelineRun mixes-param: invalid pipelineresults [tags], the referenced results don't exist",
  );
  assert.equal(view.pipelineRun.results, [{ name: 'digest', value: 'sha256:abc' }]);
});

test('audit: F01 a written result that cannot be selected is invalid even from a failed task', () => {
  const { view } = runCaseFile(F01, { pipelineRun: 'bad-selection' });
  assert.is(outcome(view), 'False/CouldntGetPipelineResult');
  assert.is(
    view.pipelineRun.condition.message,
    "Failed to get PipelineResult from TaskRun Results for PipelineRun bad-selection: invalid pipelineresults [third nope], the referenced results don't exist",
  );
  // `never` (not written, producer failed) is left out; Atoi("") reads index 0 of an array,
  // and a string result ignores its index.
  assert.equal(view.pipelineRun.results, [
    { name: 'first', value: 'a' },
    { name: 'whole', value: 'hello' },
  ]);
});

test('audit: F02 an embedded taskSpec reads earlier results without a param (PropagateResults)', () => {
  const run = runCaseFile('F02-propagated-results.yaml');
  // Left as written, the first check of `check` would exit 1; the array check counts args.
  assert.is(run.taskRun('check').condition.reason, 'Succeeded');
  assert.is(outcome(run.view), 'True/Succeeded');
});

test("audit: F03 a matrixed task's results are in the order of its TaskRuns' names", () => {
  const run = runCaseFile('F03-matrix-results-in-name-order.yaml');
  const expected = ['a', 'b', 'k', 'l', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  assert.equal(run.view.pipelineRun.results, [{ name: 'all', value: expected }]);
  assert.equal(run.taskRun('consume').params, [{ name: 'got', value: expected }]);
});

test.run();
