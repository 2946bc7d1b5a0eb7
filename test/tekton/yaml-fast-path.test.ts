// The fast YAML reader gives exactly what the `yaml` package gives (values, number types,
// key order, every field's line and column) or gives up: on snippets of each construct, on
// every YAML file of the project and of the corpus beside it, and on generated documents.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { YamlPath } from '../../src/tekton/resource.js';
import { type FastYaml, readFastYaml } from '../../src/tekton/yaml-fast-path.js';
import { MAX_DOCUMENTS_PER_FILE } from '../../src/tekton/yaml-limits.js';
import {
  fromFastPath,
  type ParsedYaml,
  parseWithYamlPackage,
  parseYaml,
} from '../../src/tekton/yaml-source.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDirectory = path.resolve(repositoryRoot, '..', 'shared', 'corpus', 'tekton');

/** Numbers are tagged so that 1 and "1", or 0 and -0, differ. */
function typed(value: unknown): string {
  return JSON.stringify(value, (_key, each) =>
    typeof each === 'number' ? `number:${Object.is(each, -0) ? '-0' : each}` : each,
  );
}

/**
 * Calls `visit` with every path into `value`, and beside each a key or index that does not
 * exist, in document order. A walk with one growing path rather than nested generators, whose
 * every path passed up through each enclosing generator (a cost per path times its depth, a
 * tenth of the time over the corpus); each path `visit` gets is its own copy.
 */
function forEachPath(value: unknown, visit: (path: YamlPath) => void): void {
  const path: (string | number)[] = [];
  const visitWith = (last: string | number) => {
    path.push(last);
    visit(path.slice());
    path.pop();
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(index);
        visit(path.slice());
        walk(node[index]);
        path.pop();
      }
      visitWith(node.length);
      visitWith('name');
    } else if (node !== null && typeof node === 'object') {
      for (const [key, each] of Object.entries(node)) {
        path.push(key);
        visit(path.slice());
        walk(each);
        path.pop();
      }
      visitWith('absent');
      visitWith(0);
    } else visitWith('deeper');
  };
  visit([]);
  walk(value);
}

/**
 * Differences between the fast reading of `text` and the `yaml` package's, or undefined if it
 * gave up. `read` is readFastYaml(text), which the callers look at too: read once.
 */
function differences(text: string, read: FastYaml | undefined): string[] | undefined {
  // What parseYaml gives when the fast path reads the text, without reading it twice.
  if (!read) return undefined;
  const fast = fromFastPath(read, 'f.yaml');
  const slow: ParsedYaml = parseWithYamlPackage(text, 'f.yaml');
  const found: string[] = [];
  if (slow.diagnostics.length > 0)
    found.push(`accepted what the yaml package reports: ${slow.diagnostics[0].message}`);
  if (fast.documents.length !== slow.documents.length)
    return [...found, `${fast.documents.length} documents, not ${slow.documents.length}`];
  slow.documents.forEach((expected, index) => {
    const actual = fast.documents[index];
    if (typed(actual.value) !== typed(expected.value))
      found.push(`document ${index}: ${typed(actual.value)} instead of ${typed(expected.value)}`);
    if (actual.empty !== expected.empty) found.push(`document ${index}: empty differs`);
    forEachPath(expected.value, (path) => {
      const at = actual.source.locate(path);
      const want = expected.source.locate(path);
      if (at.line !== want.line || at.column !== want.column)
        found.push(
          `document ${index} ${JSON.stringify(path)}: ${at.line}:${at.column} instead of ${want.line}:${want.column}`,
        );
    });
  });
  return found;
}

function assertSameOrGivesUp(text: string, read: FastYaml | undefined): void {
  const found = differences(text, read);
  if (found && found.length > 0)
    assert.unreachable(`${JSON.stringify(text)}:\n${found.join('\n')}`);
}

const READ_FAST = [
  'a: 1\nb: two\n',
  '# header\n\napiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n',
  'spec:\n  params:\n  - name: x\n    value: $(params.y)\n  - name: z\n',
  'list:\n  - a\n  -   b: 1\n      c: 2\n  -\n    d: 3\n',
  'values: [a, "b", \'c\', 1, 2.5, true, null]\nempty: []\nmap: {}\n',
  "quoted: 'it''s'\ndouble: \"a\\tb\\n\"\nlong: 'one\n  two\n\n  three'\n",
  'numbers: [0o17, 0x1F, 017, 1e3, .nan, +5, 1.]\nwords: [yes, on, True, NULL, ~]\nminus: -.inf\n',
  'script: |\n  echo a\n\n  echo b\nkeep: |+\n  x\n\nstrip: |-\n  y\n\nfolded: >\n  one\n  two\n\n  three\nend: 1\n',
  'args:\n- -c\n- "--flag"\n- a: b # comment\n',
  'a: 1\n---\nb: 2\n---\n---\n',
  'comment: value # trailing\nhash: a#b\ncolon: http://host:80/path\n',
  'unicode: "é ü 😀"\n',
  'a: x\n  # a comment more indented\nb: y\n',
  '  indented: root\n  other: 2\n',
  'k: |\n  last line without newline',
  'a: {b: c}\n',
  'a: [b, [c]]\n',
  "duration: {uniform: {min: 3m, max: '8m'}}\nlist: [{a: 1}, {}, [], b] # c\nempty: { }\n",
  'timeouts: {pipeline: 1h, "tasks": 55m, finally: 5m}\n',
  'steps: [{name: test, image: golang:1.22, script: go test ./...}]\n',
];

const GIVES_UP = [
  'a: &anchor 1\nb: *anchor\n',
  'a: !!str 1\n',
  'a: {b: c,\n  d: e}\n',
  'a: {b: c,}\n',
  'a: {b:c}\n',
  'a: {"b":c}\n',
  'a: {b}\n',
  'a: {b: c, b: d}\n',
  'a: {1: c}\n',
  'a: {b: c # comment}\n',
  'a:\tb\n',
  'a: 1\na: 2\n',
  'description: one line\n  and the next\n',
  '1: numeric key\n',
  '<<: {a: 1}\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n...\n',
  'a: "bad \\q escape"\n',
  'a: b: c\n',
  'a:\r\n  b: 1\r\n',
  'a: |2\n   x\n',
  'a: b\n - c\n',
  '- a\n-\n- b\n',
  'just a scalar\n',
];

test('yaml fast path: each construct it reads gives what the yaml package gives', () => {
  for (const text of READ_FAST) {
    const read = readFastYaml(text);
    assert.ok(read, `read fast: ${JSON.stringify(text)}`);
    assertSameOrGivesUp(text, read);
  }
});

test('yaml fast path: anchors, tags, flow collections over lines, tabs, errors and other doubtful text go to the yaml package', () => {
  for (const text of GIVES_UP) {
    assert.is(readFastYaml(text), undefined, JSON.stringify(text));
    // parseYaml still reads (or reports) it as before.
    const outcome = ({ documents, diagnostics }: ParsedYaml) => ({
      values: documents.map((document) => typed(document.value)),
      diagnostics,
    });
    assert.equal(outcome(parseYaml(text, 'f.yaml')), outcome(parseWithYamlPackage(text, 'f.yaml')));
  }
});

test('yaml fast path: at the document limit it reads what the yaml package reads; one over, it gives up', () => {
  const document = 'a: 1\nlist: [x, {y: 2}]\n';
  const files = (count: number) => [
    `---\n${document}`.repeat(count),
    Array.from({ length: count }, () => document).join('---\n'),
    `${document}---\n`.repeat(count - 1),
    '---\n'.repeat(count),
  ];
  for (const text of files(MAX_DOCUMENTS_PER_FILE)) {
    const read = readFastYaml(text);
    assert.is(read?.documents.length, MAX_DOCUMENTS_PER_FILE);
    assertSameOrGivesUp(text, read);
  }
  // One over: the fast path hands the file over and parseYaml gives the yaml package's error.
  for (const text of files(MAX_DOCUMENTS_PER_FILE + 1)) {
    assert.is(readFastYaml(text), undefined);
    const { documents, diagnostics } = parseYaml(text, 'f.yaml');
    assert.equal(
      [documents.length, diagnostics.map((d) => d.message)],
      [
        0,
        [
          `more than ${MAX_DOCUMENTS_PER_FILE} YAML documents in one file (the limit); split the file`,
        ],
      ],
    );
  }
});

function yamlFilesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.git'))
      files.push(...yamlFilesUnder(full));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) files.push(full);
  }
  return files;
}

test('yaml fast path: every YAML file of the project and of the corpus reads the same both ways', () => {
  const projectFiles = ['scenarios', 'test', 'bench', 'deploy', 'examples'].flatMap((folder) =>
    yamlFilesUnder(path.join(repositoryRoot, folder)),
  );
  const corpusFiles = yamlFilesUnder(corpusDirectory);
  if (corpusFiles.length === 0)
    console.log('  note: no corpus beside the project; checked the project files only');
  let readFast = 0;
  for (const file of [...projectFiles, ...corpusFiles]) {
    const text = fs.readFileSync(file, 'utf8');
    const found = differences(text, readFastYaml(text));
    if (found === undefined) continue;
    readFast += 1;
    if (found.length > 0) assert.unreachable(`${file}:\n${found.slice(0, 5).join('\n')}`);
  }
  assert.ok(readFast > projectFiles.length / 2, `read fast: ${readFast} files`);
});

/** A small deterministic generator (a linear congruential one) for the generated documents. */
function generator(seed: number): <T>(choices: readonly T[]) => T {
  let state = seed;
  return (choices) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return choices[Math.floor((state / 2147483648) * choices.length)];
  };
}

const SCALARS = [
  'a',
  'two words',
  'x:y',
  '1',
  '-1',
  '0o17',
  '1.5',
  '1e3',
  'true',
  'null',
  '~',
  '-c',
  '$(params.x)',
  'a#b',
  'a # comment',
  "'q'",
  "'it''s'",
  '"dq"',
  '"a\\nb"',
  '[a, b]',
  '[]',
  '{}',
  "''",
  'ü',
  '[a, ]',
  '{a: b}',
  '{a: [b, c]}',
  '{a: {b: 1}, c: "d"}',
  "[{a: 1}, 'b', [c]]",
  '{a: b, a: c}',
  '{ }',
  '{a: -1}',
  "{'k': v, x: ~}",
  '{a: b # c}',
  '{a: b}}',
  '[golang:1.22, http://h:80/p, a:]',
  '{image: golang:1.22, s: a:b:c}',
  '[a: b]',
  '[a:,b]',
  '[a, {b: c]',
  '*alias',
  'a: b',
  '"\\x41"',
];
const KEYS = ['a', 'b', 'name', 'two words', '"quoted"', "'single'", '1', 'true', 'x#y'];

function generatedDocument(pick: <T>(choices: readonly T[]) => T): string {
  const lines: string[] = [];
  const block = (depth: number, indent: number) => {
    const spaces = ' '.repeat(indent);
    const sequence = pick([true, false, false]);
    const entries = pick([1, 2, 3]);
    for (let entry = 0; entry < entries; entry++) {
      if (pick([false, false, false, false, true]))
        lines.push(pick(['', '  ', `${spaces}# comment`]));
      const head = sequence ? `${spaces}${pick(['- ', '-  '])}` : `${spaces}${pick(KEYS)}: `;
      const shape = pick(['scalar', 'scalar', 'nested', 'block', 'quoted']);
      if (shape === 'nested' && depth < 4) {
        lines.push(head.trimEnd());
        block(depth + 1, pick([indent, indent + 1, indent + 2, indent + 4]));
      } else if (shape === 'block') {
        lines.push(head + pick(['|', '|-', '|+', '>', '>-', '|2']));
        const contentIndent = indent + pick([0, 1, 2, 2, 3]);
        for (let line = 0; line < pick([1, 2, 3]); line++)
          lines.push(
            pick(['', `${' '.repeat(contentIndent)}${pick(['x', 'y z', '# h', '  deeper'])}`]),
          );
      } else if (shape === 'quoted') {
        lines.push(`${head}'first`);
        lines.push(pick(['', `${' '.repeat(indent + pick([0, 1, 2]))}second`]));
        lines.push(`${' '.repeat(indent + pick([0, 1, 2]))}last'${pick(['', ' # c', ' x'])}`);
      } else lines.push(head + pick(SCALARS) + pick(['', '', ' # comment']));
    }
  };
  if (pick([false, false, true])) lines.push(pick(['# header', '---']));
  block(0, pick([0, 0, 2]));
  if (pick([false, false, true])) {
    lines.push('---');
    block(0, 0);
  }
  return lines.join('\n') + pick(['\n', '', '\n\n']);
}

test('yaml fast path: generated documents read the same both ways, or go to the yaml package', () => {
  const pick = generator(20261130);
  let readFast = 0;
  for (let index = 0; index < 3000; index++) {
    const text = generatedDocument(pick);
    const read = readFastYaml(text);
    if (read) readFast += 1;
    assertSameOrGivesUp(text, read);
  }
  assert.ok(readFast > 300, `read fast: ${readFast} of 3000`);
});

test.run();
