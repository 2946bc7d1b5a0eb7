import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/tekton/diagnostics.js';
import type { Diagnostic } from '../../src/tekton/diagnostics.js';
import { MAX_FILE_SIZE_BYTES } from '../../src/tekton/files.js';
import { loadText } from '../../src/tekton/load.js';
import { MAX_DOCUMENTS_PER_FILE, MAX_NESTING_DEPTH } from '../../src/tekton/yaml-limits.js';

const TASK =
  'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps: [{name: s, image: alpine}]\n';

function loadProblems(text: string): Diagnostic[] {
  try {
    loadText(text, 'limits.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an InputError');
}

function flowNesting(levels: number): string {
  return `${TASK}  labels: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
}

function blockNesting(levels: number): string {
  const lines = Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}k${level}:`);
  return `${lines.join('\n')} leaf\n`;
}

test('yaml limits: flow collections nested past the limit are refused, naming the limit and where', () => {
  for (const levels of [MAX_NESTING_DEPTH + 5, 100_000]) {
    const problems = loadProblems(flowNesting(levels));
    assert.equal(
      problems.map((d) => d.message),
      [
        `YAML collections nest deeper than ${MAX_NESTING_DEPTH} levels (the limit); no Tekton resource nests that deep`,
      ],
    );
    assert.equal(problems[0].location?.file, 'limits.yaml');
    assert.is(problems[0].location?.line, 6);
  }
});

test('yaml limits: block mappings nested past the limit are refused; at the limit they load', () => {
  const [problem] = loadProblems(blockNesting(2000));
  assert.match(problem.message, /nest deeper than 100 levels \(the limit\)/);
  assert.is(problem.location?.line, MAX_NESTING_DEPTH + 1);
  // At the limit the file is parsed; it is refused only for not being Tekton.
  const [atLimit] = loadProblems(blockNesting(MAX_NESTING_DEPTH));
  assert.match(atLimit.message, /^not a Tekton file/);
});

test('yaml limits: brackets inside quoted and block scalars are text, not nesting', () => {
  const deepText = '['.repeat(MAX_NESTING_DEPTH * 2);
  const text = [
    'apiVersion: tekton.dev/v1',
    'kind: Task',
    'metadata: {name: t}',
    'spec:',
    `  description: "${deepText}"`,
    '  steps:',
    '    - name: s',
    '      image: alpine',
    '      script: |',
    `        echo '${deepText}'`,
    '',
  ].join('\n');
  const set = loadText(text, 'scalars.yaml');
  assert.is(set.tasks.length, 1);
});

test('yaml limits: more documents than the limit are refused, naming the limit', () => {
  const problems = loadProblems(`${TASK}---\n`.repeat(MAX_DOCUMENTS_PER_FILE + 1));
  assert.equal(
    problems.map((d) => d.message),
    [`more than ${MAX_DOCUMENTS_PER_FILE} YAML documents in one file (the limit); split the file`],
  );
  const set = loadText(`${TASK}---\n`.repeat(MAX_DOCUMENTS_PER_FILE), 'many.yaml');
  assert.is(set.tasks.length, MAX_DOCUMENTS_PER_FILE);
});

test('yaml limits: text over the size limit is refused even when it does not come from a file', () => {
  const problems = loadProblems(`${TASK}  description: "${'x'.repeat(MAX_FILE_SIZE_BYTES)}"\n`);
  assert.equal(
    problems.map((d) => d.message),
    [
      'YAML text is 8.0 MiB; the limit is 8.0 MiB per file (a Kubernetes object cannot exceed about 1.5 MiB)',
    ],
  );
});

test.run();
