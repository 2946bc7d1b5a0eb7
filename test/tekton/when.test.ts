import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CelError } from '../../src/cel/index.js';
import type { SubstitutionContext } from '../../src/tekton/substitute.js';
import type { ParamValue, WhenExpression } from '../../src/tekton/types.js';
import { evaluateWhenExpressions } from '../../src/tekton/when.js';

const params = new Map<string, ParamValue>([
  ['path', 'README.md'],
  ['branch', 'main'],
  ['allowed', ['main', 'release']],
  ['count', '3'],
]);

const context: SubstitutionContext = { params };

function celError(
  expressions: WhenExpression[],
  withContext: SubstitutionContext = context,
): CelError {
  try {
    evaluateWhenExpressions(expressions, withContext);
  } catch (error) {
    assert.instance(error, CelError);
    return error as CelError;
  }
  throw new Error('expected a CelError');
}

test('when: no expressions pass', () => {
  assert.equal(evaluateWhenExpressions(undefined, context), { passed: true, resolved: [] });
  assert.equal(evaluateWhenExpressions([], context), { passed: true, resolved: [] });
});

test('when: in passes iff the input equals one of the values', () => {
  assert.is(
    evaluateWhenExpressions([{ input: 'foo', operator: 'in', values: ['bar', 'foo'] }], context)
      .passed,
    true,
  );
  assert.is(
    evaluateWhenExpressions([{ input: 'foo', operator: 'in', values: ['bar'] }], context).passed,
    false,
  );
});

test('when: in compares exact strings: no case folding, no trimming', () => {
  assert.is(
    evaluateWhenExpressions([{ input: 'Main', operator: 'in', values: ['main'] }], context).passed,
    false,
  );
  assert.is(
    evaluateWhenExpressions([{ input: 'main ', operator: 'in', values: ['main'] }], context).passed,
    false,
  );
});

test('when: notin is the negation of in', () => {
  assert.is(
    evaluateWhenExpressions([{ input: 'foo', operator: 'notin', values: ['foo'] }], context).passed,
    false,
  );
  assert.is(
    evaluateWhenExpressions([{ input: 'foo', operator: 'notin', values: ['bar'] }], context).passed,
    true,
  );
  // C15 task2: "true" notin ["true"] skips the task.
  assert.is(
    evaluateWhenExpressions([{ input: 'true', operator: 'notin', values: ['true'] }], context)
      .passed,
    false,
  );
});

test('when: input and values are substituted; an array param value expands', () => {
  const outcome = evaluateWhenExpressions(
    [{ input: '$(params.branch)', operator: 'in', values: ['$(params.allowed[*])', 'hotfix'] }],
    context,
  );
  assert.is(outcome.passed, true);
  assert.equal(outcome.resolved, [
    { input: 'main', operator: 'in', values: ['main', 'release', 'hotfix'] },
  ]);
});

test('when: all expressions are ANDed and all are resolved', () => {
  const outcome = evaluateWhenExpressions(
    [
      { input: 'banana', operator: 'in', values: ['apple'] },
      { input: '$(params.branch)', operator: 'in', values: ['main'] },
    ],
    context,
  );
  assert.is(outcome.passed, false);
  assert.equal(outcome.resolved, [
    { input: 'banana', operator: 'in', values: ['apple'] },
    { input: 'main', operator: 'in', values: ['main'] },
  ]);
});

test('when: in with unresolved result compares the literal and fails (C09 e-task)', () => {
  const outcome = evaluateWhenExpressions(
    [{ input: '$(tasks.a-task.results.aResult)', operator: 'in', values: ['aResultValue'] }],
    { params, taskResult: () => undefined },
  );
  assert.is(outcome.passed, false);
  assert.equal(outcome.resolved, [
    { input: '$(tasks.a-task.results.aResult)', operator: 'in', values: ['aResultValue'] },
  ]);
});

test('when: notin with unresolved result passes', () => {
  const outcome = evaluateWhenExpressions(
    [{ input: '$(tasks.dagtask4.results.result)', operator: 'notin', values: ['aResult'] }],
    { taskResult: () => undefined },
  );
  assert.is(outcome.passed, true);
});

test('when: result input is substituted when available (C01 guarded result1/result2)', () => {
  const finallyContext: SubstitutionContext = {
    taskResult: (task, result) =>
      task === 'dagtask5' && result === 'result' ? 'Hello' : undefined,
  };
  const result1 = evaluateWhenExpressions(
    [{ input: '$(tasks.dagtask5.results.result)', operator: 'in', values: ['Hello'] }],
    finallyContext,
  );
  assert.is(result1.passed, true);
  const result2 = evaluateWhenExpressions(
    [{ input: '$(tasks.dagtask5.results.result)', operator: 'notin', values: ['Hello'] }],
    finallyContext,
  );
  assert.is(result2.passed, false);
  assert.equal(result2.resolved, [{ input: 'Hello', operator: 'notin', values: ['Hello'] }]);
});

test('when: execution status inputs show as Succeeded / Failed (C01 guarded status1/status2)', () => {
  const finallyContext: SubstitutionContext = {
    taskStatus: (task) => (task === 'dagtask5' ? 'Succeeded' : undefined),
    aggregateStatus: 'Failed',
  };
  const status1 = evaluateWhenExpressions(
    [
      { input: '$(tasks.dagtask5.status)', operator: 'in', values: ['Succeeded'] },
      { input: '$(tasks.status)', operator: 'in', values: ['Failed'] },
    ],
    finallyContext,
  );
  assert.is(status1.passed, true);
  const status2 = evaluateWhenExpressions(
    [
      { input: '$(tasks.dagtask5.status)', operator: 'in', values: ['Failed'] },
      { input: '$(tasks.status)', operator: 'notin', values: ['Failed'] },
    ],
    finallyContext,
  );
  assert.is(status2.passed, false);
  assert.equal(status2.resolved, [
    { input: 'Succeeded', operator: 'in', values: ['Failed'] },
    { input: 'Failed', operator: 'notin', values: ['Failed'] },
  ]);
});

test('when: C15 finally checks on task status and aggregate status', () => {
  const finallyContext: SubstitutionContext = {
    taskStatus: (task) => ({ task1: 'Succeeded', task2: 'None' })[task],
    aggregateStatus: 'Completed',
  };
  const outcome = evaluateWhenExpressions(
    [
      { input: '$(tasks.task1.status)', operator: 'in', values: ['Succeeded'] },
      { input: '$(tasks.task2.status)', operator: 'in', values: ['None'] },
      { input: '$(tasks.status)', operator: 'in', values: ['Completed'] },
    ],
    finallyContext,
  );
  assert.is(outcome.passed, true);
});

test('when: cel is evaluated after textual substitution (C17)', () => {
  const passing = evaluateWhenExpressions([{ cel: "'$(params.path)' == 'README.md'" }], context);
  assert.is(passing.passed, true);
  assert.equal(passing.resolved, [{ cel: "'README.md' == 'README.md'" }]);
  const failing = evaluateWhenExpressions([{ cel: "'$(params.path)' != 'README.md'" }], context);
  assert.is(failing.passed, false);
});

test('when: cel corpus forms', () => {
  const withResult: SubstitutionContext = { params, taskResult: () => undefined };
  assert.is(
    evaluateWhenExpressions([{ cel: "'$(params.branch)' == 'main'" }], withResult).passed,
    true,
  );
  assert.is(
    evaluateWhenExpressions([{ cel: "'$(tasks.x.results.y)' in ['a','b']" }], withResult).passed,
    false,
  );
  assert.is(
    evaluateWhenExpressions([{ cel: "'$(params.path)'.startsWith('docs/')" }], withResult).passed,
    false,
  );
  assert.is(
    evaluateWhenExpressions([{ cel: "'$(params.branch)'.matches('^v[0-9]+')" }], withResult).passed,
    false,
  );
  assert.is(
    evaluateWhenExpressions([{ cel: "int('$(params.count)') >= 3" }], withResult).passed,
    true,
  );
});

test('when: cel and in/notin entries are ANDed together', () => {
  const outcome = evaluateWhenExpressions(
    [{ cel: "'$(params.branch)' == 'main'" }, { input: 'a', operator: 'in', values: ['b'] }],
    context,
  );
  assert.is(outcome.passed, false);
  assert.equal(outcome.resolved, [
    { cel: "'main' == 'main'" },
    { input: 'a', operator: 'in', values: ['b'] },
  ]);
});

test('when: cel that is not boolean throws CelError', () => {
  const error = celError([{ cel: "'$(params.path)'" }]);
  assert.is(error.message, "The CEL expression 'README.md' is not evaluated to a boolean");
});

test('when: cel that fails at run time throws CelError', () => {
  assert.match(
    celError([{ cel: "int('$(params.path)') > 1" }]).message,
    "cannot convert string 'README.md' to int",
  );
});

test('when: cel that does not compile after substitution throws CelError', () => {
  // A value with a quote breaks the quoted CEL text, as it does in Tekton.
  const quoted: SubstitutionContext = { params: new Map([['msg', "it's"]]) };
  assert.is(celError([{ cel: "'$(params.msg)' == 'x'" }], quoted).kind, 'syntax');
  assert.is(celError([{ cel: "branch == 'main'" }]).kind, 'type');
});

test('when: the input expressions are not modified', () => {
  const expressions: WhenExpression[] = [
    { input: '$(params.branch)', operator: 'in', values: ['$(params.allowed[*])'] },
  ];
  evaluateWhenExpressions(expressions, context);
  assert.equal(expressions, [
    { input: '$(params.branch)', operator: 'in', values: ['$(params.allowed[*])'] },
  ]);
});

test.run();
