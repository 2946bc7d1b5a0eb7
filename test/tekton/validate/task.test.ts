import { test } from 'uvu';
import { expectExactly, validate, yaml } from './helpers.js';

function task(specBody: string): string {
  const indented = specBody
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n');
  return `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n${indented}`;
}

test('validate: task: a Task with no steps is missing a field, as the webhook says', () => {
  expectExactly(validate(task('description: nothing to do\n')), [
    { message: 'missing field(s)', fieldPath: 'spec.steps', line: 5 },
  ]);
  expectExactly(validate(task('steps: []\n')), [
    { message: 'missing field(s)', fieldPath: 'spec.steps', line: 6 },
  ]);
});

test('validate: task: a step with no image is missing Image (Tekton spells it with a capital I)', () => {
  const diagnostics = validate(
    task('steps:\n  - name: build\n    image: golang\n  - name: test\n    script: go test\n'),
  );
  expectExactly(diagnostics, [
    { message: 'missing field(s)', fieldPath: 'spec.steps[1].Image', line: 9 },
  ]);
});

test('validate: task: a stepTemplate image or a StepAction ref supplies the image', () => {
  expectExactly(
    validate(task('stepTemplate:\n  image: alpine\nsteps:\n  - name: a\n    script: exit 0\n')),
    [],
  );
  expectExactly(validate(task('steps:\n  - name: a\n    ref: {name: git-clone}\n')), []);
});

test('validate: task: an embedded taskSpec is checked the same way; a custom task spec is not', () => {
  const diagnostics = validate(yaml`
    apiVersion: tekton.dev/v1
    kind: Pipeline
    metadata:
      name: p
    spec:
      tasks:
        - name: empty
          taskSpec:
            description: no steps
        - name: no-image
          taskSpec:
            steps:
              - name: s
                script: exit 0
        - name: custom
          taskSpec:
            apiVersion: example.dev/v1
            kind: Wait
            spec: {}
  `);
  expectExactly(diagnostics, [
    // One message, so one error with both paths (knative's merge, V02).
    {
      message: 'missing field(s)',
      fieldPath: 'spec.tasks[0].taskSpec.steps, spec.tasks[1].taskSpec.steps[0].Image',
      line: 8,
    },
  ]);
});

test('validate: task: a step with a StepAction ref may not set what the StepAction gives (Step.Validate)', () => {
  expectExactly(
    validate(
      task(
        'steps:\n  - name: a\n    ref: {name: greet}\n    image: alpine\n    script: echo\n  - name: b\n    image: alpine\n    params: [{name: x, value: y}]\n',
      ),
    ),
    [
      { message: 'image cannot be used with Ref', fieldPath: 'spec.steps[0].image', line: 9 },
      { message: 'script cannot be used with Ref', fieldPath: 'spec.steps[0].script', line: 10 },
      { message: 'params cannot be used without Ref', fieldPath: 'spec.steps[1].params', line: 13 },
    ],
  );
});
test('validate: task: a script writes only the results the Task declares (validateTaskResultsVariables)', () => {
  const script = 'echo -n x > $(results.a.path)\necho -n y > $(results.b.path)\n';
  const body = (results: string) =>
    `${results}steps:\n  - name: s\n    image: alpine\n    script: |\n      ${script.trimEnd().split('\n').join('\n      ')}\n`;
  expectExactly(validate(task(body('results:\n  - name: a\n'))), [
    {
      message: `non-existent variable in ${JSON.stringify(script)}`,
      fieldPath: 'spec.steps[0].script',
      line: 11,
    },
  ]);
  expectExactly(validate(task(body('results:\n  - name: a\n  - name: b\n'))), []);
});

test.run();
