// spec.taskSpec and status.taskSpec of each TaskRun, held to what Tekton v1.15.0 writes:
// the PipelineRun controller fills the run's params, contexts and bound workspaces into an
// embedded spec (pkg/reconciler/pipelinerun/resources/apply.go ApplyParameters,
// propagateParams, ApplyContexts, ApplyWorkspaces) and copies it into the TaskRun
// (createTaskRun); the TaskRun reconciler stores the spec with its own params, contexts,
// result and step paths and workspaces filled in (pkg/reconciler/taskrun/taskrun.go
// applyParamsContextsResultsAndWorkspaces), after TaskSpec.SetDefaults (GetTaskData).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCase } from '../conformance/harness.js';
import { type Json, taskRunOfList } from './fixtures.js';

const taskRun = taskRunOfList;

const taskSpecOf = (object: Json) => (object as { taskSpec: Json }).taskSpec;
const firstStep = (spec: Json) => (spec.steps as Json[])[0];

const EMBEDDED = `
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: spec-run}
spec:
  params: [{name: target, value: prod}, {name: flags, value: [-v, -x]}]
  workspaces: [{name: shared, emptyDir: {}}]
  pipelineSpec:
    params: [{name: target}, {name: flags, type: array}]
    workspaces: [{name: shared}]
    tasks:
      - name: deploy
        retries: 1
        workspaces: [{name: src, workspace: shared}]
        taskSpec:
          metadata: {labels: {team: web}}
          params: [{name: greeting, default: hello}, {name: flags, type: array}]
          results: [{name: out}]
          workspaces: [{name: src}]
          steps:
            - name: run
              image: alpine
              args: ["$(params.flags[*])", "$(params.greeting)"]
              env: [{name: WHERE, value: "$(workspaces.src.path)"}]
              script: |
                echo $(params.target) $(params.greeting) $(context.pipelineRun.name) $(workspaces.shared.bound)
                echo $(context.taskRun.name) $(context.task.name) $(context.task.retry-count)
                echo done > $(results.out.path)
                cat $(steps.step-run.exitCode.path) || true
                if [ "$(context.task.retry-count)" = "0" ]; then exit 1; fi
        params: [{name: flags, value: ["$(params.flags[*])"]}]
`;

test("kubectl task specs: an embedded spec is copied with the run's params, contexts and bound workspaces filled in", () => {
  const spec = taskRun(runCase(EMBEDDED).json, 'deploy').spec as Json;
  const taskSpec = taskSpecOf(spec);
  // A TaskSpec, not an EmbeddedTask: no metadata; params and results typed by SetDefaults.
  assert.equal(Object.keys(taskSpec), ['params', 'steps', 'workspaces', 'results']);
  assert.equal(taskSpec.params, [
    { name: 'greeting', type: 'string', default: 'hello' },
    { name: 'flags', type: 'array' },
  ]);
  assert.equal(taskSpec.results, [{ name: 'out', type: 'string' }]);
  const step = firstStep(taskSpec);
  // Pipeline params (the task's own `flags` standing for the pipeline's), pipelineRun
  // contexts and `.bound` are filled in; the TaskRun's own variables are not yet.
  assert.is(
    step.script,
    [
      'echo prod $(params.greeting) spec-run true',
      'echo $(context.taskRun.name) $(context.task.name) $(context.task.retry-count)',
      'echo done > $(results.out.path)',
      'cat $(steps.step-run.exitCode.path) || true',
      'if [ "$(context.task.retry-count)" = "0" ]; then exit 1; fi',
      '',
    ].join('\n'),
  );
  assert.equal(step.args, ['-v', '-x', '$(params.greeting)']);
  assert.equal(step.env, [{ name: 'WHERE', value: '$(workspaces.src.path)' }]);
});

test("kubectl task specs: status.taskSpec has the TaskRun's params, contexts, paths and workspaces, per attempt", () => {
  const object = taskRun(runCase(EMBEDDED).json, 'deploy');
  const status = object.status as Json;
  const script = (attempt: number) =>
    [
      'echo prod hello spec-run true',
      `echo spec-run-deploy spec-run-deploy ${attempt}`,
      'echo done > /tekton/results/out',
      'cat /tekton/steps/step-run/exitCode || true',
      `if [ "${attempt}" = "0" ]; then exit 1; fi`,
      '',
    ].join('\n');
  // An embedded spec's `context.task.name` is the TaskRun's name (GetTaskData takes the
  // TaskRun's metadata); retry-count is the attempt's.
  const current = firstStep(taskSpecOf(status));
  assert.is(current.script, script(1));
  assert.equal(current.args, ['-v', '-x', 'hello']);
  assert.equal(current.env, [{ name: 'WHERE', value: '/workspace/src' }]);
  const archived = (status.retriesStatus as Json[])[0];
  assert.is(firstStep(taskSpecOf(archived)).script, script(0));
  assert.equal(Object.keys(status).slice(-2), ['artifacts', 'taskSpec']);
});

test('kubectl task specs: a referenced Task has no spec.taskSpec, and pipeline contexts stay as written in it', () => {
  const json = runCase(`
apiVersion: tekton.dev/v1
kind: Task
metadata: {name: greet}
spec:
  params: [{name: who}]
  steps:
    - image: alpine
      script: echo $(params.who) $(context.task.name) $(context.pipelineRun.name) $(context.taskRun.uid)
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: ref-run}
spec:
  pipelineSpec:
    tasks:
      - name: hello
        taskRef: {name: greet}
        params: [{name: who, value: world}]
`).json;
  const object = taskRun(json, 'hello');
  assert.is((object.spec as Json).taskSpec, undefined);
  const status = taskSpecOf(object.status as Json);
  assert.equal(status.params, [{ name: 'who', type: 'string' }]);
  // A Task's spec meets only the TaskRun's replacements: pipelineRun contexts belong to
  // Pipelines, and the simulator gives a TaskRun no uid, so both stay as written.
  assert.is(
    firstStep(status).script,
    'echo world greet $(context.pipelineRun.name) $(context.taskRun.uid)',
  );
});

test('kubectl task specs: the simulated steps read context.task.name as status.taskSpec shows it', () => {
  const json = runCase(`
apiVersion: tekton.dev/v1
kind: Task
metadata: {name: namer}
spec:
  results: [{name: name}]
  steps: [{image: alpine, script: "printf $(context.task.name) > $(results.name.path)"}]
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: names}
spec:
  pipelineSpec:
    tasks:
      - name: by-ref
        taskRef: {name: namer}
      - name: inline
        taskSpec:
          results: [{name: name}]
          steps: [{image: alpine, script: "printf $(context.task.name) > $(results.name.path)"}]
`).json;
  const result = (task: string) =>
    ((taskRun(json, task).status as Json).results as Json[])[0].value;
  assert.is(result('by-ref'), 'namer');
  assert.is(result('inline'), 'names-inline');
});

test.run();
