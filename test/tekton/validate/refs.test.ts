import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorsOf, expectExactly, pipeline, pipelineRun, validate, yaml } from './helpers.js';

// validateRef (container_validation.go) on taskRef and pipelineRef (fidelity audit V03).
const CONCISE =
  'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax';

test('validate: refs: a taskRef needs a name, or a resolver', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {}
        - name: b
          taskRef: {name: "https://example.com/task.yaml"}
        - name: c
          taskRef: {name: t, resolver: git}
        - name: d
          taskRef:
            name: t
            params: [{name: url, value: x}]
        - name: e
          taskRef: {resolver: git, params: [{name: url, value: x}]}
        - name: f
          taskRef: {Name: t}
        - name: g
          taskRef: {apiVersion: example.dev/v1, kind: Wait}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    // One message, so one error with its paths sorted (knative's merge).
    {
      message: 'missing field(s)',
      fieldPath:
        'spec.tasks[0].taskRef.name, spec.tasks[1].taskRef.resolver, spec.tasks[3].taskRef.resolver',
      line: 8,
    },
    { message: CONCISE, fieldPath: 'spec.tasks[1].taskRef', line: 10 },
    {
      message: 'invalid value: invalid URI for request',
      fieldPath: 'spec.tasks[2].taskRef.name',
      line: 12,
    },
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.tasks[3].taskRef.name, spec.tasks[3].taskRef.params',
    },
  ]);
});

test('validate: refs: a PipelineRun pipelineRef is checked the same way', () => {
  expectExactly(errorsOf(validate(pipelineRun('pipelineRef: {}\n'))), [
    { message: 'missing field(s)', fieldPath: 'spec.pipelineRef.name' },
  ]);
  expectExactly(errorsOf(validate(pipelineRun('pipelineRef: {name: "git://repo/p.yaml"}\n'))), [
    { message: CONCISE, fieldPath: 'spec.pipelineRef' },
    { message: 'missing field(s)', fieldPath: 'spec.pipelineRef.resolver' },
  ]);
  // A URL-like name with a resolver is still the concise syntax, which is off by default.
  expectExactly(
    errorsOf(validate(pipelineRun('pipelineRef: {name: "git://repo/p.yaml", resolver: git}\n'))),
    [{ message: CONCISE, fieldPath: 'spec.pipelineRef' }],
  );
  assert.equal(
    errorsOf(
      validate(pipelineRun('pipelineRef: {resolver: git, params: [{name: a, value: b}]}\n')),
    ),
    [],
  );
});

test.run();
