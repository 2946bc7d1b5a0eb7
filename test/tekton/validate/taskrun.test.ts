// TaskRun.Validate / TaskRunSpec.Validate (pkg/apis/pipeline/v1/taskrun_validation.go,
// tektoncd/pipeline v1.15.0), each test a row of taskrun_validation_test.go
// (TestTaskRun_Invalid, TestTaskRun_Workspaces_Invalid, TestTaskRunSpec_Invalidate,
// TestTaskRunSpec_Validate) with its exact message and field path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectExactly, validate, yaml } from './helpers.js';

/** A TaskRun named `tr` with the given spec body (YAML under `spec:`, unindented). */
function taskRun(specBody: string, apiVersion = 'tekton.dev/v1'): string {
  const body = specBody
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n');
  return `apiVersion: ${apiVersion}\nkind: TaskRun\nmetadata:\n  name: tr\nspec:\n${body}`;
}

const STEP = 'taskSpec:\n  steps: [{name: mystep, image: myimage}]\n';

test('validate: taskrun: valid rows of TestTaskRunSpec_Validate have no diagnostics', () => {
  for (const body of [
    STEP,
    'taskRef: {name: t}\ntimeout: 0s\n',
    'taskRef: {name: t}\nretries: 5\n',
    'taskRef: {name: t}\nstatus: TaskRunPending\n',
    'taskRef: {name: t}\nstatus: TaskRunCancelled\nstatusMessage: by hand\n',
    'taskRef: {name: t}\nparams: [{name: a, value: x}, {name: b, value: [y]}]\n',
    'taskRef: {name: t}\nworkspaces: [{name: ws, emptyDir: {}}]\n',
  ])
    assert.equal(validate(taskRun(body)), [], body);
});

test('validate: taskrun: "invalid taskspec": neither taskRef nor taskSpec', () => {
  expectExactly(validate(taskRun('retries: 1\n')), [
    { message: 'expected exactly one, got neither', fieldPath: 'spec.taskRef, spec.taskSpec' },
  ]);
});

test('validate: taskrun: "invalid taskref and taskspec together"', () => {
  expectExactly(validate(taskRun(`taskRef: {name: t}\n${STEP}`)), [
    { message: 'expected exactly one, got both', fieldPath: 'spec.taskRef, spec.taskSpec' },
  ]);
});

test('validate: taskrun: "taskspec when inline disabled"', () => {
  expectExactly(validate(taskRun(STEP), { disableInlineSpec: ['pipeline', 'taskrun'] }), [
    { message: 'must not set the field(s)', fieldPath: 'spec.taskSpec' },
  ]);
  assert.equal(validate(taskRun(STEP), { disableInlineSpec: ['pipeline'] }), []);
});

test('validate: taskrun: negative timeout and retries', () => {
  expectExactly(validate(taskRun('taskRef: {name: t}\ntimeout: -48h\nretries: -3\n')), [
    { message: 'invalid value: -48h0m0s should be >= 0', fieldPath: 'spec.timeout', line: 7 },
    { message: 'invalid value: -3 should be >= 0', fieldPath: 'spec.retries', line: 8 },
  ]);
});

test('validate: taskrun: "wrong taskrun cancel" and "incorrectly set statusMesage"', () => {
  expectExactly(validate(taskRun('taskRef: {name: t}\nstatus: TaskRunCancell\n')), [
    {
      message: 'invalid value: TaskRunCancell should be TaskRunCancelled or TaskRunPending',
      fieldPath: 'spec.status',
    },
  ]);
  expectExactly(
    validate(taskRun('taskRef: {name: t}\nstatusMessage: status message without status\n')),
    [
      {
        message:
          'invalid value: statusMessage should not be set if status is not set, but it is currently set to status message without status',
        fieldPath: 'spec.statusMessage',
      },
    ],
  );
});

test('validate: taskrun: params named twice, ignoring case', () => {
  expectExactly(
    validate(
      taskRun('taskRef: {name: t}\nparams: [{name: foo, value: a}, {name: FOO, value: b}]\n'),
    ),
    [{ message: 'expected exactly one, got both', fieldPath: 'spec.params[FOO].name' }],
  );
});

test('validate: taskrun: "propagating params not provided but used by step"', () => {
  const text = taskRun(yaml`
    taskSpec:
      steps:
      - name: echo
        image: ubuntu
        command: [echo]
        args: ["$(params.task-words[*])"]
  `);
  expectExactly(validate(text), [
    {
      message: 'non-existent variable in "$(params.task-words[*])"',
      fieldPath: 'spec.steps[0].args[0]',
    },
  ]);
  // The TaskRun's own params declare what its embedded steps may use (validateInlineParameters).
  const given = taskRun(yaml`
    params: [{name: task-words, value: [a, b]}]
    taskSpec:
      steps:
      - name: echo
        image: ubuntu
        command: [echo]
        args: ["$(params.task-words[*])"]
  `);
  assert.equal(validate(given), []);
});

test('validate: taskrun: "propagating object properties not provided"', () => {
  const text = taskRun(yaml`
    params:
    - name: task-words
      value: {hello: hi}
    taskSpec:
      params:
      - name: task-words
      steps:
      - name: echo
        image: ubuntu
        command: [echo]
        args: ["$(params.task-words.hello)"]
  `);
  expectExactly(validate(text), [
    { message: 'missing field(s)', fieldPath: 'spec.task-words.properties' },
  ]);
});

test('validate: taskrun: TestTaskRun_Workspaces_Invalid', () => {
  expectExactly(
    validate(
      taskRun('taskRef: {name: t}\nworkspaces: [{name: workspace, persistentVolumeClaim: {}}]\n'),
    ),
    [
      {
        message: 'missing field(s)',
        fieldPath: 'spec.workspaces[0].persistentvolumeclaim.claimname',
      },
    ],
  );
  expectExactly(
    validate(
      taskRun(
        'taskRef: {name: t}\nworkspaces: [{name: workspace, emptyDir: {}}, {name: workspace, emptyDir: {}}]\n',
      ),
    ),
    [{ message: 'expected exactly one, got both', fieldPath: 'spec.workspaces[1].name' }],
  );
});

test('validate: taskrun: stepSpecs and sidecarSpecs: beta, named, once each', () => {
  const stable = { enableApiFields: 'stable' as const };
  expectExactly(validate(taskRun('taskRef: {name: t}\nstepSpecs: [{name: a}]\n'), stable), [
    {
      message:
        'stepSpecs requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"',
      fieldPath: 'spec.stepSpecs',
    },
  ]);
  expectExactly(validate(taskRun('taskRef: {name: t}\nsidecarSpecs: [{name: a}]\n'), stable), [
    {
      message:
        'sidecarSpecs requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"',
      fieldPath: 'spec.sidecarSpecs',
    },
  ]);
  expectExactly(validate(taskRun('taskRef: {name: t}\nstepSpecs: [{name: foo}, {name: foo}]\n')), [
    { message: 'expected exactly one, got both', fieldPath: 'spec.stepSpecs[1].name' },
  ]);
  expectExactly(validate(taskRun('taskRef: {name: t}\nsidecarSpecs: [{}]\n')), [
    { message: 'missing field(s)', fieldPath: 'spec.sidecarSpecs[0].name' },
  ]);
  expectExactly(
    validate(
      taskRun(
        'taskRef: {name: t}\nstepSpecs: [{name: s, computeResources: {requests: {memory: 1Gi}}}]\ncomputeResources: {requests: {memory: 2Gi}}\n',
      ),
    ),
    [
      {
        message: 'expected exactly one, got both',
        fieldPath: 'spec.computeResources, spec.stepSpecs.resources',
      },
    ],
  );
});

test('validate: taskrun: debug is alpha; its onFailure breakpoint may only be enabled', () => {
  expectExactly(
    validate(taskRun('taskRef: {name: t}\ndebug: {breakpoints: {onFailure: enabled}}\n'), {
      enableApiFields: 'stable',
    }),
    [
      {
        message: 'debug requires "enable-api-fields" feature gate to be "alpha" but it is "stable"',
        fieldPath: 'spec.debug',
      },
    ],
  );
  expectExactly(
    validate(taskRun('taskRef: {name: t}\ndebug: {breakpoints: {onFailure: turnOn}}\n')),
    [
      {
        message:
          'invalid value: turnOn is not a valid onFailure breakpoint value, onFailure breakpoint is only allowed to be set as enabled',
        fieldPath: 'spec.debug.breakpoints.onFailure',
      },
    ],
  );
});

test('validate: taskrun: an embedded taskSpec gets TaskSpec.Validate ("invalid taskspec" step name)', () => {
  expectExactly(
    validate(
      taskRun('taskSpec:\n  steps: [{name: "invalid-name-with-$weird-char/%", image: myimage}]\n'),
    ),
    [
      {
        message: 'invalid value "invalid-name-with-$weird-char/%"',
        fieldPath: 'spec.taskSpec.steps[0].name',
      },
    ],
  );
});

test('validate: taskrun: a v1beta1 TaskRun is checked at the names it was written with', () => {
  expectExactly(
    validate(taskRun('taskRef: {name: t}\nstepOverrides: [{name: a}]\n', 'tekton.dev/v1beta1'), {
      enableApiFields: 'stable',
    }),
    [
      {
        message:
          'stepOverrides requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable"',
        fieldPath: 'spec.stepOverrides',
      },
    ],
  );
});

test('validate: taskrun: v1beta1 checks no retries, and refuses resources and a taskRef bundle', () => {
  // v1beta1 TaskRunSpec.Validate has no `retries >= 0` rule.
  assert.equal(validate(taskRun('taskRef: {name: t}\nretries: -1\n', 'tekton.dev/v1beta1')), []);
  expectExactly(
    validate(
      taskRun(
        'taskRef: {name: t, bundle: docker.io/x/y}\nresources: {inputs: []}\n',
        'tekton.dev/v1beta1',
      ),
    ),
    // knative merges errors of one message into one, its paths sorted.
    [{ message: 'must not set the field(s)', fieldPath: 'spec.resources, spec.taskRef.bundle' }],
  );
});

test('validate: taskrun: TestTaskRun_Validate propagation rows are valid', () => {
  const rows = [
    // "propagating params with taskrun"
    yaml`
      params: [{name: task-words, value: [hello, task run]}]
      taskSpec:
        steps: [{name: echo, image: ubuntu, command: [echo], args: ["$(params.task-words[*])"]}]
    `,
    // "propagating object params from taskrun to steps"
    yaml`
      params: [{name: task-words, value: {hello: task run}}]
      taskSpec:
        steps: [{name: echo, image: ubuntu, command: [echo], args: ["$(params.task-words.hello)"]}]
    `,
    // "propagating partial params with different provided and default names"
    yaml`
      params: [{name: task-words, value: [hello, task run]}]
      taskSpec:
        params: [{name: task-words-2, type: array}]
        steps:
        - {name: task-echo, image: ubuntu, command: [echo], args: ["$(params.task-words[*])"]}
        - {name: task-echo-2, image: ubuntu, command: [echo], args: ["$(params.task-words-2[*])"]}
    `,
    // "propagating object params with one declared in taskspec and other provided by taskrun"
    yaml`
      params: [{name: task-words, value: {hello: task run}}]
      taskSpec:
        params:
        - name: task-words-2
          type: object
          properties: {hello: {type: string}}
          default: {hello: task run def}
        steps:
        - name: task-echo
          image: ubuntu
          command: [echo]
          args: ["$(params.task-words.hello)", "$(params.task-words-2.hello)"]
    `,
  ];
  for (const body of rows) assert.equal(validate(taskRun(body)), [], body);
});

test.run();
