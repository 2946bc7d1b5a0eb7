import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KUBECTL_JSON, toJsonText, toYamlText } from '../../src/report/serialize.js';

test('report: serialize: JSON with two-space indent, a trailing newline, key order kept', () => {
  assert.is(
    toJsonText({ b: 1, a: [true, null], c: undefined }),
    '{\n  "b": 1,\n  "a": [\n    true,\n    null\n  ]\n}\n',
  );
});

test('report: serialize: JSON in kubectl form sorts keys at every level and escapes like Go', () => {
  const value = { kind: 'List', apiVersion: 'v1', items: [{ z: 'a<b>&c', a: { d: 1, c: 2 } }] };
  assert.is(
    toJsonText(value, KUBECTL_JSON),
    [
      '{',
      '    "apiVersion": "v1",',
      '    "items": [',
      '        {',
      '            "a": {',
      '                "c": 2,',
      '                "d": 1',
      '            },',
      '            "z": "a\\u003cb\\u003e\\u0026c"',
      '        }',
      '    ],',
      '    "kind": "List"',
      '}',
      '',
    ].join('\n'),
  );
});

test('report: serialize: JSON sorts keys by code point, as Go sorts map keys', () => {
  // U+FF5A sorts before U+1D4B3 by code point, but after its UTF-16 lead surrogate.
  assert.is(
    toJsonText({ '\u{1D4B3}': 1, '\uFF5A': 2 }, { sortKeys: true, indentSpaces: 0 }),
    '{"\uFF5A":2,"\u{1D4B3}":1}\n',
  );
});

test('report: serialize: YAML in kubectl style', () => {
  const value = {
    apiVersion: 'v1',
    items: [{ status: 'True', time: '2000-01-01T00:00:10Z', empty: '', count: '3', list: ['a'] }],
    metadata: { resourceVersion: '' },
  };
  assert.is(
    toYamlText(value),
    [
      'apiVersion: v1',
      'items:',
      '- status: "True"',
      '  time: "2000-01-01T00:00:10Z"',
      '  empty: ""',
      '  count: "3"',
      '  list:',
      '  - a',
      'metadata:',
      '  resourceVersion: ""',
      '',
    ].join('\n'),
  );
});

test('report: serialize: YAML repeats shared objects instead of anchoring them', () => {
  const shared = { name: 'x' };
  const text = toYamlText({ first: shared, second: shared });
  assert.is(text, 'first:\n  name: x\nsecond:\n  name: x\n');
});

test('report: serialize: YAML keeps long strings and messages on one line', () => {
  const message = `PipelineRun "x" failed to finish within "10s" ${'and more words '.repeat(10).trim()}`;
  assert.is(toYamlText({ message }), `message: ${message}\n`);
});

test('report: serialize: YAML writes multi-line strings as literal blocks', () => {
  assert.is(toYamlText({ script: 'echo a\necho b\n' }), 'script: |\n  echo a\n  echo b\n');
});

test('report: serialize: YAML can sort keys like kubectl -o yaml', () => {
  assert.is(
    toYamlText({ b: { d: 1, c: 2 }, a: 0 }, { sortKeys: true }),
    'a: 0\nb:\n  c: 2\n  d: 1\n',
  );
});

test.run();
