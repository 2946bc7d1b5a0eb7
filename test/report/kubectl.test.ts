import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toKubectlList, type JsonObject } from '../../src/report/kubectl.js';
import { KUBECTL_JSON, toJsonText, toYamlText } from '../../src/report/serialize.js';
import {
  START_TIME_EPOCH_MS,
  cancelledRun,
  condition,
  retriedRun,
  succeededRun,
  taskRun,
  taskTimeoutRun,
  type Fixture,
} from './fixtures.js';

const OPTIONS = { startTimeEpochMs: START_TIME_EPOCH_MS };

function listOf(fixture: Fixture) {
  return toKubectlList(fixture.view, fixture.run, OPTIONS);
}

/** Equal values and equal key order: the JSON texts must match byte for byte. */
function assertSameJson(actual: unknown, expected: unknown): void {
  assert.fixture(toJsonText(actual), toJsonText(expected));
}

function item(fixture: Fixture, index: number): JsonObject {
  return listOf(fixture).items[index];
}

const TASKRUN_SUCCEEDED = 'All Steps have completed executing';
const CANCELLED_BY_PIPELINE =
  'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';

test('report: kubectl: a cancelled run, whole list, in Tekton field order', () => {
  const ownerReference = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    name: 'nightly-run',
    controller: true,
    blockOwnerDeletion: true,
  };
  const taskRunLabels = (task: string) => ({
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    'tekton.dev/memberOf': 'tasks',
    'tekton.dev/pipeline': 'nightly',
    'tekton.dev/pipelineRun': 'nightly-run',
    'tekton.dev/pipelineTask': task,
  });
  assertSameJson(listOf(cancelledRun()), {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name: 'nightly-run',
          namespace: 'default',
          creationTimestamp: '2000-01-01T00:00:00Z',
          labels: { 'tekton.dev/pipeline': 'nightly' },
          annotations: { 'example.com/owner': 'qa' },
        },
        spec: {
          pipelineRef: { name: 'nightly' },
          status: 'Cancelled',
          // PipelineRunSpec.SetDefaults: the default timeout, 60m unless the run says.
          timeouts: { pipeline: '1h0m0s' },
          taskRunTemplate: { serviceAccountName: 'builder' },
        },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              lastTransitionTime: '2000-01-01T00:00:20Z',
              reason: 'Cancelled',
              message: 'PipelineRun "nightly-run" was cancelled',
            },
          ],
          startTime: '2000-01-01T00:00:00Z',
          completionTime: '2000-01-01T00:00:20Z',
          childReferences: [
            {
              apiVersion: 'tekton.dev/v1',
              kind: 'TaskRun',
              name: 'nightly-run-lint',
              pipelineTaskName: 'lint',
            },
            {
              apiVersion: 'tekton.dev/v1',
              kind: 'TaskRun',
              name: 'nightly-run-unit',
              pipelineTaskName: 'unit',
            },
          ],
        },
      },
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: {
          name: 'nightly-run-lint',
          namespace: 'default',
          creationTimestamp: '2000-01-01T00:00:00Z',
          labels: taskRunLabels('lint'),
          annotations: { 'example.com/owner': 'qa' },
          ownerReferences: [ownerReference],
        },
        spec: { serviceAccountName: 'builder' },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              status: 'True',
              lastTransitionTime: '2000-01-01T00:00:05Z',
              reason: 'Succeeded',
              message: TASKRUN_SUCCEEDED,
            },
          ],
          podName: 'nightly-run-lint-pod',
          startTime: '2000-01-01T00:00:00Z',
          completionTime: '2000-01-01T00:00:05Z',
        },
      },
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        metadata: {
          name: 'nightly-run-unit',
          namespace: 'default',
          creationTimestamp: '2000-01-01T00:00:05Z',
          labels: taskRunLabels('unit'),
          annotations: { 'example.com/owner': 'qa' },
          ownerReferences: [ownerReference],
        },
        spec: {
          serviceAccountName: 'builder',
          status: 'TaskRunCancelled',
          statusMessage: CANCELLED_BY_PIPELINE,
        },
        status: {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              lastTransitionTime: '2000-01-01T00:00:20Z',
              reason: 'TaskRunCancelled',
              message: `TaskRun "nightly-run-unit" was cancelled. ${CANCELLED_BY_PIPELINE}`,
            },
          ],
          podName: 'nightly-run-unit-pod',
          startTime: '2000-01-01T00:00:05Z',
          completionTime: '2000-01-01T00:00:20Z',
        },
      },
    ],
    metadata: { resourceVersion: '' },
  });
});

test('report: kubectl: a succeeded run carries uid, input labels, params and typed results', () => {
  const fixture = succeededRun();
  assertSameJson(item(fixture, 0).metadata, {
    name: 'build-run',
    namespace: 'ci',
    uid: 'uid-build-run',
    creationTimestamp: '2000-01-01T00:00:00Z',
    labels: { team: 'platform', 'tekton.dev/pipeline': 'build' },
  });
  assertSameJson((item(fixture, 0).status as JsonObject).results, [
    { name: 'commit', value: 'abc123' },
  ]);
  const test = item(fixture, 2);
  assertSameJson((test.metadata as JsonObject).labels, {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    team: 'platform',
    'tekton.dev/memberOf': 'tasks',
    'tekton.dev/pipeline': 'build',
    'tekton.dev/pipelineRun': 'build-run',
    'tekton.dev/pipelineRunUID': 'uid-build-run',
    'tekton.dev/pipelineTask': 'test',
  });
  assertSameJson((test.metadata as JsonObject).ownerReferences, [
    {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      name: 'build-run',
      uid: 'uid-build-run',
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assertSameJson(test.spec, {
    params: [{ name: 'flags', value: ['-v', '-race'] }],
    serviceAccountName: 'default',
  });
  assertSameJson((test.status as JsonObject).results, [
    { name: 'report', type: 'object', value: { passed: '12', failed: '0' } },
  ]);
  assertSameJson((item(fixture, 1).status as JsonObject).results, [
    { name: 'commit', type: 'string', value: 'abc123' },
  ]);
});

test('report: kubectl: a TaskRun timeout with a skipped task and a finally task', () => {
  const fixture = taskTimeoutRun();
  const pipelineRun = item(fixture, 0);
  // An embedded pipelineSpec labels the run with its own name; durations print in Go's form.
  assertSameJson((pipelineRun.metadata as JsonObject).labels, {
    'tekton.dev/pipeline': 'release-run',
  });
  assertSameJson((pipelineRun.spec as JsonObject).timeouts, { pipeline: '1h0m0s', tasks: '50m0s' });
  assertSameJson(pipelineRun.status, {
    conditions: [
      {
        type: 'Succeeded',
        status: 'False',
        lastTransitionTime: '2000-01-01T00:00:35Z',
        reason: 'Failed',
        message: 'Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 1',
      },
    ],
    startTime: '2000-01-01T00:00:00Z',
    completionTime: '2000-01-01T00:00:35Z',
    skippedTasks: [{ name: 'publish', reason: 'PipelineRun was stopping' }],
    childReferences: [
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: 'release-run-build',
        pipelineTaskName: 'build',
      },
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        name: 'release-run-notify',
        pipelineTaskName: 'notify',
      },
    ],
    finallyStartTime: '2000-01-01T00:00:30Z',
  });
  const build = item(fixture, 1);
  assertSameJson(build.spec, { serviceAccountName: 'default', timeout: '30s' });
  assertSameJson(build.status, {
    conditions: [
      {
        type: 'Succeeded',
        status: 'False',
        lastTransitionTime: '2000-01-01T00:00:30Z',
        reason: 'TaskRunTimeout',
        message: 'TaskRun "release-run-build" failed to finish within "30s"',
      },
    ],
    podName: 'release-run-build-pod',
    startTime: '2000-01-01T00:00:00Z',
    completionTime: '2000-01-01T00:00:30Z',
  });
  const notifyLabels = (item(fixture, 2).metadata as JsonObject).labels as JsonObject;
  assert.is(notifyLabels['tekton.dev/memberOf'], 'finally');
});

test('report: kubectl: a retried TaskRun keeps each attempt in retriesStatus with its own pod', () => {
  assertSameJson(item(retriedRun(), 1), {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: {
      name: 'flaky-run-e2e',
      namespace: 'default',
      creationTimestamp: '2000-01-01T00:00:00Z',
      labels: {
        'app.kubernetes.io/managed-by': 'tekton-pipelines',
        'tekton.dev/memberOf': 'tasks',
        'tekton.dev/pipeline': 'flaky',
        'tekton.dev/pipelineRun': 'flaky-run',
        'tekton.dev/pipelineTask': 'e2e',
      },
      ownerReferences: [
        {
          apiVersion: 'tekton.dev/v1',
          kind: 'PipelineRun',
          name: 'flaky-run',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { serviceAccountName: 'default', retries: 2, timeout: '10m0s' },
    status: {
      conditions: [
        {
          type: 'Succeeded',
          status: 'True',
          lastTransitionTime: '2000-01-01T00:00:31Z',
          reason: 'Succeeded',
          message: TASKRUN_SUCCEEDED,
        },
      ],
      podName: 'flaky-run-e2e-pod-retry2',
      startTime: '2000-01-01T00:00:21Z',
      completionTime: '2000-01-01T00:00:31Z',
      retriesStatus: [
        {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              lastTransitionTime: '2000-01-01T00:00:10Z',
              reason: 'StepFailed',
              message: '"step-run" exited with code 1',
            },
          ],
          podName: 'flaky-run-e2e-pod',
          startTime: '2000-01-01T00:00:00Z',
          completionTime: '2000-01-01T00:00:10Z',
        },
        {
          conditions: [
            {
              type: 'Succeeded',
              status: 'False',
              // 20.5s truncates to 20s, as Kubernetes stores whole seconds.
              lastTransitionTime: '2000-01-01T00:00:20Z',
              reason: 'StepFailed',
              message: '"step-run" exited with code 1',
            },
          ],
          podName: 'flaky-run-e2e-pod-retry1',
          startTime: '2000-01-01T00:00:10Z',
          completionTime: '2000-01-01T00:00:20Z',
        },
      ],
    },
  });
});

test('report: kubectl: a TaskRun waiting for its retry has no pod and no times yet', () => {
  const fixture = retriedRun();
  const waiting = taskRun('flaky-run', 'e2e', {
    retries: 2,
    condition: condition('Unknown', 'ToBeRetried', '', 10_000),
    retriesStatus: fixture.view.taskRuns[0].retriesStatus.slice(0, 1),
  });
  fixture.view.taskRuns = [waiting];
  assertSameJson(item(fixture, 1).status, {
    conditions: [
      {
        type: 'Succeeded',
        status: 'Unknown',
        lastTransitionTime: '2000-01-01T00:00:10Z',
        reason: 'ToBeRetried',
      },
    ],
    podName: '',
    retriesStatus: [
      (item(retriedRun(), 1).status as { retriesStatus: unknown[] }).retriesStatus[0],
    ],
  });
});

test('report: kubectl: pod names past 63 characters are cut and hashed as Kubernetes does', () => {
  const fixture = retriedRun();
  const longName = 'a-very-long-pipelinerun-name-for-testing-name-limits-deploy'; // 59 characters
  fixture.view.taskRuns[0].name = longName;
  const status = item(fixture, 1).status as {
    podName: string;
    retriesStatus: { podName: string }[];
  };
  assert.is(status.retriesStatus[0].podName, `${longName}-pod`);
  assert.is(
    status.retriesStatus[1].podName,
    'a-very-long-pipelined312f5fc949bfe107a941300b5b04c0d-pod-retry1',
  );
  assert.is(status.retriesStatus[1].podName.length, 63);
});

test('report: kubectl: spec keys follow PipelineRunSpec order, defaults in place, unknown keys after', () => {
  const fixture = succeededRun();
  fixture.run.spec = {
    managedBy: 'someone',
    timeouts: { finally: '5m', pipeline: '1h30m' },
    params: [],
    pipelineRef: { name: 'build' },
    extra: 1,
  } as typeof fixture.run.spec;
  assert.equal(Object.keys(item(fixture, 0).spec as JsonObject), [
    'pipelineRef',
    'params',
    'timeouts',
    'taskRunTemplate',
    'managedBy',
    'extra',
  ]);
  // TaskRunTemplate is a struct in Go, so it is written with the defaulted service account.
  assertSameJson((item(fixture, 0).spec as JsonObject).taskRunTemplate, {
    serviceAccountName: 'default',
  });
  assertSameJson((item(fixture, 0).spec as JsonObject).timeouts, {
    pipeline: '1h30m0s',
    finally: '5m0s',
  });
});

test('report: kubectl: the output shares nothing with the input', () => {
  const fixture = succeededRun();
  const list = listOf(fixture);
  const before = toJsonText(fixture);
  (((list.items[2].spec as JsonObject).params as JsonObject[])[0].value as string[]).push(
    'mutated',
  );
  ((list.items[0].spec as JsonObject).pipelineRef as JsonObject).name = 'mutated';
  assert.is(toJsonText(fixture), before);
});

test('report: kubectl: kubectl-form JSON and YAML are sorted at every level', () => {
  const json = toJsonText(listOf(retriedRun()), KUBECTL_JSON);
  assert.ok(
    json.startsWith(
      '{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "tekton.dev/v1",\n            "kind": "PipelineRun",\n            "metadata": {\n                "creationTimestamp": "2000-01-01T00:00:00Z",\n',
    ),
  );
  assert.ok(
    json.endsWith(
      '    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    ),
  );
  const yaml = toYamlText(listOf(retriedRun()), { sortKeys: true });
  assert.ok(
    yaml.includes(
      '  status:\n    completionTime: "2000-01-01T00:00:31Z"\n    conditions:\n    - lastTransitionTime: "2000-01-01T00:00:31Z"\n      message: All Steps have completed executing\n      reason: Succeeded\n      status: "True"\n      type: Succeeded\n    podName: flaky-run-e2e-pod-retry2\n',
    ),
  );
});

test('report: kubectl: YAML of a retried run is stable', () => {
  const expected = `apiVersion: v1
kind: List
items:
- apiVersion: tekton.dev/v1
  kind: PipelineRun
  metadata:
    name: flaky-run
    namespace: default
    creationTimestamp: "2000-01-01T00:00:00Z"
    labels:
      tekton.dev/pipeline: flaky
  spec:
    pipelineRef:
      name: flaky
    timeouts:
      pipeline: 1h0m0s
    taskRunTemplate:
      serviceAccountName: default
  status:
    conditions:
    - type: Succeeded
      status: "True"
      lastTransitionTime: "2000-01-01T00:00:31Z"
      reason: Succeeded
      message: "Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 0"
    startTime: "2000-01-01T00:00:00Z"
    completionTime: "2000-01-01T00:00:31Z"
    childReferences:
    - apiVersion: tekton.dev/v1
      kind: TaskRun
      name: flaky-run-e2e
      pipelineTaskName: e2e
- apiVersion: tekton.dev/v1
  kind: TaskRun
  metadata:
    name: flaky-run-e2e
    namespace: default
    creationTimestamp: "2000-01-01T00:00:00Z"
    labels:
      app.kubernetes.io/managed-by: tekton-pipelines
      tekton.dev/memberOf: tasks
      tekton.dev/pipeline: flaky
      tekton.dev/pipelineRun: flaky-run
      tekton.dev/pipelineTask: e2e
    ownerReferences:
    - apiVersion: tekton.dev/v1
      kind: PipelineRun
      name: flaky-run
      controller: true
      blockOwnerDeletion: true
  spec:
    serviceAccountName: default
    retries: 2
    timeout: 10m0s
  status:
    conditions:
    - type: Succeeded
      status: "True"
      lastTransitionTime: "2000-01-01T00:00:31Z"
      reason: Succeeded
      message: All Steps have completed executing
    podName: flaky-run-e2e-pod-retry2
    startTime: "2000-01-01T00:00:21Z"
    completionTime: "2000-01-01T00:00:31Z"
    retriesStatus:
    - conditions:
      - type: Succeeded
        status: "False"
        lastTransitionTime: "2000-01-01T00:00:10Z"
        reason: StepFailed
        message: '"step-run" exited with code 1'
      podName: flaky-run-e2e-pod
      startTime: "2000-01-01T00:00:00Z"
      completionTime: "2000-01-01T00:00:10Z"
    - conditions:
      - type: Succeeded
        status: "False"
        lastTransitionTime: "2000-01-01T00:00:20Z"
        reason: StepFailed
        message: '"step-run" exited with code 1'
      podName: flaky-run-e2e-pod-retry1
      startTime: "2000-01-01T00:00:10Z"
      completionTime: "2000-01-01T00:00:20Z"
metadata:
  resourceVersion: ""
`;
  assert.fixture(toYamlText(listOf(retriedRun())), expected);
});

test.run();
