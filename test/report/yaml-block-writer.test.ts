// toYamlText lays out plain objects and arrays itself (yaml-block-writer.ts) and leaves each
// scalar to the `yaml` package: its text must be the package's own, byte for byte, whatever
// the keys, strings (quoting, block scalars at any depth, document markers), numbers and
// nesting, with and without sorted keys; anything it does not lay out goes to the package.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toYamlText } from '../../src/report/serialize.js';
import { yamlPackage } from '../../src/tekton/yaml-package.js';
import { lcg } from '../fixtures/lcg.js';

/** What the package alone writes, with the options toYamlText documents. */
function packageText(value: unknown, sortKeys: boolean): string {
  return yamlPackage().stringify(value, {
    schema: 'yaml-1.1',
    aliasDuplicateObjects: false,
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    // The generated keys are ASCII, where code-point order is plain string order.
    sortMapEntries: sortKeys
      ? (a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0)
      : false,
  });
}

const STRINGS = [
  ...['a', '', ' ', 'two words', 'name', 'yes', 'No', 'off', 'true', 'null', '~', 'Y', '='],
  ...['1', '0x1F', '0o17', '1e3', '.5', '+5', '-.inf', '.NaN', '2000-01-01T00:00:10Z', '12:30'],
  ...['a: b', 'a #b', '#c', '- x', '-', '?', ':', '[a]', '{b}', '*x', '&y', '!t', '%p', '@'],
  ...['`', "'q'", '"d"', '---', '--- x', '...\nx', 'line\n---\nend', '<<', 'a,b', '\\', 'a\\nb'],
  ...['multi\nline', 'a\n', 'a\n\n', '\n', '\n\n', ' \n', 'a\n ', '  lead\nx', 'x\n  y\n'],
  ...['trail \nx', 'a\tb\nc', 'a\n\n\nb', '\n\na', ' a', 'a ', '\t', 'x\n\ty', ' \n \n'],
  ...['é ü 😀', 'a\rb', '\ufeffa', 'a\u2028b', "it's\nok", '"quoted\nmulti"', 'x'.repeat(120)],
  `${'word '.repeat(30)}\n`.repeat(3),
  // Hyphenated names, which the writer writes without asking the package.
  ...[
    'run-task-pod-retry42',
    'a-b',
    'x-1',
    'n-o',
    'y-es',
    'on-off',
    'e-5',
    'ee-5',
    'inf-nan',
    'a-0x1f',
  ],
  ...['null-null', 'true-1', 'b-2000-01-01', 'no-', '-no', 'a--b', 'A-b', 'a-B', 'a_b-c', 'a-b.c'],
];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1.5e-7, Number.NaN, Number.POSITIVE_INFINITY, 3.14];

function generatedValue(random: () => number, depth: number): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const shape = random();
  if (depth > 3 || (depth > 0 && shape < 0.45)) {
    const kind = random();
    if (kind < 0.65) return pick(STRINGS);
    if (kind < 0.8) return pick(NUMBERS);
    if (kind < 0.9) return pick([true, false]);
    return pick([null, undefined, {}, []]);
  }
  const count = Math.floor(random() * 4) + (depth === 0 ? 1 : 0);
  if (shape < 0.7) {
    const object: Record<string, unknown> = {};
    for (let index = 0; index < count; index++)
      object[pick([...STRINGS, 'b', 'zz', '10', '2'])] = generatedValue(random, depth + 1);
    return object;
  }
  return Array.from({ length: count }, () => generatedValue(random, depth + 1));
}

test('report: yaml writer: generated values give the yaml package text byte for byte', () => {
  const random = lcg(20261130);
  for (let index = 0; index < 200; index++) {
    const value = generatedValue(random, 0);
    const sortKeys = index % 3 === 0;
    const expected = packageText(value, sortKeys);
    assert.is(toYamlText(value, { sortKeys }), expected, JSON.stringify(value));
  }
});

test('report: yaml writer: block scalars keep their indentation deep in lists and mappings', () => {
  const value = {
    items: [{ spec: { steps: [{ script: '#!/bin/sh\n  indented\n\nlast\n' }] } }],
    '---': [['a\n\nb', { '---': ' lead\n' }]],
  };
  assert.is(toYamlText(value), packageText(value, false));
  assert.match(
    toYamlText(value),
    '    - script: |\n        #!/bin/sh\n          indented\n\n        last\n',
  );
});

test('report: yaml writer: each number keeps its own text, 0 and -0 included', () => {
  const value = { a: [0, -0, 0, 1e21, Number.NaN], b: -0, c: 0 };
  assert.is(toYamlText(value), packageText(value, false));
  assert.match(toYamlText(value), 'a:\n- 0\n- -0\n- 0\n');
});

test('report: yaml writer: values it does not lay out are written by the package', () => {
  for (const value of [
    { at: new Date(0) },
    { set: new Map([['a', 1]]) },
    { ['k'.repeat(1100)]: 1 },
    'just a scalar',
    [],
    {},
  ])
    assert.is(toYamlText(value), packageText(value, false), String(value));
});

test.run();
