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

const G02 = 'G02-finally-waits-on-taskspec-results.yaml';
const WHEN = 'When Expressions evaluated to false';

test('audit2: G02 a finally task waiting on a taskSpec result is skipped only by the pipeline deadline', () => {
  // IsFinallySkipped (hasResultReferences: params and when only) vs runNextSchedulableTask
  // (ResolveResultRef: the taskSpec too, then continue).
  const run = runCaseFile(G02, { pipelineRun: 'pipeline-deadline' });
  assert.equal(run.conditions().slice(-1), [
    '600000 False/PipelineRunTimeout: PipelineRun "pipeline-deadline" failed to finish within "10m0s"',
  ]);
  assert.equal(run.taskRunNames(), ['b', 'cleanup']);
  assert.equal(run.skipped(), {
    a: WHEN,
    'echo-a': 'PipelineRun timeout has been reached',
    report: 'Results were missing',
  });
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 5000);
});

test('audit2: G02 the finally deadline skips the waiting task and the run ends Failed', () => {
  const run = runCaseFile(G02, { pipelineRun: 'finally-deadline' });
  assert.equal(run.conditions().slice(-2), [
    '5000 Unknown/Running: Tasks Completed: 2 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 2',
    '125000 False/Failed: Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 3',
  ]);
  assert.is(run.skipped()['echo-a'], 'PipelineRun Finally timeout has been reached');
});

test('audit2: G02 without a deadline the run stays Running', () => {
  const run = runCaseFile(G02, { pipelineRun: 'no-deadline' });
  assert.is(outcome(run.view), 'Unknown/Running');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 2 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 2',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, undefined);
});

test('audit2: G02 alone in finally, the waiting task never sets finallyStartTime', () => {
  const run = runCaseFile(G02, { pipelineRun: 'alone' });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(run.view.pipelineRun.completionTimeMs, 600000);
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
  assert.is(run.skipped()['echo-a'], 'PipelineRun timeout has been reached');
});

const G03 = 'G03-params-and-workspaces-at-start.yaml';

for (const [pipelineRun, reason, message] of [
  [
    'pipeline-mismatching-param-type',
    'ParameterTypeMismatch',
    "[User error] PipelineRun foo/pipeline-mismatching-param-type parameters have mismatching types with Pipeline foo/a-pipeline-with-array-params's parameters: parameters have inconsistent types : [some-param]",
  ],
  [
    'pipeline-missing-object-param-keys',
    'ObjectParameterMissKeys',
    "[User error] PipelineRun foo/pipeline-missing-object-param-keys parameters is missing object keys required by Pipeline foo/a-pipeline-with-object-params's parameters: pipelineRun missing object keys for parameters: map[some-param:[key2]]",
  ],
  [
    'pipeline-param-array-out-of-bound',
    'ParamArrayIndexingInvalid',
    "[User error] PipelineRun foo/pipeline-param-array-out-of-bound failed validation: failed to validate Pipeline foo/a-pipeline-with-array-indexing-params's parameter which has an invalid index while referring to an array: non-existent param references:[$(params.some-param[2])]",
  ],
  [
    'embedded-pipeline-mismatching-param-type',
    'ParameterTypeMismatch',
    "[User error] PipelineRun foo/embedded-pipeline-mismatching-param-type parameters have mismatching types with Pipeline foo/embedded-pipeline-mismatching-param-type's parameters: parameters have inconsistent types : [some-param]",
  ],
  [
    'unbound-workspace',
    'InvalidWorkspaceBindings',
    '[User error] PipelineRun foo/unbound-workspace doesn\'t bind Pipeline foo/unbound-workspace\'s Workspaces correctly: pipeline requires workspace with name "source" be provided by pipelinerun',
  ],
  [
    'pipelinerun-with-optional-workspace-validation',
    'RequiredWorkspaceMarkedOptional',
    '[User error] Optional workspace not supported by task: pipeline workspace "optional-workspace" is marked optional but pipeline task "unit-test-1" requires it be provided',
  ],
  [
    'pipeline-params-dont-exist',
    'PipelineValidationFailed',
    '[User error] Validation failed for pipelinerun pipeline-params-dont-exist with error invalid input params for task a-task-that-needs-params: missing values for these params which have no default values: [some-param]',
  ],
  [
    'embedded-task-param-type',
    'PipelineValidationFailed',
    "[User error] Validation failed for pipelinerun embedded-task-param-type with error invalid input params for task : param types don't match the user-specified type: [flags]",
  ],
] as const) {
  test(`audit2: G03 ${pipelineRun} fails at start with ${reason}`, () => {
    // pipelinerun.go reconcile(), the checks before the first TaskRun (MarkFailed labels user errors).
    const run = runCaseFile(G03, { pipelineRun });
    assert.is(outcome(run.view), `False/${reason}`);
    assert.is(run.view.pipelineRun.condition.message, message);
    assert.equal(run.taskRunNames(), []);
    assert.is(run.view.pipelineRun.completionTimeMs, 0);
  });
}

test('audit2: G04 an array result index past the end fails the run when the task is resolved', () => {
  // pipelinerun.go resolvePipelineState -> ResolvePipelineTask -> validateArrayResultsIndex.
  const run = runCaseFile('G04-result-index-out-of-bound.yaml');
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    "[User error] PipelineRun default/index-past-end can't be Run; couldn't resolve all references: array Result Index 5 for Task p Result arr is out of bound of size 2",
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
  assert.equal(run.taskRunNames(), ['p', 'slow']);
  assert.is(run.view.pipelineRun.finallyStartTimeMs, undefined);
});

test('audit2: G05 child references carry display names as getDisplayName fills them', () => {
  const run = runCaseFile('G05-display-names.yaml');
  assert.equal(
    run.view.pipelineRun.childReferences.map((child) => [child.name, child.displayName]),
    [
      ['display-names-deploy', 'Deploy to prod from display-names'],
      ['display-names-matrixed-0', 'Matrixed Task foo and qux'],
      ['display-names-matrixed-1', 'Matrixed Task bar and qux'],
      ['display-names-matrixed-2', 'Matrixed Task foo and baz'],
      ['display-names-matrixed-3', 'Matrixed Task bar and baz'],
      ['display-names-builds-0', 'build-image-1'],
      ['display-names-builds-1', 'unnamed'],
    ],
  );
});

const G06 = 'G06-chained-param-defaults.yaml';

test('audit2: G06 param defaults naming other params are resolved in any order', () => {
  const run = runCaseFile(G06, { pipelineRun: 'chained' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(run.taskRun('show').params, [
    { name: 'url', value: 'docker.io/org/app' },
    { name: 'tags', value: ['docker.io/org/app:v1', 'latest'] },
  ]);
});

test('audit2: G06 a default naming an undeclared param, or a circle, fails the run', () => {
  const missing = runCaseFile(G06, { pipelineRun: 'pipeline-missing-param-ref' });
  assert.is(outcome(missing.view), 'False/PipelineValidationFailed');
  assert.is(
    missing.view.pipelineRun.condition.message,
    '[User error] Failed to apply parameters to Pipeline foo/pipeline-missing-param-ref: parameter resolution failed: param "params.existing-param" references undefined param "params.nonexistent-param"',
  );
  const circle = runCaseFile(G06, { pipelineRun: 'circle' });
  assert.is(
    circle.view.pipelineRun.condition.message,
    '[User error] Failed to apply parameters to Pipeline default/circle: parameter resolution failed: circular dependency detected in param "params.a"',
  );
});

test('audit2: G06 v0.40 leaves such a default as written', () => {
  const run = runCaseFile(G06, { pipelineRun: 'chained', profile: 'v0.40' });
  assert.equal(run.taskRun('show').params[0], { name: 'url', value: '$(params.registry)/app' });
});

test('audit2: G03 a start failure applies no pipeline results', () => {
  // reconcile() MarkFailed and returns before ApplyTaskResultsToPipelineResults.
  const run = runCaseFile(G03, { pipelineRun: 'start-failure-without-results' });
  assert.is(outcome(run.view), 'False/ParameterMissing');
  assert.equal(run.view.pipelineRun.results, []);
});

test('audit2: G07 a param value holding a context variable is filled per attempt', () => {
  // taskrun.go applyParamsContextsResultsAndWorkspaces: ApplyParameters, then ApplyContexts.
  const run = runCaseFile('G07-param-values-filled-in-later-passes.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const retried = run.taskRun('retry-me');
  assert.is(retried.condition.reason, 'Succeeded');
  assert.is(retried.retriesStatus.length, 5);
  assert.is(run.taskRun('hello-world').condition.reason, 'Succeeded');
});

test('audit2: G08 childReferences are in spec order, those created by the last reconcile last', () => {
  // pipelinerunstate.go GetChildReferences over the state reconcile() builds.
  const names = (run: ReturnType<typeof runCaseFile>) =>
    run.view.pipelineRun.childReferences.map((child) => child.pipelineTaskName);
  const completed = runCaseFile('G08-child-references-order.yaml', { pipelineRun: 'completed' });
  assert.equal(names(completed), ['build', 'fetch', 'report']);
  assert.equal(completed.taskRunNames(), ['fetch', 'build', 'report']);
  const cancelled = runCaseFile('G08-child-references-order.yaml', {
    pipelineRun: 'cancelled',
    patches: [{ atMs: 3000, status: 'Cancelled' }],
  });
  assert.equal(names(cancelled), ['fetch', 'build']);
});

test('audit2: G09 a TaskRun the webhook refuses fails the run CreateRunFailed', () => {
  // pipelinerun.go createTaskRuns -> handleRunCreationError; taskrun_validation.go.
  const run = runCaseFile('G09-taskrun-refused-at-creation.yaml');
  assert.is(outcome(run.view), 'False/CreateRunFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: invalid value: -1 should be >= 0: spec.retries\ninvalid value: -5s should be >= 0: spec.timeout',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
  assert.equal(run.taskRunNames(), ['first', 'ok']);
  assert.equal(
    run.view.pipelineRun.childReferences.map((child) => child.pipelineTaskName),
    ['first'],
  );
});

test('audit2: G10 a finally CEL failing after results are filled leaves every finally task uncreated', () => {
  // runNextSchedulableTask: EvaluateCEL for each finally task before the creation loop.
  const run = runCaseFile('G10-finally-cel-before-any-creation.yaml');
  assert.is(outcome(run.view), 'False/CELEvaluationFailed');
  assert.equal(run.taskRunNames(), ['a']);
});

test('audit2: G11 a param filled with an array result is type-checked again and fails the run', () => {
  // pipelinerun.go reconcile: ValidateResolvedTask over the resolved state, each reconcile.
  const run = runCaseFile('G11-param-types-after-results.yaml');
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    "[User error] Validation failed for pipelinerun arr-into-string with error invalid input params for task : param types don't match the user-specified type: [flags]",
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
  assert.equal(run.taskRunNames(), ['a']);
});

test.run();
