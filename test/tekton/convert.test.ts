import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { convertV1beta1Spec, locateField, sourcePathOf } from '../../src/tekton/convert.js';
import { loadText } from '../../src/tekton/load.js';

function loadOne(text: string) {
  const set = loadText(text, 'run.yaml');
  assert.equal(
    set.diagnostics.filter((d) => d.severity !== 'note'),
    [],
  );
  return set.resources[0];
}

function where(resource: ReturnType<typeof loadOne>, fieldPath: string): string {
  const { line, column } = locateField(resource, fieldPath);
  return `${line}:${column}`;
}

test('convert: v1beta1: spec.timeout becomes timeouts.pipeline, located at spec.timeout', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata:
  name: r
spec:
  pipelineRef:
    name: p
  timeout: 1h30m
`);
  assert.is(run.kind, 'PipelineRun');
  assert.is(run.apiVersion, 'tekton.dev/v1');
  assert.is(run.originalApiVersion, 'tekton.dev/v1beta1');
  assert.equal(run.spec, { pipelineRef: { name: 'p' }, timeouts: { pipeline: '1h30m' } });
  assert.is(where(run, 'spec.timeouts.pipeline'), '8:3');
  assert.is(where(run, 'spec.timeouts'), '8:3');
  assert.is(run.v1beta1TimeoutAndTimeouts, undefined);
});

test('convert: v1beta1: spec.timeout with spec.timeouts is flagged; timeout wins as in Tekton', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineRef: {name: p}
  timeout: 1h
  timeouts:
    tasks: 50m
`);
  assert.equal(run.spec, { pipelineRef: { name: 'p' }, timeouts: { pipeline: '1h' } });
  assert.is(run.v1beta1TimeoutAndTimeouts, true);
});

test('convert: v1beta1: serviceAccountName and podTemplate move to taskRunTemplate', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineRef: {name: p}
  serviceAccountName: builder
  podTemplate:
    nodeSelector: {disk: ssd}
`);
  assert.equal(run.spec, {
    pipelineRef: { name: 'p' },
    taskRunTemplate: {
      serviceAccountName: 'builder',
      podTemplate: { nodeSelector: { disk: 'ssd' } },
    },
  });
  assert.is(where(run, 'spec.taskRunTemplate.serviceAccountName'), '6:3');
  assert.is(where(run, 'spec.taskRunTemplate.podTemplate.nodeSelector.disk'), '8:20');
  assert.is(where(run, 'spec.taskRunTemplate'), '6:3');
});

test('convert: v1beta1: taskRunSpecs fields get their v1 names', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineRef: {name: p}
  taskRunSpecs:
    - pipelineTaskName: build
      taskServiceAccountName: sa
      taskPodTemplate: {hostNetwork: true}
      stepOverrides: [{name: s}]
      sidecarOverrides: [{name: c}]
      timeout: 5m
`);
  assert.equal(run.spec, {
    pipelineRef: { name: 'p' },
    taskRunSpecs: [
      {
        pipelineTaskName: 'build',
        timeout: '5m',
        serviceAccountName: 'sa',
        podTemplate: { hostNetwork: true },
        stepSpecs: [{ name: 's' }],
        sidecarSpecs: [{ name: 'c' }],
      },
    ],
  });
  assert.is(where(run, 'spec.taskRunSpecs[0].serviceAccountName'), '8:7');
  assert.is(where(run, 'spec.taskRunSpecs[0].podTemplate'), '9:7');
  assert.is(where(run, 'spec.taskRunSpecs[0].stepSpecs[0].name'), '10:24');
  assert.is(where(run, 'spec.taskRunSpecs[0].timeout'), '12:7');
});

test('convert: v1beta1: step, sidecar and stepTemplate resources become computeResources', () => {
  const task = loadOne(`apiVersion: tekton.dev/v1beta1
kind: Task
metadata: {name: t}
spec:
  stepTemplate:
    resources: {limits: {cpu: "1"}}
  steps:
    - name: s
      image: alpine
      resources: {requests: {memory: 1Gi}}
  sidecars:
    - name: c
      image: redis
      resources: {}
`);
  assert.equal(task.spec, {
    stepTemplate: { computeResources: { limits: { cpu: '1' } } },
    steps: [{ name: 's', image: 'alpine', computeResources: { requests: { memory: '1Gi' } } }],
    sidecars: [{ name: 'c', image: 'redis', computeResources: {} }],
  });
  assert.is(where(task, 'spec.steps[0].computeResources.requests'), '10:19');
  assert.is(where(task, 'spec.stepTemplate.computeResources'), '6:5');
});

test('convert: v1beta1: embedded pipelineSpec and taskSpec are converted too', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1beta1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineSpec:
    finally:
      - name: f
        taskSpec:
          steps:
            - image: alpine
              resources: {}
`);
  const finallyTask = run.kind === 'PipelineRun' ? run.spec.pipelineSpec?.finally?.[0] : undefined;
  assert.equal(finallyTask?.taskSpec?.steps?.[0], { image: 'alpine', computeResources: {} });
  assert.is(where(run, 'spec.pipelineSpec.finally[0].taskSpec.steps[0].computeResources'), '11:15');
});

test('convert: v1beta1: ClusterTask refs and bundles are kept as refs; unknown fields stay', () => {
  const pipeline = loadOne(`apiVersion: tekton.dev/v1beta1
kind: Pipeline
metadata: {name: p}
spec:
  resources: [{name: repo, type: git}]
  tasks:
    - name: a
      taskRef: {name: lint, kind: ClusterTask}
    - name: b
      taskRef: {name: clone, bundle: "gcr.io/x/clone:1"}
      colour: blue
`);
  assert.equal(pipeline.spec, {
    resources: [{ name: 'repo', type: 'git' }],
    tasks: [
      { name: 'a', taskRef: { name: 'lint', kind: 'ClusterTask' } },
      { name: 'b', taskRef: { name: 'clone', bundle: 'gcr.io/x/clone:1' }, colour: 'blue' },
    ],
  });
  assert.is(pipeline.sourcePaths, undefined);
});

test('convert: v1 resources are not converted', () => {
  const run = loadOne(`apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineRef: {name: p}
  timeout: 1h
`);
  // A v1 PipelineRun has no spec.timeout; it stays for validation to report.
  assert.equal(run.spec, { pipelineRef: { name: 'p' }, timeout: '1h' });
  assert.is(run.sourcePaths, undefined);
});

// Changed (entry 99): this test expected the v1 `taskRunTemplate` to win and the v1beta1
// `serviceAccountName` to stay as a stray field. Tekton's webhook decodes a v1beta1 request
// with unknown fields disallowed, so `taskRunTemplate` is the unknown one and never read.
test('convert: a v1 name in a v1beta1 spec is taken out as an unknown field; the v1beta1 one converts', () => {
  const spec: Record<string, unknown> = {
    serviceAccountName: 'a',
    taskRunTemplate: { serviceAccountName: 'b' },
  };
  const converted = convertV1beta1Spec('PipelineRun', spec);
  assert.equal(converted.spec, { taskRunTemplate: { serviceAccountName: 'a' } });
  assert.equal(converted.unknownFields, [
    { field: 'spec.taskRunTemplate', path: ['spec', 'taskRunTemplate'], key: 'taskRunTemplate' },
  ]);
  assert.equal(converted.sourcePaths, {
    'spec.taskRunTemplate': ['spec', 'serviceAccountName'],
    'spec.taskRunTemplate.serviceAccountName': ['spec', 'serviceAccountName'],
  });
});

test('convert: sourcePathOf maps the longest moved prefix and keeps the rest', () => {
  const resource = {
    sourcePaths: {
      'spec.taskRunTemplate': ['spec', 'podTemplate'],
      'spec.taskRunTemplate.podTemplate': ['spec', 'podTemplate'],
    },
  };
  assert.equal(sourcePathOf(resource, 'spec.taskRunTemplate.podTemplate.tolerations[2].key'), [
    'spec',
    'podTemplate',
    'tolerations',
    2,
    'key',
  ]);
  assert.equal(sourcePathOf(resource, 'spec.taskRunTemplateX'), ['spec', 'taskRunTemplateX']);
  assert.equal(sourcePathOf({}, 'spec.tasks[1].name'), ['spec', 'tasks', 1, 'name']);
});

test.run();
