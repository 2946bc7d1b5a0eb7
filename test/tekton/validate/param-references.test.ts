// Tekton's reading of `$(params.…)` inside one string (pkg/substitution/substitution.go), and
// Go's `%q` that its messages use.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { goQuoted } from '../../../src/model/go-quote.js';
import {
  entireProhibitedVariableError,
  isWholeStarReference,
  notIsolatedError,
  prohibitedVariableError,
  unknownVariableError,
} from '../../../src/tekton/validate/param-references.js';

const known = new Set(['a', 'b.c', 'arr', 'obj']);

test('param references: bracket notation names the whole bracketed text', () => {
  assert.is(unknownVariableError('$(params["b.c"]) $(params[\'a\'])', 'params', known), undefined);
  assert.is(
    unknownVariableError('$(params["b"])', 'params', known),
    'non-existent variable in "$(params[\\"b\\"])"',
  );
});

test('param references: dot notation keeps the first component; [i] and [*] are dropped', () => {
  assert.is(
    unknownVariableError('$(params.obj.key) $(params.arr[3]) $(params.arr[*])', 'params', known),
    undefined,
  );
  assert.is(
    unknownVariableError('$(params.b.c)', 'params', known),
    'non-existent variable in "$(params.b.c)"',
  );
});

test('param references: other prefixes and shell substitutions are not params', () => {
  assert.is(
    unknownVariableError('$(context.pipeline.name) $(date) ${x}', 'params', known),
    undefined,
  );
});

test('param references: arrays are prohibited in strings except indexed', () => {
  const arrays = new Set(['arr']);
  assert.is(prohibitedVariableError('$(params.arr[0])', 'params', arrays), undefined);
  assert.is(
    prohibitedVariableError('$(params.arr[*])', 'params', arrays),
    'variable type invalid in "$(params.arr[*])"',
  );
  assert.is(notIsolatedError('$(params.arr[*])', 'params', arrays), undefined);
  assert.is(
    notIsolatedError(' $(params.arr)', 'params', arrays),
    'variable is not properly isolated in " $(params.arr)"',
  );
});

test('param references: a whole object is prohibited, its keys are not', () => {
  const objects = new Set(['obj']);
  assert.is(entireProhibitedVariableError('$(params.obj.k)', 'params', objects), undefined);
  assert.is(
    entireProhibitedVariableError('x $(params.obj[*])', 'params', objects),
    'variable type invalid in "x $(params.obj[*])"',
  );
});

test('param references: object keys use the object name as a pattern, as Tekton does', () => {
  assert.is(unknownVariableError('$(params.obj.k)', 'params\\.obj', new Set(['k'])), undefined);
  assert.is(
    unknownVariableError('$(params.obj.z)', 'params\\.obj', new Set(['k'])),
    'non-existent variable in "$(params.obj.z)"',
  );
  // A name that is not a valid pattern finds nothing, as Go's failed regexp.Compile does.
  assert.is(unknownVariableError('$(params.o(.z)', 'params\\.o(', new Set(['k'])), undefined);
});

test('param references: the whole value as one star reference', () => {
  assert.ok(isWholeStarReference('$(params.arr[*])', 'params'));
  assert.not.ok(isWholeStarReference('$(params.arr[*]) ', 'params'));
  assert.not.ok(isWholeStarReference('$(params.arr)', 'params'));
});

test('go quote: escapes as strconv.Quote does', () => {
  assert.is(goQuoted('a"b\\c\n\t'), '"a\\"b\\\\c\\n\\t"');
  assert.is(goQuoted('\u0001\u007f\u0085é'), '"\\x01\\x7f\\u0085é"');
});

test.run();
