// Conformance cases about array and object values and the variables Tekton substitutes
// before anything reads them: results typed as the step wrote them (pkg/pod/status.go
// filterResults), matrix context variables (ApplyPipelineTaskContexts), workspace variables
// (pipelinerun and taskrun ApplyWorkspaces), array args and onError from a param.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, paramValue, runCase } from './harness.js';

const ARRAY_AND_OBJECT_PRODUCER = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: structured
spec:
  pipelineSpec:
    results:
      - name: all-images
        type: array
        value: $(tasks.produce.results.images[*])
      - name: second-image
        value: $(tasks.produce.results.images[1])
      - name: url
        value: $(tasks.produce.results.location.url)
    tasks:
      - name: produce
        taskSpec:
          results:
            - name: images
              type: array
            - name: location
              properties:
                url: {type: string}
            - name: text
          steps:
            - name: write
              image: alpine
              script: |
                echo -n '["alpine","ubuntu"]' > $(results.images.path)
                echo -n '{"url":"example.dev","digest":"abc"}' > $(results.location.path)
                echo -n '["kept","as text"]' > $(results.text.path)
      - name: consume
        params:
          - name: images
            value: $(tasks.produce.results.images[*])
          - name: url
            value: $(tasks.produce.results.location.url)
        when:
          - input: $(tasks.produce.results.images[1])
            operator: in
            values: ["ubuntu"]
        taskSpec:
          params:
            - name: images
              type: array
            - name: url
          steps:
            - name: check
              image: alpine
              args: ["$(params.images[*])"]
              script: |
                [ "$#" = 2 ] || exit 1
                [ "$2" = ubuntu ] || exit 2
                [ "$(params.url)" = example.dev ] || exit 3
      - name: skipped-by-index
        when:
          - input: $(tasks.produce.results.images[0])
            operator: notin
            values: ["alpine"]
        taskSpec:
          steps:
            - name: fail
              image: alpine
              script: exit 1
`;

test('conformance: array and object results are typed in TaskRun status; a string result keeps JSON text', () => {
  const run = runCase(ARRAY_AND_OBJECT_PRODUCER);
  assert.equal(run.taskRun('produce').results, [
    { name: 'images', value: ['alpine', 'ubuntu'] },
    { name: 'location', value: { digest: 'abc', url: 'example.dev' } },
    { name: 'text', value: '["kept","as text"]' },
  ]);
});

test('conformance: [*], [i] and .key of results resolve in params, when, step args and pipeline results', () => {
  const run = runCase(ARRAY_AND_OBJECT_PRODUCER);
  const consume = run.taskRun('consume');
  assert.equal(paramValue(consume, 'images'), ['alpine', 'ubuntu']);
  assert.is(paramValue(consume, 'url'), 'example.dev');
  assert.is(consume.condition.reason, 'Succeeded', consume.condition.message);
  assert.equal(run.skipped(), { 'skipped-by-index': 'When Expressions evaluated to false' });
  assert.equal(run.view.pipelineRun.results, [
    { name: 'all-images', value: ['alpine', 'ubuntu'] },
    { name: 'second-image', value: 'ubuntu' },
    { name: 'url', value: 'example.dev' },
  ]);
  assert.is(outcome(run.view), 'True/Completed');
});

const MATRIX_OVER_RESULTS = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: fan
spec:
  pipelineSpec:
    tasks:
      - name: list
        taskSpec:
          results:
            - name: platforms
              type: array
          steps:
            - name: write
              image: alpine
              script: echo -n '["linux","mac","windows"]' > $(results.platforms.path)
      - name: build
        matrix:
          params:
            - name: platform
              value: $(tasks.list.results.platforms[*])
        taskSpec:
          params:
            - name: platform
          results:
            - name: digest
          steps:
            - name: write
              image: alpine
              script: |
                if [ "$(params.platform)" != mac ]; then
                  echo -n "d-$(params.platform)" > $(results.digest.path)
                fi
      - name: count
        runAfter: [build]
        params:
          - name: combinations
            value: $(tasks.build.matrix.length)
          - name: digests
            value: $(tasks.build.matrix.digest.length)
          - name: never-written
            value: $(tasks.build.matrix.other.length)
        taskSpec:
          params:
            - name: combinations
            - name: digests
            - name: never-written
          steps:
            - name: check
              image: alpine
              script: |
                [ "$(params.combinations)" = 1 ] && [ "$(params.digests)" = 2 ]
`;

// matrix.length is Matrix.CountCombinations of the spec in status.pipelineSpec, where the
// matrix param is still the string `$(tasks.list.results.platforms[*])`: a param without an
// array value leaves the product at 1 (ApplyPipelineTaskContexts; semantics-disagreements 55).
// It was 3, the TaskRuns made, before.
test('conformance: a matrix over an array result fans out to its length; matrix.length counts the spec (1), matrix.R.length the TaskRuns that wrote R', () => {
  const run = runCase(MATRIX_OVER_RESULTS);
  const builds = run.view.taskRuns.filter((taskRun) => taskRun.pipelineTaskName === 'build');
  assert.equal(
    builds.map((taskRun) => paramValue(taskRun, 'platform')),
    ['linux', 'mac', 'windows'],
  );
  const count = run.taskRun('count');
  assert.is(paramValue(count, 'combinations'), '1');
  assert.is(paramValue(count, 'digests'), '2');
  assert.is(paramValue(count, 'never-written'), '0');
  assert.is(outcome(run.view), 'True/Succeeded');
});

const OPTIONAL_WORKSPACE = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: optional
spec:
  workspaces:
    - name: given
      emptyDir: {}
    - name: scratch
      emptyDir: {}
  pipelineSpec:
    workspaces:
      - name: given
        optional: true
      - name: absent
        optional: true
      - name: scratch
    tasks:
      - name: when-given
        when:
          - input: $(workspaces.given.bound)
            operator: in
            values: ["true"]
        workspaces:
          - name: data
            workspace: given
          - name: extra
            workspace: absent
          # A required task workspace must be bound, or prepare fails the TaskRun
          # (workspace.ValidateBindings).
          - name: mounted
            workspace: scratch
        taskSpec:
          workspaces:
            - name: data
              optional: true
            - name: extra
              optional: true
            - name: mounted
              mountPath: /custom
          steps:
            - name: check
              image: alpine
              script: |
                [ "$(workspaces.data.bound)" = true ] || exit 1
                [ "$(workspaces.data.path)" = /workspace/data ] || exit 2
                [ "$(workspaces.extra.bound)" = false ] || exit 3
                [ -z "$(workspaces.extra.path)" ] || exit 4
                [ "$(workspaces.mounted.path)" = /custom ] || exit 5
      - name: when-absent
        when:
          - input: $(workspaces.absent.bound)
            operator: in
            values: ["true"]
        taskSpec:
          steps:
            - name: fail
              image: alpine
              script: exit 1
`;

test('conformance: $(workspaces.W.bound) in when and bound/path in steps follow the bindings', () => {
  const run = runCase(OPTIONAL_WORKSPACE);
  const check = run.taskRun('when-given');
  assert.is(check.condition.reason, 'Succeeded', check.condition.message);
  assert.equal(run.skipped(), { 'when-absent': 'When Expressions evaluated to false' });
  assert.is(outcome(run.view), 'True/Completed');
});

const ON_ERROR_FROM_PARAM = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: on-error
spec:
  pipelineSpec:
    tasks:
      - name: tolerant
        params:
          - name: mode
            value: continue
        taskSpec: &spec
          params:
            - name: mode
          steps:
            - name: may-fail
              image: alpine
              onError: $(params.mode)
              script: exit 3
            - name: after
              image: alpine
              script: sleep 1
      - name: strict
        params:
          - name: mode
            value: stopAndFail
        taskSpec: *spec
`;

test('conformance: a step onError given by a param is substituted before it is read', () => {
  const run = runCase(ON_ERROR_FROM_PARAM);
  const tolerant = run.taskRun('tolerant');
  assert.is(tolerant.condition.reason, 'Succeeded');
  assert.is(tolerant.completionTimeMs, 1000);
  const strict = run.taskRun('strict');
  assert.is(strict.condition.status, 'False');
  assert.ok(strict.condition.message.startsWith('"step-may-fail" exited with code 3'));
});

test.run();
