// status.steps of each TaskRun, held to what Tekton v1.15.0 writes for the same run:
// pkg/pod/status.go setTaskRunStatusBasedOnStepStatus (one StepState per step container, with
// the termination message's StartedAt, results and reason), pkg/entrypoint/entrypointer.go Go
// (Skipped after a failed step, Continued for onError: continue, TimeoutExceeded for a step
// timeout, results read from disk at each step's end), pkg/reconciler/taskrun/taskrun.go
// terminateStepsInPod (steps stopped with the pod on a timeout or cancel) and retryTaskRun
// (an archived attempt keeps its steps and artifacts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toKubectlList } from '../../src/report/kubectl.js';
import { loadScenarios, runScenarioSeed } from '../../src/workload/index.js';
import { runCase } from '../conformance/harness.js';
import { type Json, taskRunOfList } from './fixtures.js';

const taskRunStatus = (json: string, pipelineTask: string) =>
  taskRunOfList(json, pipelineTask).status as Json;

const at = (seconds: number) => `2000-01-01T00:00:${String(seconds).padStart(2, '0')}Z`;

function pipelineRun(steps: string, extra = ''): string {
  return `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: steps-run}
spec:
  pipelineSpec:
    tasks:
      - name: build
${extra}        taskSpec:
          results: [{name: digest}, {name: report}]
          steps:
${steps}`;
}

test('kubectl steps: a failed step, the steps before it Completed, the ones after Skipped', () => {
  const run = runCase(
    pipelineRun(`            - name: fetch
              image: alpine
              script: |
                printf 'sha256:1&2' > $(results.digest.path)
                sleep 5
            - name: compile
              image: alpine
              script: |
                sleep 2
                exit 3
            - name: push
              image: alpine
              script: sleep 1
`),
  );
  const status = taskRunStatus(run.json, 'build');
  // The message is Go's json.Marshal of the results read from disk, so `&` is \\u0026.
  const message = '[{"key":"digest","value":"sha256:1\\u00262","type":1}]';
  assert.equal(status.steps, [
    {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        message,
        startedAt: at(0),
        finishedAt: at(5),
      },
      name: 'fetch',
      container: 'step-fetch',
      terminationReason: 'Completed',
    },
    {
      terminated: { exitCode: 3, reason: 'Error', message, startedAt: at(5), finishedAt: at(7) },
      name: 'compile',
      container: 'step-compile',
      terminationReason: 'Error',
    },
    {
      terminated: { exitCode: 1, reason: 'Error', startedAt: at(7), finishedAt: at(7) },
      name: 'push',
      container: 'step-push',
      terminationReason: 'Skipped',
    },
  ]);
  // A pod that completed leaves `artifacts: {}` (setTaskRunStatusBasedOnStepStatus, IsDone).
  assert.equal(status.artifacts, {});
  assert.equal(Object.keys(status), [
    'conditions',
    'podName',
    'startTime',
    'completionTime',
    'steps',
    'results',
    'artifacts',
    'taskSpec',
  ]);
});

test('kubectl steps: onError continue is Continued with its exit code; a step timeout is TimeoutExceeded', () => {
  const run = runCase(
    pipelineRun(`            - name: lint
              image: alpine
              onError: continue
              script: exit 2
            - name: wait
              image: alpine
              timeout: 2s
              script: sleep 5
            - name: after
              image: alpine
              script: "true"
`),
  );
  const steps = taskRunStatus(run.json, 'build').steps as Json[];
  assert.equal(steps[0], {
    terminated: { exitCode: 2, reason: 'Completed', startedAt: at(0), finishedAt: at(0) },
    name: 'lint',
    container: 'step-lint',
    terminationReason: 'Continued',
  });
  assert.equal(steps[1], {
    terminated: { exitCode: 1, reason: 'Error', startedAt: at(0), finishedAt: at(2) },
    name: 'wait',
    container: 'step-wait',
    terminationReason: 'TimeoutExceeded',
  });
  assert.is(steps[2].terminationReason, 'Skipped');
});

// The entrypoint exits 1 on a step's own deadline whatever its onError says, and leaves an
// error post file, so the steps after it are skipped and the TaskRun fails on that step
// (cmd/entrypoint/main.go: a ContextError exits 1 before onError is read; entrypointer.go Go
// writes the post file with the deadline error).
const TIMED_OUT_DESPITE_CONTINUE = `            - name: slow
              image: alpine
              timeout: 2s
              onError: continue
              script: sleep 10
            - name: after
              image: alpine
              script: "true"
`;

function assertStoppedAtStepTimeout(status: Json) {
  const [condition] = status.conditions as Json[];
  assert.is(condition.reason, 'StepFailed');
  assert.is(
    condition.message,
    '"step-slow" exited because the step exceeded the specified timeout limit',
  );
  assert.is(status.completionTime, at(2));
  const steps = status.steps as Json[];
  assert.is(steps[0].terminationReason, 'TimeoutExceeded');
  assert.equal(steps[1], {
    terminated: { exitCode: 1, reason: 'Error', startedAt: at(2), finishedAt: at(2) },
    name: 'after',
    container: 'step-after',
    terminationReason: 'Skipped',
  });
}

test('kubectl steps: a step past its own timeout stops the TaskRun even with onError: continue', () => {
  const run = runCase(pipelineRun(TIMED_OUT_DESPITE_CONTINUE));
  assertStoppedAtStepTimeout(taskRunStatus(run.json, 'build'));
});

test('kubectl steps: a modelled step past its own timeout stops the TaskRun even with onError: continue', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-steps-'));
  const file = path.join(directory, 'modelled.yaml');
  fs.writeFileSync(
    file,
    `${pipelineRun(TIMED_OUT_DESPITE_CONTINUE)}
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: modelled}
spec:
  pipelineRun: steps-run
  tasks:
    build:
      steps:
        slow: {duration: 10s}
`,
  );
  try {
    const [scenario] = loadScenarios([file]);
    const listOf = (view: ReturnType<typeof runScenarioSeed>['view']) =>
      toKubectlList(
        view,
        { spec: scenario.prepared.run.spec, metadata: scenario.prepared.run.metadata },
        { startTimeEpochMs: Date.UTC(2000, 0, 1) },
      );
    const drawn = runScenarioSeed(scenario, 1);
    assertStoppedAtStepTimeout(listOf(drawn.view).items[1].status as Json);
    // A replay of the recorded draws (replay, shrink) says the same.
    const replayed = runScenarioSeed(scenario, 1, { draws: drawn.draws });
    assertStoppedAtStepTimeout(listOf(replayed.view).items[1].status as Json);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

const THREE_STEPS = `            - name: one
              image: alpine
              script: sleep 2
            - name: two
              image: alpine
              script: sleep 100
            - name: three
              image: alpine
              script: sleep 1
`;

test('kubectl steps: a TaskRun timeout stops the running and waiting steps with the pod', () => {
  const run = runCase(pipelineRun(THREE_STEPS, '        timeout: 10s\n'));
  const status = taskRunStatus(run.json, 'build');
  const pod = 'steps-run-build-pod';
  const stopped = (name: string) => ({
    terminated: {
      exitCode: 1,
      reason: 'TaskRunTimeout',
      message: `Step ${name} terminated as pod ${pod} is terminated`,
      // Every step container started with the pod: running.startedAt is kept.
      startedAt: at(0),
      finishedAt: at(10),
    },
    name,
    container: `step-${name}`,
    terminationReason: 'TaskRunTimeout',
  });
  assert.equal(status.steps, [
    {
      terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0), finishedAt: at(2) },
      name: 'one',
      container: 'step-one',
      terminationReason: 'Completed',
    },
    stopped('two'),
    stopped('three'),
  ]);
  // failTaskRun does not go through MakeTaskRunStatus once done: no artifacts.
  assert.is(status.artifacts, undefined);
});

test('kubectl steps: a cancelled TaskRun stops its steps with TaskRunCancelled', () => {
  const run = runCase(pipelineRun(THREE_STEPS), {
    patches: [{ atMs: 3000, status: 'Cancelled' }],
  });
  const steps = taskRunStatus(run.json, 'build').steps as Json[];
  assert.is(steps[0].terminationReason, 'Completed');
  assert.equal(steps[1].terminated, {
    exitCode: 1,
    reason: 'TaskRunCancelled',
    message: 'Step two terminated as pod steps-run-build-pod is terminated',
    startedAt: at(0),
    finishedAt: at(3),
  });
  assert.is(steps[2].terminationReason, 'TaskRunCancelled');
});

test("kubectl steps: a retried TaskRun keeps each attempt's steps in retriesStatus", () => {
  const run = runCase(
    pipelineRun(
      `            - name: flaky
              image: alpine
              script: |
                sleep 4
                if [ "$(context.task.retry-count)" = "0" ]; then exit 1; fi
`,
      '        retries: 1\n',
    ),
  );
  const status = taskRunStatus(run.json, 'build');
  const [first] = status.retriesStatus as Json[];
  assert.equal(first.steps, [
    {
      terminated: { exitCode: 1, reason: 'Error', startedAt: at(0), finishedAt: at(4) },
      name: 'flaky',
      container: 'step-flaky',
      terminationReason: 'Error',
    },
  ]);
  assert.equal(first.artifacts, {});
  assert.equal(status.steps, [
    {
      terminated: { exitCode: 0, reason: 'Completed', startedAt: at(4), finishedAt: at(8) },
      name: 'flaky',
      container: 'step-flaky',
      terminationReason: 'Completed',
    },
  ]);
});

test('kubectl steps: a TaskRun still running when the simulation ends shows its ended steps and the rest running', () => {
  const run = runCase(
    pipelineRun(
      `            - name: warm
              image: alpine
              script: sleep 3
            - name: serve
              image: alpine
              script: sleep infinity
`,
      '        timeout: "0"\n',
    )
      .replace('  pipelineSpec:', '  timeouts: {pipeline: "0"}\n  pipelineSpec:')
      // A task that ends at 5s: the simulation, and so the view, reaches 5s.
      .replace(
        '    tasks:',
        '    tasks:\n      - name: short\n        taskSpec:\n          steps: [{image: alpine, script: sleep 5}]',
      ),
  );
  const status = taskRunStatus(run.json, 'build');
  assert.equal(status.steps, [
    {
      terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0), finishedAt: at(3) },
      name: 'warm',
      container: 'step-warm',
      terminationReason: 'Completed',
    },
    // Its container runs since the pod started; the kubelet reports no more.
    { running: { startedAt: at(0) }, name: 'serve', container: 'step-serve' },
  ]);
  assert.is(status.artifacts, undefined);
});

test("kubectl steps: sidecars run from the pod's start (setTaskRunStatusBasedOnSidecarStatus)", () => {
  const yaml = pipelineRun(
    `            - name: wait
              image: alpine
              script: sleep 20
          sidecars:
            - name: db
              image: postgres
`,
  )
    .replace(
      '    tasks:',
      '    tasks:\n      - name: first\n        taskSpec:\n          steps: [{image: alpine, script: sleep 5}]',
    )
    .replace('      - name: build\n', '      - name: build\n        runAfter: [first]\n');
  const status = taskRunStatus(runCase(yaml).json, 'build');
  assert.equal(status.sidecars, [
    { running: { startedAt: at(5) }, name: 'db', container: 'sidecar-db' },
  ]);
  assert.equal(Object.keys(status).slice(-3), ['artifacts', 'sidecars', 'taskSpec']);
  // Stopped by a timeout: its pod is deleted and stopSidecars returns early, so they stay.
  const stopped = taskRunStatus(
    runCase(
      yaml.replace(
        '        runAfter: [first]\n',
        '        runAfter: [first]\n        timeout: 10s\n',
      ),
    ).json,
    'build',
  );
  assert.equal(stopped.sidecars, status.sidecars);
  assert.is(taskRunStatus(runCase(yaml).json, 'first').sidecars, undefined);
});

test('kubectl steps: a drawn task duration gives only the times it knows', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-steps-'));
  const file = path.join(directory, 'drawn.yaml');
  fs.writeFileSync(
    file,
    `${pipelineRun(`            - name: one
              image: alpine
              script: sleep 1
            - name: two
              image: alpine
              script: sleep 1
            - name: three
              image: alpine
              script: sleep 1
`)}
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: drawn}
spec:
  pipelineRun: steps-run
  tasks:
    build:
      duration: {constant: 20s}
      failure: {probability: 1, step: two, exitCode: 4, at: {constant: 0.5}}
`,
  );
  try {
    const [scenario] = loadScenarios([file]);
    const { view } = runScenarioSeed(scenario, 1);
    const list = toKubectlList(
      view,
      { spec: scenario.prepared.run.spec, metadata: scenario.prepared.run.metadata },
      { startTimeEpochMs: Date.UTC(2000, 0, 1) },
    );
    const steps = (list.items[1].status as Json).steps as Json[];
    // The attempt started at 0 and failed at 10s in step two: no step's own times beyond that.
    assert.equal(steps, [
      {
        terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0) },
        name: 'one',
        container: 'step-one',
        terminationReason: 'Completed',
      },
      {
        terminated: { exitCode: 4, reason: 'Error', finishedAt: at(10) },
        name: 'two',
        container: 'step-two',
        terminationReason: 'Error',
      },
      {
        terminated: { exitCode: 1, reason: 'Error', startedAt: at(10), finishedAt: at(10) },
        name: 'three',
        container: 'step-three',
        terminationReason: 'Skipped',
      },
    ]);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
