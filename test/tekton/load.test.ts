import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/tekton/diagnostics.js';
import type { Diagnostic } from '../../src/tekton/diagnostics.js';
import { expandPaths, MAX_FILE_SIZE_BYTES } from '../../src/tekton/files.js';
import { loadFiles, loadText } from '../../src/tekton/load.js';
import { parseWithYamlPackage } from '../../src/tekton/yaml-source.js';

const PIPELINE_AND_RUN = `# a Pipeline, its Task and a run of it
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: echo
spec:
  steps:
    - name: say
      image: alpine
      script: echo hi
---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: build
spec:
  tasks:
    - name: first
      taskRef:
        name: echo
    - name: second
      runAfter: [first]
      taskRef: {name: echo}
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: build-run
spec:
  pipelineRef:
    name: build
`;

function inputErrorOf(action: () => unknown): Diagnostic[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an InputError');
}

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-load-'));
}

test('load: multi-document: Task, Pipeline and PipelineRun in one file', () => {
  const set = loadText(PIPELINE_AND_RUN, 'build.yaml');
  assert.equal(set.files, ['build.yaml']);
  assert.equal(
    set.resources.map((r) => `${r.kind}/${r.metadata.name}`),
    ['Task/echo', 'Pipeline/build', 'PipelineRun/build-run'],
  );
  assert.is(set.tasks.length, 1);
  assert.is(set.pipelines.length, 1);
  assert.is(set.pipelineRuns.length, 1);
  assert.equal(set.diagnostics, []);
  const pipeline = set.pipelines[0];
  assert.is(pipeline.apiVersion, 'tekton.dev/v1');
  assert.is(pipeline.originalApiVersion, 'tekton.dev/v1');
  assert.equal(pipeline.spec.tasks?.[1].runAfter, ['first']);
  assert.is(pipeline.source.documentIndex, 1);
  assert.is(set.pipelineRuns[0].source.documentIndex, 2);
});

test('load: positions: keys, sequence items and missing fields, 1-based', () => {
  const set = loadText(PIPELINE_AND_RUN, 'build.yaml');
  const pipeline = set.pipelines[0];
  const at = (pathInDocument: (string | number)[]) => {
    const { line, column } = pipeline.source.locate(pathInDocument);
    return `${line}:${column}`;
  };
  assert.is(at([]), '12:1');
  assert.is(at(['kind']), '13:1');
  assert.is(at(['metadata', 'name']), '15:3');
  assert.is(at(['spec', 'tasks', 0]), '18:7');
  assert.is(at(['spec', 'tasks', 1, 'name']), '21:7');
  assert.is(at(['spec', 'tasks', 1, 'runAfter', 0]), '22:18');
  assert.is(at(['spec', 'tasks', 1, 'taskRef', 'name']), '23:17');
  // Missing fields point at the nearest ancestor that exists.
  assert.is(at(['spec', 'tasks', 1, 'timeout']), '21:7');
  assert.is(at(['spec', 'tasks', 5, 'name']), '17:3');
  assert.is(at(['spec', 'finally']), '16:1');
  const run = set.pipelineRuns[0].source.locate(['spec', 'pipelineRef', 'name']);
  assert.equal(run, { file: 'build.yaml', line: 31, column: 5 });
});

test('load: List: items are documents located inside the List', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: tekton.dev/v1
    kind: Pipeline
    metadata:
      name: one
    spec:
      tasks: []
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
`;
  const set = loadText(text, 'list.yaml');
  assert.equal(
    set.pipelines.map((p) => p.metadata.name),
    ['one'],
  );
  assert.equal(set.pipelines[0].source.locate(['spec', 'tasks']), {
    file: 'list.yaml',
    line: 9,
    column: 7,
  });
  assert.equal(
    set.diagnostics.map((d) => [d.severity, d.message, d.location?.line]),
    [
      [
        'note',
        'ConfigMap (v1) is not simulated itself; workspaces bound to it show its keys as files',
        11,
      ],
    ],
  );
});

test('load: other kinds are ignored with a note; tekton-sim documents are kept without one', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
---
apiVersion: tekton.dev/v1beta1
kind: ClusterTask
metadata: {name: ct}
---
apiVersion: tekton.dev/v1alpha1
kind: Pipeline
metadata: {name: old}
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: s}
spec: {runs: 3}
---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: p}
`;
  const set = loadText(text, 'mixed.yaml');
  assert.equal(
    set.pipelines.map((p) => p.metadata.name),
    ['p'],
  );
  assert.equal(
    set.diagnostics.map((d) => `${d.location?.line}: ${d.severity}: ${d.message}`),
    [
      '2: note: ignored Role (rbac.authorization.k8s.io/v1): not a Pipeline, PipelineRun, Task, TaskRun or StepAction',
      '6: note: ignored ClusterTask: ClusterTasks are deprecated and not loaded; taskRefs to them stay opaque',
      '10: note: ignored Pipeline of tekton.dev/v1alpha1: only tekton.dev/v1 and tekton.dev/v1beta1 are supported',
    ],
  );
  assert.is(set.extraDocuments.length, 1);
  const scenario = set.extraDocuments[0];
  assert.is(scenario.apiVersion, 'tekton-sim/v1alpha1');
  assert.is(scenario.kind, 'Scenario');
  assert.equal(scenario.value.spec, { runs: 3 });
  assert.equal(scenario.source.locate(['spec', 'runs']), {
    file: 'mixed.yaml',
    line: 16,
    column: 8,
  });
});

test('load: a file holding only a tekton-sim document is not "not Tekton"', () => {
  const set = loadText('apiVersion: tekton-sim/v1alpha1\nkind: Scenario\n', 's.yaml');
  assert.is(set.extraDocuments.length, 1);
  assert.is(set.resources.length, 0);
});

test('load: metadata: generateName without name becomes the name, with a note', () => {
  const set = loadText(
    'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  generateName: nightly-\nspec: {}\n',
    'g.yaml',
  );
  assert.is(set.pipelineRuns[0].metadata.name, 'nightly');
  assert.is(set.pipelineRuns[0].metadata.generateName, 'nightly-');
  assert.equal(set.diagnostics, [
    {
      severity: 'note',
      message:
        'no metadata.name; using generateName "nightly-" without its trailing "-" as the name',
      fieldPath: 'metadata.generateName',
      location: { file: 'g.yaml', line: 4, column: 3 },
      resource: 'PipelineRun/nightly',
    },
  ]);
});

test('load: metadata: neither name nor generateName is an error and the resource is rejected', () => {
  const set = loadText(
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  labels: {a: b}\nspec: {}\n',
    'n.yaml',
  );
  assert.is(set.resources.length, 0);
  assert.is(set.rejected.length, 1);
  assert.equal(
    set.diagnostics.map((d) => [
      d.severity,
      d.message,
      d.fieldPath,
      d.location?.line,
      d.location?.column,
    ]),
    [
      [
        'error',
        'Required value: name or generateName is required (Pipeline)',
        'metadata.name',
        3,
        1,
      ],
    ],
  );
});

test('load: decoding: a field of the wrong type is an error at its position; the resource is rejected', () => {
  const text = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: typed
spec:
  tasks:
    - name: a
      retries: "3"
      runAfter: b
      taskRef: {name: t}
`;
  const set = loadText(text, 't.yaml');
  assert.is(set.pipelines.length, 0);
  assert.equal(
    set.rejected.map((r) => [r.kind, r.name]),
    [['Pipeline', 'typed']],
  );
  assert.equal(
    set.diagnostics.map(
      (d) =>
        `${d.location?.line}:${d.location?.column} ${d.message} (${d.fieldPath}) ${d.resource}`,
    ),
    [
      '8:7 expected an integer, got a string "3" (spec.tasks[0].retries) Pipeline/typed',
      '9:7 expected a list, got a string "b" (spec.tasks[0].runAfter) Pipeline/typed',
    ],
  );
});

test('load: decoding: retries past 2^53 - 1 are refused, not rounded', () => {
  const text = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: many
spec:
  tasks:
    - name: a
      retries: 1e20
      taskRef: {name: t}
`;
  const set = loadText(text, 't.yaml');
  assert.is(set.pipelines.length, 0);
  assert.equal(
    set.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.message}`),
    [
      '8:7 expected an integer from -9007199254740991 to 9007199254740991 (2^53 - 1), got the number 100000000000000000000',
    ],
  );
});

test('load: decoding: param values decode as Tekton decodes them', () => {
  const text = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: r}
spec:
  pipelineRef: {name: p}
  params:
    - {name: number, value: 3}
    - {name: boolean, value: true}
    - {name: empty, value: }
    - {name: list, value: [a, b]}
    - {name: object, value: {k: v}}
    - name: mappings
      value:
        - {type: gomod, path: "."}
  timeouts:
    finally: null
`;
  const run = loadText(text, 'p.yaml').pipelineRuns[0];
  assert.equal(
    run.spec.params?.map((p) => p.value),
    ['3', 'true', '', ['a', 'b'], { k: 'v' }, '[{"path":".","type":"gomod"}]'],
  );
  // A null field is the same as an absent one, as in Go.
  assert.equal(run.spec.timeouts, {});
});

test('load: unknown top-level fields get a warning; status is accepted', () => {
  const text =
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\ntimeout: 30m\nspec: {}\nstatus: {}\n';
  const set = loadText(text, 'u.yaml');
  assert.is(set.pipelines.length, 1);
  assert.equal(
    set.diagnostics.map((d) => [d.severity, d.message, d.fieldPath, d.location?.line]),
    [['warning', 'unknown field "timeout"', 'timeout', 4]],
  );
});

test('load: bad input: malformed YAML names file, line, column and the parser message', () => {
  const diagnostics = inputErrorOf(() =>
    loadText('apiVersion: tekton.dev/v1\nkind: Pipeline\nspec:\n  tasks: [a\n', 'bad.yaml'),
  );
  assert.ok(diagnostics.length >= 1);
  for (const diagnostic of diagnostics) {
    assert.is(diagnostic.severity, 'error');
    assert.is(diagnostic.location?.file, 'bad.yaml');
    assert.match(diagnostic.message, /^YAML syntax error: /);
  }
  const [first] = inputErrorOf(() => loadText('a: 1\n  b: 2\n', 'indent.yaml'));
  assert.equal(first, {
    severity: 'error',
    message: 'YAML syntax error: Nested mappings are not allowed in compact mappings',
    location: { file: 'indent.yaml', line: 1, column: 4 },
  });
});

test('load: bad input: duplicate keys are an error, as kubectl says', () => {
  const [first] = inputErrorOf(() => loadText('kind: Pipeline\nkind: Task\n', 'dup.yaml'));
  assert.match(first.message, /^YAML syntax error: Map keys must be unique/);
  assert.equal(first.location, { file: 'dup.yaml', line: 2, column: 1 });
});

test('load: bad input: alias problems are errors, not crashes', () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const name of ['b', 'c', 'd'])
    laughs.push(
      `${name}: &${name} [${Array(10)
        .fill('*' + String.fromCharCode(name.charCodeAt(0) - 1))
        .join(', ')}]`,
    );
  laughs.push(`e: [${Array(100).fill('*d').join(', ')}]`);
  assert.equal(
    inputErrorOf(() => loadText(laughs.join('\n') + '\n', 'laughs.yaml')).map((d) => d.message),
    [
      'YAML error: aliases expand to more than 100 nodes in one document (the limit); write the values out instead',
    ],
  );
  assert.equal(
    inputErrorOf(() => loadText('kind: Task\nspec: *nowhere\n', 'alias.yaml')).map(
      (d) => d.message,
    ),
    ['YAML error: Unresolved alias (the anchor must be set before the alias): nowhere'],
  );
});

test('load: values an alias shares are copied before loading changes them; others are not', () => {
  // Two Tasks whose spec is one YAML node: each must get a spec of its own, as loading
  // converts and decodes in place.
  const text = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- {apiVersion: tekton.dev/v1beta1, kind: Task, metadata: {name: a}, spec: &s {steps: [{name: s, image: alpine}]}}',
    '- {apiVersion: tekton.dev/v1beta1, kind: Task, metadata: {name: b}, spec: *s}',
    '',
  ].join('\n');
  const set = loadText(text, 'aliases.yaml');
  assert.is(set.tasks.length, 2);
  assert.is.not(set.tasks[0].spec, set.tasks[1].spec);
  assert.is.not(set.tasks[0].spec.steps, set.tasks[1].spec.steps);
  assert.equal(set.tasks[0].spec, set.tasks[1].spec);
  // Without an alias the `yaml` package's values are the loader's to change, as the fast
  // path's are; with one they are not.
  assert.equal(
    parseWithYamlPackage(text, 'aliases.yaml').documents.map((document) => document.unshared),
    [false],
  );
  assert.equal(
    parseWithYamlPackage(text.replace('*s', '{steps: []}'), 'plain.yaml').documents.map(
      (document) => document.unshared,
    ),
    [true],
  );
});

test('load: decoding: a __proto__ key is only a key', () => {
  const set = loadText(
    'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec:\n  __proto__: {steps: 3}\n',
    'proto.yaml',
  );
  assert.is(set.tasks.length, 1);
  assert.is(({} as Record<string, unknown>).steps, undefined);
});

test('load: bad input: empty file and comments-only file', () => {
  for (const text of ['', '# nothing here\n\n# still nothing\n', '---\n---\n']) {
    assert.equal(
      inputErrorOf(() => loadText(text, 'empty.yaml')),
      [
        {
          severity: 'error',
          message: 'empty file: no YAML content (only comments, blank lines or ---)',
          location: { file: 'empty.yaml', line: 1, column: 1 },
        },
      ],
    );
  }
});

test('load: bad input: a YAML file that is not Tekton says which kinds it found', () => {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\n---\napiVersion: v1\nkind: ConfigMap\n---\nfoo: bar\n';
  const diagnostics = inputErrorOf(() => loadText(text, 'k8s.yaml'));
  assert.equal(
    diagnostics.map((d) => d.message),
    [
      'not a Tekton file: no Pipeline, PipelineRun, Task or TaskRun of tekton.dev/v1 or tekton.dev/v1beta1 ' +
        '(found Deployment (apps/v1), ConfigMap (v1), a document without apiVersion and kind)',
    ],
  );
});

test('load: bad input: a document that is not a mapping', () => {
  const diagnostics = inputErrorOf(() =>
    loadText(
      'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\n---\n- a\n- b\n',
      'seq.yaml',
    ),
  );
  assert.equal(diagnostics, [
    {
      severity: 'error',
      message: 'document 2 is a list, not a mapping with apiVersion and kind',
      location: { file: 'seq.yaml', line: 5, column: 1 },
    },
  ]);
});

test('load: bad input: NUL bytes in text', () => {
  assert.equal(
    inputErrorOf(() => loadText('kind: Task\0', 'nul.yaml')).map((d) => d.message),
    ['nul.yaml: binary file (contains NUL bytes), not YAML text'],
  );
});

test('load: files: missing path, binary, invalid UTF-8, too large, directory without YAML', () => {
  const directory = temporaryDirectory();
  const binary = path.join(directory, 'image.yaml');
  fs.writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  const latin1 = path.join(directory, 'latin1.yaml');
  fs.writeFileSync(latin1, Buffer.from('name: caf\xe9\n', 'latin1'));
  const large = path.join(directory, 'large.yaml');
  fs.writeFileSync(large, Buffer.alloc(MAX_FILE_SIZE_BYTES + 1, 0x61));
  const noYaml = path.join(directory, 'docs');
  fs.mkdirSync(noYaml);
  fs.writeFileSync(path.join(noYaml, 'README.md'), '# not yaml\n');
  const missing = path.join(directory, 'missing.yaml');
  const messages = inputErrorOf(() => loadFiles([missing, binary, latin1, large, noYaml])).map(
    (d) => d.message,
  );
  assert.equal(messages, [
    `${missing}: no such file or directory`,
    `${noYaml}: no .yaml or .yml files in this directory`,
    `${binary}: binary file (contains NUL bytes), not YAML text`,
    `${latin1}: not UTF-8 text (a binary file?); YAML files must be UTF-8`,
    `${large}: file is 8.0 MiB; files over 8.0 MiB are refused (a Kubernetes object cannot exceed about 1.5 MiB, so this is not a Tekton file)`,
  ]);
  fs.rmSync(directory, { recursive: true });
});

test('load: files: directories are walked recursively in sorted order, dot names included', () => {
  const directory = temporaryDirectory();
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(directory, relative)), { recursive: true });
    fs.writeFileSync(path.join(directory, relative), text);
  };
  const task = (name: string) =>
    `apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: ${name}}\n`;
  write('b.yml', task('b'));
  write('a.yaml', task('a'));
  write('.tekton/push.yaml', task('dot'));
  write('nested/deeper/c.YAML', task('c'));
  write('kustomization.yaml', 'resources: [a.yaml]\n');
  write('empty.yaml', '# later\n');
  write('notes.txt', task('ignored'));
  const set = loadFiles([directory]);
  assert.equal(
    set.tasks.map((t) => t.metadata.name),
    ['dot', 'a', 'b', 'c'],
  );
  assert.equal(
    set.files.map((file) => path.relative(directory, file)),
    [
      '.tekton/push.yaml',
      'a.yaml',
      'b.yml',
      'empty.yaml',
      'kustomization.yaml',
      'nested/deeper/c.YAML',
    ],
  );
  // Files found in a directory that hold nothing for us are skipped with a note, not refused.
  assert.equal(
    set.diagnostics.map((d) => `${path.relative(directory, d.location?.file ?? '')}: ${d.message}`),
    [
      'empty.yaml: empty file: no YAML content (only comments, blank lines or ---); skipped',
      'kustomization.yaml: not a Tekton file: no Pipeline, PipelineRun, Task or TaskRun of tekton.dev/v1 or tekton.dev/v1beta1 (found a document without apiVersion and kind); skipped',
    ],
  );
  // The same file named twice (directly and through its directory) is loaded once.
  assert.is(loadFiles([path.join(directory, 'a.yaml'), directory]).tasks.length, 4);
  fs.rmSync(directory, { recursive: true });
});

test('load: files: a directory walk stops at the entry bound, links followed, with one error', () => {
  const directory = temporaryDirectory();
  fs.mkdirSync(path.join(directory, 'sub'));
  for (const name of ['a.yaml', 'b.yaml', 'sub/c.yaml'])
    fs.writeFileSync(path.join(directory, name), 'kind: Task\n');
  // A link back to the top is walked once; the five entries (a, b, sub, loop, c) are counted.
  fs.symlinkSync(directory, path.join(directory, 'sub', 'loop'));
  assert.equal(
    expandPaths([directory], 5).files.map((file) => path.relative(directory, file.path)),
    ['a.yaml', 'b.yaml', 'sub/c.yaml'],
  );
  const over = expandPaths([directory], 4);
  assert.equal(over.files, []);
  assert.equal(
    over.problems.map((problem) => problem.message),
    [
      `${directory}: more than 4 entries under this directory (symbolic links followed); name the folder that holds the Tekton files`,
    ],
  );
  fs.rmSync(directory, { recursive: true });
});

test('load: files: a directory whose YAML holds no Tekton resource is refused', () => {
  const directory = temporaryDirectory();
  fs.writeFileSync(path.join(directory, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
  assert.equal(
    inputErrorOf(() => loadFiles([directory])).map((d) => d.message),
    [
      `${directory}: the one YAML file in this directory holds no Tekton Pipeline, PipelineRun, Task or TaskRun`,
    ],
  );
  fs.rmSync(directory, { recursive: true });
});

test('load: files: the fixtures directory loads', () => {
  const fixtures = path.join(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'fixtures',
    'load',
  );
  const set = loadFiles([fixtures]);
  assert.ok(set.pipelines.length >= 1);
  assert.ok(set.pipelineRuns.length >= 1);
});

test.run();
