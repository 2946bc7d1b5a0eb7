// Tekton v1.15.0's unit tests of matrix fan-out and of variable substitution, retold as
// PipelineRuns (cases M01..M08) or webhook inputs; each test names the Go test and row it
// retells. Where the simulator differed: docs/semantics-disagreements.md 55..58 (and 45, 52,
// 54, which main's validation audit settled first).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TaskRunView } from '../../src/model/status.js';
import { expectExactly, pipeline, validate, yaml } from '../tekton/validate/helpers.js';
import { type CaseRun, outcome, paramValue, runCase, runCaseFile } from './harness.js';

/** Each TaskRun of a pipeline task as `name: p=v p=v`, in creation order. */
function rows(run: CaseRun, task: string): string[] {
  return run.view.taskRuns
    .filter((taskRun) => taskRun.pipelineTaskName === task)
    .map(
      (taskRun) =>
        `${taskRun.name}: ${taskRun.params.map((p) => `${p.name}=${String(p.value)}`).join(' ')}`,
    );
}

function result(taskRun: TaskRunView, name: string): unknown {
  return taskRun.results.find((written) => written.name === name)?.value;
}

function byName(run: CaseRun, name: string): TaskRunView {
  const found = run.view.taskRuns.find((taskRun) => taskRun.name === name);
  if (!found) throw new Error(`no TaskRun ${name}`);
  return found;
}

const fanOut = runCaseFile('M01-matrix-fan-out-rows.yaml');
const GO117 = 'version=go1.17';
const GO118 = 'version=go1.18.1';

test('TestMatrix_FanOut "single array in matrix"', () => {
  assert.equal(rows(fanOut, 'single'), [
    'fan-single-0: platform=linux',
    'fan-single-1: platform=mac',
    'fan-single-2: platform=windows',
  ]);
});

test('TestMatrix_FanOut "multiple arrays in matrix" (with an empty include row)', () => {
  assert.equal(rows(fanOut, 'multi'), [
    `fan-multi-0: GOARCH=linux/amd64 ${GO117}`,
    `fan-multi-1: GOARCH=linux/ppc64le ${GO117}`,
    `fan-multi-2: GOARCH=linux/s390x ${GO117}`,
    `fan-multi-3: GOARCH=linux/amd64 ${GO118}`,
    `fan-multi-4: GOARCH=linux/ppc64le ${GO118}`,
    `fan-multi-5: GOARCH=linux/s390x ${GO118}`,
  ]);
});

test('TestMatrix_FanOut "Fan out explicit combinations, no matrix params"', () => {
  assert.equal(rows(fanOut, 'explicit'), [
    'fan-explicit-0: DOCKERFILE=path/to/Dockerfile1 IMAGE=image-1',
    'fan-explicit-1: DOCKERFILE=path/to/Dockerfile2 IMAGE=image-2',
    'fan-explicit-2: DOCKERFILE=path/to/Dockerfile3 IMAGE=image-3',
  ]);
  // getDisplayName: each TaskRun is named by the include row whose params it has.
  assert.equal(
    fanOut.view.pipelineRun.childReferences
      .filter((child) => child.pipelineTaskName === 'explicit')
      .map((child) => child.displayName),
    ['build-1', 'build-2', 'build-3'],
  );
});

test('TestMatrix_FanOut "matrix include unknown param name, append to all combinations"', () => {
  const pkg = 'package=path/to/common/package/';
  assert.equal(
    rows(fanOut, 'unknown-name').map((row) => row.replace(/^[^:]*: /, '')),
    [
      `GOARCH=linux/amd64 ${pkg} ${GO117}`,
      `GOARCH=linux/ppc64le ${pkg} ${GO117}`,
      `GOARCH=linux/s390x ${pkg} ${GO117}`,
      `GOARCH=linux/amd64 ${pkg} ${GO118}`,
      `GOARCH=linux/ppc64le ${pkg} ${GO118}`,
      `GOARCH=linux/s390x ${pkg} ${GO118}`,
    ],
  );
});

test('TestMatrix_FanOut "matrix include param value does not exist, generate a new combination"', () => {
  const made = rows(fanOut, 'new-value');
  assert.is(made.length, 7);
  assert.is(made[6], 'fan-new-value-6: GOARCH=I-do-not-exist');
});

test('TestMatrix_FanOut "Matrix include filters single parameter and appends missing values"', () => {
  assert.equal(
    rows(fanOut, 'filter-one').map((row) => row.replace(/^[^:]*: /, '')),
    [
      `GOARCH=linux/amd64 ${GO117}`,
      `GOARCH=linux/ppc64le ${GO117}`,
      `GOARCH=linux/s390x flags=-cover -v ${GO117}`,
      `GOARCH=linux/amd64 ${GO118}`,
      `GOARCH=linux/ppc64le ${GO118}`,
      `GOARCH=linux/s390x flags=-cover -v ${GO118}`,
    ],
  );
});

test('TestMatrix_FanOut "Matrix include filters multiple parameters and append new parameters"', () => {
  assert.equal(
    rows(fanOut, 'filter-many').map((row) => row.replace(/^[^:]*: /, '')),
    [
      `GOARCH=linux/amd64 flags=-cover -v ${GO117}`,
      `GOARCH=linux/ppc64le ${GO117}`,
      `GOARCH=linux/s390x ${GO117}`,
      `GOARCH=linux/amd64 ${GO118}`,
      `GOARCH=linux/ppc64le ${GO118}`,
      `GOARCH=linux/s390x flags=-cover -v ${GO118}`,
    ],
  );
});

test('TestReconciler_PipelineTaskMatrix p-dag and p-finally: one combination is one plain TaskRun; finally fans out', () => {
  assert.equal(rows(fanOut, 'matrix-using-platforms'), [
    'fan-matrix-using-platforms: platform=linux browser=chrome version=v0.33.0',
  ]);
  const finals = rows(fanOut, 'platforms-and-browsers');
  assert.is(finals.length, 9);
  assert.is(
    finals[0],
    'fan-platforms-and-browsers-0: browser=chrome platform=linux version=v0.33.0',
  );
  assert.is(
    finals[3],
    'fan-platforms-and-browsers-3: browser=safari platform=linux version=v0.33.0',
  );
  assert.is(
    finals[8],
    'fan-platforms-and-browsers-8: browser=firefox platform=windows version=v0.33.0',
  );
  assert.is(outcome(fanOut.view), 'True/Succeeded');
});

/** A Pipeline whose first task has this matrix (YAML at column 0), validated with a limit. */
function matrixLimit(matrixYaml: string, limit: number) {
  const matrix = matrixYaml
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return validate(
    pipeline(
      `tasks:\n  - name: task\n    taskRef: {name: t}\n    matrix:\n${matrix}\n  - name: platforms\n    taskRef: {name: t}`,
    ),
    { maxMatrixCombinationsCount: limit },
  );
}

test('TestPipelineTask_CountCombinations "matrix params with string value containing variable reference": 3, not 0', () => {
  const matrix = yaml`
        params:
          - name: GOARCH
            value: [linux/amd64, linux/ppc64le, linux/s390x]
          - name: version
            value: $(tasks.platforms.results.str[*])
  `;
  expectExactly(matrixLimit(matrix, 2), [
    { message: 'expected 0 <= 3 <= 2', fieldPath: 'spec.tasks[0].matrix' },
  ]);
  expectExactly(matrixLimit(matrix, 3), []);
});

test('TestPipelineTask_CountCombinations "... overriding combinations params and one new combination" (7) and "combinations count overflows int and is capped at MaxInt"', () => {
  const includes = yaml`
        params:
          - name: GOARCH
            value: [linux/amd64, linux/ppc64le, linux/s390x]
          - name: version
            value: [go1.17, go1.18.1]
        include:
          - params: [{name: package, value: path/to/common/package/}]
          - params: [{name: GOARCH, value: linux/s390x}, {name: flags, value: -cover -v}]
          - params: [{name: version, value: go1.17}, {name: context, value: path/to/go117/context}]
          - params: [{name: GOARCH, value: I-do-not-exist}]
  `;
  expectExactly(matrixLimit(includes, 6), [
    { message: 'expected 0 <= 7 <= 6', fieldPath: 'spec.tasks[0].matrix' },
  ]);
  const many = Array.from(
    { length: 64 },
    (_, index) => `  - name: p${index}\n    value: [a, b]`,
  ).join('\n');
  expectExactly(matrixLimit(`params:\n${many}`, 256), [
    { message: 'expected 0 <= 9223372036854775807 <= 256', fieldPath: 'spec.tasks[0].matrix' },
  ]);
});

test('TestPipelineTask_ValidateMatrix: duplicates, params also in the matrix, the limit of default-max-matrix-combinations-count', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: dup-in-params
          taskRef: {name: t}
          matrix:
            params: [{name: foobar, value: [foo, bar]}]
          params: [{name: foobar, value: [foo, bar]}]
        - name: dup-in-include
          taskRef: {name: t}
          matrix:
            include: [{name: duplicate-param, params: [{name: duplicate, value: foo}]}]
          params: [{name: duplicate, value: [foo, bar]}]
        - name: dup-matrix-params
          taskRef: {name: t}
          matrix:
            params: [{name: foobar, value: [foo, bar]}, {name: foobar, value: [foo-1, bar-1]}]
        - name: unique
          taskRef: {name: t}
          matrix:
            params: [{name: foobar, value: [foo, bar]}]
          params: [{name: barfoo, value: [bar, foo]}]
        - name: dup-include-params
          taskRef: {name: t}
          matrix:
            include: [{name: invalid-include, params: [{name: foobar, value: foo}, {name: foobar, value: foo-1}]}]
        - name: exceeds
          taskRef: {name: t}
          matrix:
            params: [{name: platform, value: [linux, mac, windows]}, {name: browser, value: [chrome, firefox, safari]}]
        - name: equals
          taskRef: {name: t}
          matrix:
            params: [{name: platform, value: [linux, mac]}, {name: browser, value: [chrome, firefox]}]
    `),
    { maxMatrixCombinationsCount: 4 },
  );
  expectExactly(diagnostics, [
    {
      message: 'expected exactly one, got both',
      fieldPath:
        'spec.tasks[0].matrix[foobar], spec.tasks[0].params[foobar], spec.tasks[1].matrix[duplicate], spec.tasks[1].params[duplicate]',
    },
    {
      message: 'parameter names must be unique, the parameter "foobar" is also defined at',
      fieldPath:
        'spec.tasks[2].matrix.params[1].name, spec.tasks[4].matrix.include[0].params[1].name',
    },
    { message: 'expected 0 <= 9 <= 4', fieldPath: 'spec.tasks[5].matrix' },
  ]);
});

const nonExistent = (value: string) => `non-existent variable in "${value}"`;

test('TestContextInvalid rows and TestValidatePipelineWithFinalTasks_Failure "... final tasks referring to invalid context variables"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: bar
          taskRef: {name: bar-task}
          params:
            - name: a-param
              value: ["$(context.pipeline.missing)", "$(context.pipelineTask.missing)", "$(context.pipelineRun.missing)"]
          matrix:
            params:
              - name: a-param-foo
                value: ["$(context.pipeline.missing-foo)", "$(context.pipelineTask.missing-foo)", "$(context.pipelineRun.missing-foo)"]
            include:
              - name: build-1
                params:
                  - name: inc
                    value: $(context.pipelineTask.retries)-$(context.pipelineRun.uid)-$(context.pipeline.name)
      finally:
        - name: final-task-1
          taskRef: {name: final-task}
          params:
            - name: param1
              value: $(context.pipelineRun.missing)
    `),
  );
  expectExactly(diagnostics, [
    {
      message: nonExistent('$(context.pipelineRun.missing)'),
      fieldPath: 'spec.finally.value, spec.tasks.value',
    },
    { message: nonExistent('$(context.pipelineRun.missing-foo)'), fieldPath: 'spec.tasks.value' },
    { message: nonExistent('$(context.pipeline.missing)'), fieldPath: 'spec.tasks.value' },
    { message: nonExistent('$(context.pipeline.missing-foo)'), fieldPath: 'spec.tasks.value' },
    { message: nonExistent('$(context.pipelineTask.missing)'), fieldPath: 'spec.tasks.value' },
    { message: nonExistent('$(context.pipelineTask.missing-foo)'), fieldPath: 'spec.tasks.value' },
  ]);
});

test('validatePipelineContextVariables checks only the last task of each list (its loop assigns, not appends)', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: first
          taskRef: {name: t}
          params: [{name: p, value: "$(context.pipelineRun.nope)"}]
        - name: last
          taskRef: {name: t}
          params: [{name: p, value: "$(context.pipelineRun.a.b.c) $(context.pipelineTask.retries[0])"}]
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'Invalid referencing of parameters in "$(context.pipelineRun.a.b.c) $(context.pipelineTask.retries[0])"! Only two dot-separated components after the prefix "context\\.pipelineRun" are allowed.',
      fieldPath: 'spec.tasks.value',
    },
  ]);
});

const contexts = runCaseFile('M02-matrix-context-variables.yaml');

test('TestApplyPipelineTaskContexts "matrix length context variable" and TestReconciler_PipelineTaskMatrixExplicitCombosResultsAndMatrixContextVars: CountCombinations of the spec, known before the task runs', () => {
  const early = contexts.taskRun('early');
  // FanOut gives quirk 2 combinations; CountCombinations counts its include row as new (3),
  // and names 3 TaskRuns (M06). At the first reconcile no TaskRun of build has a result (0).
  assert.equal(rows(contexts, 'quirk'), [
    'ctx-quirk-0: GOARCH=amd64 version=go1.17',
    'ctx-quirk-1: GOARCH=s390x version=go1.17',
    'ctx-quirk-2: ',
  ]);
  assert.is(paramValue(early, 'combinations'), '3');
  assert.is(paramValue(early, 'digests'), '0');
  // Filled in the creating reconcile's status only; the final status shows it as written.
  assert.is(
    contexts.view.pipelineRun.childReferences.find((child) => child.name === early.name)
      ?.displayName,
    'early $(tasks.quirk.matrix.length)',
  );
});

test('TestApplyPipelineTaskContexts "matrix length and matrix results length context variables ...": a matrix over a result counts 1; R.length the TaskRuns that wrote R', () => {
  const after = contexts.taskRun('after');
  assert.equal(
    after.params.map((param) => `${param.name}=${String(param.value)}`),
    [
      'combinations=1',
      'digests=2',
      'both=3/1',
      // ParseTaskandResultName: a param names only its first matrix variable, and no other
      // param names quirk's digest length.
      'only-first=1-$(tasks.quirk.matrix.digest.length)',
    ],
  );
  assert.is(rows(contexts, 'build').length, 3);
  // Not filled in steps.
  assert.is(
    result(after, 'seen'),
    '1 2 3/1 1-$(tasks.quirk.matrix.digest.length) $(tasks.quirk.matrix.length)',
  );
});

test('ApplyPipelineTaskContexts fills params only: a when input keeps the matrix length and the retries as written', () => {
  assert.equal(contexts.skipped(), {
    gated: 'When Expressions evaluated to false',
    'retry-gated': 'When Expressions evaluated to false',
  });
  assert.is(outcome(contexts.view), 'True/Completed');
});

test('TestApplyPipelineTaskContexts "context retries replacement": params filled; matrix params and include rows fanned out before, so left as written', () => {
  const literal = '$(context.pipelineTask.retries)';
  assert.equal(rows(contexts, 'retried'), [
    `ctx-retried-0: inc=${literal} m=${literal} plain=r=2`,
    `ctx-retried-1: inc=${literal} m=x plain=r=2`,
  ]);
  assert.is(result(byName(contexts, 'ctx-retried-1'), 'seen'), `r=2 x ${literal} ${literal}`);
});

test('TestContext (pipelinerun and taskrun resources) and TestApplyPipelineTaskContexts "context retries replacement with no defined retries": what steps see', () => {
  const run = runCaseFile('M04-contexts-in-steps.yaml');
  const embedded = run.taskRun('embedded');
  assert.is(result(embedded, 'params'), '1 ctx/team/pipe');
  assert.is(
    result(embedded, 'out'),
    'ctx|team|pipe|$(context.pipelineTask.retries)|ctx-embedded|ctx-embedded|team|1',
  );
  assert.is(
    result(run.taskRun('referenced'), 'out'),
    '$(context.pipelineRun.name)|$(context.pipelineRun.namespace)|$(context.pipeline.name)|$(context.pipelineTask.retries)|reader|ctx-referenced|team|1',
  );
  assert.is(outcome(run.view), 'True/Succeeded');
  const noRetries = runCase(`
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: zero
spec:
  pipelineSpec:
    tasks:
      - name: t
        params: [{name: retries, value: "$(context.pipelineTask.retries)"}]
        taskSpec:
          params: [{name: retries}]
          steps: [{image: alpine, script: echo}]
`);
  assert.is(paramValue(noRetries.taskRun('t'), 'retries'), '0');
});

test('pipelinerun TestApplyParameters "parameter references with bracket notation and special characters", "parameter/s in tasks and finally display name", "tasks with the same parameter name but referencing different values"; TestApplyTaskResults_EmbeddedExpression "... - displayName"', () => {
  const run = runCaseFile('M07-pipeline-apply-parameters-rows.yaml');
  assert.equal(
    run.taskRun('brackets').params.map((param) => param.value),
    ['default-value', 'second-value', 'default-value', 'fourth-value', 'static value'],
  );
  const names = Object.fromEntries(
    run.view.pipelineRun.childReferences.map((child) => [
      child.pipelineTaskName,
      child.displayName,
    ]),
  );
  assert.is(names.brackets, 'Human Readable Name default-value second-value');
  assert.is(names.final, 'Human Readable Name default-value second-value');
  assert.is(names['named-by-result'], 'built from-result');
  assert.is(names['named-only'], 'only $(tasks.previous-task-with-result.results.Output)');
  assert.is(result(run.taskRun('print-msg'), 'seen'), 'from-result');
  assert.is(result(run.taskRun('print-msg-2'), 'seen'), 'a');
  assert.is(outcome(run.view), 'True/Succeeded');
});

test('TestApplyTaskResultsToPipelineResults_Success and TestApplyFinallyResultsToPipelineResults rows', () => {
  const run = runCaseFile('M03-pipeline-results-rows.yaml');
  assert.equal(run.view.pipelineRun.results, [
    { name: 'p-obj', value: { pkey1: 'val1', pkey2: 'rae' } },
    { name: 'p-arr', value: ['val1', 'rae'] },
    { name: 'p-elem', value: 'val1' },
    { name: 'p-star-obj', value: { key1: 'val1', key2: 'val2' } },
    { name: 'p-star-arr', value: ['do', 'rae', 'mi'] },
    { name: 'p-multi', value: 'do, val2, mi, do' },
    { name: 'p-fin', value: 'do' },
    { name: 'p-fin-arr', value: ['do', 'rae'] },
  ]);
  assert.is(outcome(run.view), 'True/Completed');
});

test('taskrun TestTaskResults, TestStepResults, TestApplyStepExitCodePath: the paths a step sees, and exit codes left for later steps', () => {
  const run = runCaseFile('M08-result-and-exit-code-paths.yaml');
  const taskRun = run.taskRun('t');
  assert.is(
    result(taskRun, 'current.date.unix.timestamp'),
    '/tekton/results/current.date.unix.timestamp /tekton/steps/step-print-date-unix-timestamp/results/current.date.unix.timestamp',
  );
  assert.is(
    result(taskRun, 'current-date-human-readable'),
    '/tekton/results/current-date-human-readable 1700000000',
  );
  assert.is(result(taskRun, 'code'), '11 0');
  assert.is(outcome(run.view), 'True/Succeeded');
  // status.taskSpec shows the same paths, a step's own step results included.
  const printed = JSON.parse(run.json).items.find(
    (item: { kind: string }) => item.kind === 'TaskRun',
  ).status.taskSpec.steps;
  assert.equal(printed[1].args, ['/tekton/results/current.date.unix.timestamp']);
  assert.match(
    printed[1].script,
    'echo -n 1700000000 > /tekton/steps/step-print-date-unix-timestamp/results/current.date.unix.timestamp',
  );
  assert.match(printed[3].script, '$(cat /tekton/steps/step-unnamed-0/exitCode)');
});

test('TestApplyTaskResultsToPipelineResults_Error "mixed-success-tasks-some-returned-results": the results found are kept beside the error', () => {
  const run = runCase(`
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: perr
spec:
  pipelineSpec:
    results:
      - name: foo
        value: $(tasks.pt1.results.foo)
      - name: bar
        value: $(tasks.pt2.results.bar)
    tasks:
      - name: pt1
        taskSpec:
          results:
            - name: foo
          steps:
            - image: alpine
              script: echo
      - name: pt2
        taskSpec:
          results:
            - name: bar
          steps:
            - image: alpine
              script: echo -n rae > $(results.bar.path)
`);
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
  assert.is(
    run.view.pipelineRun.condition.message,
    "Failed to get PipelineResult from TaskRun Results for PipelineRun perr: invalid pipelineresults [foo], the referenced results don't exist",
  );
  assert.equal(run.view.pipelineRun.results, [{ name: 'bar', value: 'rae' }]);
});

test('taskrun TestApplyWorkspaces: claim, path (a declared mountPath), bound; an unbound optional workspace', () => {
  const run = runCase(`
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: ws
spec:
  workspaces:
    - name: source
      persistentVolumeClaim:
        claimName: foo
    - name: scratch
      emptyDir: {}
  pipelineSpec:
    workspaces:
      - name: source
      - name: scratch
      - name: absent
        optional: true
    tasks:
      - name: read
        workspaces:
          - name: myws
            workspace: source
          - name: otherws
            workspace: scratch
          - name: ows
            workspace: absent
        taskSpec:
          workspaces:
            - name: myws
              mountPath: /foo
            - name: otherws
            - name: ows
              optional: true
          results:
            - name: out
          steps:
            - image: alpine
              script: |
                echo -n '$(workspaces.myws.claim)|$(workspaces.otherws.claim)|$(workspaces.myws.path)|$(workspaces.otherws.path)|$(workspaces.myws.bound)|$(workspaces.ows.bound)|$(workspaces.ows.path)|$(workspaces.ows.claim)' > $(results.out.path)
`);
  assert.is(
    result(run.taskRun('read'), 'out'),
    'foo||/foo|/workspace/otherws|true|false||$(workspaces.ows.claim)',
  );
});

test('TestReconciler_PipelineTaskMatrixResultsWithArrays rows and TestReconciler_PipelineTaskMatrixWithRetries', () => {
  const run = runCaseFile('M05-matrix-results-and-retries.yaml');
  assert.equal(paramValue(run.taskRun('echo-platforms'), 'platforms'), ['linux', 'mac', 'windows']);
  for (const task of ['indexed', 'whole'])
    assert.equal(
      rows(run, task).map((row) => row.replace(/^[^:]*: /, '')),
      ['platform=linux', 'platform=mac', 'platform=windows'],
    );
  assert.is(result(run.taskRun('gather'), 'all'), 'linux-built mac-built windows-built');
  const retried = run.view.taskRuns.filter(
    (taskRun) => taskRun.pipelineTaskName === 'platforms-and-browsers',
  );
  assert.equal(
    retried.map((taskRun) => [
      taskRun.name,
      taskRun.retriesStatus.length,
      taskRun.condition.reason,
    ]),
    [
      ['pr-platforms-and-browsers-0', 1, 'StepFailed'],
      ['pr-platforms-and-browsers-1', 1, 'StepFailed'],
    ],
  );
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 6 (Failed: 1, Cancelled 0), Skipped: 0',
  );
});

test('ResolvePipelineTask names CountCombinations TaskRuns; createTaskRuns gives those past FanOut no matrix params', () => {
  const run = runCaseFile('M06-matrix-taskruns-counted.yaml', { pipelineRun: 'counted' });
  assert.equal(rows(run, 'build'), [
    'counted-build-0: GOARCH=amd64 version=go1.17 flavour=plain',
    'counted-build-1: GOARCH=s390x version=go1.17 flavour=plain',
    'counted-build-2: GOARCH=arm64 version=go1.19 flavour=plain',
    'counted-build-3: flavour=plain',
  ]);
  // Changed expectation (docs/semantics-disagreements.md 90): no task reads build's results,
  // so its ResultsCache is never built in the last reconcile and GetTaskRunsResults has nothing
  // for it; build succeeded, so ApplyTaskResultsToPipelineResults finds `seen` invalid. The
  // values each TaskRun wrote are checked on the TaskRuns instead.
  assert.equal(
    run.view.taskRuns.map((taskRun) => taskRun.results.map((r) => r.value).join()),
    ['amd64 go1.17 plain', 's390x go1.17 plain', 'arm64 go1.19 plain', 'none none plain'],
  );
  assert.equal(run.view.pipelineRun.results, []);
  assert.is(outcome(run.view), 'False/CouldntGetPipelineResult');
});

test('The TaskRun reconciler checks each TaskRun of a fan-out against its Task: TaskRunValidationFailed', () => {
  const run = runCaseFile('M06-matrix-taskruns-counted.yaml', { pipelineRun: 'uncovered' });
  const [amd64, s390x] = run.view.taskRuns;
  assert.is(amd64.condition.reason, 'TaskRunValidationFailed');
  assert.is(
    amd64.condition.message,
    '[User error] invalid input params for task uncovered-build-0: missing values for these params which have no default values: [flags]',
  );
  assert.is(amd64.startTimeMs, amd64.completionTimeMs);
  assert.is(s390x.condition.reason, 'Succeeded');
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0',
  );
});

test('TestReconcile_DependencyValidationsImmediatelyFailPipelineRun "pipelinerun-matrix-param-invalid-type": InvalidMatrixParameterTypes', () => {
  const run = runCase(`
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: pipelinerun-matrix-param-invalid-type
spec:
  pipelineSpec:
    tasks:
      - name: mytask
        taskSpec:
          steps: [{image: alpine, script: echo}]
      - name: b-task
        matrix:
          params:
            - name: platform
              value: linux
        taskSpec:
          params: [{name: platform}]
          steps: [{image: alpine, script: echo}]
`);
  assert.is(outcome(run.view), 'False/InvalidMatrixParameterTypes');
  assert.is(
    run.view.pipelineRun.condition.message,
    '[User error] Failed to validate matrix "parameters of type array only are allowed, but param \\"platform\\" has type \\"string\\" in pipelineTask \\"b-task\\"" with error %!v(MISSING)',
  );
  // runNextSchedulableTask created mytask, first of the tasks to run, before reaching b-task.
  assert.equal(run.taskRunNames(), ['mytask']);
  assert.is(run.view.pipelineRun.completionTimeMs, 0);
});

test.run();
