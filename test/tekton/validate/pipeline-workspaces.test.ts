import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorsOf, expectExactly, pipeline, pipelineRun, validate, yaml } from './helpers.js';

// Workspaces and task params of a Pipeline as the webhook checks them (fidelity audit V05).
const body = yaml`
  workspaces:
    - name: src
    - name: src
    - name: ""
  tasks:
    - name: a
      taskRef: {name: t}
      workspaces:
        - {name: w, workspace: src}
        - {name: w, workspace: nope}
        - {name: other}
      params:
        - {name: x, value: a}
        - {name: x, value: b}
`;

test('validate: pipeline workspaces: declarations, bindings and repeated task params', () => {
  expectExactly(errorsOf(validate(pipeline(body))), [
    {
      message: 'invalid value: workspace with name "src" appears more than once',
      fieldPath: 'spec.workspaces[1]',
      line: 8,
    },
    { message: 'invalid value: workspace 2 has empty name', fieldPath: 'spec.workspaces[2]' },
    { message: 'workspace name "w" must be unique', fieldPath: 'spec.tasks[0].workspaces[1]' },
    {
      message:
        'invalid value: pipeline task "a" expects workspace with name "nope" but none exists in pipeline spec',
      fieldPath: 'spec.tasks[0].workspaces[1]',
    },
    {
      message:
        'invalid value: pipeline task "a" expects workspace with name "other" but none exists in pipeline spec',
      fieldPath: 'spec.tasks[0].workspaces[2]',
    },
    {
      message: 'parameter names must be unique, the parameter "x" is also defined at',
      fieldPath: 'spec.tasks[0].params[1].name',
    },
  ]);
});

test('validate: pipeline workspaces: an embedded pipelineSpec is spared the binding checks', () => {
  // Bindings are checked by Pipeline.Validate, which a PipelineRun's pipelineSpec does not go
  // through; repeated params by PipelineSpec.Validate, which it does (V08).
  const embedded = body
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  const messages = errorsOf(validate(pipelineRun(`pipelineSpec:\n${embedded}`))).map(
    (diagnostic) => `${diagnostic.message} (${diagnostic.fieldPath})`,
  );
  assert.equal(messages.sort(), [
    'invalid value: workspace 2 has empty name (spec.pipelineSpec.workspaces[2])',
    'invalid value: workspace with name "src" appears more than once (spec.pipelineSpec.workspaces[1])',
    'parameter names must be unique, the parameter "x" is also defined at (spec.pipelineSpec.tasks[0].params[1].name)',
  ]);
});

test("validate: pipeline workspaces: a Pipeline param named twice, at Tekton's paths", () => {
  // ValidatePipelineParameterVariables runs under "tasks" and under "finally", so the one
  // repeat is reported at both (merged into one error); each repeat once (findDups).
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - {name: x}
        - {name: x}
        - {name: x}
      tasks:
        - {name: a, taskRef: {name: t}}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'parameter appears more than once',
      fieldPath: 'spec.finally.params[x], spec.tasks.params[x]',
      line: 8,
    },
  ]);
});

test.run();
