import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/tekton/diagnostics.js';
import type { Diagnostic } from '../../src/tekton/diagnostics.js';
import { MAX_FILE_SIZE_BYTES } from '../../src/tekton/files.js';
import { loadText } from '../../src/tekton/load.js';
import { emptyFileError } from '../../src/tekton/empty-file.js';
import { readFastYaml } from '../../src/tekton/yaml-fast-path.js';
import { MAX_DOCUMENTS_PER_FILE, MAX_NESTING_DEPTH } from '../../src/tekton/yaml-limits.js';
import { parseWithYamlPackage } from '../../src/tekton/yaml-source.js';

const TASK =
  'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  steps: [{name: s, image: alpine}]\n';

// The files past the document limit cost the `yaml` package about a tenth of a second each to
// read up to the document past the limit; the last test asks for three of them again, so each
// text's problems are kept for the file (no test changes what it is given).
const problemsByText = new Map<string, Diagnostic[]>();

/** The problems loadText reports for `text` as file limits.yaml. */
function loadProblems(text: string): Diagnostic[] {
  let problems = problemsByText.get(text);
  if (!problems) {
    problems = freshLoadProblems(text);
    problemsByText.set(text, problems);
  }
  return problems;
}

function freshLoadProblems(text: string): Diagnostic[] {
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

const TOO_MANY = `more than ${MAX_DOCUMENTS_PER_FILE} YAML documents in one file (the limit); split the file`;
/** TASK is five lines: with a `---` before each, document k starts at line 6k - 5. */
const dashThenTask = (count: number) => `---\n${TASK}`.repeat(count);

test('yaml limits: a file of exactly the limit of documents is read', () => {
  const separated = loadText(dashThenTask(MAX_DOCUMENTS_PER_FILE), 'many.yaml');
  assert.is(separated.tasks.length, MAX_DOCUMENTS_PER_FILE);
  // No `---` before the first document nor after the last.
  const between = loadText(
    Array.from({ length: MAX_DOCUMENTS_PER_FILE }, () => TASK).join('---\n'),
    'many.yaml',
  );
  assert.is(between.tasks.length, MAX_DOCUMENTS_PER_FILE);
});

test('yaml limits: one document over the limit is refused at that document, naming the limit', () => {
  const problems = loadProblems(dashThenTask(MAX_DOCUMENTS_PER_FILE + 1));
  assert.equal(
    problems.map((d) => [d.message, d.location?.file, d.location?.line, d.location?.column]),
    [[TOO_MANY, 'limits.yaml', 6 * (MAX_DOCUMENTS_PER_FILE + 1) - 5, 1]],
  );
  // The last document counts too when no `---` follows it (it was once left out).
  const between = Array.from({ length: MAX_DOCUMENTS_PER_FILE + 1 }, () => TASK).join('---\n');
  const [last] = loadProblems(between);
  assert.equal([last.message, last.location?.line], [TOO_MANY, 6 * MAX_DOCUMENTS_PER_FILE]);
});

test('yaml limits: a `---` after the last document starts one more, empty, which counts', () => {
  const [problem] = loadProblems(`${TASK}---\n`.repeat(MAX_DOCUMENTS_PER_FILE));
  // The trailing `---` on the file's last line starts document 1,001.
  assert.equal(
    [problem.message, problem.location?.line, problem.location?.column],
    [TOO_MANY, 6 * MAX_DOCUMENTS_PER_FILE, 1],
  );
});

test('yaml limits: a file of `---` lines only is an empty file, past the limit too many documents', () => {
  for (const count of [1, MAX_DOCUMENTS_PER_FILE])
    assert.equal(loadProblems('---\n'.repeat(count)), [emptyFileError('limits.yaml')]);
  assert.equal(loadProblems(''), [emptyFileError('limits.yaml')]);
  const [problem] = loadProblems('---\n'.repeat(MAX_DOCUMENTS_PER_FILE + 1));
  assert.equal([problem.message, problem.location?.line], [TOO_MANY, MAX_DOCUMENTS_PER_FILE + 1]);
});

test('yaml limits: both readers agree at the limit: the fast one reads it, and hands over past it', () => {
  for (const text of [
    dashThenTask(MAX_DOCUMENTS_PER_FILE),
    '---\n'.repeat(MAX_DOCUMENTS_PER_FILE),
  ]) {
    const fast = readFastYaml(text);
    assert.is(fast?.documents.length, MAX_DOCUMENTS_PER_FILE);
    const slow = parseWithYamlPackage(text, 'f.yaml');
    assert.equal(slow.diagnostics, []);
    assert.is(slow.documents.length, MAX_DOCUMENTS_PER_FILE);
  }
  for (const text of [
    dashThenTask(MAX_DOCUMENTS_PER_FILE + 1),
    `${TASK}---\n`.repeat(MAX_DOCUMENTS_PER_FILE),
    '---\n'.repeat(MAX_DOCUMENTS_PER_FILE + 1),
  ]) {
    assert.is(readFastYaml(text), undefined);
    // The fast path handed the text over, so loadText read it with parseWithYamlPackage alone
    // (parseYaml is one or the other): its problems are that reader's, already asked for by
    // the tests above for these same texts.
    assert.equal(
      loadProblems(text).map((d) => d.message),
      [TOO_MANY],
    );
  }
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
