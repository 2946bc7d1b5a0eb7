// Result text read back as Tekton does (ParamValue.UnmarshalJSON), by declared type.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  declaredResultType,
  parseResultText,
  typedResultValue,
} from '../../src/tekton/result-value.js';

test('tekton: result value: arrays and objects of strings are parsed, anything else stays text', () => {
  assert.equal(parseResultText('["a", "b"]'), ['a', 'b']);
  assert.equal(parseResultText('{"b":"2","a":"1"}'), { a: '1', b: '2' });
  assert.equal(Object.keys(parseResultText('{"b":"2","a":"1"}')), ['a', 'b']);
  assert.is(parseResultText('[1, 2]'), '[1, 2]');
  assert.is(parseResultText('{"a": 1}'), '{"a": 1}');
  assert.is(parseResultText('"quoted"'), 'quoted');
  assert.is(parseResultText('plain'), 'plain');
  assert.is(parseResultText(''), '');
});

test('tekton: result value: declared string keeps JSON text; properties make an object', () => {
  const spec = {
    results: [
      { name: 'plain' },
      { name: 'list', type: 'array' as const },
      { name: 'fields', properties: { url: { type: 'string' } } },
    ],
  };
  assert.is(declaredResultType(spec, 'plain'), 'string');
  assert.is(declaredResultType(spec, 'fields'), 'object');
  assert.is(declaredResultType(spec, 'undeclared'), undefined);
  assert.is(typedResultValue(spec, 'plain', '["a"]'), '["a"]');
  assert.equal(typedResultValue(spec, 'list', '["a"]'), ['a']);
  assert.equal(typedResultValue(spec, 'undeclared', '["a"]'), ['a']);
});

test.run();
