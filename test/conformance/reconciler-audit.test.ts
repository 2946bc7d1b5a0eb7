// Tekton v1.15.0's reconciler unit tests (pkg/reconciler/pipelinerun/pipelinerun_test.go and
// pkg/reconciler/taskrun/taskrun_test.go), retold as PipelineRuns: when expressions, finally,
// timeouts, cancellation and stopping, invalid runs and retries. Each test names the Go test it
// retells; the Go tests seed a mid-run state and reconcile once, so a retelling reaches that
// state by running (a patch of spec.status at a time, `--at` style views) and asserts what the
// Go test asserts at that reconcile. Cases: test/conformance/cases/Test*.yaml.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

const DEPENDENCIES = 'TestReconcile_DependencyValidationsImmediatelyFailPipelineRun.yaml';
const MATRIX = 'TestReconcile_DependencyValidationsImmediatelyFailPipelineRun-matrix.yaml';

function matrixMessage(param: string, task: string): string {
  // The format has two verbs and one argument: %q quotes the error, %v prints MISSING.
  return `[User error] Failed to validate matrix "parameters of type array only are allowed, but param \\"${param}\\" has type \\"string\\" in pipelineTask \\"${task}\\"" with error %!v(MISSING)`;
}

for (const [pipelineRun, reason, message] of [
  [
    'pipelinerun-param-invalid-result-variable',
    'InvalidTaskResultReference',
    'invalid result reference in pipeline task "pt1": "r1" is not a named result returned by pipeline task "pt0"',
  ],
  [
    'pipelinerun-pipeline-result-invalid-result-variable',
    'InvalidPipelineResultReference',
    'Failed to resolve pipeline result reference for "pipelinerun-pipeline-result-invalid-result-variable" with error invalid pipeline result "pr": "r" is not a named result returned by pipeline task "pt0"',
  ],
  [
    'pipelinerun-with-optional-workspace-validation',
    'RequiredWorkspaceMarkedOptional',
    '[User error] Optional workspace not supported by task: pipeline workspace "optional-workspace" is marked optional but pipeline task "unit-test-1" requires it be provided',
  ],
  [
    'pipelinerun-with-invalid-taskrunspecs',
    'InvalidTaskRunSpecs',
    `[User error] PipelineRun foo/pipelinerun-with-invalid-taskrunspecs doesn't define taskRunSpecs correctly: pipelineRun's taskrunSpecs defined wrong taskName: "invalid-task-name", does not exist in Pipeline`,
  ],
] as const) {
  test(`TestReconcile_DependencyValidationsImmediatelyFailPipelineRun ${pipelineRun}: ${reason} before any TaskRun`, () => {
    // pipelinerun.go reconcile: the checks of IsBeforeFirstTaskRun.
    const run = runCaseFile(DEPENDENCIES, { pipelineRun });
    assert.is(outcome(run.view), `False/${reason}`);
    assert.is(run.view.pipelineRun.condition.message, message);
    assert.equal(run.taskRunNames(), []);
    assert.is(run.view.pipelineRun.completionTimeMs, 0);
  });
}

test('TestReconcile_DependencyValidationsImmediatelyFailPipelineRun pipelinerun-matrix-param-invalid-type: InvalidMatrixParameterTypes', () => {
  // runNextSchedulableTask: mytask (first in nextRpts) is created, then the check before
  // b-task's TaskRuns fails the run; reconcile returns before childReferences are written.
  const run = runCaseFile(DEPENDENCIES, { pipelineRun: 'pipelinerun-matrix-param-invalid-type' });
  assert.is(outcome(run.view), 'False/InvalidMatrixParameterTypes');
  assert.is(run.view.pipelineRun.condition.message, matrixMessage('platform', 'b-task'));
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
  assert.equal(run.taskRunNames(), ['mytask']);
  assert.equal(run.view.pipelineRun.childReferences, []);
  assert.equal(run.view.pipelineRun.skippedTasks, []);
});

test('TestReconcile_DependencyValidationsImmediatelyFailPipelineRun (matrix): a string result applied to a matrix param is refused at creation', () => {
  // ResolvePipelineTask applies the result ("linux", a string); LooksLikeContainsResultRefs no
  // longer spares it. Before entry 45 the task fanned out to nothing and the run hung.
  const run = runCaseFile(MATRIX, { pipelineRun: 'from-string-result' });
  assert.is(outcome(run.view), 'False/InvalidMatrixParameterTypes');
  assert.is(run.view.pipelineRun.condition.message, matrixMessage('platform', 'build'));
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
  assert.equal(run.taskRunNames(), ['platforms']);
  // The status keeps what the reconcile at 0 wrote.
  assert.equal(
    run.view.pipelineRun.childReferences.map((child) => child.pipelineTaskName),
    ['platforms'],
  );
});

test('TestReconcile_DependencyValidationsImmediatelyFailPipelineRun (matrix): a skipped task is not checked until another matrixed task is created', () => {
  const alone = runCaseFile(MATRIX, { pipelineRun: 'skipped-invalid-alone' });
  assert.is(outcome(alone.view), 'True/Completed');
  assert.equal(alone.skipped(), { build: 'When Expressions evaluated to false' });
  // ValidateParameterTypesInMatrix reads the whole PipelineRunState, skipped tasks included.
  const both = runCaseFile(MATRIX, { pipelineRun: 'skipped-invalid-and-valid' });
  assert.is(outcome(both.view), 'False/InvalidMatrixParameterTypes');
  assert.is(both.view.pipelineRun.condition.message, matrixMessage('platform', 'build'));
  assert.is(both.view.pipelineRun.completionTimeMs, 1000);
  assert.equal(both.taskRunNames(), ['first']);
  assert.equal(both.skipped(), { build: 'When Expressions evaluated to false' });
});

test.run();
