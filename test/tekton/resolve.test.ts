import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/tekton/diagnostics.js';
import type { Diagnostic } from '../../src/tekton/diagnostics.js';
import { loadFiles, loadText } from '../../src/tekton/load.js';
import type { LoadedSet } from '../../src/tekton/load.js';
import {
  locateInPipeline,
  locateInTask,
  resolvePipelineRun,
  selectPipelineRun,
} from '../../src/tekton/resolve.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'load');

function inputErrorOf(action: () => unknown): Diagnostic[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected an InputError');
}

function run(name: string, spec: string, namespace?: string): string {
  const ns = namespace ? `\n  namespace: ${namespace}` : '';
  return `apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: ${name}${ns}\nspec:\n${spec}`;
}

function only(set: LoadedSet) {
  return resolvePipelineRun(set, selectPipelineRun(set));
}

test('resolve: pipelineRef by name among loaded Pipelines; taskRefs to loaded Tasks; finally included', () => {
  const set = loadFiles([path.join(fixtures, 'build-and-test.yaml')]);
  const resolved = only(set);
  assert.is(resolved.run.metadata.name, 'build-and-test-run');
  assert.is(resolved.pipelineName, 'build-and-test');
  assert.is(resolved.pipeline, set.pipelines[0].spec);
  assert.is(resolved.pipelineSource?.resource, set.pipelines[0]);
  assert.is(resolved.pipelineSource?.fieldPath, 'spec');
  assert.equal([...resolved.tasks.keys()], ['build', 'test', 'report']);
  const build = resolved.tasks.get('build');
  assert.is(build?.taskName, 'make');
  assert.is(build?.spec, set.tasks[0].spec);
  assert.is(build?.opaque, undefined);
  assert.is(resolved.tasks.get('report')?.spec?.steps?.[0].script, 'echo done');
  assert.equal(resolved.diagnostics, []);
  assert.equal(locateInPipeline(resolved.pipelineSource!, 'tasks[1].runAfter[0]'), {
    file: path.join(fixtures, 'build-and-test.yaml'),
    line: 28,
    column: 18,
  });
  assert.is(locateInTask(build!, 'steps[0].image')?.line, 12);
  assert.is(locateInTask(resolved.tasks.get('report')!, 'steps[0].image')?.line, 39);
});

test('resolve: opaque refs: bundle, ClusterTask and custom task, each with a located note (v1beta1)', () => {
  const set = loadFiles([path.join(fixtures, 'v1beta1-run.yaml')]);
  const resolved = only(set);
  assert.is(resolved.pipelineName, undefined);
  assert.is(resolved.pipelineSource?.fieldPath, 'spec.pipelineSpec');
  assert.equal(
    [...resolved.tasks].map(([name, task]) => [name, task.opaque]),
    [
      ['clone', 'bundle'],
      ['lint', 'ClusterTask'],
      ['wait', 'custom task example.dev/v1 Wait'],
    ],
  );
  assert.equal(
    resolved.diagnostics.map(
      (d) =>
        `${d.location?.line}:${d.location?.column} ${d.severity}: ${d.message} (${d.fieldPath}) ${d.resource}`,
    ),
    [
      '15:9 note: pipeline task "clone": its Task comes from bundle gcr.io/tekton-releases/catalog/upstream/git-clone:0.9 (git-clone); ' +
        'the simulator cannot see its steps or results (spec.pipelineSpec.tasks[0].taskRef) PipelineRun/legacy',
      '20:9 note: pipeline task "lint": ClusterTask; the simulator cannot see its steps or results (spec.pipelineSpec.tasks[1].taskRef) PipelineRun/legacy',
      '25:9 note: pipeline task "wait": custom task example.dev/v1 Wait; the simulator cannot see its steps or results (spec.pipelineSpec.tasks[2].taskRef) PipelineRun/legacy',
    ],
  );
});

test('resolve: opaque refs: resolver, missing Task, embedded custom task, pipeline in pipeline, no ref', () => {
  const set = loadText(
    run(
      'r',
      `  pipelineSpec:
    tasks:
      - name: remote
        taskRef:
          resolver: git
          params:
            - {name: url, value: https://example.com/repo}
            - {name: pathInRepo, value: task.yaml}
      - name: missing
        taskRef: {name: not-here}
      - name: loop
        taskSpec: {apiVersion: custom.tekton.dev/v1alpha1, kind: PipelineLoop, spec: {}}
      - name: child
        pipelineRef: {name: other}
      - name: nothing
`,
    ),
    'r.yaml',
  );
  const resolved = only(set);
  assert.equal(
    [...resolved.tasks].map(([name, task]) => [name, task.opaque]),
    [
      ['remote', 'resolver git'],
      ['missing', 'Task "not-here" not among the loaded files'],
      ['loop', 'custom task custom.tekton.dev/v1alpha1 PipelineLoop'],
      ['child', 'pipeline in a pipeline (pipelineRef, alpha TEP-0056)'],
      ['nothing', 'neither taskRef nor taskSpec'],
    ],
  );
  assert.equal(
    resolved.diagnostics.map((d) => `${d.location?.line}: ${d.message} (${d.fieldPath})`),
    [
      '9: pipeline task "remote": its Task comes from the "git" resolver (url=https://example.com/repo, pathInRepo=task.yaml); ' +
        'the simulator cannot see its steps or results (spec.pipelineSpec.tasks[0].taskRef)',
      '15: pipeline task "missing": Task "not-here" not among the loaded files; the simulator cannot see its steps or results (spec.pipelineSpec.tasks[1].taskRef.name)',
      '17: pipeline task "loop": custom task custom.tekton.dev/v1alpha1 PipelineLoop; the simulator cannot see its steps or results (spec.pipelineSpec.tasks[2].taskSpec)',
      '19: pipeline task "child": pipeline in a pipeline (pipelineRef, alpha TEP-0056); the simulator cannot see its steps or results (spec.pipelineSpec.tasks[3].pipelineRef)',
      '20: pipeline task "nothing": neither taskRef nor taskSpec; the simulator cannot see its steps or results (spec.pipelineSpec.tasks[4])',
    ],
  );
});

test("resolve: a Task of the same name in the referrer's file wins; other namespaces do not match", () => {
  const task = (name: string, image: string, namespace?: string) =>
    `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  steps: [{image: ${image}}]\n`;
  const other = loadText(task('t', 'elsewhere') + '---\n' + task('u', 'team-b', 'b'), 'other.yaml');
  const mine = loadText(
    task('t', 'mine') +
      '---\n' +
      run(
        'r',
        '  pipelineSpec:\n    tasks:\n      - {name: a, taskRef: {name: t}}\n      - {name: b, taskRef: {name: u}}\n',
        'a',
      ),
    'mine.yaml',
  );
  const set: LoadedSet = {
    ...other,
    files: [...other.files, ...mine.files],
    resources: [...other.resources, ...mine.resources],
    tasks: [...other.tasks, ...mine.tasks],
    pipelineRuns: mine.pipelineRuns,
  };
  const resolved = only(set);
  assert.is(resolved.tasks.get('a')?.spec?.steps?.[0].image, 'mine');
  assert.is(resolved.tasks.get('b')?.opaque, 'Task "u" not among the loaded files');
});

test('resolve: pipelineRef to a Pipeline that is not loaded is an InputError naming it', () => {
  const set = loadText(run('r', '  pipelineRef:\n    name: absent\n'), 'r.yaml');
  assert.equal(
    inputErrorOf(() => only(set)),
    [
      {
        severity: 'error',
        message:
          'cannot simulate PipelineRun "r": Pipeline "absent" is not among the loaded files (no Pipelines loaded)',
        fieldPath: 'spec.pipelineRef.name',
        location: { file: 'r.yaml', line: 7, column: 5 },
        resource: 'PipelineRun/r',
      },
    ],
  );
});

test('resolve: pipelineRef through a resolver or bundle is an InputError naming it', () => {
  const resolver = loadText(
    run(
      'r',
      '  pipelineRef:\n    resolver: hub\n    params:\n      - {name: name, value: buildpacks}\n',
    ),
    'hub.yaml',
  );
  assert.equal(
    inputErrorOf(() => only(resolver)).map((d) => [d.message, d.location?.line]),
    [
      [
        'cannot simulate PipelineRun "r": its Pipeline comes from the "hub" resolver (name=buildpacks), which the simulator cannot fetch; ' +
          'load the Pipeline from a file and refer to it with pipelineRef.name',
        6,
      ],
    ],
  );
  const bundle = loadText(
    run('r', '  pipelineRef:\n    name: p\n    bundle: registry.example/p:1\n').replace(
      'tekton.dev/v1',
      'tekton.dev/v1beta1',
    ),
    'bundle.yaml',
  );
  assert.match(
    inputErrorOf(() => only(bundle))[0].message,
    /its Pipeline comes from bundle registry.example\/p:1 \(p\)/,
  );
});

test('resolve: a Pipeline rejected at load is named as such', () => {
  const set = loadText(
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\nspec: {tasks: 3}\n---\n' +
      run('r', '  pipelineRef: {name: p}\n'),
    'r.yaml',
  );
  assert.is(
    inputErrorOf(() => only(set))[0].message,
    'cannot simulate PipelineRun "r": Pipeline "p" was not loaded because of the errors reported for it',
  );
});

test('resolve: selectPipelineRun: the only one, the named one, or a clear error listing names', () => {
  const two = loadText(
    run('first', '  pipelineRef: {name: p}\n') +
      '---\n' +
      run('second', '  pipelineRef: {name: p}\n'),
    'two.yaml',
  );
  assert.is(selectPipelineRun(two, 'second').metadata.name, 'second');
  assert.equal(
    inputErrorOf(() => selectPipelineRun(two)).map((d) => d.message),
    ['2 PipelineRuns in two.yaml: first, second; choose one with --pipelinerun NAME'],
  );
  assert.equal(
    inputErrorOf(() => selectPipelineRun(two, 'third')).map((d) => d.message),
    ['no PipelineRun named "third" in two.yaml; loaded PipelineRuns: first, second'],
  );
  const none = loadText(
    'apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: {name: p}\n',
    'p.yaml',
  );
  assert.equal(
    inputErrorOf(() => selectPipelineRun(none)).map((d) => d.message),
    ['no PipelineRun in p.yaml; loaded Pipelines: p, add a PipelineRun that uses one'],
  );
  const one = loadText(run('solo', '  pipelineRef: {name: p}\n'), 'one.yaml');
  assert.is(selectPipelineRun(one).metadata.name, 'solo');
});

test('a PipelineRun refused while loading is named with its error, not only as missing', () => {
  const refused = loadText(
    run('bad', '  pipelineSpec:\n    tasks:\n      - name: a\n        retries: 1.5\n'),
    'bad.yaml',
  );
  const diagnostics = inputErrorOf(() => selectPipelineRun(refused));
  assert.equal(
    diagnostics.map((d) => [d.message, d.fieldPath, d.location?.line]),
    [
      ['expected an integer, got the number 1.5', 'spec.pipelineSpec.tasks[0].retries', 9],
      ['no PipelineRun in bad.yaml', undefined, undefined],
    ],
  );
});

test.run();
