import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectExactly, pipelineRun, validate, yaml } from './helpers.js';

// Lines: the pipelineRun() wrapper puts the first line of the spec body on line 6.

test('validate: pipelinerun: a valid run has no diagnostics', () => {
  for (const status of [
    'Cancelled',
    'CancelledRunFinally',
    'StoppedRunFinally',
    'PipelineRunPending',
    '""',
  ]) {
    const text = pipelineRun(
      `pipelineRef: {name: p}\nstatus: ${status}\nparams: [{name: a, value: $(context.pipelineRun.name)}]\n`,
    );
    assert.equal(validate(text), [], status);
  }
});

test('validate: pipelinerun: neither pipelineRef nor pipelineSpec', () => {
  expectExactly(validate(pipelineRun('params: [{name: a, value: b}]\n')), [
    {
      message: 'expected exactly one, got neither',
      fieldPath: 'spec.pipelineRef, spec.pipelineSpec',
      line: 5,
    },
  ]);
});

test('validate: pipelinerun: both pipelineRef and pipelineSpec', () => {
  const text = pipelineRun(yaml`
    pipelineRef: {name: p}
    pipelineSpec:
      tasks: [{name: a, taskRef: {name: t}}]
  `);
  expectExactly(validate(text), [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.pipelineRef, spec.pipelineSpec',
      line: 6,
    },
  ]);
});

test('validate: pipelinerun: spec.status must be a known value', () => {
  expectExactly(validate(pipelineRun('pipelineRef: {name: p}\nstatus: PipelineRunCancell\n')), [
    {
      message:
        'invalid value: PipelineRunCancell should be Cancelled, CancelledRunFinally, StoppedRunFinally or PipelineRunPending',
      fieldPath: 'spec.status',
      line: 7,
    },
  ]);
});

test('validate: pipelinerun: params cannot hold result expressions', () => {
  const text = pipelineRun(yaml`
    pipelineRef: {name: p}
    params:
      - name: plain
        value: $(params.other)
      - name: image
        value: $(tasks.build.results.image)-$(tasks.build.results.tag)
  `);
  expectExactly(validate(text), [
    {
      message:
        'invalid value: cannot use result expressions in [tasks.build.results.image tasks.build.results.tag] as PipelineRun parameter values',
      fieldPath: 'spec.params[image].value',
      line: 11,
    },
  ]);
});

test('validate: pipelinerun: an embedded pipelineSpec reports under spec.pipelineSpec', () => {
  const text = pipelineRun(yaml`
    pipelineSpec:
      tasks:
        - name: foo
          taskRef: {name: t}
          runAfter: [bar]
        - name: bar
          taskRef: {name: t}
          runAfter: [foo]
      finally:
        - name: f
          taskRef: {name: t}
          runAfter: [foo]
  `);
  expectExactly(validate(text), [
    {
      message: 'invalid value: cycle detected; task "bar" depends on "foo"',
      fieldPath: 'spec.pipelineSpec.tasks',
      line: 11,
    },
    {
      message:
        'invalid value: no runAfter allowed under spec.finally, final task f has runAfter specified',
      fieldPath: 'spec.pipelineSpec.finally[0]',
      line: 17,
    },
  ]);
});

test('validate: pipelinerun: an empty embedded pipelineSpec', () => {
  expectExactly(validate(pipelineRun('pipelineSpec: {}\n')), [
    {
      message: 'expected at least one, got none',
      fieldPath:
        'spec.pipelineSpec.description, spec.pipelineSpec.params, spec.pipelineSpec.resources, spec.pipelineSpec.tasks, spec.pipelineSpec.workspaces',
      line: 6,
    },
  ]);
});

test('validate: pipelinerun: v1beta1 timeout and timeouts together', () => {
  const text = pipelineRun(
    yaml`
      pipelineRef: {name: p}
      timeout: 1h
      timeouts:
        tasks: 30m
    `,
    'tekton.dev/v1beta1',
  );
  expectExactly(validate(text), [
    { message: 'must not set the field(s)', fieldPath: 'spec.timeout, spec.timeouts', line: 7 },
  ]);
});

test('validate: pipelinerun: a v1beta1 spec.timeout is reported where it was written', () => {
  const text = pipelineRun('pipelineRef: {name: p}\ntimeout: -1h\n', 'tekton.dev/v1beta1');
  expectExactly(validate(text), [
    {
      message: 'invalid value: -1h0m0s should be >= 0',
      // v1beta1 PipelineRunSpec.Validate: ErrInvalidValue(..., "timeout") (entry 98).
      fieldPath: 'spec.timeout',
      line: 7,
    },
  ]);
});

test('validate: pipelinerun: v1beta1 runs without the conflict are fine', () => {
  assert.equal(
    validate(pipelineRun('pipelineRef: {name: p}\ntimeout: 2h\n', 'tekton.dev/v1beta1')),
    [],
  );
});

test.run();
