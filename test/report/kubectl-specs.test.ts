// The specs `-o yaml|json` prints, held to what Tekton v1.15.0 writes: the PipelineRun's spec
// as defaulting leaves it (PipelineRunSpec.SetDefaults, pipelinerun_defaults.go) and each
// TaskRun's spec as createTaskRun (pkg/reconciler/pipelinerun/pipelinerun.go) and
// TaskRunSpec.SetDefaults (taskrun_defaults.go) leave it.
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCase } from '../conformance/harness.js';

type Json = Record<string, unknown>;

function items(yamlText: string, options: Parameters<typeof runCase>[1] = {}): Json[] {
  return (JSON.parse(runCase(yamlText, options).json) as { items: Json[] }).items;
}

function taskRunSpec(list: Json[], pipelineTask: string): Json {
  const found = list.find(
    (entry) =>
      entry.kind === 'TaskRun' &&
      ((entry.metadata as Json).labels as Json)['tekton.dev/pipelineTask'] === pipelineTask,
  );
  if (!found) throw new Error(`no TaskRun for ${pipelineTask}`);
  return found.spec as Json;
}

const REFERENCED = `
apiVersion: tekton.dev/v1
kind: Task
metadata: {name: compile}
spec:
  params: [{name: level}]
  steps: [{name: make, image: alpine, script: "sleep 1"}]
---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: build}
spec:
  params: [{name: revision}, {name: level}]
  tasks:
    - name: compile
      taskRef: {name: compile}
      params: [{name: level, value: $(params.level)}]
    - name: remote
      taskRef:
        resolver: git
        params:
          - {name: url, value: https://example.com/catalog.git}
          - {name: revision, value: $(params.revision)}
          - {name: pathInRepo, value: task/lint/lint.yaml}
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: build-run}
spec:
  pipelineRef: {name: build}
  params: [{name: revision, value: v1.2.3}, {name: level, value: "2"}]
  timeouts: {tasks: 10m}
`;

test('kubectl specs: a PipelineRun gets the default pipeline timeout and service account (PipelineRunSpec.SetDefaults)', () => {
  const run = items(REFERENCED)[0];
  assert.equal(Object.keys(run.spec as Json), [
    'pipelineRef',
    'params',
    'timeouts',
    'taskRunTemplate',
  ]);
  assert.equal((run.spec as Json).timeouts, { pipeline: '1h0m0s', tasks: '10m0s' });
  assert.equal((run.spec as Json).taskRunTemplate, { serviceAccountName: 'default' });
});

test("kubectl specs: the default timeout is config-defaults' (--default-timeout), and a given one stays", () => {
  const run = items(REFERENCED, { defaultTimeoutMs: 30 * 60_000 })[0];
  assert.equal((run.spec as Json).timeouts, { pipeline: '30m0s', tasks: '10m0s' });
  const given = items(
    REFERENCED.replace(
      'timeouts: {tasks: 10m}',
      'timeouts: {pipeline: "0"}\n  taskRunTemplate: {serviceAccountName: builder}',
    ),
  )[0];
  assert.equal((given.spec as Json).timeouts, { pipeline: '0s' });
  assert.equal((given.spec as Json).taskRunTemplate, { serviceAccountName: 'builder' });
});

test("kubectl specs: a TaskRun carries the pipeline task's taskRef, kind Task filled in, params substituted", () => {
  const list = items(REFERENCED);
  const compile = taskRunSpec(list, 'compile');
  assert.equal(Object.keys(compile), ['params', 'serviceAccountName', 'taskRef', 'timeout']);
  // TaskRunSpec.SetDefaults: no kind and no resolver means a namespaced Task.
  assert.equal(compile.taskRef, { name: 'compile', kind: 'Task' });
  // A resolver ref keeps no kind; replaceVariablesInPipelineTasks fills in its params.
  assert.equal(taskRunSpec(list, 'remote').taskRef, {
    resolver: 'git',
    params: [
      { name: 'url', value: 'https://example.com/catalog.git' },
      { name: 'revision', value: 'v1.2.3' },
      { name: 'pathInRepo', value: 'task/lint/lint.yaml' },
    ],
  });
});

test('kubectl specs: taskRunSpecs and taskRunTemplate reach the TaskRun as GetTaskRunSpec merges them', () => {
  const list = items(
    REFERENCED.replace(
      'timeouts: {tasks: 10m}',
      `taskRunTemplate:
    serviceAccountName: builder
    podTemplate:
      nodeSelector: {pool: ci}
      env: [{name: A, value: template}, {name: B, value: template}]
      schedulerName: template-scheduler
  taskRunSpecs:
    - pipelineTaskName: compile
      serviceAccountName: compiler
      podTemplate:
        env: [{name: B, value: override}]
        schedulerName: fast
      stepSpecs: [{name: make, computeResources: {requests: {cpu: "2"}}}]
    # An entry's computeResources beside step resources is refused (validateTaskRunComputeResources).
    - pipelineTaskName: remote
      computeResources: {limits: {memory: 1Gi}}`,
    ),
  );
  const compile = taskRunSpec(list, 'compile');
  assert.equal(compile.serviceAccountName, 'compiler');
  // MergePodTemplateWithDefault: the entry's fields win, env is merged by name (its own first).
  assert.equal(compile.podTemplate, {
    env: [
      { name: 'B', value: 'override' },
      { name: 'A', value: 'template' },
    ],
    schedulerName: 'fast',
    nodeSelector: { pool: 'ci' },
  });
  assert.equal(compile.stepSpecs, [{ name: 'make', computeResources: { requests: { cpu: '2' } } }]);
  const remote = taskRunSpec(list, 'remote');
  assert.equal(remote.computeResources, { limits: { memory: '1Gi' } });
  assert.is(remote.serviceAccountName, 'builder');
  assert.equal(remote.podTemplate, {
    nodeSelector: { pool: 'ci' },
    env: [
      { name: 'A', value: 'template' },
      { name: 'B', value: 'template' },
    ],
    schedulerName: 'template-scheduler',
  });
  assert.is(remote.stepSpecs, undefined);
});

test("kubectl specs: an embedded pipelineSpec gets its params', refs' and task specs' defaults", () => {
  const run = items(`
apiVersion: tekton.dev/v1
kind: Task
metadata: {name: echo}
spec:
  steps: [{image: alpine, script: "true"}]
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: inline-run}
spec:
  pipelineSpec:
    params:
      - {name: flags, default: [a, b]}
      - {name: target, properties: {host: {}}, default: {host: x}}
      - {name: plain}
    tasks:
      - name: first
        timeout: 90s
        taskRef: {name: echo}
      - name: second
        taskSpec:
          params: [{name: n, default: "1"}]
          results: [{name: out}, {name: info, properties: {a: {}}}]
          steps: [{image: alpine, script: "true"}]
`)[0];
  const pipelineSpec = (run.spec as Json).pipelineSpec as Json;
  assert.equal(pipelineSpec.params, [
    { name: 'flags', type: 'array', default: ['a', 'b'] },
    {
      name: 'target',
      type: 'object',
      properties: { host: { type: 'string' } },
      default: { host: 'x' },
    },
    { name: 'plain', type: 'string' },
  ]);
  const [first, second] = pipelineSpec.tasks as Json[];
  assert.equal(first.taskRef, { name: 'echo', kind: 'Task' });
  // metav1.Duration prints Go's form.
  assert.is(first.timeout, '1m30s');
  const taskSpec = second.taskSpec as Json;
  assert.equal(taskSpec.params, [{ name: 'n', type: 'string', default: '1' }]);
  assert.equal(taskSpec.results, [
    { name: 'out', type: 'string' },
    { name: 'info', type: 'object', properties: { a: { type: 'string' } } },
  ]);
});

test("kubectl specs: a TaskRun's workspaces are the run's bindings as getTaskrunWorkspaces gives them", () => {
  const list = items(`
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: ws-run, uid: 4f9c-uid}
spec:
  workspaces:
    - {name: shared, subPath: runs, persistentVolumeClaim: {claimName: data}}
    - name: cache
      volumeClaimTemplate:
        metadata: {name: cache-claim}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
    - {name: conf, configMap: {name: settings}}
  pipelineSpec:
    workspaces: [{name: shared}, {name: cache}, {name: conf}]
    tasks:
      - name: build
        workspaces:
          - {name: src, workspace: shared, subPath: "$(context.pipelineRun.name)/src"}
          - {name: cache, workspace: cache}
        taskSpec:
          workspaces: [{name: src}, {name: cache}]
          steps:
            - image: alpine
              script: ls $(workspaces.src.path) $(workspaces.conf.path)
`);
  // GeneratePVCNameFromWorkspaceBinding: the template's name, then 10 hex digits of the
  // sha256 of the run's binding name and the PipelineRun's uid.
  const identity = createHash('sha256').update('cache4f9c-uid').digest('hex').slice(0, 10);
  assert.equal(taskRunSpec(list, 'build').workspaces, [
    // combinedSubPath joins the run's subPath and the task's; contexts are filled in last.
    { name: 'src', subPath: 'runs/ws-run/src', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'cache', persistentVolumeClaim: { claimName: `cache-claim-${identity}` } },
    // propagateWorkspaces: an embedded spec's steps use `conf` without the task binding it.
    { name: 'conf', configMap: { name: 'settings' } },
  ]);
});

test.run();
