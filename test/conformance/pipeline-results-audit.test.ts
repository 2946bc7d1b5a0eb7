// Tekton v1.15.0's tests of Pipeline results (`spec.results`, `status.results`), retold as
// PipelineRuns (cases pipeline-results-audit-*.yaml) or webhook inputs; each test names the Go
// test and row it retells. Where the simulator differed: docs/semantics-disagreements.md 90..94.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectExactly, pipeline, validate, yaml } from '../tekton/validate/helpers.js';
import { caseText, outcome, runCase, runCaseFile } from './harness.js';

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

test('apply_test.go TestApplyTaskResultsToPipelineResults_Success and _Error rows in one run: valid results kept beside the error', () => {
  const run = runCaseFile('pipeline-results-audit-apply-rows.yaml');
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
  assert.is(
    run.view.pipelineRun.condition.message,
    couldntGet('apply-rows', 'out-of-bound key-absent never-written'),
  );
  assert.equal(run.view.pipelineRun.results, [
    { name: 'indexed', value: 'rae' },
    { name: 'whole-1', value: ['do', 'rae', 'mi'] },
    { name: 'whole-2', value: ['do', 'rae'] },
    { name: 'element', value: 'val1' },
  ]);
});

test('entry 90: a reader still running at a timeout builds the cache only when resolved after the matrixed task', () => {
  const first = runCaseFile(MATRIX, { pipelineRun: 'running-reader-first' });
  assert.is(outcome(first.view), 'False/CouldntGetPipelineResult');
  assert.is(first.view.pipelineRun.condition.message, couldntGet('running-reader-first', 'all'));
  const after = runCaseFile(MATRIX, { pipelineRun: 'running-reader-after' });
  assert.is(outcome(after.view), 'False/PipelineRunTimeout');
  assert.equal(after.view.pipelineRun.results, [{ name: 'all', value: ['a', 'b'] }]);
});

const STOPPED = 'pipeline-results-audit-stopped-runs.yaml';

test('CouldntGetPipelineResult overrides PipelineRunTimeout; a task still running at the deadline is left out', () => {
  const run = runCaseFile(STOPPED, { pipelineRun: 'timed-out' });
  assert.equal(run.conditions().slice(-1), [
    `10000 False/CouldntGetPipelineResult: ${couldntGet('timed-out', 'missing')}`,
  ]);
  assert.equal(run.view.pipelineRun.results, [{ name: 'early', value: 'q' }]);
});

test("CouldntGetPipelineResult overrides a graceful cancel or stop; a cancelled task's written result is read", () => {
  for (const status of ['CancelledRunFinally', 'StoppedRunFinally'] as const) {
    const run = runCaseFile(STOPPED, { pipelineRun: 'stopped', patches: [{ atMs: 5000, status }] });
    assert.is(outcome(run.view), 'False/CouldntGetPipelineResult', status);
    assert.is(run.view.pipelineRun.condition.message, couldntGet('stopped', 'missing'));
    assert.equal(run.view.pipelineRun.results, [
      { name: 'early', value: 'q' },
      { name: 'slow', value: 's' },
    ]);
  }
});

test('A hard cancel returns before the results are applied: Cancelled, no results', () => {
  const run = runCaseFile(STOPPED, {
    pipelineRun: 'stopped',
    patches: [{ atMs: 5000, status: 'Cancelled' }],
  });
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.condition.message, 'PipelineRun "stopped" was cancelled');
  assert.equal(run.view.pipelineRun.results, []);
});

test('taskrun.go retryTaskRun clears Results: a result only a failed attempt wrote is not written', () => {
  const run = runCaseFile('pipeline-results-audit-retried.yaml');
  assert.is(run.taskRun('flaky').condition.reason, 'Succeeded');
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
  assert.is(run.view.pipelineRun.condition.message, couldntGet('retried', 'r'));
  assert.equal(run.view.pipelineRun.results, []);
});

test('CouldntGetPipelineResult overrides the end a CheckMissingResultReferences failure gives', () => {
  const run = runCaseFile('pipeline-results-audit-validation-failed.yaml');
  assert.equal(run.taskRunNames(), ['a']);
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
  assert.is(run.view.pipelineRun.condition.message, couldntGet('vf', 'out'));
});

test('apply.go ApplyTaskResultsToPipelineResults: shared, memoized replacements, each value filled in turn', () => {
  const run = runCaseFile('pipeline-results-audit-replacements.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(run.view.pipelineRun.results, [
    { name: 'bare-first', value: 'p' },
    { name: 'arr-with-obj', value: ['$(tasks.a.results.obj[*])', 'p', 'q', 'z'] },
    { name: 'obj-with-arr', value: { k: '$(tasks.a.results.arr[*])' } },
    { name: 'mixed-string', value: 'q-$(tasks.a.results.arr[*])' },
    { name: 'bare-after', value: ['p', 'q'] },
  ]);
});

test('pipeline_validation.go validatePipelineResults: a declared type that does not match the value is no error; the value keeps its shape', () => {
  const text = caseText('pipeline-results-audit-types.yaml');
  expectExactly(validate(text), []);
  const run = runCase(text);
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(run.view.pipelineRun.results, [
    { name: 'declared-array-got-string', value: 'v' },
    { name: 'declared-object-got-array', value: ['v'] },
    { name: 'declared-string-got-object', value: { k: 'v' } },
    { name: 'untyped-array', value: ['p'] },
  ]);
});

/** Task a writes arr = [], the pipeline reads arr[0]; with `reader`, task b reads arr[1]. */
function emptyArray(reader: boolean): string {
  const lines = [
    'apiVersion: tekton.dev/v1',
    'kind: PipelineRun',
    'metadata: {name: empty}',
    'spec:',
    '  pipelineSpec:',
    '    results: [{name: first, value: "$(tasks.a.results.arr[0])"}]',
    '    tasks:',
    '      - name: a',
    '        taskSpec:',
    '          results: [{name: arr, type: array}]',
    `          steps: [{image: alpine, script: "echo -n '[]' > $(results.arr.path)"}]`,
  ];
  if (reader)
    lines.push(
      '      - name: b',
      '        params: [{name: p, value: "$(tasks.a.results.arr[1])"}]',
      '        taskSpec: {params: [{name: p}], steps: [{image: alpine, script: echo}]}',
    );
  return `${lines.join('\n')}\n`;
}

test('resultrefresolution_test.go TestValidateArrayResultsIndex "Reference an Empty Array"; apply.go reads [0] of [] as out of bound', () => {
  const failed = runCase(emptyArray(true));
  assert.is(outcome(failed.view), 'False/PipelineValidationFailed');
  assert.is(
    failed.view.pipelineRun.condition.message,
    "[User error] PipelineRun default/empty can't be Run; couldn't resolve all references: array Result Index 1 for Task a Result arr is out of bound of size 0",
  );
  assert.equal(failed.view.pipelineRun.results, []);
  const alone = runCase(emptyArray(false));
  assert.is(outcome(alone.view), 'False/CouldntGetPipelineResult');
  assert.is(alone.view.pipelineRun.condition.message, couldntGet('empty', 'first'));
});

/** A Pipeline with DAG task a-task (and finally f-task) and one result of the given value. */
function withResult(value: string): ReturnType<typeof validate> {
  return validate(
    pipeline(yaml`
      results:
        - name: my-pipeline-result
          value: "${value}"
      tasks:
        - name: a-task
          taskSpec:
            results: [{name: output}, {name: gitrepo, type: object, properties: {commit: {type: string}}}]
            steps: [{name: foo, image: bar}]
      finally:
        - name: f-task
          taskSpec:
            results: [{name: init}]
            steps: [{name: foo2, image: bar}]
    `),
  );
}

const RESULT_VALUE = 'spec.results[0].value';

test('pipeline_validation_test.go TestValidatePipelineResults_Success: a string and an object element', () => {
  expectExactly(withResult('$(tasks.a-task.results.output)'), []);
  expectExactly(withResult('$(tasks.a-task.results.gitrepo.commit)'), []);
});

test('pipeline_validation_test.go TestValidatePipelineResults_Failure "invalid pipeline task result reference" and its finally row', () => {
  for (const part of ['tasks', 'finally']) {
    const expression = `${part}.a-task.results.output.key1.extra`;
    expectExactly(withResult(`$(${expression})`), [
      {
        message: `invalid value: expected all of the expressions [${expression}] to be result expressions but only [] were`,
        fieldPath: RESULT_VALUE,
      },
      { message: 'invalid value: referencing a nonexistent task', fieldPath: RESULT_VALUE },
    ]);
  }
});

test('pipeline_validation_test.go TestValidatePipelineResults_Failure "... with static string" and "... with invalid expression"', () => {
  const expected = 'invalid value: expected pipeline results to be task result expressions but';
  expectExactly(withResult('foo.bar'), [
    { message: `${expected} an invalid expressions was found`, fieldPath: RESULT_VALUE },
    { message: `${expected} no expressions were found`, fieldPath: RESULT_VALUE },
    { message: 'invalid value: referencing a nonexistent task', fieldPath: RESULT_VALUE },
  ]);
  expectExactly(withResult('$(foo.bar)'), [
    { message: `${expected} an invalid expressions was found`, fieldPath: RESULT_VALUE },
    { message: 'invalid value: referencing a nonexistent task', fieldPath: RESULT_VALUE },
  ]);
});

test('apply_test.go TestApplyTaskResultsToPipelineResults_Error "invalid-result-variable-no-returned-result": the webhook refuses it first', () => {
  expectExactly(withResult('$(tasks.pt1_results.foo)'), [
    {
      message:
        'invalid value: expected pipeline results to be task result expressions but an invalid expressions was found',
      fieldPath: RESULT_VALUE,
    },
    { message: 'invalid value: referencing a nonexistent task', fieldPath: RESULT_VALUE },
  ]);
});

test('pipeline_validation_test.go TestFinallyTaskResultsToPipelineResults_Success and _Failure; apply_test.go "referencing-invalid-finally-task"', () => {
  expectExactly(withResult('$(finally.f-task.results.init)'), []);
  const nonexistent = [
    { message: 'invalid value: referencing a nonexistent task', fieldPath: RESULT_VALUE },
  ];
  // A finally task read as `tasks.`, a DAG task read as `finally.`, a finally task that is not there.
  expectExactly(withResult('$(tasks.f-task.results.init)'), nonexistent);
  expectExactly(withResult('$(finally.a-task.results.output)'), nonexistent);
  expectExactly(withResult('$(finally.nonexistent-task.results.init)'), nonexistent);
});

test.run();
