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

test('validate: unique names: each workspace binding has exactly one volume source', () => {
  const diagnostics = validate(
    pipelineRun(yaml`
      pipelineRef: {name: p}
      workspaces:
        - name: a
        - {name: b, emptyDir: {}, secret: {secretName: s}}
        - {name: c, persistentVolumeClaim: {}}
        - {name: d, configMap: {name: x}}
        - {name: e, csi: {}}
        - {}
    `),
  );
  const sources = (position: number) =>
    ['configmap', 'emptydir', 'persistentvolumeclaim', 'secret', 'volumeclaimtemplate']
      .map((field) => `spec.workspaces[${position}].${field}`)
      .join(', ');
  expectExactly(errorsOf(diagnostics), [
    { message: 'expected exactly one, got neither', fieldPath: sources(0), line: 8 },
    { message: 'expected exactly one, got both', fieldPath: sources(1), line: 9 },
    {
      message: 'missing field(s)',
      fieldPath:
        'spec.workspaces[2].persistentvolumeclaim.claimname, spec.workspaces[4].csi.driver, spec.workspaces[5]',
      line: 10,
    },
  ]);
});

test.run();
