import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectExactly, pipeline, validate, yaml } from './helpers.js';

/** A pipeline whose only task has this `when` list (first entry on line 9). */
function withWhen(whenBody: string): string {
  const entries = whenBody
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `      ${line}`))
    .join('\n');
  return pipeline(`tasks:\n  - name: a\n    taskRef: {name: t}\n    when:\n${entries}`);
}

test('validate: when: a valid in/notin expression', () => {
  assert.equal(validate(withWhen('- {input: a, operator: notin, values: [b]}\n')), []);
});

test('validate: when: unknown operator', () => {
  expectExactly(validate(withWhen('- {input: a, operator: exists, values: [a]}\n')), [
    {
      message: 'invalid value: operator "exists" is not recognized. valid operators: in,notin',
      fieldPath: 'spec.tasks[0].when[0]',
      line: 10,
    },
  ]);
});

test('validate: when: missing operator shows as ""', () => {
  expectExactly(validate(withWhen('- {input: a, values: [a]}\n')), [
    {
      message: 'invalid value: operator "" is not recognized. valid operators: in,notin',
      fieldPath: 'spec.tasks[0].when[0]',
    },
  ]);
});

test('validate: when: empty or missing values', () => {
  const diagnostics = validate(
    withWhen('- {input: a, operator: in, values: []}\n- {input: a, operator: in}\n'),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: expecting non-empty values field',
      // One message, so one error with both paths (knative's merge, V02).
      fieldPath: 'spec.tasks[0].when[0], spec.tasks[0].when[1]',
      line: 10,
    },
  ]);
});

test('validate: when: an entirely empty expression', () => {
  expectExactly(validate(withWhen('- {}\n')), [
    { message: 'missing field(s)', fieldPath: 'spec.tasks[0].when[0]', line: 10 },
  ]);
});

test('validate: when: finally when expressions are checked too', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
      finally:
        - name: f
          taskRef: {name: t}
          when: [{input: a, operator: exists, values: [a]}]
    `),
  );
  expectExactly(diagnostics, [
    {
      message: 'invalid value: operator "exists" is not recognized. valid operators: in,notin',
      fieldPath: 'spec.finally[0].when[0]',
      line: 12,
    },
  ]);
});

test('validate: when: CEL that compiles is accepted by default', () => {
  assert.equal(validate(withWhen(`- cel: "'$(params.branch)' != 'main'"\n`)), []);
});

test('validate: when: CEL needs the feature flag when it is off', () => {
  const diagnostics = validate(withWhen(`- cel: "'a' == 'a'"\n`), {
    enableCelInWhenExpression: false,
  });
  expectExactly(diagnostics, [
    {
      message:
        "feature flag enable-cel-in-whenexpression should be set to true to use CEL: 'a' == 'a' in WhenExpression",
      fieldPath: 'spec.tasks[0].when[0]',
      line: 10,
    },
  ]);
});

test('validate: when: CEL cannot be mixed with input, operator and values', () => {
  const diagnostics = validate(
    withWhen(`- {cel: "'foo' != 'foo'", input: foo, operator: in, values: [foo]}\n`),
  );
  // Go's %v of the WhenExpression; Tekton gives no field path, we point at the entry.
  expectExactly(diagnostics, [
    {
      message:
        "cel and input+operator+values cannot be set in one WhenExpression: &{foo in [foo] 'foo' != 'foo'}",
      line: 10,
    },
  ]);
});

test('validate: when: CEL that does not compile', () => {
  const diagnostics = validate(withWhen(`- cel: "$(params.branch) == 'main'"\n`));
  assert.is(diagnostics.length, 1);
  const [diagnostic] = diagnostics;
  // when_validation.go passes the expression and the error to apis.ErrGeneric as field
  // paths; ErrGeneric does not format, so the message keeps its %s verbs.
  assert.is(diagnostic.message, 'invalid cel expression: %s with err: %s');
  const paths = diagnostic.fieldPath?.split(', ') ?? [];
  assert.is(paths.length, 2);
  assert.is(paths[0], "spec.tasks[0].when[0].$(params.branch) == 'main'");
  assert.ok(paths[1].startsWith('spec.tasks[0].when[0].ERROR: <input>:1:1:'), paths[1]);
  assert.is(diagnostic.location?.line, 10);
});

test('validate: runIf: accepted with a warning, each entry must compile', () => {
  const diagnostics = validate(
    pipeline(yaml`
      tasks:
        - name: a
          taskRef: {name: t}
          runIf:
            - "'$(params.env)' == 'prod'"
            - "'a' =="
    `),
  );
  assert.is(diagnostics.length, 2);
  assert.equal(
    { ...diagnostics[0], location: diagnostics[0].location?.line },
    {
      severity: 'warning',
      message: "not a Tekton field; Tekton's equivalent is `when`",
      fieldPath: 'spec.tasks[0].runIf',
      resource: 'Pipeline/p',
      location: 9,
    },
  );
  assert.is(diagnostics[1].severity, 'error');
  assert.is(diagnostics[1].fieldPath, 'spec.tasks[0].runIf[1]');
  assert.is(diagnostics[1].location?.line, 11);
  assert.ok(
    diagnostics[1].message.startsWith("invalid cel expression: 'a' == with err: ERROR: <input>:1:"),
  );
});

test.run();
