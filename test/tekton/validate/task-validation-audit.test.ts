import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../cli/run-cli.js';
import { errorsOf, expectExactly, invalidCaseErrors, validate, yaml } from './helpers.js';

function task(specBody: string, apiVersion = 'tekton.dev/v1'): string {
  const indented = specBody
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n');
  return `apiVersion: ${apiVersion}\nkind: Task\nmetadata:\n  name: t\nspec:\n${indented}`;
}

const VALID_STEPS = 'steps: [{name: mystep, image: myimage}]\n';

test('task audit: TestTaskSpecValidateError "duplicate step name"; v1beta1 says invalid value', () => {
  const spec = 'steps:\n  - {name: mystep, image: myimage}\n  - {name: mystep, image: myimage}\n';
  expectExactly(validate(task(spec)), [
    { message: 'expected exactly one, got both', fieldPath: 'spec.steps[1].name', line: 8 },
  ]);
  // v1beta1's validateStep: ErrInvalidValue(s.Name, "name").
  expectExactly(validate(task(spec, 'tekton.dev/v1beta1')), [
    { message: 'invalid value: mystep', fieldPath: 'spec.steps[1].name', line: 8 },
  ]);
});

test('task audit: TestTaskSpecValidateError "invalid param name format" and "invalid object param format"', () => {
  const names = validate(
    task(yaml`
      params:
        - {name: _validparam1}
        - {name: valid_param2}
        - {name: ""}
        - {name: "a^b"}
        - {name: 0ab}
        - {name: f oo}
      ${VALID_STEPS}
    `),
  );
  expectExactly(names, [
    {
      message:
        'The format of following array and string variable names is invalid: [ 0ab a^b f oo]',
      fieldPath: 'spec.params',
    },
  ]);
  assert.is(
    names[0]?.details,
    'String/Array Names: \nMust only contain alphanumeric characters, hyphens (-), underscores (_), and dots (.)\nMust begin with a letter or an underscore (_)',
  );
  // No type: SetDefaults makes a param with properties an object.
  expectExactly(
    validate(
      task(yaml`
        params:
          - name: invalid.name1
            properties: {invalid.key1: {}, mykey2: {}}
        ${VALID_STEPS}
      `),
    ),
    [
      {
        message:
          'Object param name and key name format is invalid: map[invalid.name1:[invalid.key1]]',
        fieldPath: 'spec.params',
      },
    ],
  );
});

test('task audit: TestTaskSpecValidateError "duplicated param names"', () => {
  expectExactly(
    validate(
      task(yaml`
        params:
          - {name: foo, type: string, default: value1}
          - {name: foo, type: string, default: value2}
        ${VALID_STEPS}
      `),
    ),
    [{ message: 'parameter appears more than once', fieldPath: 'spec.params[foo]', line: 8 }],
  );
});

test('task audit: TestTaskSpecValidateError "array used in a string field", "array star used illegally in script field", "array param used in step env value field"', () => {
  const diagnostics = validate(
    task(yaml`
      params:
        - {name: baz, type: array}
        - {name: foo-is-baz, type: array}
      steps:
        - name: mystep
          image: "$(params.baz)"
          command: ["$(params.foo-is-baz)"]
          args: ["$(params.baz)", "middle string", url]
          workingDir: /foo/bar/src/
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'variable type invalid in "$(params.baz)"',
      fieldPath: 'spec.steps[0].image',
      line: 11,
    },
  ]);
  expectExactly(
    validate(
      task(yaml`
        params: [{name: baz, type: array}]
        steps:
          - {name: mystep, image: my-image, script: "$(params.baz[*])"}
      `),
    ),
    [{ message: 'variable type invalid in "$(params.baz[*])"', fieldPath: 'spec.steps[0].script' }],
  );
  expectExactly(
    validate(
      task(yaml`
        params: [{name: baz, type: array}]
        steps:
          - name: mystep
            image: my-image
            env: [{name: URL, value: "$(params.baz)"}]
      `),
    ),
    [{ message: 'variable type invalid in "$(params.baz)"', fieldPath: 'spec.steps[0].env[URL]' }],
  );
});

test('task audit: TestTaskSpecValidateError "array not properly isolated", "inferred array star not properly isolated"', () => {
  for (const param of ['{name: baz, type: array}', '{name: baz, default: [implied, array]}']) {
    for (const reference of ['$(params.baz)', '$(params.baz[*])']) {
      expectExactly(
        validate(
          task(yaml`
            params: [${param}]
            steps:
              - name: mystep
                image: someimage
                args: ["not isolated: ${reference}", "middle string", url]
          `),
        ),
        [
          {
            message: `variable is not properly isolated in "not isolated: ${reference}"`,
            fieldPath: 'spec.steps[0].args[0]',
          },
        ],
      );
    }
  }
});

test('task audit: validateArrayUsage re-prefixes the errors of earlier steps, as its loop does', () => {
  // errs.Also(...).ViaFieldIndex("steps", idx) applies to everything gathered so far.
  expectExactly(
    validate(
      task(yaml`
        params: [{name: baz, type: array}]
        steps:
          - {name: one, image: "$(params.baz)"}
          - {name: two, image: i}
      `),
    ),
    [
      {
        message: 'variable type invalid in "$(params.baz)"',
        fieldPath: 'spec.steps[1].steps[0].image',
      },
    ],
  );
});

test('task audit: TestTaskSpecValidateError "Multiple volumes with same name"', () => {
  expectExactly(
    validate(
      task(
        `volumes: [{name: workspace, emptyDir: {}}, {name: workspace, emptyDir: {}}]\n${VALID_STEPS}`,
      ),
    ),
    [{ message: 'multiple volumes with same name "workspace"', fieldPath: 'spec.volumes[1].name' }],
  );
});

test('task audit: TestTaskSpecValidateError workspace rows (names, mount paths, volumeMounts, stepTemplate)', () => {
  expectExactly(
    validate(
      task(yaml`
        workspaces: [{name: same-workspace, mountPath: /foo}, {name: same-workspace, mountPath: /bar}]
        ${VALID_STEPS}
      `),
    ),
    [
      {
        message: 'workspace name "same-workspace" must be unique',
        fieldPath: 'spec.workspaces[1].name',
      },
    ],
  );
  expectExactly(
    validate(
      task(yaml`
        workspaces: [{name: some-workspace, mountPath: /foo}, {name: another-workspace, mountPath: /foo}]
        ${VALID_STEPS}
      `),
    ),
    [
      {
        message: 'workspace mount path "/foo" must be unique',
        fieldPath: 'spec.workspaces[1].mountpath',
      },
    ],
  );
  // "workspace default mount path already in volumeMounts": filepath.Clean drops the slash.
  expectExactly(
    validate(
      task(yaml`
        workspaces: [{name: some-workspace}]
        steps:
          - image: myimage
            command: [command]
            volumeMounts: [{name: my-mount, mountPath: /workspace/some-workspace/}]
      `),
    ),
    [
      {
        message: 'workspace mount path "/workspace/some-workspace" must be unique',
        fieldPath: 'spec.workspaces[0].mountpath',
      },
    ],
  );
  // "workspace mount path already in stepTemplate".
  expectExactly(
    validate(
      task(yaml`
        workspaces: [{name: some-workspace, mountPath: /foo}]
        stepTemplate:
          volumeMounts: [{name: my-mount, mountPath: /foo}]
        ${VALID_STEPS}
      `),
    ),
    [
      {
        message: 'workspace mount path "/foo" must be unique',
        fieldPath: 'spec.workspaces[0].mountpath',
      },
    ],
  );
});

test('task audit: TestStepAndSidecarWorkspacesErrors (both rows, one merged error)', () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - image: foo
            workspaces: [{name: foo}]
        sidecars:
          - image: foo
            workspaces: [{name: foo}]
      `),
    ),
    [
      {
        message: 'undefined workspace "foo"',
        fieldPath: 'spec.sidecars[0].workspaces[0].name, spec.steps[0].workspaces[0].name',
      },
    ],
  );
});

test('task audit: TestTaskSpecValidateError "result name not valid", "result type not valid"', () => {
  const name = validate(task(`results: [{name: "MY^RESULT"}]\n${VALID_STEPS}`));
  expectExactly(name, [
    { message: 'invalid key name "MY^RESULT"', fieldPath: 'spec.results[0].name' },
  ]);
  assert.is(
    name[0]?.details,
    "Name must consist of alphanumeric characters, '-', '_', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my-name',  or 'my_name', regex used for validation is '^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$')",
  );
  const type = validate(task(`results: [{name: MY-RESULT, type: wrong}]\n${VALID_STEPS}`));
  expectExactly(type, [{ message: 'invalid value: wrong', fieldPath: 'spec.results[0].type' }]);
  assert.is(type[0]?.details, 'type must be string');
});

test('task audit: TestResultsValidateError object rows; TestResultsValidateValueError every row', () => {
  expectExactly(
    validate(
      task(yaml`
        results:
          - {name: MY-RESULT, type: object, properties: {hello: {type: wrong type}}}
          - {name: EMPTY, type: object}
          - {name: ARR, value: [a]}
          - {name: OBJ, type: object, properties: {hello: {}}, value: {hello: x}}
          - {name: FORMAT, value: not a valid format}
          - {name: STEP, value: "$(steps.foo.foo.results.bar)"}
          - {name: RESULT, value: "$(steps.foo.results.-bar)"}
        ${VALID_STEPS}
      `),
    ),
    [
      {
        message:
          'The value type specified for these keys [hello] is invalid, the type must be string',
        fieldPath: 'spec.results[0].MY-RESULT.properties',
      },
      { message: 'missing field(s)', fieldPath: 'spec.results[1].EMPTY.properties' },
      {
        message: 'Invalid Type. Wanted string but got: "array"',
        fieldPath: 'spec.results[2].ARR.type',
      },
      {
        message: 'Invalid Type. Wanted string but got: "object"',
        fieldPath: 'spec.results[3].OBJ.type',
      },
      {
        message:
          'Could not extract step name and result name. Expected value to look like $(steps.<stepName>.results.<resultName>) but got "not a valid format"',
        fieldPath: 'spec.results[4].FORMAT.value',
      },
      {
        message: 'invalid extracted step name "foo.foo"',
        fieldPath: 'spec.results[5].STEP.value',
      },
      {
        message: 'invalid extracted result name "-bar"',
        fieldPath: 'spec.results[6].RESULT.value',
      },
    ],
  );
});

test('task audit: TestTaskSpecValidateError "context not valid" (context.task and context.taskRun)', () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - image: my-image
            args: [arg]
            script: 'hello "$(context.task.missing)"'
          - image: my-image
            args: ["$(context.taskRun.missing)"]
      `),
    ),
    [
      {
        message: 'non-existent variable in "hello \\"$(context.task.missing)\\""',
        fieldPath: 'spec.steps[0].script',
      },
      {
        message: 'non-existent variable in "$(context.taskRun.missing)"',
        fieldPath: 'spec.steps[1].args[0]',
      },
    ],
  );
  // TestTaskSpecValidate "valid task name context" and its neighbours.
  const known =
    'echo $(context.task.name) $(context.task.retry-count) $(context.taskRun.name) $(context.taskRun.uid) $(context.taskRun.namespace)';
  assert.equal(errorsOf(validate(task(`steps: [{image: i, script: "${known}"}]\n`))), []);
});

test('task audit: TestStepValidateError "invalid step name", "step with script and command"', () => {
  const name = validate(task('steps: [{name: replaceImage, image: myimage}]\n'));
  expectExactly(name, [
    { message: 'invalid value "replaceImage"', fieldPath: 'spec.steps[0].name' },
  ]);
  assert.is(
    name[0]?.details,
    'Task step name must be a valid DNS Label, For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
  );
  expectExactly(validate(task('steps: [{image: my-image, command: [ls], script: echo}]\n')), [
    { message: 'script cannot be used with command', fieldPath: 'spec.steps[0].script' },
  ]);
  // MergeStepsWithStepTemplate drops the template's command from a step with a script.
  assert.equal(
    errorsOf(validate(task('stepTemplate: {image: i, command: [ls]}\nsteps: [{script: echo}]\n'))),
    [],
  );
});

test('task audit: TestStepValidateError volume mount rows (under /tekton/, path traversal, tekton-internal-)', () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - name: s
            image: my-image
            volumeMounts:
              - {name: foo, mountPath: /tekton/foo}
              - {name: foo, mountPath: /tekton/home/../results}
              - {name: foo, mountPath: /tekton/home/../../tekton/run}
              - {name: tekton-internal-foo, mountPath: /foo}
              - {name: home, mountPath: /tekton/home/cache}
      `),
    ),
    [
      {
        message:
          'volumeMount cannot be mounted under /tekton/ (volumeMount "foo" mounted at "/tekton/foo")',
        fieldPath: 'spec.steps[0].volumeMounts[0].mountPath',
        line: 10,
      },
      {
        message:
          'volumeMount cannot be mounted under /tekton/ (volumeMount "foo" mounted at "/tekton/home/../results")',
        fieldPath: 'spec.steps[0].volumeMounts[1].mountPath',
      },
      {
        message:
          'volumeMount cannot be mounted under /tekton/ (volumeMount "foo" mounted at "/tekton/home/../../tekton/run")',
        fieldPath: 'spec.steps[0].volumeMounts[2].mountPath',
      },
      {
        message: 'volumeMount name "tekton-internal-foo" cannot start with "tekton-internal-"',
        fieldPath: 'spec.steps[0].volumeMounts[3].name',
      },
    ],
  );
});

test('task audit: TestStepValidateError "negative timeout string" is the step\'s only error', () => {
  expectExactly(validate(task('steps: [{name: s, image: my-image, timeout: -10s}]\n')), [
    { message: 'invalid value: -10s', fieldPath: 'spec.steps[0].negative timeout' },
  ]);
  // Step.Validate returns it alone: the bad name, the missing image and onError go unsaid,
  // while StepList.Validate's duplicate-name check, outside it, still speaks.
  expectExactly(
    validate(
      task(yaml`
        steps:
          - {name: Bad_Name, image: i}
          - {name: Bad_Name, onError: ignore, timeout: -1h}
      `),
    ),
    [
      { message: 'invalid value "Bad_Name"', fieldPath: 'spec.steps[0].name' },
      { message: 'expected exactly one, got both', fieldPath: 'spec.steps[1].name' },
      { message: 'invalid value: -1h0m0s', fieldPath: 'spec.steps[1].negative timeout' },
    ],
  );
});

test('task audit: TestStepValidateErrorWithStepResultRef and TestStepValidateErrorWithArtifactsRef (one merged error each)', () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - name: s
            image: "$(steps.a.results.b)"
            workingDir: "$(steps.a.results.b)"
            script: "$(steps.a.results.b)"
            envFrom:
              - prefix: "$(steps.a.results.b)"
                configMapRef: {name: "$(steps.a.results.b)"}
                secretRef: {name: "$(steps.a.results.b)"}
            volumeMounts: [{name: "$(steps.a.results.b)", mountPath: /m}]
      `),
    ),
    [
      {
        message:
          'stepResult substitutions are only allowed in env, command and args. Found usage in',
        fieldPath:
          'spec.steps[0].envFrom.configMapRef, spec.steps[0].envFrom.prefix, spec.steps[0].envFrom.secretRef, spec.steps[0].image, spec.steps[0].script, spec.steps[0].volumeMounts.name, spec.steps[0].workingDir',
      },
    ],
  );
  expectExactly(
    validate(
      task(yaml`
        steps:
          - name: s
            image: "$(steps.a.outputs.b)"
            volumeMounts: [{name: v, mountPath: "$(steps.a.outputs.b)", subPath: "$(steps.a.outputs.b)"}]
      `),
    ),
    [
      {
        message:
          'stepArtifact substitutions are only allowed in env, command, args and script. Found usage in',
        fieldPath:
          'spec.steps[0].image, spec.steps[0].volumeMounts.mountPath, spec.steps[0].volumeMounts.subPath',
      },
    ],
  );
});

test("task audit: TestStepValidateErrorWithArtifactsRefFlagNotEnabled: the flag error is the step's only one", () => {
  for (const field of [
    'env: [{name: X, value: "$(steps.a.outputs.b)"}]',
    'script: "cat $(step.artifacts.path)"',
    'command: ["$(steps.a.inputs.b)"]',
    'args: ["$(tasks.a.outputs.b)"]',
  ]) {
    expectExactly(validate(task(`steps:\n  - name: Bad_Name\n    ${field}\n`)), [
      {
        message: 'feature flag enable-artifacts should be set to true to use artifacts feature.',
        fieldPath: 'spec.steps[0]',
      },
    ]);
  }
  // With the flag on, the other checks speak (the image is missing).
  expectExactly(
    validate(task('steps:\n  - script: "cat $(step.artifacts.path)"\n'), {
      enableArtifacts: true,
    }),
    [{ message: 'missing field(s)', fieldPath: 'spec.steps[0].Image' }],
  );
});

test('task audit: TestSidecarValidateError every row; SidecarList.Validate gives no index', () => {
  const text = yaml`
    ${VALID_STEPS}
    sidecars:
      - {name: tekton-log-results, image: foo}
      - {name: no-image}
      - {name: both, image: foo, command: [foo], script: echo}
      - {name: no-image-either}
  `;
  expectExactly(validate(task(text)), [
    {
      message: 'Invalid: cannot use reserved sidecar name tekton-log-results ',
      fieldPath: 'spec.sidecars.name',
    },
    { message: 'missing field(s)', fieldPath: 'spec.sidecars.image', line: 10 },
    { message: 'script cannot be used with command', fieldPath: 'spec.sidecars.script' },
  ]);
  // v1beta1's validateSidecarNames checks the name alone, at `sidecars`.
  expectExactly(validate(task(text, 'tekton.dev/v1beta1')), [
    {
      message: 'Invalid: cannot use reserved sidecar name tekton-log-results ',
      fieldPath: 'spec.sidecars',
    },
  ]);
});

test('task audit: TestTaskSpecValidate_StepResults_Error "step script refers to nonexistent stepresult"; step result rows', () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - image: my-image
            results: [{name: a-result}]
            script: 'date | tee $(step.results.non-exist.path)'
      `),
    ),
    [
      {
        message: 'non-existent variable in "date | tee $(step.results.non-exist.path)"',
        fieldPath: 'spec.steps[0].script',
      },
    ],
  );
  // TestStepResultsValidateError (result_validation_test.go): StepResult.Validate.
  const diagnostics = validate(
    task(yaml`
      steps:
        - image: my-image
          results:
            - {name: _MY-RESULT}
            - {name: r2, type: wrong}
            - {name: r3, type: object}
            - {name: r4, properties: {a: {type: number}}}
    `),
  );
  expectExactly(diagnostics, [
    { message: 'invalid key name "_MY-RESULT"', fieldPath: 'spec.steps[0].results[0].name' },
    { message: 'invalid value: wrong', fieldPath: 'spec.steps[0].results[1].type' },
    { message: 'missing field(s)', fieldPath: 'spec.steps[0].results[2].r3.properties' },
    {
      message: 'the value type specified for these keys [a] is invalid, the type must be string',
      fieldPath: 'spec.steps[0].results[3].r4.properties',
    },
  ]);
  assert.is(diagnostics[1]?.details, 'invalid type wrong');
  // TestTaskSpecValidate "valid step script with both step results and task results".
  const both = yaml`
    results: [{name: taskResult}]
    steps:
      - name: collect-data
        image: my-image
        results: [{name: stepResult, type: string}]
        script: 'echo a > $(step.results.stepResult.path); echo b > $(results.taskResult.path)'
  `;
  assert.equal(errorsOf(validate(task(both))), []);
});

test('task audit: TestTaskSpecValidate_StepWhen_Error "cel not allowed if EnableCELInWhenExpression is false"', () => {
  const text = task(`steps:\n  - image: my-image\n    when: [{cel: "'d'=='d'"}]\n`);
  expectExactly(validate(text, { enableCelInWhenExpression: false }), [
    {
      message:
        "feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'd'=='d' in WhenExpression",
      fieldPath: 'spec.steps[0].when[0]',
    },
  ]);
  assert.equal(errorsOf(validate(text)), []);
});

test("task audit: TestRef_Invalid rows through a step's StepAction ref (Ref.Validate adds no `ref` to the paths)", () => {
  expectExactly(
    validate(
      task(yaml`
        steps:
          - ref: {}
          - ref: {params: [{name: a, value: b}]}
          - ref: {name: foo, resolver: git}
          - ref: {name: "https://foo.com/bar"}
          - ref: {name: foo, resolver: git, params: [{name: a, value: b}]}
          - ref: {name: _foo}
      `),
    ),
    [
      {
        message: 'missing field(s)',
        fieldPath: 'spec.steps[0].name, spec.steps[1].resolver, spec.steps[3].resolver',
      },
      {
        message: 'invalid value: invalid URI for request',
        fieldPath: 'spec.steps[2].name, spec.steps[4].name',
      },
      {
        message:
          'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax',
        fieldPath: 'spec.steps[3]',
      },
      {
        message: 'expected exactly one, got both',
        fieldPath: 'spec.steps[4].name, spec.steps[4].params',
      },
      {
        message:
          "invalid value: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        fieldPath: 'spec.steps[5].name',
      },
    ],
  );
  // TestTaskSpecStepActionReferenceValidate: both rows are accepted.
  const valid =
    'steps:\n  - {name: mystep, ref: {name: stepAction}}\n  - ref: {name: stepAction}\n    params: [{name: param, value: v}]\n';
  assert.equal(errorsOf(validate(task(valid))), []);
});

test('task audit: TestTaskSpecValidate and TestTaskSpecValidatePropagatedParamsAndWorkspaces rows stay accepted', () => {
  const diagnostics = validate(yaml`
    apiVersion: tekton.dev/v1
    kind: Task
    metadata:
      name: task
    spec:
      params:
        - {name: task, default: [a, b]}
        - name: myobj
          properties: {key1: {}, key2: {type: string}}
          default: {key1: a, key2: b}
        - {name: baz, type: array}
      workspaces:
        - {name: foo-workspace, mountPath: some/path}
      results:
        - {name: MY-RESULT, type: array}
        - {name: OBJ, type: object, properties: {hello: {type: string}}}
        - {name: VAL, value: "$(steps.my-step.results.r)"}
      stepTemplate:
        image: base
        volumeMounts: [{name: data, mountPath: /workspace/data}]
      steps:
        - name: my-step
          displayName: My Step
          image: my-image
          args: ["$(params.baz)", "$(params.task[1])", "$(params.myobj.key1)"]
          results: [{name: r}]
          script: echo $(params.baz[0]) > $(step.results.r.path)
        - name: astep
          command: [echo]
          volumeMounts: [{name: home, mountPath: /tekton/home/x}]
          onError: "$(params.task)"
    ---
    apiVersion: tekton.dev/v1
    kind: PipelineRun
    metadata:
      name: r
    spec:
      params: [{name: message, value: hi}]
      pipelineSpec:
        tasks:
          - name: a
            taskSpec:
              steps:
                - {name: propagatingparams, image: my-image, script: "$(params.message)"}
  `);
  assert.equal(errorsOf(diagnostics), []);
});

test('task audit: TestParamEnum_Failure every row, through a Task (agreed before this audit)', () => {
  const text = task(yaml`
    params:
      - {name: param1, type: string, default: v4, enum: [v1, v2]}
      - {name: param2, type: array, enum: [v1, v2]}
      - {name: param3, type: object, properties: {a: {}}, enum: [v1, v2]}
      - {name: param4, type: string, enum: [v1, v1, v2]}
    steps: [{image: foo}]
  `);
  const checked = [
    {
      message: 'param default value v4 not in the enum list',
      fieldPath: 'spec.params[param1]',
    },
    {
      message: 'enum can only be set with string type param',
      fieldPath: 'spec.params[param2], spec.params[param3]',
    },
    {
      message: 'parameter enum value v1 appears more than once',
      fieldPath: 'spec.params[param4]',
    },
  ];
  expectExactly(validate(text, { paramEnum: 'checked' }), checked);
  // "param enum with feature flag disabled": refused, and the other checks still speak.
  expectExactly(validate(text, { paramEnum: 'refused' }), [
    {
      message: 'feature flag `enable-param-enum` should be set to true to use Enum',
      fieldPath:
        'spec.params[param1], spec.params[param2], spec.params[param3], spec.params[param4]',
    },
    ...checked,
  ]);
});

test("task audit: an embedded taskSpec gets the same checks under its pipeline task's path", () => {
  const diagnostics = validate(yaml`
    apiVersion: tekton.dev/v1
    kind: PipelineRun
    metadata:
      name: r
    spec:
      pipelineSpec:
        tasks:
          - name: a
            taskSpec:
              volumes: [{name: v, emptyDir: {}}, {name: v, emptyDir: {}}]
              results: [{name: "MY^RESULT"}]
              steps:
                - {name: mystep, image: i, timeout: -1m30s}
                - {name: mystep, image: i}
              sidecars: [{name: s}]
  `);
  expectExactly(diagnostics, [
    {
      message: 'multiple volumes with same name "v"',
      fieldPath: 'spec.pipelineSpec.tasks[0].taskSpec.volumes[1].name',
    },
    {
      message: 'invalid key name "MY^RESULT"',
      fieldPath: 'spec.pipelineSpec.tasks[0].taskSpec.results[0].name',
    },
    {
      message: 'invalid value: -1m30s',
      fieldPath: 'spec.pipelineSpec.tasks[0].taskSpec.steps[0].negative timeout',
    },
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.pipelineSpec.tasks[0].taskSpec.steps[1].name',
    },
    {
      message: 'missing field(s)',
      fieldPath: 'spec.pipelineSpec.tasks[0].taskSpec.sidecars.image',
    },
  ]);
});

test('task audit: `tekton-sim validate` and `run` print the rows of invalid-cases/S04 at their lines', async () => {
  const { file, errors } = await invalidCaseErrors('S04-task-validation-audit.yaml');
  assert.equal(errors, [
    '13:7: error: workspace mount path "/foo" must be unique (spec.workspaces[1].mountpath)',
    '17:7: error: expected exactly one, got both (spec.steps[1].name)',
    '35:22: error: variable is not properly isolated in "not isolated: $(params.baz)" (spec.pipelineSpec.tasks[0].taskSpec.steps[0].args[0])',
  ]);
  // `run` refuses the PipelineRun before simulating it, with the same error.
  const run = await runCli('run', file);
  assert.is(run.code, 2, run.stdout);
  assert.ok(
    run.stderr.includes(
      ':35:22: error: variable is not properly isolated in "not isolated: $(params.baz)" (spec.pipelineSpec.tasks[0].taskSpec.steps[0].args[0])',
    ),
    run.stderr,
  );
});

test.run();
