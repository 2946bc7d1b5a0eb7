// Standalone TaskRuns (run --taskrun), each case a Go test of tektoncd/pipeline v1.15.0 told
// as a TaskRun file: test/timeout_test.go TestStepTimeout and TestTaskRunTimeout,
// test/retry_test.go TestTaskRunRetry, and rows of pkg/reconciler/taskrun/taskrun_test.go
// TestReconcileTimeouts and TestReconcileRetry. What ReconcileKind decides (taskrun.go):
// IsCancelled before prepare, IsPending, HasTimedOut against the TaskRun's own timeout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import { runTaskRunCaseFile, runTaskRunCase } from './taskrun-harness.js';

function condition(run: {
  taskRun: { condition: { status: string; reason: string; message: string } };
}) {
  const { status, reason, message } = run.taskRun.condition;
  return `${status}/${reason}: ${message}`;
}

test('taskrun: TR01 TestStepTimeout: the 1ms step fails the TaskRun, the next step is stopped', () => {
  const run = runTaskRunCaseFile('TR01-step-timeout.yaml');
  assert.is(
    condition(run),
    'False/StepFailed: "step-timeout" exited because the step exceeded the specified timeout limit',
  );
  const steps = (
    run.object.status as {
      steps: { name: string; terminated: { reason: string; exitCode: number } }[];
    }
  ).steps;
  assert.equal(
    steps.map((step) => [step.name, step.terminated.reason, step.terminated.exitCode]),
    [
      ['no-timeout', 'Completed', 0],
      ['timeout', 'Error', 1],
      ['canceled', 'Error', 1],
    ],
  );
  assert.is(run.taskRun.name, 'step-timeout-run');
});

test('taskrun: TR02 TestTaskRunTimeout: its own timeout, every step terminated TaskRunTimeout', () => {
  const run = runTaskRunCaseFile('TR02-taskrun-timeout.yaml');
  assert.is(
    condition(run),
    'False/TaskRunTimeout: TaskRun "sleepy-run" failed to finish within "1s"',
  );
  assert.is(run.taskRun.completionTimeMs, 1000);
  const status = run.object.status as { steps: { terminated: { reason: string } }[] };
  assert.ok(status.steps.length > 0);
  for (const step of status.steps) assert.is(step.terminated.reason, 'TaskRunTimeout');
  // storeTaskSpecAndMergeMeta names the referenced Task; no PipelineRun labels, no owner.
  const metadata = run.object.metadata as {
    labels: Record<string, string>;
    ownerReferences?: unknown;
  };
  assert.equal(metadata.labels, {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    'tekton.dev/task': 'sleepy',
  });
  assert.is(metadata.ownerReferences, undefined);
  assert.equal(run.object.spec, {
    serviceAccountName: 'default',
    taskRef: { name: 'sleepy', kind: 'Task' },
    timeout: '1s',
  });
});

test('taskrun: TR03 TestTaskRunRetry as a TaskRun: five failed retries, six pods', () => {
  const run = runTaskRunCaseFile('TR03-retry.yaml');
  assert.is(run.view.taskRuns.length, 1);
  assert.is(run.taskRun.retriesStatus.length, 5);
  run.taskRun.retriesStatus.forEach((attempt, index) => {
    assert.is(attempt.condition.status, 'False');
    assert.is(attempt.condition.reason, 'StepFailed');
    assert.is(attempt.startTimeMs, index * 2000);
    assert.is(attempt.completionTimeMs, (index + 1) * 2000);
  });
  assert.is(run.taskRun.condition.reason, 'StepFailed');
  const status = run.object.status as {
    podName: string;
    retriesStatus: { podName: string; steps: { terminated: { exitCode: number } }[] }[];
    steps: { terminated: { exitCode: number } }[];
  };
  assert.equal(
    [...status.retriesStatus.map((attempt) => attempt.podName), status.podName],
    ['retry-run-pod', ...[1, 2, 3, 4, 5].map((n) => `retry-run-pod-retry${n}`)],
  );
  for (const steps of [...status.retriesStatus.map((attempt) => attempt.steps), status.steps])
    assert.equal(
      steps.map((step) => step.terminated.exitCode),
      [1],
    );
});

test('taskrun: TR04 TestReconcileTimeouts: its own timeout, or the 60m default (unset or null)', () => {
  const rows: [string, string, number][] = [
    ['test-taskrun-timeout', '10s', 10_000],
    ['test-taskrun-default-timeout-60-minutes', '1h0m0s', 3_600_000],
    ['test-taskrun-nil-timeout-default-60-minutes', '1h0m0s', 3_600_000],
  ];
  for (const [name, timeout, atMs] of rows) {
    const run = runTaskRunCaseFile('TR04-reconcile-timeouts.yaml', { taskRun: name });
    assert.is(
      condition(run),
      `False/TaskRunTimeout: TaskRun "${name}" failed to finish within "${timeout}"`,
    );
    assert.is(run.taskRun.completionTimeMs, atMs, name);
    assert.is((run.object.spec as { timeout: string }).timeout, timeout, name);
    assert.is((run.object.metadata as { namespace: string }).namespace, 'foo');
  }
});

test('taskrun: TR05 TestReconcileRetry "No Retry on Cancellation": cancelled at creation, no retry, no pod', () => {
  const run = runTaskRunCaseFile('TR05-reconcile-retry.yaml', {
    taskRun: 'test-taskrun-run-retry-canceled',
  });
  assert.is(
    condition(run),
    'False/TaskRunCancelled: TaskRun "test-taskrun-run-retry-canceled" was cancelled. ',
  );
  assert.is(run.taskRun.retriesStatus.length, 0);
  // failTaskRun before prepare: startTime and completionTime at the first reconcile, no
  // pod, no steps, no status.taskSpec, no Task labels.
  assert.equal(run.object.status, {
    conditions: [
      {
        type: 'Succeeded',
        status: 'False',
        lastTransitionTime: '2000-01-01T00:00:00Z',
        reason: 'TaskRunCancelled',
        message: 'TaskRun "test-taskrun-run-retry-canceled" was cancelled. ',
      },
    ],
    podName: '',
    startTime: '2000-01-01T00:00:00Z',
    completionTime: '2000-01-01T00:00:00Z',
  });
  assert.equal((run.object.metadata as { labels: unknown }).labels, {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
  });
});

test('taskrun: TR05 TestReconcileRetry "Retry on timedOut": the timed-out attempt is archived and run again', () => {
  const run = runTaskRunCaseFile('TR05-reconcile-retry.yaml', {
    taskRun: 'test-taskrun-run-retry-timedout',
  });
  const message = 'TaskRun "test-taskrun-run-retry-timedout" failed to finish within "10s"';
  assert.equal(
    run.taskRun.retriesStatus.map((attempt) => [
      `${attempt.condition.status}/${attempt.condition.reason}: ${attempt.condition.message}`,
      attempt.startTimeMs,
      attempt.completionTimeMs,
    ]),
    [[`False/TaskRunTimeout: ${message}`, 0, 10_000]],
  );
  assert.is(condition(run), `False/TaskRunTimeout: ${message}`);
  assert.is(run.taskRun.startTimeMs, 10_000);
  assert.is(run.taskRun.completionTimeMs, 20_000);
});

test('taskrun: a running TaskRun cancelled by a patch of its spec.status is not retried', () => {
  const run = runTaskRunCaseFile('TR05-reconcile-retry.yaml', {
    taskRun: 'test-taskrun-run-retry-timedout',
    patches: [{ atMs: 4000, status: 'TaskRunCancelled' }],
  });
  assert.is(
    condition(run),
    'False/TaskRunCancelled: TaskRun "test-taskrun-run-retry-timedout" was cancelled. ',
  );
  assert.is(run.taskRun.retriesStatus.length, 0);
  assert.is(run.taskRun.startTimeMs, 0);
  assert.is(run.taskRun.completionTimeMs, 4000);
  assert.is((run.object.spec as { status: string }).status, 'TaskRunCancelled');
  assert.is(
    (run.object.status as { podName: string }).podName,
    'test-taskrun-run-retry-timedout-pod',
  );
});

test('taskrun: spec.status TaskRunPending: Unknown/TaskRunPending, no startTime, no pod, until cancelled', () => {
  const text = `apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: waiting}
spec:
  status: TaskRunPending
  taskSpec:
    steps: [{name: s, image: busybox, script: sleep 5}]
`;
  const pending = runTaskRunCase(text);
  assert.equal(pending.object.status, {
    conditions: [
      {
        type: 'Succeeded',
        status: 'Unknown',
        lastTransitionTime: '2000-01-01T00:00:00Z',
        reason: 'TaskRunPending',
        message: 'TaskRun "waiting" is pending',
      },
    ],
    podName: '',
  });
  // IsCancelled comes before IsPending; InitializeConditions then sets startTime.
  const cancelled = runTaskRunCase(text, {
    patches: [{ atMs: 60_000, status: 'TaskRunCancelled' }],
  });
  assert.is(condition(cancelled), 'False/TaskRunCancelled: TaskRun "waiting" was cancelled. ');
  assert.is(cancelled.taskRun.startTimeMs, 60_000);
  assert.is(cancelled.taskRun.completionTimeMs, 60_000);
});

test('taskrun: timeout 0s is no timeout; params and context reach the embedded steps', () => {
  const run = runTaskRunCase(`apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: long}
spec:
  timeout: 0s
  params: [{name: who, value: world}]
  taskSpec:
    params: [{name: who}]
    results: [{name: greeting}]
    steps:
    - name: s
      image: busybox
      script: |
        sleep 7300
        echo -n "hello $(params.who) from $(context.taskRun.name)" > $(results.greeting.path)
`);
  assert.is(run.taskRun.condition.reason, 'Succeeded');
  assert.is(run.taskRun.completionTimeMs, 7_300_000);
  assert.equal(run.taskRun.results, [{ name: 'greeting', value: 'hello world from long' }]);
  assert.is((run.object.spec as { timeout: string }).timeout, '0s');
});

test('taskrun: params that do not fit the Task fail it at its first reconcile, TaskRunValidationFailed', () => {
  const task = `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: needs}
spec:
  params: [{name: foo}]
  steps: [{name: s, image: alpine, script: echo $(params.foo)}]
---
`;
  const run = runTaskRunCase(`${task}apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: miss}
spec:
  retries: 1
  taskRef: {name: needs}
`);
  const message =
    '[User error] invalid input params for task needs: missing values for these params which have no default values: [foo]';
  // prepare's ValidateResolvedTask; MarkResourceFailed, then retried as any failure is.
  assert.is(condition(run), `False/TaskRunValidationFailed: ${message}`);
  assert.is(run.taskRun.retriesStatus.length, 1);
  assert.is(run.taskRun.retriesStatus[0].condition.reason, 'TaskRunValidationFailed');
  assert.is((run.object.status as { podName: string }).podName, '');
  // An embedded spec is named by the TaskRun (GetTaskData takes the TaskRun's metadata).
  const embedded = runTaskRunCase(`apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: inline}
spec:
  taskSpec:
    params: [{name: foo}]
    steps: [{name: s, image: alpine, script: echo $(params.foo)}]
`);
  assert.is(
    embedded.taskRun.condition.message,
    '[User error] invalid input params for task inline: missing values for these params which have no default values: [foo]',
  );
});

test('taskrun: TR06 TestPropagatedWorkspaces: an undeclared binding is declared in status.taskSpec', () => {
  const run = runTaskRunCaseFile('TR06-workspaces.yaml', {
    taskRun: 'test-taskrun-propagating-workspaces',
  });
  assert.is(run.taskRun.condition.reason, 'Succeeded');
  const taskSpec = (run.object.status as { taskSpec: Record<string, unknown> }).taskSpec;
  assert.equal(taskSpec.workspaces, [{ name: 'tr-workspace' }]);
  assert.equal(taskSpec.steps, [
    {
      args: ['replacedArgs - /workspace/tr-workspace'],
      command: ['echo'],
      image: 'foo',
      name: 'simple-step',
    },
  ]);
});

test('taskrun: TR06 ValidateBindings on a referenced Task: unbound and undeclared workspaces', () => {
  const missing = runTaskRunCaseFile('TR06-workspaces.yaml', { taskRun: 'ws-missing' });
  assert.is(
    condition(missing),
    'False/TaskRunValidationFailed: [User error] declared workspace "src" is required but has not been bound',
  );
  const extra = runTaskRunCaseFile('TR06-workspaces.yaml', { taskRun: 'ws-extra' });
  assert.is(
    condition(extra),
    'False/TaskRunValidationFailed: [User error] workspace binding "extra" does not match any declared workspace',
  );
});

test("taskrun: TestValidateOverrides: stepSpecs and sidecarSpecs must name the Task's steps and sidecars", () => {
  const text = (overrides: string) => `apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: ov}
spec:
${overrides}
  taskSpec:
    steps: [{name: step1, image: alpine, script: sleep 1}, {name: step2, image: alpine, script: sleep 1}]
    sidecars: [{name: side1, image: alpine}]
`;
  // "valid stepOverrides", "valid sidecarOverrides"
  const valid = runTaskRunCase(
    text('  stepSpecs: [{name: step1}]\n  sidecarSpecs: [{name: side1}]'),
  );
  assert.is(valid.taskRun.condition.reason, 'Succeeded');
  assert.equal((valid.object.spec as { stepSpecs: unknown }).stepSpecs, [{ name: 'step1' }]);
  // "invalid stepOverrides", "invalid sidecarOverrides": prepare's last check, joined
  // (errors.Join), labelled once by GetErrorMessage.
  const invalid = runTaskRunCase(
    text('  stepSpecs: [{name: step1}, {name: nope}]\n  sidecarSpecs: [{name: side2}]'),
  );
  assert.is(
    condition(invalid),
    'False/TaskRunValidationFailed: [User error] invalid StepOverride: No Step named nope\ninvalid SidecarOverride: No Sidecar named side2',
  );
  assert.is((invalid.object.status as { podName: string }).podName, '');
});

test('taskrun: TestReconcile_TaskRunWithParam_Enum_invalid: a param outside its enum, InvalidParamValue', () => {
  const text = `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: test-task-param-enum, namespace: foo}
spec:
  params: [{name: param1, enum: [v1, v2]}]
  steps: [{name: s, image: alpine, script: echo $(params.param1)}]
---
apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: test-taskrun-with-param-enum-invalid, namespace: foo}
spec:
  params: [{name: param1, value: invalid}]
  taskRef: {name: test-task-param-enum}
`;
  const tektonConfig = {
    ...SIMULATOR_TEKTON_CONFIG,
    featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, paramEnum: 'checked' as const },
  };
  const run = runTaskRunCase(text, { tektonConfig });
  assert.is(
    condition(run),
    'False/InvalidParamValue: [User error] param `param1` value: invalid is not in the enum list',
  );
  assert.is((run.object.status as { podName: string }).podName, '');
  // TestReconcile_TaskRunWithParam_Enum_valid
  const valid = runTaskRunCase(text.replace('value: invalid', 'value: v1'), { tektonConfig });
  assert.is(valid.taskRun.condition.reason, 'Succeeded');
});

test("taskrun: only the TaskRun reconciler's contexts reach its steps; its params stay as written", () => {
  // taskrun/resources/apply.go GetContextReplacements: context.taskRun.* and context.task.*;
  // no PipelineRun fills `$(context.pipelineRun.name)` or a param's `$(tasks.a.results.b)`.
  const run = runTaskRunCase(`apiVersion: tekton.dev/v1
kind: TaskRun
metadata: {name: ctx}
spec:
  params: [{name: p, value: "$(tasks.a.results.b)"}]
  taskSpec:
    params: [{name: p}]
    steps:
    - name: s
      image: alpine
      script: echo "$(context.pipelineRun.name) $(context.task.name) $(context.taskRun.name) $(params.p)"
`);
  assert.is(run.taskRun.condition.reason, 'Succeeded');
  assert.equal((run.object.spec as { params: unknown }).params, [
    { name: 'p', value: '$(tasks.a.results.b)' },
  ]);
  const steps = (run.object.status as { taskSpec: { steps: { script: string }[] } }).taskSpec.steps;
  assert.is(steps[0].script, 'echo "$(context.pipelineRun.name) ctx ctx $(tasks.a.results.b)"');
});

test.run();
