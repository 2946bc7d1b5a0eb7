// The sweep manifests under deploy/: the Tekton Pipeline passes our own validation and
// simulates (a matrix fan-out of the shards, merge in finally); the Kubernetes objects pass
// the Kubernetes OpenAPI schema (kubernetes-models) and shard the way report --shard counts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { parseAllDocuments } from 'yaml';
import { runCli as cli } from '../cli/run-cli.js';

const SWEEP = 'deploy/tekton/sweep.yaml';
const INDEXED_JOB = 'deploy/k8s/indexed-job.yaml';

test('deploy: the Tekton sweep passes validate with no error or warning', async () => {
  const { code, stdout, stderr } = await cli('validate', SWEEP);
  assert.is(code, 0, stderr);
  assert.match(stdout, /1 Pipeline, 1 PipelineRun, 0 Tasks: 0 errors, 0 warnings/);
});

test('deploy: tekton-sim run simulates the sweep: one shard TaskRun per matrix entry, then merge', async () => {
  const { code, stdout, stderr } = await cli('run', SWEEP);
  assert.is(code, 0, stderr);
  for (const index of [0, 1, 2, 3])
    assert.match(stdout, new RegExp(`tekton-sim-sweep-run-shard-${index} +shard `));
  assert.match(stdout, /tekton-sim-sweep-run-merge +merge /);
  assert.match(stdout, /Succeeded: True {2}Reason: Succeeded/);
});

test('deploy: the Indexed Job and its merge Job pass the Kubernetes schema and agree on the shard count', () => {
  const documents = parseAllDocuments(fs.readFileSync(INDEXED_JOB, 'utf8')).map((document) =>
    document.toJS(),
  );
  assert.equal(
    documents.map((document) => document.kind),
    ['PersistentVolumeClaim', 'Job', 'Job'],
  );
  new PersistentVolumeClaim(documents[0]).validate();
  const shards = new Job(documents[1]);
  shards.validate();
  new Job(documents[2]).validate();
  assert.is(shards.spec?.completionMode, 'Indexed');
  const container = shards.spec?.template.spec?.containers[0];
  const shardCount = container?.env?.find((variable) => variable.name === 'SHARDS')?.value;
  assert.is(String(shards.spec?.completions), shardCount);
  assert.match(
    container?.args?.[0] ?? '',
    /--shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/\$SHARDS" --out \/sweep\/parts/,
  );
  assert.match(
    documents[2].spec.template.spec.containers[0].args[0],
    /merge \/sweep\/parts\/part-\*\.json --out \/sweep\/report/,
  );
});

test('deploy: the schema check catches a broken Job', () => {
  const documents = parseAllDocuments(fs.readFileSync(INDEXED_JOB, 'utf8')).map((document) =>
    document.toJS(),
  );
  const broken = { ...documents[1], spec: { ...documents[1].spec, completions: 'four' } };
  assert.throws(() => new Job(broken).validate(), /completions must be integer/);
});

test.run();
