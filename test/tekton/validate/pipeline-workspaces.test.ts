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

test('validate: pipeline workspaces: an embedded pipelineSpec gets the declaration checks only', () => {
  // Bindings and task params are checked by Pipeline.Validate, which a PipelineRun's
  // pipelineSpec does not go through.
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
  ]);
});

test.run();
