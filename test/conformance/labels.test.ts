// The labels and annotations Tekton v1.15.0 gives a PipelineRun and its TaskRuns, as
// `kubectl get -o json` prints them (maps sorted by key), retold from its tests
// (semantics-disagreements 42; case L01-labels-and-annotations.yaml). The reconciler unit
// tests look at a TaskRun as the PipelineRun controller creates it; kubectl shows it after
// the TaskRun webhook (`app.kubernetes.io/managed-by`, TaskRun.SetDefaults) and the TaskRun
// reconciler (the Task's labels and annotations, `tekton.dev/task`,
// storeTaskSpecAndMergeMeta), so those are added to what the Go tests expect.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../cli/run-cli.js';
import { type CaseRun, runCaseFile } from './harness.js';

const CASE = 'L01-labels-and-annotations.yaml';
const CASE_PATH = 'test/conformance/cases/L01-labels-and-annotations.yaml';
const PROPAGATION_UID = '0b7d2f4e-8c1a-4e3b-a6f9-7d5c2b1e9f30';

/** A cluster whose API client lets one call through every 2 s: reconciles wait to write. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-labels-'));
const SLOW_CLUSTER = path.join(scratch, 'slow.yaml');
fs.writeFileSync(SLOW_CLUSTER, 'slots: 4\ncontroller: {kubeApiQPS: 0.5, kubeApiBurst: 1}\n');
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Item {
  kind: string;
  metadata: {
    name: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid?: string }[];
  };
  status?: unknown;
}

function itemsOf(json: string): Item[] {
  return (JSON.parse(json) as { items: Item[] }).items;
}

function item(items: Item[], name: string): Item {
  const found = items.find((entry) => entry.metadata.name === name);
  if (!found) throw new Error(`no object ${name}`);
  return found;
}

/** Labels and annotations, both exactly, keys in the order kubectl prints them. */
function assertMetadata(
  found: Item,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): void {
  const name = found.metadata.name;
  assert.is(JSON.stringify(found.metadata.labels ?? {}), JSON.stringify(labels), `${name} labels`);
  assert.is(
    JSON.stringify(found.metadata.annotations ?? {}),
    JSON.stringify(annotations),
    `${name} annotations`,
  );
}

function run(pipelineRun: string, profile?: string): Item[] {
  const result: CaseRun = runCaseFile(CASE, { pipelineRun, profile });
  return itemsOf(result.json);
}

/** What createChildResourceLabels adds, and the TaskRun webhook's managed-by label. */
function child(
  runName: string,
  uid: string,
  pipelineTask: string,
  memberOf: 'tasks' | 'finally' = 'tasks',
): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    'tekton.dev/memberOf': memberOf,
    'tekton.dev/pipelineRun': runName,
    'tekton.dev/pipelineRunUID': uid,
    'tekton.dev/pipelineTask': pipelineTask,
  };
}

/** The keys sorted as Go's encoding/json writes a map. */
function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

test('labels: TestReconcilePropagateLabelsAndAnnotations: the run keeps its own, tekton.dev/pipeline is the Pipeline', () => {
  const items = run('test-pipeline-run-with-labels');
  const uid = '2c8a3c56-1b6e-4f0e-9d7a-5b1f3e0c4a11';
  // storePipelineSpecAndMergeMeta sets the Pipeline's name over the run's `WillNotBeUsed`.
  assertMetadata(
    item(items, 'test-pipeline-run-with-labels'),
    { PipelineRunLabel: 'PipelineRunValue', 'tekton.dev/pipeline': 'test-pipeline' },
    { PipelineRunAnnotation: 'PipelineRunValue' },
  );
  const taskRun = item(items, 'test-pipeline-run-with-labels-hello-world-1');
  assertMetadata(
    taskRun,
    sorted({
      PipelineRunLabel: 'PipelineRunValue',
      'tekton.dev/pipeline': 'test-pipeline',
      ...child('test-pipeline-run-with-labels', uid, 'hello-world-1'),
      'tekton.dev/task': 'hello-world',
    }),
    { PipelineRunAnnotation: 'PipelineRunValue' },
  );
  // The uid the PipelineRun is printed with, in its metadata and the TaskRun's owner.
  assert.is(item(items, 'test-pipeline-run-with-labels').metadata.uid, uid);
  assert.is(taskRun.metadata.ownerReferences?.[0].uid, uid);
});

test('labels: tekton.dev/pipelineRunUID is the uid the simulator makes up and prints', () => {
  const items = run('test-annotations');
  const uid = item(items, 'test-annotations').metadata.uid as string;
  assert.match(uid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const taskRun = item(items, 'test-annotations-hello');
  assert.is(taskRun.metadata.labels?.['tekton.dev/pipelineRunUID'], uid);
  assert.is(taskRun.metadata.ownerReferences?.[0].uid, uid);
});

for (const [name, status] of [
  ['pending-run', 'pending'],
  ['cancelled-run', 'cancelled'],
]) {
  test(`labels: TestReconcilePropagateLabelsWithSpecStatus (${status}): named, the Pipeline never fetched`, () => {
    // propagatePipelineNameLabelToPipelineRun runs before the cancel and the pending check;
    // storePipelineSpecAndMergeMeta, after them, never does: no Pipeline labels.
    assertMetadata(
      item(run(name), name),
      { PipelineRunLabel: 'PipelineRunValue', 'tekton.dev/pipeline': 'labelled-pipeline' },
      { PipelineRunAnnotation: 'PipelineRunValue' },
    );
  });
}

test('labels: a pending run keeps its own tekton.dev/pipeline (v1.15, v1.12), v0.40 overwrites it', () => {
  const name = 'pending-with-own-label';
  assertMetadata(item(run(name), name), { 'tekton.dev/pipeline': 'mine' });
  assertMetadata(item(run(name, 'v1.12'), name), { 'tekton.dev/pipeline': 'mine' });
  assertMetadata(item(run(name, 'v0.40'), name), { 'tekton.dev/pipeline': 'labelled-pipeline' });
});

/** TestPipelineRun's checkLabelPropagation and checkAnnotationPropagation, as v1.15 prints them. */
const PROPAGATED_RUN = {
  labels: {
    lbl1: 'value1',
    'pipeline-label': 'pipeline-value',
    'run-label': 'run-value',
    shared: 'run',
    'tekton.dev/pipeline': 'labelled-pipeline',
    'tekton.dev/task': 'from-run',
  },
  // The Pipeline's chains annotation comes in by an update, which the webhook lets through.
  annotations: {
    'chains.tekton.dev/signed': 'true',
    'io.annotation.1': 'value1',
    'pipeline-annotation': 'pipeline-value',
    'run-annotation': 'run-value',
  },
};

test('labels: TestPipelineRun: Pipeline, PipelineRun and Task labels and annotations propagate', () => {
  const items = run('propagation');
  // The run's own win over the Pipeline's (`shared`); its chains annotation was dropped at
  // creation; the Pipeline's last-applied-configuration is not copied.
  assertMetadata(item(items, 'propagation'), PROPAGATED_RUN.labels, PROPAGATED_RUN.annotations);
  // Test_storeTaskSpec_metadata: the TaskRun's lbl1 and io.annotation.1 win over the Task's,
  // the Task adds lbl2, lbl3 and io.annotation.3, not its last-applied-configuration, and
  // tekton.dev/task is the Task whatever the run said. createTaskRun marks onError.
  assertMetadata(
    item(items, 'propagation-t1'),
    sorted({
      ...PROPAGATED_RUN.labels,
      ...child('propagation', PROPAGATION_UID, 't1'),
      lbl2: 'another value',
      lbl3: 'value3',
      'tekton.dev/task': 'labelled-task',
    }),
    {
      'io.annotation.1': 'value1',
      'io.annotation.3': 'value3',
      'pipeline-annotation': 'pipeline-value',
      'pipeline.tekton.dev/pipeline-task-on-error': 'continue',
      'run-annotation': 'run-value',
    },
  );
  assertMetadata(
    item(items, 'propagation-f'),
    sorted({
      ...PROPAGATED_RUN.labels,
      ...child('propagation', PROPAGATION_UID, 'f', 'finally'),
      'tekton.dev/task': 'hello-world',
    }),
    {
      'io.annotation.1': 'value1',
      'pipeline-annotation': 'pipeline-value',
      'run-annotation': 'run-value',
    },
  );
});

test('labels: v1.12 copies as v1.15 does for a referenced Pipeline', () => {
  assert.equal(run('propagation', 'v1.12'), run('propagation'));
});

test('labels: v0.40 keeps reserved and last-applied annotations, has no pipelineRunUID nor onError annotation', () => {
  const items = run('propagation', 'v0.40');
  const annotations = {
    'chains.tekton.dev/signed': 'true',
    'chains.tekton.dev/transparency': 'from-run',
    'io.annotation.1': 'value1',
    'kubectl.kubernetes.io/last-applied-configuration': '{}',
    'pipeline-annotation': 'pipeline-value',
    'run-annotation': 'run-value',
  };
  assertMetadata(item(items, 'propagation'), PROPAGATED_RUN.labels, annotations);
  const { 'tekton.dev/pipelineRunUID': _uid, ...withoutUid } = child(
    'propagation',
    PROPAGATION_UID,
    't1',
  );
  // The Pipeline's last-applied-configuration, through the run, wins over the Task's.
  assertMetadata(
    item(items, 'propagation-t1'),
    sorted({
      ...PROPAGATED_RUN.labels,
      ...withoutUid,
      lbl2: 'another value',
      lbl3: 'value3',
      'tekton.dev/task': 'labelled-task',
    }),
    sorted({ ...annotations, 'io.annotation.3': 'value3' }),
  );
});

test('labels: TestReconcilePipeline_TaskSpecMetadata, TestReconcile_PropagatePipelineTaskRunSpecMetadata, TestReconcile_AddMetadataByPrecedence', () => {
  const items = run('test-pipeline-run');
  const uid = item(items, 'test-pipeline-run').metadata.uid as string;
  const fromRun = {
    TestPrecedenceLabel: 'PipelineRunValue',
    'run-over-spec': 'PipelineRunValue',
    'tekton.dev/pipeline': 'spec-metadata-pipeline',
  };
  assertMetadata(item(items, 'test-pipeline-run'), fromRun, {
    TestPrecedenceAnnotation: 'PipelineRunValue',
  });
  assertMetadata(
    item(items, 'test-pipeline-run-task-without-metadata'),
    sorted({ ...fromRun, ...child('test-pipeline-run', uid, 'task-without-metadata') }),
    { TestPrecedenceAnnotation: 'PipelineRunValue' },
  );
  // taskRunSpecs' metadata first, then the run's, then the embedded taskSpec's; no
  // tekton.dev/task for an embedded spec.
  assertMetadata(
    item(items, 'test-pipeline-run-task-with-metadata'),
    sorted({
      ...fromRun,
      ...child('test-pipeline-run', uid, 'task-with-metadata'),
      PipelineTaskRunSpecLabel: 'PipelineTaskRunSpecValue',
      TestPrecedenceLabel: 'PipelineTaskRunSpecValue',
      label1: 'labelvalue1',
      label2: 'labelvalue2',
    }),
    {
      PipelineTaskRunSpecAnnotation: 'PipelineTaskRunSpecValue',
      TestPrecedenceAnnotation: 'PipelineTaskRunSpecValue',
      annotation1: 'value1',
      annotation2: 'value2',
    },
  );
});

test('labels: TestReconcile_FilterLabels: chains.tekton.dev annotations are dropped', () => {
  const items = run('test-annotations');
  const uid = item(items, 'test-annotations').metadata.uid as string;
  const annotations = { foo: 'bar', 'tekton.dev/foo': 'bar' };
  assertMetadata(
    item(items, 'test-annotations'),
    { 'tekton.dev/pipeline': 'test-annotations' },
    annotations,
  );
  assertMetadata(
    item(items, 'test-annotations-hello'),
    sorted({
      'tekton.dev/pipeline': 'test-annotations',
      ...child('test-annotations', uid, 'hello'),
    }),
    annotations,
  );
});

/** TestPropagatePipelineNameLabelToPipelineRun_AnonymousPipeline, and what older releases print. */
const ANONYMOUS: [string, Record<string, string>][] = [
  // generateName is cut to end alphanumeric (RestrictLength).
  ['my-pipeline-abcde', { 'v1.15': 'my-pipeline', 'v1.12': 'my-pipeline-abcde' }],
  // Nothing alphanumeric in it: the run's name.
  ['my-valid-plr', { 'v1.15': 'my-valid-plr', 'v1.12': 'my-valid-plr' }],
  // A label the run sets is kept, as its generateName keeps storePipelineSpecAndMergeMeta
  // from naming it; v1.12 and v0.40 set the run's name.
  ['my-pipelinerun', { 'v1.15': 'already-set', 'v1.12': 'my-pipelinerun' }],
  // A referenced Pipeline names it, generateName or not.
  ['my-pipelinerun-abcde', { 'v1.15': 'test-pipeline', 'v1.12': 'test-pipeline' }],
];

for (const [name, expected] of ANONYMOUS) {
  test(`labels: TestPropagatePipelineNameLabelToPipelineRun_AnonymousPipeline: ${name}`, () => {
    for (const [profile, label] of [...Object.entries(expected), ['v0.40', expected['v1.12']]]) {
      const items = run(name, profile);
      assert.is(items[0].metadata.labels?.['tekton.dev/pipeline'], label, `${name} ${profile}`);
      // Its TaskRuns take the run's label.
      assert.is(items[1].metadata.labels?.['tekton.dev/pipeline'], label, `${name} ${profile}`);
    }
  });
}

test("labels: an onError the run's params make continue marks the TaskRun (createTaskRun after ApplyParameters)", () => {
  const items = run('on-error-param');
  assertMetadata(
    item(items, 'on-error-param-ignored'),
    sorted({
      'tekton.dev/pipeline': 'on-error-param',
      ...child('on-error-param', item(items, 'on-error-param').metadata.uid as string, 'ignored'),
    }),
    { 'pipeline.tekton.dev/pipeline-task-on-error': 'continue' },
  );
});

test('labels: until its first reconcile writes it, a TaskRun has no Task labels and the run’s tekton.dev/task', async () => {
  // The client's token bucket holds the finally TaskRun's first reconcile: kubectl shows it
  // as createTaskRun made it; once written, storeTaskSpecAndMergeMeta has named its Task.
  const at = async (time: string) => {
    const result = await runCli(
      'run',
      CASE_PATH,
      '--pipelinerun',
      'propagation',
      '--cluster',
      SLOW_CLUSTER,
      '--at',
      time,
      '-o',
      'json',
    );
    assert.is(result.code, 0, result.stderr);
    return item(itemsOf(result.stdout), 'propagation-f');
  };
  const before = await at('3s');
  assert.is(before.status, undefined);
  assertMetadata(
    before,
    sorted({ ...PROPAGATED_RUN.labels, ...child('propagation', PROPAGATION_UID, 'f', 'finally') }),
    {
      'io.annotation.1': 'value1',
      'pipeline-annotation': 'pipeline-value',
      'run-annotation': 'run-value',
    },
  );
  const after = await at('4s');
  assert.ok(after.status);
  assert.is(after.metadata.labels?.['tekton.dev/task'], 'hello-world');
});

test('labels: while its first reconcile waits to write, the PipelineRun shows only its own', async () => {
  const result = await runCli(
    'run',
    CASE_PATH,
    '--pipelinerun',
    'propagation',
    '--cluster',
    SLOW_CLUSTER,
    '--at',
    '1s',
    '-o',
    'yaml',
  );
  assert.is(result.code, 0, result.stderr);
  // As kubectl prints them: sorted by key, the run's chains annotation dropped at creation.
  // Its TaskRun, made by that reconcile, already has what the reconcile merged: the
  // Pipeline's labels and tekton.dev/pipeline.
  assert.ok(
    result.stdout.includes(
      [
        '    labels:',
        '      lbl1: value1',
        '      run-label: run-value',
        '      shared: run',
        '      tekton.dev/task: from-run',
        '    annotations:',
        '      io.annotation.1: value1',
        '      run-annotation: run-value',
        '  spec:',
      ].join('\n'),
    ),
    result.stdout.slice(0, 600),
  );
  assert.ok(
    result.stdout.includes(
      [
        '    labels:',
        '      app.kubernetes.io/managed-by: tekton-pipelines',
        '      lbl1: value1',
        '      lbl2: another value',
        '      lbl3: value3',
        '      pipeline-label: pipeline-value',
        '      run-label: run-value',
        '      shared: run',
        '      tekton.dev/memberOf: tasks',
        '      tekton.dev/pipeline: labelled-pipeline',
        '      tekton.dev/pipelineRun: propagation',
        `      tekton.dev/pipelineRunUID: ${PROPAGATION_UID}`,
        '      tekton.dev/pipelineTask: t1',
        '      tekton.dev/task: labelled-task',
      ].join('\n'),
    ),
  );
});

test.run();
