import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorsOf, expectExactly, pipelineRun, validate, yaml } from './helpers.js';

// PipelineRunSpec.Validate's unique names (fidelity audit V04).

test('validate: unique names: PipelineRun params, ignoring case, and a ref params at the ref', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      pipelineRef:
        resolver: git
        params:
          - {name: url, value: a}
          - {name: URL, value: b}
      params:
        - {name: x, value: a}
        - {name: X, value: b}
    `),
  );
  // validateNoDuplicateNames keys the error by the repeat's own name; validateRef adds no
  // "params" to the path; one message, so one error with both paths.
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.params[X].name, spec.pipelineRef[URL].name',
      line: 10,
    },
  ]);
});

test('validate: unique names: a workspace bound twice names the previous binding', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      pipelineRef: {name: p}
      workspaces:
        - {name: w, emptyDir: {}}
        - {name: w, emptyDir: {}}
        - {name: w, emptyDir: {}}
        - {name: W, emptyDir: {}}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'workspace "w" provided by pipelinerun more than once, at index 0 and 1',
      fieldPath: 'spec.workspaces[1].name',
      line: 9,
    },
    {
      message: 'workspace "w" provided by pipelinerun more than once, at index 1 and 2',
      fieldPath: 'spec.workspaces[2].name',
    },
  ]);
  assert.equal(errorsOf(validate(pipelineRun('pipelineRef: {name: p}\n'))), []);
});

test.run();
