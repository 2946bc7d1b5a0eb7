import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closestName, editDistance } from '../../../src/tekton/validate/fields.js';
import { expectExactly, pipeline, pipelineRun, validate, yaml } from './helpers.js';

test('validate: fields: edit distance counts swaps as one edit', () => {
  assert.is(editDistance('runAftr', 'runAfter'), 1);
  assert.is(editDistance('whne', 'when'), 1);
  assert.is(editDistance('', 'abc'), 3);
  assert.is(editDistance('same', 'same'), 0);
});

test('validate: fields: suggestions only for plausible typos', () => {
  assert.is(closestName('runAftr', ['name', 'runAfter', 'retries']), 'runAfter');
  assert.is(closestName('TaskRef', ['taskRef', 'taskSpec']), 'taskRef');
  assert.is(closestName('completelyDifferent', ['name', 'when']), undefined);
});

test('validate: fields: unknown fields of pipeline objects are warnings with a suggestion', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          runAftr: [b]
          params:
            - {name: x, valeu: y}
          when:
            - {input: a, operator: in, values: [a], inputs: b}
        - name: b
          taskSpec:
            stepz: []
            steps:
              - name: s
                image: alpine
                scirpt: echo
      finaly: []
      flavour: vanilla
    `),
  );
  const warning = (message: string, fieldPath: string, line: number) => ({
    severity: 'warning' as const,
    message,
    fieldPath,
    line,
  });
  expectExactly(diagnostics, [
    warning('unknown field "runAftr"; did you mean "runAfter"?', 'spec.tasks[0].runAftr', 9),
    warning('unknown field "valeu"; did you mean "value"?', 'spec.tasks[0].params[0].valeu', 11),
    warning('unknown field "inputs"; did you mean "input"?', 'spec.tasks[0].when[0].inputs', 13),
    warning('unknown field "stepz"; did you mean "steps"?', 'spec.tasks[1].taskSpec.stepz', 16),
    warning(
      'unknown field "scirpt"; did you mean "script"?',
      'spec.tasks[1].taskSpec.steps[0].scirpt',
      20,
    ),
    warning('unknown field "finaly"; did you mean "finally"?', 'spec.finaly', 21),
    warning('unknown field "flavour"', 'spec.flavour', 22),
  ]);
});

test('validate: fields: unknown fields of a PipelineRun and a Task', () => {
  const run = validate(
    pipelineRun(
      'pipelineRef: {name: p}\nparms: []\ntaskRunSpecs: [{pipelineTaskName: a, timout: 1h}]\n',
    ),
  );
  expectExactly(run, [
    {
      severity: 'warning',
      message: 'unknown field "parms"; did you mean "params"?',
      fieldPath: 'spec.parms',
      line: 7,
    },
    {
      severity: 'warning',
      message: 'unknown field "timout"; did you mean "timeout"?',
      fieldPath: 'spec.taskRunSpecs[0].timout',
      line: 8,
    },
  ]);
  const task = validate(yaml`
    apiVersion: tekton.dev/v1
    kind: Task
    metadata:
      name: t
    spec:
      step: []
  `);
  // Without steps Tekton refuses the Task outright, as well as warning about the typo.
  expectExactly(task, [
    { message: 'missing field(s)', fieldPath: 'spec.steps', line: 5 },
    {
      severity: 'warning',
      message: 'unknown field "step"; did you mean "steps"?',
      fieldPath: 'spec.step',
      line: 6,
    },
  ]);
});

test('validate: fields: a custom task spec is not linted', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: wait
          taskSpec:
            apiVersion: example.dev/v0
            kind: Wait
            spec: {duration: 5s}
            anything: goes
    `),
  );
  assert.equal(diagnostics, []);
});

test.run();
