// Conformance cases about files, mounted as Tekton mounts them (pkg/pod, pkg/workspace):
// what one step writes where, and which later steps and TaskRuns see it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulateRun } from '../../src/index.js';
import { outcome, runCase } from './harness.js';

function reasons(run: ReturnType<typeof runCase>): Record<string, string> {
  return Object.fromEntries(
    run.view.taskRuns.map((taskRun) => [
      taskRun.pipelineTaskName,
      taskRun.condition.status === 'True' ? 'Succeeded' : taskRun.condition.message,
    ]),
  );
}

const SHARED_CLAIM = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: shared
spec:
  workspaces:
    - name: claim
      volumeClaimTemplate:
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
    - name: scratch
      emptyDir: {}
  pipelineSpec:
    workspaces:
      - name: claim
      - name: scratch
    tasks:
      - name: write
        workspaces:
          - {name: out, workspace: claim, subPath: build}
          - {name: tmp, workspace: scratch}
        taskSpec:
          workspaces: [{name: out}, {name: tmp}]
          steps:
            - name: first
              image: alpine
              script: |
                mkdir -p $(workspaces.out.path)/dir
                echo -n hello > $(workspaces.out.path)/dir/greeting
                echo -n mine > /tmp/private
                echo -n left > $(workspaces.tmp.path)/note
            - name: second
              image: alpine
              script: |
                [ "$(cat $(workspaces.out.path)/dir/greeting)" = hello ] || exit 1
                [ ! -e /tmp/private ] || exit 2
                [ -f $(workspaces.tmp.path)/note ] || exit 3
      - name: read
        runAfter: [write]
        workspaces:
          - {name: in, workspace: claim}
          - {name: tmp, workspace: scratch}
        taskSpec:
          workspaces: [{name: in}, {name: tmp}]
          steps:
            - name: check
              image: alpine
              script: |
                [ "$(cat $(workspaces.in.path)/build/dir/greeting)" = hello ] || exit 1
                [ ! -e $(workspaces.tmp.path)/note ] || exit 2
                [ "$(ls $(workspaces.in.path)/build)" = dir ] || exit 3
                rm -r $(workspaces.in.path)/build/dir
                [ ! -d $(workspaces.in.path)/build/dir ] || exit 4
`;

test('conformance: files on a volumeClaimTemplate workspace reach later TaskRuns; /tmp and emptyDir do not', () => {
  const run = runCase(SHARED_CLAIM);
  assert.equal(reasons(run), { write: 'Succeeded', read: 'Succeeded' });
  assert.is(outcome(run.view), 'True/Succeeded');
});

const CONFIG_AND_SECRET = `
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  mode: fast
  level: "3"
---
apiVersion: v1
kind: Secret
metadata: {name: token}
data:
  value: c2VjcmV0
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: sources
spec:
  workspaces:
    - {name: config, configMap: {name: settings}}
    - {name: credentials, secret: {secretName: token}}
  pipelineSpec:
    workspaces: [{name: config}, {name: credentials}]
    tasks:
      - name: read
        workspaces:
          - {name: config, workspace: config}
          - {name: credentials, workspace: credentials}
        taskSpec:
          workspaces:
            - {name: config, mountPath: /etc/app}
            - {name: credentials}
          steps:
            - name: check
              image: alpine
              script: |
                [ "$(cat /etc/app/mode)" = fast ] || exit 1
                [ "$(ls /etc/app)" = "level
                mode" ] || exit 2
                [ "$(cat $(workspaces.credentials.path)/value)" = secret ] || exit 3
                if echo x > /etc/app/new; then exit 4; fi
`;

test('conformance: a ConfigMap or Secret workspace shows its keys as read-only files, Secret values decoded', () => {
  const run = runCase(CONFIG_AND_SECRET);
  assert.equal(reasons(run), { read: 'Succeeded' });
});

const ISOLATED = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: isolated
spec:
  workspaces:
    - {name: data, emptyDir: {}}
  pipelineSpec:
    workspaces: [{name: data}]
    tasks:
      - name: steps
        workspaces: [{name: secrets, workspace: data}]
        taskSpec:
          workspaces: [{name: secrets}]
          steps:
            - name: owner
              image: alpine
              workspaces: [{name: secrets, mountPath: /private}]
              script: echo -n x > /private/key && [ -f /private/key ]
            - name: other
              image: alpine
              script: |
                [ ! -e /workspace/secrets/key ] || exit 2
`;

test('conformance: a workspace a step lists is mounted in that step only, at its mountPath', () => {
  const run = runCase(ISOLATED);
  assert.equal(reasons(run), { steps: 'Succeeded' });
});

const UNKNOWN_FILES = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: unknown
spec:
  workspaces:
    - {name: data, persistentVolumeClaim: {claimName: existing}}
  pipelineSpec:
    workspaces: [{name: data}]
    tasks:
      - name: read
        workspaces: [{name: data, workspace: data}]
        taskSpec:
          workspaces: [{name: data}]
          results: [{name: old}]
          steps:
            - name: check
              image: alpine
              script: |
                cat $(workspaces.data.path)/previous > $(results.old.path)
                [ ! -e /workspace/never-written ] || exit 1
`;

test('conformance: reading a file nobody wrote on a claim with earlier contents warns, naming the path', () => {
  const run = runCase(UNKNOWN_FILES);
  assert.equal(reasons(run), { read: 'Succeeded' });
  assert.equal(run.taskRun('read').results, [{ name: 'old', value: '' }]);
  const { result } = simulateRun(run.prepared.plan);
  assert.equal(result.fileWarnings, [
    'task "read": /workspace/data/previous: nothing wrote it in this simulation and claim "existing" held files before this run that are not known; read as empty',
  ]);
});

const NOT_SIMULATED_WRITER = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: cloned
spec:
  workspaces:
    - name: source
      volumeClaimTemplate:
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  pipelineSpec:
    workspaces: [{name: source}]
    tasks:
      - name: clone
        workspaces: [{name: src, workspace: source}]
        taskSpec:
          workspaces: [{name: src}]
          steps:
            - name: fetch
              image: alpine/git
              script: git clone https://example.com/repo.git $(workspaces.src.path)
            - name: own-pod
              image: alpine
              script: |
                [ -f /workspace/made-by-git ] || exit 1
      - name: build
        runAfter: [clone]
        workspaces: [{name: src, workspace: source}]
        taskSpec:
          workspaces: [{name: src}]
          steps:
            - name: read
              image: alpine
              script: |
                [ -f $(workspaces.src.path)/go.mod ] || exit 1
`;

test('conformance: a command not simulated leaves the files it could write unknown, also when its step is not interpreted again', () => {
  // The second run finds the clone step's outcome kept from the first: the git command is
  // not interpreted again, but what it may have written must still be unknown to the steps
  // and TaskRuns after it, in the pod and on the shared workspace alike.
  for (const run of [runCase(NOT_SIMULATED_WRITER), runCase(NOT_SIMULATED_WRITER)]) {
    assert.equal(reasons(run), { clone: 'Succeeded', build: 'Succeeded' });
    assert.equal(simulateRun(run.prepared.plan).result.fileWarnings, [
      'task "clone": /workspace/made-by-git: it may have been written by git, which is not simulated; test -f /workspace/made-by-git: assumed to exist',
      'task "build": /workspace/src/go.mod: it may have been written by git, which is not simulated; test -f /workspace/src/go.mod: assumed to exist',
    ]);
  }
});

test.run();
