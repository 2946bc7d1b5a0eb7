// Tekton v1.15.0's reconciler unit tests (pkg/reconciler/pipelinerun/pipelinerun_test.go and
// pkg/reconciler/taskrun/taskrun_test.go), retold as PipelineRuns: when expressions, finally,
// timeouts, cancellation and stopping, invalid runs and retries. Each test names the Go test it
// retells; the Go tests seed a mid-run state and reconcile once, so a retelling reaches that
// state by running (a patch of spec.status at a time, `--at` style views) and asserts what the
// Go test asserts at that reconcile. Cases: test/conformance/cases/Test*.yaml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import { type CaseRun, outcome, runCase, runCaseFile } from './harness.js';

const WEBHOOK_REFUSED = readFileSync(
  path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    'invalid-cases',
    'TestReconcile_InvalidPipelineRuns-webhook.yaml',
  ),
  'utf8',
);
const DEPENDENCIES = 'TestReconcile_DependencyValidationsImmediatelyFailPipelineRun.yaml';
const MATRIX = 'TestReconcile_DependencyValidationsImmediatelyFailPipelineRun-matrix.yaml';

/** The run's PipelineRun passed through this condition (`atMs Status/Reason: message`). */
function assertWentThrough(run: CaseRun, condition: string): void {
  assert.ok(run.conditions().includes(condition), run.conditions().join('\n'));
}

/** The childReferences entry of a pipeline task. */
function childReference(run: CaseRun, pipelineTaskName: string) {
  return run.view.pipelineRun.childReferences.find(
    (child) => child.pipelineTaskName === pipelineTaskName,
  );
}

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

test('TestReconcile_DependencyValidationsImmediatelyFailPipelineRun (matrix): an include param must be a string', () => {
  // ValidateResolvedTask lets it through (the Task declares a string); the matrix check does not.
  const run = runCaseFile(MATRIX, { pipelineRun: 'include-array' });
  assert.is(outcome(run.view), 'False/InvalidMatrixParameterTypes');
  assert.is(
    run.view.pipelineRun.condition.message,
    '[User error] Failed to validate matrix "parameters of type string only are allowed, but param \\"flags\\" has type \\"array\\" in pipelineTask \\"build\\"" with error %!v(MISSING)',
  );
  assert.equal(run.taskRunNames(), []);
});

// --- invalid PipelineRuns -----------------------------------------------------------------

for (const [pipelineRun, pipeline] of [
  ['pipelinerun-missing-params-1', 'a-pipeline-with-array-params'],
  ['pipelinerun-missing-params-2', 'pipelinerun-missing-params-2'],
] as const) {
  test(`TestReconcile_InvalidPipelineRuns invalid-pipeline-run-${pipelineRun.endsWith('1') ? 'missing-params-with-ref' : 'missing-params-with-spec'}: ParameterMissing`, () => {
    // pipelinerun.go reconcile: ValidateRequiredParametersProvided, a user error; an embedded
    // pipeline is named after the run.
    const run = runCaseFile('TestReconcile_InvalidPipelineRuns.yaml', { pipelineRun });
    assert.is(outcome(run.view), 'False/ParameterMissing');
    assert.is(
      run.view.pipelineRun.condition.message,
      `[User error] PipelineRun foo/${pipelineRun} is missing some parameters required by Pipeline foo/${pipeline}: pipelineRun missing parameters: [some-param]`,
    );
    assert.is(run.view.pipelineRun.completionTimeMs, 0);
    assert.equal(run.taskRunNames(), []);
  });
}

for (const [pipelineRun, message] of [
  ['pipeline-invalid-dag-graph', 'cycle detected; task "dag-task-1" depends on "dag-task-1"'],
  ['pipeline-invalid-final-graph', 'expected exactly one, got both'],
] as const) {
  test(`TestReconcile_InvalidPipelineRuns ${pipelineRun}: refused by the webhook before any reconcile`, () => {
    // The Go test reaches the reconciler's InvalidGraph only because it skips admission:
    // Pipeline.Validate (validateGraph, validatePipelineTaskName uniqueness) refuses both.
    assert.throws(
      () => runCase(WEBHOOK_REFUSED, { pipelineRun }),
      (error: Error) => error.message.includes(message),
    );
  });
}

test('TestMissingResultWhenStepErrorIsIgnored: PipelineValidationFailed, one TaskRun, one child', () => {
  const run = runCaseFile('TestMissingResultWhenStepErrorIsIgnored.yaml');
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0, Failed Validation: 1 (task "task1" completed successfully but did not emit the result "result2", which is referenced by task "task2")',
  );
  assert.equal(run.taskRunNames(), ['task1']);
  assert.equal(run.taskRun('task1').results, [{ name: 'result1', value: '123' }]);
  assert.equal(
    run.view.pipelineRun.childReferences.map((child) => child.name),
    ['test-pipeline-missing-results-task1'],
  );
  assert.equal(run.view.pipelineRun.skippedTasks, []);
  assert.ok(run.view.pipelineRun.completionTimeMs !== undefined);
});

const ON_ERROR = 'TestReconcile_InvalidOnErrorPipeline.yaml';

test('TestReconcile_InvalidOnErrorPipeline: an onError param that is neither continue nor stopAndFail fails the run', () => {
  // reconcile -> validatePipelineSpecAfterApplyParameters -> ValidateOnError (no index in the path).
  const run = runCaseFile(ON_ERROR, { pipelineRun: 'test-pipeline-invalid-onerror' });
  assert.is(outcome(run.view), 'False/PipelineValidationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    `[User error] Pipeline foo/test-pipeline-invalid-onerror can't be Run; it has an invalid spec: invalid value: invalid: OnError\nPipelineTask OnError must be either "continue" or "stopAndFail"`,
  );
  assert.equal(run.taskRunNames(), []);
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
});

test('TestReconcile_InvalidOnErrorPipeline (variants): the param fills onError; continue with retries is refused', () => {
  // replaceVariablesInPipelineTasks substitutes OnError: the failure is ignored.
  const run = runCaseFile(ON_ERROR, { pipelineRun: 'onerror-continue-from-param' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
  );
  assert.is(run.taskRun('echo').condition.reason, 'FailureIgnored');
  const retries = runCaseFile(ON_ERROR, { pipelineRun: 'onerror-continue-with-retries' });
  assert.is(outcome(retries.view), 'False/PipelineValidationFailed');
  assert.is(
    retries.view.pipelineRun.condition.message,
    `[User error] Pipeline foo/onerror-continue-with-retries can't be Run; it has an invalid spec: PipelineTask OnError cannot be set to "continue" when Retries is greater than 0: `,
  );
  assert.equal(retries.taskRunNames(), []);
  // Under enable-api-fields: stable, ValidateOnError adds the feature-gate error (no path).
  const stable = runCaseFile(ON_ERROR, {
    pipelineRun: 'onerror-continue-from-param',
    tektonConfig: {
      ...SIMULATOR_TEKTON_CONFIG,
      featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, enableApiFields: 'stable' },
    },
  });
  assert.is(
    stable.view.pipelineRun.condition.message,
    `[User error] Pipeline foo/onerror-continue-from-param can't be Run; it has an invalid spec: OnError requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable": `,
  );
});

// --- cancelling and stopping --------------------------------------------------------------

const BY_PIPELINERUN = 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';

test('TestReconcileOnCancelledPipelineRun: the running TaskRun is cancelled, nothing created, False/Cancelled', () => {
  // pipelinerun.go ReconcileKind -> cancelPipelineRun, then finishReconcileUpdateEmitEvents.
  const run = runCaseFile('TestReconcileOnCancelledPipelineRun.yaml', {
    patches: [{ atMs: 1000, status: 'Cancelled' }],
  });
  assert.equal(run.taskRunNames(), ['hello-world-1']);
  const taskRun = run.taskRun('hello-world-1');
  assert.is(taskRun.specStatus, 'TaskRunCancelled');
  assert.is(taskRun.specStatusMessage, BY_PIPELINERUN);
  assert.is(taskRun.condition.reason, 'TaskRunCancelled');
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "test-pipeline-run-cancelled" was cancelled',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 1000);
});

const CRF = 'TestReconcileOnCancelledRunFinallyPipelineRun.yaml';

test('TestReconcileOnCancelledRunFinallyPipelineRunWithFinalTask: only the finally TaskRun is created; the run stays Unknown', () => {
  // GetPipelineConditionStatus: incomplete and IsGracefullyCancelled -> CancelledRunningFinally.
  const run = runCaseFile(CRF, { pipelineRun: 'test-pipeline-run-cancelled-run-finally' });
  assert.equal(run.taskRunNames(), ['final-task-1']);
  assert.is(run.taskRun('final-task-1').startTimeMs, 0);
  assert.equal(
    run.conditions()[0],
    '0 Unknown/CancelledRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 2',
  );
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 0);
  assert.equal(run.skipped(), {
    'hello-world-1': 'PipelineRun was gracefully cancelled',
    'hello-world-2': 'PipelineRun was gracefully cancelled',
  });
  // It ends when finally does.
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(run.view.pipelineRun.completionTimeMs, 2000);
});

test('TestReconcileOnCancelledRunFinallyPipelineRunWithFinalTaskAndRetries: the cancelled DAG task is not retried; finally starts', () => {
  const run = runCaseFile(CRF, {
    pipelineRun: 'with-retries',
    patches: [{ atMs: 1000, status: 'CancelledRunFinally' }],
  });
  const dag = run.taskRun('hello-world-1');
  assert.is(dag.condition.reason, 'TaskRunCancelled');
  assert.is(dag.specStatusMessage, BY_PIPELINERUN);
  assert.is(dag.retriesStatus.length, 0);
  assert.is(dag.completionTimeMs, 1000);
  assertWentThrough(
    run,
    '1000 Unknown/CancelledRunningFinally: Tasks Completed: 1 (Failed: 0, Cancelled 1), Incomplete: 1, Skipped: 0',
  );
  assert.equal(run.taskRunNames(), ['hello-world-1', 'hello-world-2']);
  assert.is(run.taskRun('hello-world-2').startTimeMs, 1000);
  assert.is(outcome(run.view), 'False/Cancelled');
});

const STOPPED = 'TestReconcileOnStoppedPipelineRun.yaml';

test('TestReconcileOnStoppedPipelineRun "stopped PipelineRun": nothing created, skipped gracefully stopped, False at once', () => {
  const run = runCaseFile(STOPPED, { pipelineRun: 'test-pipeline-run-stopped-run-finally' });
  assert.equal(run.taskRunNames(), []);
  assert.equal(run.skipped(), { 'hello-world-1': 'PipelineRun was gracefully stopped' });
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "test-pipeline-run-stopped-run-finally" was cancelled',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
  assert.equal(run.view.pipelineRun.childReferences, []);
});

test('TestReconcileOnStoppedPipelineRun "with running task": the TaskRun is not patched, the run stays Unknown', () => {
  const run = runCaseFile(STOPPED, {
    pipelineRun: 'with-running-task',
    patches: [{ atMs: 3000, status: 'StoppedRunFinally' }],
  });
  assertWentThrough(
    run,
    '3000 Unknown/StoppedRunningFinally: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
  );
  const taskRun = run.taskRun('hello-world-1');
  assert.is(taskRun.specStatus, undefined);
  assert.is(taskRun.condition.reason, 'Succeeded');
  assert.is(taskRun.completionTimeMs, 5000);
  assert.ok(!run.trace.some((event) => event.kind === 'cancel-requested'));
  assert.equal(run.view.pipelineRun.skippedTasks, []);
});

test('TestReconcileOnStoppedPipelineRun "with completed task": the next task is skipped, False/Cancelled, one child', () => {
  const run = runCaseFile(STOPPED, {
    pipelineRun: 'with-completed-task',
    patches: [{ atMs: 3000, status: 'StoppedRunFinally' }],
  });
  assert.equal(run.skipped(), { 'hello-world-2': 'PipelineRun was gracefully stopped' });
  assert.equal(run.taskRunNames(), ['hello-world-1']);
  assert.is(run.view.pipelineRun.childReferences.length, 1);
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(
    run.view.pipelineRun.condition.message,
    'PipelineRun "with-completed-task" was cancelled',
  );
  assert.is(run.view.pipelineRun.completionTimeMs, 5000);
});

// --- timeouts -----------------------------------------------------------------------------

const TIMED_OUT = 'TaskRun cancelled as the PipelineRun it belongs to has timed out.';

for (const [pipelineRun, goTest, message] of [
  [
    'test-pipeline-run-with-timeout',
    'TestReconcileWithTimeouts_Pipeline',
    'PipelineRun "test-pipeline-run-with-timeout" failed to finish within "10s"',
  ],
  [
    'tasks-timeout-specified',
    'TestReconcileWithTimeouts_Tasks "tasks timeout specified"',
    'PipelineRun "tasks-timeout-specified" failed due to tasks failed to finish within "10s"',
  ],
  [
    'tasks-timeout-calculated',
    'TestReconcileWithTimeouts_Tasks "tasks timeout calculated"',
    'PipelineRun "tasks-timeout-calculated" failed due to tasks failed to finish within "10s"',
  ],
] as const) {
  test(`${goTest}: the running TaskRun is patched cancelled for the timeout and the run ends PipelineRunTimeout`, () => {
    // timeoutPipelineRun / timeoutPipelineTasksForTaskNames; GetPipelineConditionStatus.
    const run = runCaseFile('TestReconcileWithTimeouts.yaml', { pipelineRun });
    const taskRun = run.taskRun('hello-world-1');
    assert.is(taskRun.specStatus, 'TaskRunCancelled');
    assert.is(taskRun.specStatusMessage, TIMED_OUT);
    assert.is(taskRun.condition.reason, 'TaskRunCancelled');
    assert.is(outcome(run.view), 'False/PipelineRunTimeout');
    assert.is(run.view.pipelineRun.condition.message, message);
    assert.is(run.view.pipelineRun.completionTimeMs, 10000);
    assert.equal(run.taskRunNames(), ['hello-world-1']);
    // hello-world-2's parent was not done at the deadline: no timeout skip (checkParentsDone).
    assert.equal(run.view.pipelineRun.skippedTasks, []);
  });
}

const DISABLED = 'TestReconcileWithTimeoutDisabled.yaml';

test('TestReconcileWithTimeoutDisabled: pipeline 0 is no deadline; the TaskRun keeps its 60m default (taskrun_test.go TestReconcileTimeouts)', () => {
  const run = runCaseFile(DISABLED, { pipelineRun: 'test-pipeline-run-with-timeout-disabled' });
  const taskRun = run.taskRun('hello-world-1');
  assert.is(taskRun.timeout, '1h0m0s');
  assert.is(taskRun.condition.reason, 'TaskRunTimeout');
  assert.is(
    taskRun.condition.message,
    'TaskRun "test-pipeline-run-with-timeout-disabled-hello-world-1" failed to finish within "1h0m0s"',
  );
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(run.view.pipelineRun.completionTimeMs, 3_600_000);
});

test('TestReconcileWithTimeoutDisabled "the final task timeout is 0s": pipeline = tasks leaves finally without a deadline', () => {
  const run = runCaseFile(DISABLED, { pipelineRun: 'finally-timeout-derived-zero' });
  assert.is(run.taskRun('hello-world-2').timeout, '0s');
  assert.is(run.taskRun('hello-world-2').condition.reason, 'Succeeded');
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(run.view.pipelineRun.completionTimeMs, 15000);
});

test('taskrun_test.go TestReconcileWithTimeoutDisabled "task run with timeout set to 0 to disable": runs to its end', () => {
  const run = runCaseFile(DISABLED, { pipelineRun: 'test-taskrun-timeout-disabled' });
  assert.is(run.taskRun('hello-world-1').timeout, '0s');
  assert.is(run.taskRun('hello-world-1').completionTimeMs, 7_200_000);
  assert.is(outcome(run.view), 'True/Succeeded');
});

test('TestReconcileWithTimeoutsOfCompletedPipelineRun: a run done inside its timeout stays Succeeded', () => {
  const run = runCaseFile(DISABLED, { pipelineRun: 'completed-before-timeout' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(run.view.pipelineRun.completionTimeMs, 60000);
  assert.equal(run.conditions().slice(-1), [
    '60000 True/Succeeded: Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0',
  ]);
});

const FINALLY_START = 'TestReconcileWithFinallyStartTime.yaml';

test('TestReconcileWithFinallyStartTime: set when a finally task is created or skipped, never without finally', () => {
  const created = runCaseFile(FINALLY_START, { pipelineRun: 'new-final-task-created' });
  assert.is(created.view.pipelineRun.finallyStartTimeMs, 5000);
  assert.is(created.taskRun('finaltask-1').startTimeMs, 5000);
  const none = runCaseFile(FINALLY_START, { pipelineRun: 'final-task-not-exist' });
  assert.is(none.view.pipelineRun.finallyStartTimeMs, undefined);
  assert.is(
    none.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0',
  );
  const skipped = runCaseFile(FINALLY_START, { pipelineRun: 'final-task-skipped' });
  assert.is(skipped.view.pipelineRun.finallyStartTimeMs, 5000);
  assert.equal(skipped.skipped(), { 'finaltask-1': 'When Expressions evaluated to false' });
  assert.is(outcome(skipped.view), 'True/Completed');
  assert.is(
    skipped.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 1',
  );
});

// --- when expressions and finally ---------------------------------------------------------

test('TestReconcileWithWhenExpressionsWithTaskResultsAndParams: b-task runs with its when resolved, c-task skipped, d-task runs', () => {
  const run = runCaseFile('TestReconcileWithWhenExpressionsWithTaskResultsAndParams.yaml');
  assertWentThrough(
    run,
    '0 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 1',
  );
  const b = childReference(run, 'b-task');
  assert.equal(b?.whenExpressions, [
    { input: 'aResultValue', operator: 'in', values: ['aResultValue'] },
    { input: 'aResultValue', operator: 'in', values: ['aResultValue'] },
    { input: 'yes', operator: 'in', values: ['yes'] },
  ]);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'c-task',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [
        { input: 'aResultValue', operator: 'in', values: ['missing'] },
        { input: 'yes', operator: 'notin', values: ['yes'] },
      ],
    },
  ]);
  assert.equal(run.taskRunNames(), ['a-task', 'b-task', 'd-task']);
});

test('TestReconcileWithWhenExpressionsWithResultRefs: b-task skipped with the result in its when; c-task after it runs', () => {
  const run = runCaseFile('TestReconcileWithWhenExpressionsWithResultRefs.yaml');
  assertWentThrough(
    run,
    '0 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 1',
  );
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'b-task',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ input: 'aResultValue', operator: 'in', values: ['notResultValue'] }],
    },
  ]);
  assert.equal(run.taskRunNames(), ['a-task', 'c-task']);
});

test('TestReconcileWithCELWhenExpressionsWithTaskResultsAndParams: CEL shown substituted in the child and the skipped task', () => {
  const run = runCaseFile('TestReconcileWithCELWhenExpressionsWithTaskResultsAndParams.yaml');
  assertWentThrough(
    run,
    '0 Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 2, Skipped: 1',
  );
  const b = childReference(run, 'b-task');
  assert.equal(b?.whenExpressions, [{ cel: "'aResultValue' == 'aResultValue'" }]);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'c-task',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ cel: "'aResultValue' == 'missing'" }, { cel: "'yes'!='yes'" }],
    },
  ]);
  assert.equal(run.taskRunNames(), ['a-task', 'b-task', 'd-task']);
});

test('TestReconcileWithFinalTasksCELWhenExpressions: f-c-task runs, f-d-task skipped with its CEL substituted', () => {
  const run = runCaseFile('TestReconcileWithFinalTasksCELWhenExpressions.yaml');
  assertWentThrough(
    run,
    '0 Unknown/Running: Tasks Completed: 2 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 1',
  );
  const fc = childReference(run, 'f-c-task');
  assert.equal(fc?.whenExpressions, [
    { cel: "'aResultValue' == 'aResultValue'" },
    { cel: "'yes'=='yes'" },
    { cel: "'Succeeded' == 'Succeeded'" },
  ]);
  assert.equal(run.view.pipelineRun.skippedTasks, [
    {
      name: 'f-d-task',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ cel: "'Failed' == 'Succeeded'" }],
    },
  ]);
  assert.equal(run.taskRunNames(), ['a-task', 'b-task', 'f-c-task']);
});

test('TestReconcile_InvalidCELWhenExpressions: a CEL that is not a boolean fails the run CELEvaluationFailed', () => {
  const run = runCaseFile('TestReconcile_InvalidCELWhenExpressions.yaml');
  assert.is(outcome(run.view), 'False/CELEvaluationFailed');
  assert.is(
    run.view.pipelineRun.condition.message,
    "[User error] Error evaluating CEL test-pipeline-run-different-service-accs: The CEL expression {'blue': '0x000080', 'red': '0xFF0000'}['red'] is not evaluated to a boolean",
  );
  assert.equal(run.taskRunNames(), []);
});

test('TestReconcileWithTaskResultsInFinalTasks: finally reads results of failed tasks; missing ones skip before when', () => {
  const run = runCaseFile('TestReconcileWithTaskResultsInFinalTasks.yaml');
  assert.equal(run.view.pipelineRun.skippedTasks, [
    { name: 'final-task-2', reason: 'Results were missing' },
    {
      name: 'final-task-3',
      reason: 'When Expressions evaluated to false',
      whenExpressions: [{ input: 'aResultValue', operator: 'notin', values: ['aResultValue'] }],
    },
    { name: 'final-task-5', reason: 'Results were missing' },
    { name: 'final-task-6', reason: 'Results were missing' },
  ]);
  const finals = run.view.taskRuns.filter((taskRun) => taskRun.isFinally);
  assert.equal(
    finals.map((taskRun) => [taskRun.pipelineTaskName, taskRun.params]),
    [
      ['final-task-1', [{ name: 'finalParam', value: 'aResultValue' }]],
      ['final-task-4', [{ name: 'finalParam', value: 'param' }]],
      ['final-task-7', [{ name: 'finalParam', value: 'aResultValue' }]],
    ],
  );
});

test('TestReconcilePipeline_FinalTasks "Test 04": a failed DAG task with another running: Running, no finally TaskRun yet', () => {
  // GetPipelineConditionStatus: with finally to run, a failure is not Stopping
  // (checkFinalTasksDone is false); finally tasks count as incomplete. C51's run.
  const run = runCaseFile('C51-finally-waits-for-dag.yaml', { pipelineRun: 'dag-failed' });
  assertWentThrough(
    run,
    '1000 Unknown/Running: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 2, Skipped: 0',
  );
  assert.is(run.taskRun('final-task-1').createdAtMs, 4000);
  assert.is(run.view.pipelineRun.childReferences.length, 3);
});

// --- retries ------------------------------------------------------------------------------

test('taskrun_test.go TestReconcileRetry "TaskRun retry and clear the results": results archived, the retry starts with none, pod -retry1', () => {
  const run = runCaseFile('TestReconcileRetry.yaml');
  const taskRun = run.taskRun('t');
  assert.is(taskRun.retriesStatus.length, 1);
  assert.equal(taskRun.retriesStatus[0].results, [{ name: 'aResult', value: 'aResultValue' }]);
  assert.is(taskRun.retriesStatus[0].condition.reason, 'StepFailed');
  assert.equal(taskRun.results, []);
  assert.is(taskRun.startTimeMs, 1000);
  const json = JSON.parse(run.json) as {
    items: { kind: string; status: { podName?: string; retriesStatus?: { podName?: string }[] } }[];
  };
  const item = json.items.find((entry) => entry.kind === 'TaskRun');
  assert.is(item?.status.podName, 'test-taskrun-with-results-to-be-retried-t-pod-retry1');
  assert.is(
    item?.status.retriesStatus?.[0].podName,
    'test-taskrun-with-results-to-be-retried-t-pod',
  );
});

test('replaceVariablesInPipelineTasks: a pipeline task workspace subPath takes the run params and context', () => {
  // ApplyParameters and ApplyContexts fill `workspaces[].subPath`; createTaskRun then joins it
  // to the PipelineRun binding's subPath (combinedSubPath). The file lands where the filled-in
  // subPath says: the next task finds it there on the shared claim.
  const run = runCaseFile('G20-workspace-subpath-params.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const taskRuns = (
    JSON.parse(run.json) as {
      items: { kind: string; spec: { workspaces: { subPath: string }[] } }[];
    }
  ).items.filter((item) => item.kind === 'TaskRun');
  assert.equal(
    taskRuns.map((item) => item.spec.workspaces[0].subPath),
    ['root/git/pipeline-subpaths', 'root'],
  );
  assert.equal(run.taskRun('read').results, [{ name: 'seen', value: 'hello' }]);
});

test.run();
