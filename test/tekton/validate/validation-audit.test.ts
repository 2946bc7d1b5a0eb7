import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  errorsOf,
  expectExactly,
  invalidCaseErrors,
  pipeline,
  pipelineRun,
  validate,
  yaml,
} from './helpers.js';

test('validation audit: TestPipeline_Validate_Failure "comma in name", "pipeline name too long"; TestPipelineRun_Invalid "invalid pipelinerun metadata"', () => {
  const named = (kind: string, name: string, spec: string) =>
    `apiVersion: tekton.dev/v1\nkind: ${kind}\nmetadata:\n  name: "${name}"\nspec:\n${spec}`;
  const tasks = '  tasks: [{name: foo, taskRef: {name: foo-task}}]\n';
  expectExactly(validate(named('Pipeline', 'pipe,line', tasks)), [
    {
      message: 'invalid resource name "pipe,line": must be a valid DNS label',
      fieldPath: 'metadata.name',
      line: 4,
    },
  ]);
  const long = 'asdf123456789012345678901234567890123456789012345678901234567890';
  expectExactly(validate(named('Pipeline', long, tasks)), [
    {
      message: 'Invalid resource name: length must be no more than 63 characters',
      fieldPath: 'metadata.name',
    },
  ]);
  expectExactly(
    validate(named('PipelineRun', 'pipelinerun,name', '  pipelineRef: {name: prname}\n')),
    [
      {
        message: 'invalid resource name "pipelinerun,name": must be a valid DNS label',
        fieldPath: 'metadata.name',
      },
    ],
  );
  // A DNS-1123 subdomain may have dots (validate.ObjectMetadata uses IsDNS1123Subdomain).
  assert.equal(errorsOf(validate(named('Pipeline', 'my.pipeline', tasks))), []);
  // A generateName is completed by the API server before the webhook sees it.
  const generated =
    'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  generateName: Run-\nspec:\n  pipelineRef: {name: p}\n';
  assert.equal(errorsOf(validate(generated)), []);
});

test('validation audit: TestValidatePipelineTasks_Failure "apiVersion with steps"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskSpec:
            apiVersion: tekton.dev/v1
            steps: [{name: some-step, image: some-image}]
    `),
  );
  // validateEmbeddedOrType, then validateCustomTask (an apiVersion makes it a custom task).
  expectExactly(diagnostics, [
    {
      message: 'taskSpec.apiVersion cannot be specified when using taskSpec.steps',
      fieldPath: 'spec.tasks[0].taskSpec.apiVersion',
    },
    {
      message: 'invalid value: custom task spec must specify kind',
      fieldPath: 'spec.tasks[0].taskSpec.kind',
    },
  ]);
});

test('validation audit: TestValidatePipelineTasks_Failure "kind with steps": the embedded spec is still validated', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskSpec:
            kind: Task
            steps: [{name: some-step, image: some-image}]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'taskSpec.kind cannot be specified when using taskSpec.steps',
      fieldPath: 'spec.tasks[0].taskSpec.kind',
    },
  ]);
  // kind Task without apiVersion is not a custom task: validateTask checks the spec.
  const noImage = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskSpec:
            kind: Task
            steps: [{name: some-step}]
    `),
  );
  expectExactly(errorsOf(noImage), [
    {
      message: 'taskSpec.kind cannot be specified when using taskSpec.steps',
      fieldPath: 'spec.tasks[0].taskSpec.kind',
    },
    { message: 'missing field(s)', fieldPath: 'spec.tasks[0].taskSpec.steps[0].Image' },
  ]);
});

test('validation audit: pipeline_types_test.go custom task rows (validateCustomTask); a ClusterTask ref is one', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: no-kind
          taskRef: {apiVersion: example.dev/v0, name: x}
        - name: bad-version
          taskRef: {apiVersion: invalid-api-version, kind: Example}
        - name: spec-version
          taskSpec: {apiVersion: /v1, kind: Example}
        - name: cluster
          taskRef: {name: lint, kind: ClusterTask}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'invalid value: custom task ref must specify kind',
      fieldPath: 'spec.tasks[0].taskRef.kind',
    },
    {
      message:
        'invalid value: invalid apiVersion format "invalid-api-version", must be in the format "group/version"',
      fieldPath: 'spec.tasks[1].taskRef.apiVersion',
    },
    {
      message:
        'invalid value: invalid apiVersion format "/v1", must be in the format "group/version"',
      fieldPath: 'spec.tasks[2].taskSpec.apiVersion',
    },
    // v1.15 has no ClusterTask: taskKinds holds only "" and "Task".
    {
      message: 'invalid value: custom task ref must specify apiVersion',
      fieldPath: 'spec.tasks[3].taskRef.apiVersion',
    },
  ]);
});

test('validation audit: TestValidatePipelineParameterVariables_Failure "invalid parameter type"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: foo, type: invalidtype}]
      tasks: [{name: foo, taskRef: {name: foo-task}}]
    `),
  );
  // ValidatePipelineParameterVariables runs under "tasks" and under "finally": one merged error.
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'invalid value: invalidtype',
      fieldPath: 'spec.finally.params.foo.type, spec.tasks.params.foo.type',
      line: 6,
    },
  ]);
});

test('validation audit: TestValidatePipelineParameterVariables_Failure "array parameter mismatching default type", "string parameter mismatching default type"', () => {
  const both = (param: string) =>
    errorsOf(validate(pipeline(`params: [${param}]\ntasks: [{name: foo, taskRef: {name: t}}]\n`)));
  expectExactly(both('{name: foo, type: array, default: astring}'), [
    {
      message: `"array" type does not match default value's type: "string"`,
      fieldPath:
        'spec.finally.params.foo.default.type, spec.finally.params.foo.type, spec.tasks.params.foo.default.type, spec.tasks.params.foo.type',
    },
  ]);
  expectExactly(both('{name: foo, type: string, default: [anarray, elements]}'), [
    {
      message: `"string" type does not match default value's type: "array"`,
      fieldPath:
        'spec.finally.params.foo.default.type, spec.finally.params.foo.type, spec.tasks.params.foo.default.type, spec.tasks.params.foo.type',
    },
  ]);
  // SetDefaults gives an untyped param its default's type: nothing to mismatch.
  assert.equal(both('{name: foo, default: [a, b]}'), []);
});

test('validation audit: a Task and an embedded taskSpec check param types at spec.params (TaskSpec.Validate)', () => {
  const task = `apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  params:\n    - {name: foo, type: array, default: astring}\n    - {name: obj, type: object, properties: {a: {type: array}, b: {}}}\n  steps: [{name: s, image: alpine, script: "true"}]\n`;
  expectExactly(errorsOf(validate(task)), [
    {
      message: `"array" type does not match default value's type: "string"`,
      fieldPath: 'spec.params.foo.default.type, spec.params.foo.type',
    },
    // ValidateObjectType: a property's type must be string (an empty one defaults to it).
    {
      message: 'The value type specified for these keys [a] is invalid',
      fieldPath: 'spec.params.obj.properties',
    },
  ]);
  const embedded = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskSpec:
            params: [{name: p, type: integer}]
            steps: [{name: s, image: alpine, script: "true"}]
    `),
  );
  expectExactly(errorsOf(embedded), [
    { message: 'invalid value: integer', fieldPath: 'spec.tasks[0].taskSpec.params.p.type' },
  ]);
});

test('validation audit: TestValidatePipelineParameterVariables_Failure "param enum with duplicate values - failure": a Pipeline reports under tasks and finally', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: param1, type: string, enum: [v1, v1, v2]}]
      tasks: [{name: foo, taskRef: {name: foo-task}}]
    `),
    { paramEnum: 'checked' },
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'parameter enum value v1 appears more than once',
      fieldPath: 'spec.finally.params[param1], spec.tasks.params[param1]',
    },
  ]);
  // An untyped param with an array default is an array after SetDefaults.
  const arrayEnum = validate(
    pipeline(yaml`
      params: [{name: param1, enum: [v1], default: [v1]}]
      tasks: [{name: foo, taskRef: {name: foo-task}}]
    `),
    { paramEnum: 'checked' },
  );
  expectExactly(errorsOf(arrayEnum), [
    {
      message: 'enum can only be set with string type param',
      fieldPath: 'spec.finally.params[param1], spec.tasks.params[param1]',
    },
  ]);
});

test('validation audit: TestPipelineSpec_Validate_Failure "when expression with invalid result reference - empty referenced task"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      description: x
      tasks:
        - name: invalid-pipeline-task
          taskRef: {name: foo-task}
          when: [{input: "$(tasks..results.bResult)", operator: in, values: [bar]}]
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message:
        "invalid value: couldn't add link between invalid-pipeline-task and : task invalid-pipeline-task depends on  but  wasn't present in Pipeline",
      fieldPath: 'spec.tasks',
    },
  ]);
});

test('validation audit: TestPipelineRunSpec_Invalidate "duplicate stepSpecs names", "missing stepSpecs name", sidecarSpecs alike', () => {
  const withSpecs = (field: string, list: string) =>
    errorsOf(
      validate(
        pipelineRun(
          `pipelineRef: {name: foo}\ntaskRunSpecs:\n  - pipelineTaskName: bar\n    ${field}: ${list}\n`,
        ),
      ),
    );
  expectExactly(withSpecs('stepSpecs', '[{name: baz}, {name: baz}]'), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.taskRunSpecs[0].stepSpecs[1].name',
    },
  ]);
  expectExactly(withSpecs('sidecarSpecs', '[{name: baz}, {name: Baz}]'), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.taskRunSpecs[0].sidecarSpecs[1].name',
    },
  ]);
  expectExactly(withSpecs('stepSpecs', '[{computeResources: {requests: {memory: 1Gi}}}]'), [
    { message: 'missing field(s)', fieldPath: 'spec.taskRunSpecs[0].stepSpecs[0].name' },
  ]);
  // validateNoDuplicateNames indexes the named entries only: the repeat at [2] is reported at
  // [1] once the entry before it has no name.
  expectExactly(withSpecs('sidecarSpecs', '[{}, {name: a}, {name: a}]'), [
    { message: 'missing field(s)', fieldPath: 'spec.taskRunSpecs[0].sidecarSpecs[0].name' },
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.taskRunSpecs[0].sidecarSpecs[1].name',
    },
  ]);
});

test('validation audit: TestPipelineRunSpec_Invalidate "invalid both step-level (stepSpecs.resources) and task-level (taskRunSpecs.resources) resource requirements configured"', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      pipelineRef: {name: pipeline}
      taskRunSpecs:
        - pipelineTaskName: pipelineTask
          stepSpecs: [{name: stepSpecs, computeResources: {requests: {memory: 1Gi}}}]
          computeResources: {requests: {memory: 2Gi}}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.taskRunSpecs[0].computeResources, spec.taskRunSpecs[0].stepSpecs.resources',
    },
  ]);
  // A step spec without resources leaves the entry's own alone.
  const named = validate(
    pipelineRun(yaml`
      pipelineRef: {name: pipeline}
      taskRunSpecs:
        - pipelineTaskName: pipelineTask
          stepSpecs: [{name: stepSpecs, computeResources: {}}]
          computeResources: {requests: {memory: 2Gi}}
    `),
  );
  assert.equal(errorsOf(named), []);
});

test('validation audit: TestPipelineRun_InvalidTimeouts zero tasks/finally timeout without a pipeline timeout: the webhook defaults it first', () => {
  // The Go row calls Validate without SetDefaults and expects "should be <= default timeout
  // duration"; the admission webhook runs PipelineRunSpec.SetDefaults first, which sets
  // timeouts.pipeline to default-timeout-minutes, so the message names the pipeline duration.
  const diagnostics = validate(pipelineRun('pipelineRef: {name: p}\ntimeouts: {tasks: 0s}\n'));
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'invalid value: 0s (no timeout) should be <= pipeline duration',
      fieldPath: 'spec.timeouts.tasks',
    },
  ]);
});

test('validation audit: TestValidatePipelineWithFinalTasks_Failure "invalid pipeline with final tasks referring to invalid context variables"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks: [{name: non-final-task, taskRef: {name: non-final-task}}]
      finally:
        - name: final-task-1
          taskRef: {name: final-task}
          params: [{name: param1, value: "$(context.pipelineRun.missing)"}]
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'non-existent variable in "$(context.pipelineRun.missing)"',
      fieldPath: 'spec.finally.value',
    },
  ]);
});

test('validation audit: TestContextInvalid rows: params, matrix and include params; only the last task is read', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: first
          taskRef: {name: t}
          params: [{name: a, value: "$(context.pipeline.ignored)"}]
        - name: last
          taskRef: {name: t}
          params:
            - name: a-param
              value: ["$(context.pipeline.missing)", "$(context.pipelineTask.missing)", "$(context.pipelineRun.missing)"]
          matrix:
            params: [{name: m, value: ["$(context.pipelineTask.missing-foo)"]}]
            include:
              - name: i
                params: [{name: n, value: "$(context.pipelineRun.uid) $(context.pipelineTask.retries) $(context.pipeline.name)"}]
    `),
  );
  // validatePipelineContextVariables overwrites its list of values for each task, so `first`
  // is never read.
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'non-existent variable in "$(context.pipeline.missing)"',
      fieldPath: 'spec.tasks.value',
    },
    {
      message: 'non-existent variable in "$(context.pipelineTask.missing)"',
      fieldPath: 'spec.tasks.value',
    },
    {
      message: 'non-existent variable in "$(context.pipelineRun.missing)"',
      fieldPath: 'spec.tasks.value',
    },
    {
      message: 'non-existent variable in "$(context.pipelineTask.missing-foo)"',
      fieldPath: 'spec.tasks.value',
    },
  ]);
});

test('validation audit: v1beta1 TestPipelineRunSpec_Invalidate "duplicate stepOverride names", "missing sidecarOverride name", stepOverrides.resources', () => {
  // The v1beta1 webhook checks the v1beta1 fields by their names (validateStepOverrides,
  // validateSidecarOverrides, validateTaskRunComputeResources).
  const v1beta1 = (entry: string) =>
    errorsOf(
      validate(
        pipelineRun(
          `pipelineRef: {name: foo}\ntaskRunSpecs:\n  - pipelineTaskName: bar\n${entry}`,
          'tekton.dev/v1beta1',
        ),
      ),
    );
  expectExactly(v1beta1('    stepOverrides: [{name: baz}, {name: baz}]\n'), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.taskRunSpecs[0].stepOverrides[1].name',
      line: 9,
    },
  ]);
  expectExactly(v1beta1('    sidecarOverrides: [{resources: {requests: {memory: 1Gi}}}]\n'), [
    {
      message: 'missing field(s)',
      fieldPath: 'spec.taskRunSpecs[0].sidecarOverrides[0].name',
    },
  ]);
  // TaskRunStepOverride.convertTo: an override's `resources` is v1's computeResources.
  expectExactly(
    v1beta1(
      '    stepOverrides: [{name: baz, resources: {requests: {memory: 1Gi}}}]\n    computeResources: {requests: {memory: 2Gi}}\n',
    ),
    [
      {
        message: 'expected exactly one, got both',
        fieldPath:
          'spec.taskRunSpecs[0].computeResources, spec.taskRunSpecs[0].stepOverrides.resources',
      },
    ],
  );
  const stable = validate(
    pipelineRun(
      'pipelineRef: {name: foo}\ntaskRunSpecs:\n  - pipelineTaskName: bar\n    stepOverrides: [{name: a}]\n',
      'tekton.dev/v1beta1',
    ),
    { enableApiFields: 'stable' },
  );
  expectExactly(errorsOf(stable), [
    {
      message:
        'stepOverrides requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"',
      fieldPath: 'spec.taskRunSpecs[0].stepOverrides',
    },
  ]);
});

test('validation audit: v1beta1 TestPipeline_Validate_Failure "invalid parameter usage in pipeline task" / "... in finally pipeline task": a script names the variable', () => {
  const v1beta1Pipeline = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: Pipeline
    metadata: {name: pipeline}
    spec:
      tasks:
        - name: invalid-pipeline-task
          taskSpec:
            steps:
              - {name: some-step, image: some-image, script: "$(params.doesnotexist)", args: ["$(params.other)"]}
      finally:
        - name: invalid-final-task
          taskSpec:
            steps: [{name: some-step, image: some-image, script: "$(params.doesnotexist)"}]
  `;
  // v1beta1's validateStepVariables checks a script WithDetail; args keep the plain message.
  expectExactly(errorsOf(validate(v1beta1Pipeline)), [
    {
      message: 'non-existent variable `doesnotexist` in "$(params.doesnotexist)"',
      fieldPath: 'spec.finally[0].steps[0].script, spec.tasks[0].steps[0].script',
    },
    {
      message: 'non-existent variable in "$(params.other)"',
      fieldPath: 'spec.tasks[0].steps[0].args[0]',
    },
  ]);
  // v1's does not.
  const v1 = validate(v1beta1Pipeline.replace('tekton.dev/v1beta1', 'tekton.dev/v1'));
  assert.ok(
    errorsOf(v1).some((d) => d.message === 'non-existent variable in "$(params.doesnotexist)"'),
  );
  // v1beta1's validateTaskResultsVariables is WithDetail too.
  const task = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: Task
    metadata: {name: t}
    spec:
      results: [{name: digest}]
      steps: [{name: s, image: alpine, script: "echo > $(results.missing.path)"}]
  `;
  expectExactly(errorsOf(validate(task)), [
    {
      message: 'non-existent variable `missing` in "echo > $(results.missing.path)"',
      fieldPath: 'spec.steps[0].script',
    },
  ]);
});

test('validation audit: Test_validateMatrix "parameter in both matrix and params"', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a-task
          taskRef: {name: a-task}
          matrix:
            params: [{name: foobar, value: [foo, bar]}]
          params: [{name: foobar, value: baz}]
        - name: b-task
          taskRef: {name: a-task}
          matrix:
            include: [{name: i, params: [{name: inc, value: x}]}]
          params: [{name: inc, value: y}]
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'expected exactly one, got both',
      fieldPath:
        'spec.tasks[0].matrix[foobar], spec.tasks[0].params[foobar], spec.tasks[1].matrix[inc], spec.tasks[1].params[inc]',
    },
  ]);
});

test('validation audit: Test_validateMatrix "invalid matrix emitting array results consumed in aggregate by another pipelineTask (embedded TaskSpec)"', () => {
  const matrixed = yaml`
    - name: m
      matrix:
        params: [{name: platform, value: [linux, mac]}]
      taskSpec:
        params: [{name: platform}]
        results: [{name: array-result, type: array}, {name: url}]
        steps: [{name: s, image: alpine, script: "true"}]
  `;
  const consumers = (...values: string[]) =>
    values
      .map(
        (value, i) =>
          `- name: c${i}\n  taskRef: {name: t}\n  params: [{name: x, value: "${value}"}]\n`,
      )
      .join('');
  const check = (...values: string[]) =>
    errorsOf(validate(pipeline(`tasks:\n${indentBy(matrixed + consumers(...values), 2)}`)));
  const arrayType = {
    message:
      'invalid value: Matrixed PipelineTasks emitting results must have an underlying type string, but result array-result has type array in pipelineTask',
    fieldPath: 'spec.tasks',
  };
  expectExactly(check('$(tasks.m.results.array-result[*])'), [arrayType]);
  // Each param with result references replaces the ones before: only the last is checked.
  expectExactly(check('$(tasks.m.results.array-result[*])', '$(tasks.m.results.url[*])'), []);
  expectExactly(check('$(tasks.m.results.url[*])', '$(tasks.m.results.array-result[*])'), [
    arrayType,
  ]);
  // A param reading without [*] stops the check before the types are looked at.
  const notWhole = check('$(tasks.m.results.url[0])', '$(tasks.m.results.array-result[*])');
  assert.equal(
    notWhole.map((d) => d.message),
    [
      'A matrixed pipelineTask can only be consumed in aggregate using [*] notation, but is currently set to tasks.m.results.url[0]',
    ],
  );
});

function indentBy(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : ' '.repeat(spaces) + line))
    .join('\n');
}

test('validation audit: TestValidatePipelineRefResultReferencesDisallowed (all three rows)', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: child
          pipelineRef: {name: child-pipeline}
        - name: inline
          pipelineSpec:
            tasks: [{name: x, taskRef: {name: x}}]
        - name: consumer
          taskRef: {name: echo}
          params: [{name: msg, value: "$(tasks.child.results.out)"}]
          when: [{input: "$(tasks.inline.results.out)", operator: in, values: [go]}]
      finally:
        - name: notify
          taskRef: {name: notify}
          params: [{name: msg, value: "$(tasks.child.results.out)"}]
    `),
  );
  const refused = (task: string) =>
    `invalid value: result reference to pipelineTask "${task}" is not supported: referenced task uses pipelineRef or pipelineSpec and result propagation from child Pipelines is not yet implemented`;
  expectExactly(errorsOf(diagnostics), [
    { message: refused('child'), fieldPath: 'spec.finally[0], spec.tasks[2]' },
    { message: refused('inline'), fieldPath: 'spec.tasks[2]' },
  ]);
});

test('validation audit: TestPipelineSpec_Validate_Failure "... referencing artifacts in task params with enable-artifacts flag false" (tasks and finally rows)', () => {
  const withArtifacts = pipeline(yaml`
    tasks:
      - name: pre-task
        taskRef: {name: foo-task}
    finally:
      - name: consume-artifacts-task
        params: [{name: aaa, value: "$(tasks.produce-artifacts-task.outputs.image)"}]
        taskSpec:
          steps: [{name: s, image: alpine, script: "true"}]
  `);
  const message = 'feature flag enable-artifacts should be set to true to use artifacts feature.';
  expectExactly(errorsOf(validate(withArtifacts)), [
    { message, fieldPath: 'spec.finally[0].params' },
  ]);
  // With the flag on, the reference is accepted (TestPipeline_Validate_Success).
  assert.equal(errorsOf(validate(withArtifacts, { enableArtifacts: true })), []);
  // validateArtifactReference returns at the first task: one error, tasks before finally.
  const both = validate(
    pipeline(yaml`
      tasks:
        - {name: pre-task, taskRef: {name: foo-task}}
        - name: a
          taskRef: {name: t}
          params: [{name: x, value: "$(tasks.pre-task.inputs.src)"}]
        - name: b
          taskRef: {name: t}
          params: [{name: x, value: ["$(tasks.pre-task.outputs.image)"]}]
      finally:
        - name: f
          taskRef: {name: t}
          params: [{name: x, value: "$(tasks.pre-task.outputs.image)"}]
    `),
  );
  expectExactly(errorsOf(both), [{ message, fieldPath: 'spec.tasks[1].params' }]);
});

test('validation audit: v1beta1 TestPipelineSpec_Validate_Failure "uses resources", "... in tasks", "... in finally"; PipelineRunSpec, Task', () => {
  const pipelineWithResources = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: Pipeline
    metadata: {name: p}
    spec:
      resources: [{name: foo, type: image}]
      tasks:
        - name: a
          taskRef: {name: t}
          resources: {inputs: [{name: i, resource: foo}]}
        - name: pipeline-task
          taskSpec:
            resources: {}
            steps: [{image: my-image}]
      finally:
        - name: finally
          taskSpec:
            resources: {}
            steps: [{image: my-image}]
  `;
  // ErrDisallowedFields, one merged error; no unknown-field warning beside it.
  expectExactly(validate(pipelineWithResources), [
    {
      message: 'must not set the field(s)',
      fieldPath:
        'spec.finally[0].taskSpec.resources, spec.resources, spec.tasks[0].resources, spec.tasks[1].taskSpec.resources',
    },
  ]);
  // `len(ps.Resources) > 0`: an empty list passes in a PipelineSpec, not in a PipelineRunSpec.
  const run = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: PipelineRun
    metadata: {name: r}
    spec:
      pipelineRef: {name: p}
      resources: []
  `;
  expectExactly(errorsOf(validate(run)), [
    { message: 'must not set the field(s)', fieldPath: 'spec.resources' },
  ]);
  const task = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: Task
    metadata: {name: t}
    spec:
      resources: {inputs: [{name: src, type: git}]}
      steps: [{name: s, image: alpine, script: "true"}]
  `;
  expectExactly(errorsOf(validate(task)), [
    { message: 'must not set the field(s)', fieldPath: 'spec.resources' },
  ]);
  // v1 has no such field: an unknown field, a warning.
  const v1 = validate(task.replace('tekton.dev/v1beta1', 'tekton.dev/v1'));
  assert.equal(errorsOf(v1), []);
  assert.ok(v1.some((d) => d.severity === 'warning' && d.fieldPath === 'spec.resources'));
});

test('validation audit: v1beta1 TestPipelineRun_Invalid "uses bundle (deprecated) on creation is disallowed"; a taskRef bundle too', () => {
  const run = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: PipelineRun
    metadata: {name: pipelinerunname}
    spec:
      pipelineRef: {name: foo, bundle: example.com/foo/bar}
  `;
  expectExactly(errorsOf(validate(run)), [
    { message: 'must not set the field(s)', fieldPath: 'spec.pipelineRef.bundle' },
  ]);
  const pipelineWithBundle = yaml`
    apiVersion: tekton.dev/v1beta1
    kind: Pipeline
    metadata: {name: p}
    spec:
      tasks:
        - name: clone
          taskRef: {name: git-clone, bundle: gcr.io/x/git-clone:0.9}
  `;
  expectExactly(errorsOf(validate(pipelineWithBundle)), [
    { message: 'must not set the field(s)', fieldPath: 'spec.tasks[0].taskRef.bundle' },
  ]);
});

test('validation audit: `tekton-sim validate` prints the rows of invalid-cases/S03 at their lines', async () => {
  const { errors } = await invalidCaseErrors('S03-audit-webhook.yaml');
  assert.equal(errors, [
    '8:3: error: invalid resource name "pipe,line": must be a valid DNS label (metadata.name)',
    `23:7: error: "array" type does not match default value's type: "string" (spec.finally.params.foo.default.type, spec.finally.params.foo.type, spec.tasks.params.foo.default.type, spec.tasks.params.foo.type)`,
    '37:9: error: taskSpec.kind cannot be specified when using taskSpec.steps (spec.tasks[0].taskSpec.kind)',
    '52:12: error: expected exactly one, got both (spec.taskRunSpecs[0].stepSpecs[1].name)',
    '66:7: error: non-existent variable in "$(context.pipelineRun.missing)" (spec.finally.value)',
  ]);
});

test.run();
