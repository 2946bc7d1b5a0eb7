import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadText } from '../../../src/tekton/load.js';
import { validateResources } from '../../../src/tekton/validate/index.js';
import {
  errorsOf,
  expectDiagnostic,
  expectExactly,
  FILE,
  pipeline,
  validate,
  yaml,
} from './helpers.js';

// Lines: the pipeline() wrapper puts the first line of the spec body on line 6.

test('validate: pipeline: a valid pipeline has no diagnostics', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params:
        - name: branch
      tasks:
        - name: build
          taskRef: {name: build}
          params:
            - name: branch
              value: $(params.branch)
        - name: test
          runAfter: [build]
          taskSpec:
            steps:
              - name: run
                image: alpine
                script: echo $(tasks.build.results.digest)
          when:
            - input: $(params.branch)
              operator: in
              values: [main]
      finally:
        - name: notify
          taskRef: {name: notify}
          params:
            - name: status
              value: $(tasks.build.status) $(tasks.status) $(tasks.test.reason)
            - name: digest
              value: $(tasks.build.results.digest)
      results:
        - name: digest
          value: $(tasks.build.results.digest)
    `),
  );
  assert.equal(diagnostics, []);
});

test('validate: pipeline: empty spec', () => {
  expectExactly(validate(pipeline('{}')), [
    {
      message: 'expected at least one, got none',
      fieldPath: 'spec.description, spec.params, spec.resources, spec.tasks, spec.workspaces',
    },
  ]);
});

test('validate: pipeline: task name must be a DNS-1123 label', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: Build_It
          taskRef: {name: build}
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'invalid value "Build_It": Pipeline Task name must be a valid DNS Label.' +
        'For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      fieldPath: 'spec.tasks[0].name',
    },
  ]);
  expectDiagnostic(diagnostics, {
    message: diagnostics[0].message,
    fieldPath: 'spec.tasks[0].name',
    line: 7,
  });
});

test('validate: pipeline: a name longer than 63 characters is not a DNS label', () => {
  const name = 'a'.repeat(64);
  const diagnostics = validate(pipeline(`tasks:\n  - name: ${name}\n    taskRef: {name: t}\n`));
  assert.ok(diagnostics[0].message.startsWith(`invalid value "${name}": Pipeline Task name`));
});

test('validate: pipeline: taskRef and taskSpec both set', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: a}
          taskSpec:
            steps: [{name: s, image: alpine}]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'expected exactly one, got multiple',
      fieldPath: 'spec.tasks[0].taskRef, spec.tasks[0].taskSpec',
      line: 8,
    },
  ]);
});

test('validate: pipeline: the fields of "got multiple" are in sorted order', () => {
  // ErrGeneric's paths print sorted (knative), so pipelineRef comes before taskRef (audit V07).
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          pipelineRef: {name: p}
    `),
  );
  expectExactly(errorsOf(diagnostics), [
    {
      message: 'expected exactly one, got multiple',
      fieldPath: 'spec.tasks[0].pipelineRef, spec.tasks[0].taskRef',
      line: 9,
    },
  ]);
});

test('validate: pipeline: neither taskRef nor taskSpec', () => {
  expectExactly(validate(pipeline('tasks:\n  - name: a\n')), [
    {
      message: 'expected exactly one, got neither',
      fieldPath: 'spec.tasks[0].taskRef, spec.tasks[0].taskSpec',
      line: 7,
    },
  ]);
});

test('validate: pipeline: duplicate DAG names also fail the graph build', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskRef: {name: t}
        - name: foo
          taskRef: {name: t}
    `),
  );
  expectExactly(diagnostics, [
    { message: 'expected exactly one, got both', fieldPath: 'spec.tasks[1].name', line: 9 },
    {
      message:
        "invalid value: task foo is already present in Graph, can't add it again: duplicate pipeline task",
      fieldPath: 'spec.tasks',
    },
  ]);
});

test('validate: pipeline: errors with one message are one error with all their paths', () => {
  // knative's FieldError.Error() merges errors by message (and details) and sorts their
  // paths, so a name used three times is one "got both" naming both repeats (audit V02).
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskRef: {name: t}
        - name: foo
          taskRef: {name: t}
      finally:
        - name: foo
          taskRef: {name: t}
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'expected exactly one, got both',
      fieldPath: 'spec.finally[0].name, spec.tasks[1].name',
      line: 9,
    },
    {
      message:
        "invalid value: task foo is already present in Graph, can't add it again: duplicate pipeline task",
      fieldPath: 'spec.tasks',
    },
  ]);
});

test('validate: pipeline: onError must be continue or stopAndFail', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: a}
          onError: ignore
        - name: b
          taskRef: {name: b}
          onError: $(params.mode)
    `),
  );
  // ValidateOnError: ErrInvalidValue(value, "OnError", details), so the sentence is the
  // details line Tekton prints after the path.
  expectExactly(diagnostics, [
    { message: 'invalid value: ignore', fieldPath: 'spec.tasks[0].OnError', line: 9 },
  ]);
  assert.is(
    diagnostics[0].details,
    'PipelineTask OnError must be either "continue" or "stopAndFail"',
  );
});

test('validate: pipeline: onError continue with retries', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: a}
          onError: continue
          retries: 2
        - name: b
          taskRef: {name: b}
          onError: stopAndFail
          retries: 2
    `),
  );
  // Tekton reports this one without a field path; we still point at onError.
  expectExactly(diagnostics, [
    {
      message: 'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0',
      line: 9,
    },
  ]);
});

test('validate: pipeline: a pipeline task timeout must be a Go duration', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: a}
          timeout: 1 hour
        - name: b
          taskRef: {name: b}
          timeout: 90m
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'invalid duration "1 hour": expected a Go duration string such as "1h30m", "45s" or "0"',
      fieldPath: 'spec.tasks[0].timeout',
      line: 9,
    },
  ]);
});

test('validate: pipeline: a three-task cycle reports the smallest name', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: foo
          taskRef: {name: t}
          runAfter: [baz]
        - name: bar
          taskRef: {name: t}
          runAfter: [foo]
        - name: baz
          taskRef: {name: t}
          runAfter: [bar]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: cycle detected; task "bar" depends on "foo"',
      fieldPath: 'spec.tasks',
      line: 10,
    },
  ]);
});

test('validate: pipeline: a cycle through result references', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          params: [{name: x, value: $(tasks.b.results.out)}]
        - name: b
          taskRef: {name: t}
          when: [{input: $(tasks.a.results.out), operator: in, values: [v]}]
        - name: self
          taskRef: {name: t}
          runAfter: [self]
    `),
  );
  expectExactly(diagnostics, [
    { message: 'invalid value: cycle detected; task "a" depends on "b"', fieldPath: 'spec.tasks' },
  ]);
});

test('validate: pipeline: cycles are found before missing links', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          runAfter: [missing]
        - name: x
          taskRef: {name: t}
          runAfter: [x]
    `),
  );
  expectExactly(diagnostics, [
    { message: 'invalid value: cycle detected; task "x" depends on "x"', fieldPath: 'spec.tasks' },
  ]);
});

test('validate: pipeline: unknown result-reference target', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          params: [{name: x, value: $(tasks.gone.results.out)}]
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        "invalid value: couldn't add link between a and gone: task a depends on gone but gone wasn't present in Pipeline",
      fieldPath: 'spec.tasks',
      line: 7,
    },
  ]);
});

test('validate: pipeline: DAG tasks cannot read execution status', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
        - name: b
          taskRef: {name: t}
          params:
            - name: a-status
              value: status is $(tasks.a.status)
            - name: reason
              value: [$(tasks.a.reason)]
            - name: result-called-status
              value: $(tasks.a.results.status)
          when:
            - input: $(tasks.status)
              operator: in
              values: [Succeeded]
    `),
  );
  const message =
    'invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks';
  // knative's FieldError merges errors with one message into one, its paths sorted (V02).
  expectExactly(diagnostics, [
    {
      message,
      fieldPath:
        'spec.tasks[1].params[a-status].value, spec.tasks[1].params[reason].value, spec.tasks[1].when[0]',
      line: 13,
    },
  ]);
});

test('validate: pipeline: finally status references must name DAG tasks', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
      finally:
        - name: f1
          taskRef: {name: t}
          params:
            - name: s
              value: $(tasks.a.status) $(tasks.status) $(tasks.f2.reason)
        - name: f2
          taskRef: {name: t}
          when:
            - input: $(tasks.nope.status)
              operator: in
              values: [Failed]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: pipeline task f2 is not defined in the pipeline',
      fieldPath: 'spec.finally[0].params[s].value',
    },
    {
      message: 'invalid value: pipeline task nope is not defined in the pipeline',
      fieldPath: 'spec.finally[1].when[0]',
      line: 18,
    },
  ]);
});

test('validate: pipeline: $(...) must start with a known prefix; shell command substitutions are not references', () => {
  const diagnostics = validate(
    pipeline(yaml`
      params: [{name: x}]
      tasks:
        - name: a
          taskRef: {name: t}
          params:
            - name: stamp
              value: $(DATE)-$(params.x)
            - name: script
              value: echo $(git rev-parse HEAD) $(date +%s)
          when:
            - input: $(inputs.params.branch)
              operator: in
              values: [main, $(context.pipelineRun.name), $(workspaces.src.bound)]
    `),
  );
  // ErrInvalidValue puts "invalid value: " in front (pipeline_validation_test.go pins it).
  const message = (reference: string) =>
    `invalid value: invalid variable reference "${reference}", must start with a valid prefix: params, tasks, finally, context, workspaces, or results; if you meant a shell variable, use \${VAR} instead`;
  expectExactly(diagnostics, [
    { message: message('$(DATE)'), fieldPath: 'spec.tasks[0].params[stamp].value', line: 12 },
    { message: message('$(inputs.params.branch)'), fieldPath: 'spec.tasks[0].when[0]', line: 16 },
  ]);
});

test('validate: pipeline: results must be task result expressions', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
      finally:
        - name: f
          taskRef: {name: t}
      results:
        - name: static
          value: foo.bar
        - name: not-a-result
          value: $(foo.bar)
        - name: missing-task
          value: $(tasks.gone.results.out)
        - name: bad-shape
          value: $(tasks.a.results.out.key.extra)
        - name: from-finally
          value: $(finally.f.results.out)
        - name: from-dag
          value: $(tasks.a.results.out[*])
    `),
  );
  const expected = 'invalid value: expected pipeline results to be task result expressions but';
  expectExactly(diagnostics, [
    {
      message: `${expected} no expressions were found`,
      fieldPath: 'spec.results[0].value',
      line: 14,
    },
    // knative merges errors with one message into one, its paths sorted (V02).
    {
      message: `${expected} an invalid expressions was found`,
      fieldPath: 'spec.results[0].value, spec.results[1].value',
    },
    {
      message: 'invalid value: referencing a nonexistent task',
      fieldPath:
        'spec.results[0].value, spec.results[1].value, spec.results[2].value, spec.results[3].value',
      line: 14,
    },
    {
      message:
        'invalid value: expected all of the expressions [tasks.a.results.out.key.extra] to be result expressions but only [] were',
      fieldPath: 'spec.results[3].value',
    },
  ]);
});

test('validate: pipeline: text before a result reference fails as in Tekton', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
      results:
        - name: tagged
          value: v-$(tasks.a.results.out)
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: referencing a nonexistent task',
      fieldPath: 'spec.results[0].value',
    },
  ]);
});

test('validate: pipeline: matrix combinations are limited', () => {
  const values = (count: number) =>
    `[${Array.from({ length: count }, (_, i) => `v${i}`).join(', ')}]`;
  const text = pipeline(yaml`
    tasks:
      - name: fan
        taskRef: {name: t}
        matrix:
          params:
            - name: x
              value: ${values(17)}
            - name: y
              value: ${values(17)}
  `);
  expectExactly(validate(text), [
    { message: 'expected 0 <= 289 <= 256', fieldPath: 'spec.tasks[0].matrix', line: 9 },
  ]);
  assert.equal(validate(text, { maxMatrixCombinationsCount: 300 }), []);
  // The same loaded resources validated again (each resource's verdict is kept): under other
  // options they get those options' answer, and under the first ones the first answer again.
  const set = loadText(text, FILE);
  const first = validateResources(set.resources);
  assert.is(first.length, 1);
  assert.equal(validateResources(set.resources, { maxMatrixCombinationsCount: 300 }), []);
  assert.equal(validateResources(set.resources), first);
  assert.equal(validateResources([...set.resources, ...set.resources]), [...first, ...first]);
});

test('validate: pipeline: matrix include rows count as Tekton counts them', async () => {
  const { countCombinations } = await import('../../../src/tekton/validate/matrix.js');
  assert.is(
    countCombinations({
      params: [
        { name: 'a', value: ['1', '2'] },
        { name: 'b', value: ['x', 'y', 'z'] },
      ],
    }),
    6n,
  );
  assert.is(
    countCombinations({ include: [{ params: [{ name: 'a', value: '1' }] }, { params: [] }] }),
    2n,
  );
  // A row whose value is new adds one; a row matching an existing value adds none.
  assert.is(
    countCombinations({
      params: [{ name: 'a', value: ['1', '2'] }],
      include: [{ params: [{ name: 'a', value: '3' }] }, { params: [{ name: 'a', value: '1' }] }],
    }),
    3n,
  );
});

test('validate: pipeline: a matrixed result is consumed whole', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: fan
          taskRef: {name: t}
          matrix:
            params: [{name: x, value: [a, b]}]
        - name: one
          taskRef: {name: t}
          params:
            - name: digest
              value: $(tasks.fan.results.digest)
        - name: all
          taskRef: {name: t}
          params:
            - name: digests
              value: $(tasks.fan.results.digest[*])
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'A matrixed pipelineTask can only be consumed in aggregate using [*] notation, but is currently set to tasks.fan.results.digest',
      line: 14,
    },
  ]);
});

test('validate: pipeline: an embedded pipelineSpec of a pipeline task is validated too', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: outer
          pipelineSpec:
            tasks:
              - name: Inner
                taskRef: {name: t}
    `),
  );
  expectExactly(diagnostics, [
    {
      message:
        'invalid value "Inner": Pipeline Task name must be a valid DNS Label.' +
        'For more info refer to https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names',
      fieldPath: 'spec.tasks[0].pipelineSpec.tasks[0].name',
      line: 10,
    },
  ]);
});

test('validate: task: step onError and timeout', () => {
  const diagnostics = validate(yaml`
    apiVersion: tekton.dev/v1
    kind: Task
    metadata:
      name: t
    spec:
      steps:
        - name: a
          image: alpine
          onError: ignore
          timeout: soon
        - name: b
          image: alpine
          onError: continue
          timeout: 5m
  `);
  expectExactly(diagnostics, [
    {
      message:
        'invalid value: "ignore": Task step onError must be either "continue" or "stopAndFail"',
      fieldPath: 'spec.steps[0].onError',
      line: 9,
    },
    {
      message:
        'invalid duration "soon": expected a Go duration string such as "1h30m", "45s" or "0"',
      fieldPath: 'spec.steps[0].timeout',
      line: 10,
    },
  ]);
});

test.run();
