// `tekton-sim run FILE --slots N | --cluster CLUSTER.yaml`: one PipelineRun on a cluster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-run-cluster-'));

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

const TWO = write(
  'two.yaml',
  `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: two
spec:
  pipelineSpec:
    tasks:
      - name: a
        taskSpec:
          steps: [{name: run, image: alpine, script: sleep 10}]
      - name: b
        taskSpec:
          steps: [{name: run, image: alpine, script: sleep 10}]
`,
);

test('cli: run --slots 1: the second pod waits for the first, so the run takes 20 s', async () => {
  const run = await runCli('run', TWO, '--slots', '1', '-o', 'json');
  assert.is(run.code, 0, run.stderr);
  const list = JSON.parse(run.stdout) as {
    items: { kind: string; status: { completionTime: string } }[];
  };
  const pipelineRun = list.items.find((item) => item.kind === 'PipelineRun')!;
  assert.is(pipelineRun.status.completionTime, '2000-01-01T00:00:20Z');
  const alone = await runCli('run', TWO, '-o', 'json');
  const aloneRun = (JSON.parse(alone.stdout) as typeof list).items.find(
    (item) => item.kind === 'PipelineRun',
  )!;
  assert.is(aloneRun.status.completionTime, '2000-01-01T00:00:10Z');
});

test('cli: run --slots 0 and a cluster file with zero slots are input errors, exit 2', async () => {
  const zero = await runCli('run', TWO, '--slots', '0');
  assert.is(zero.code, 2);
  assert.match(zero.stderr, '--slots: "0" should be a whole number from 1 to 100,000');
  const file = write('zero.yaml', 'slots: 0\n');
  const bad = await runCli('run', TWO, '--cluster', file);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, `${file}:1:1: error: slots must be a whole number of 1 or more`);
  assert.not.match(bad.stderr, /\n\s+at /, 'no stack trace');
});

test('cli: run --cluster: a pod too big for every node is reported before simulating', async () => {
  const file = write(
    'small.yaml',
    'podRequests: {cpu: 500m}\nnodes:\n  - {name: small, cpu: 100m}\n',
  );
  const run = await runCli('run', TWO, '--cluster', file);
  assert.is(run.code, 2);
  assert.match(
    run.stderr,
    `${file}:2:1: error: task "a" of PipelineRun "two" requests cpu 500m, more than any node can hold`,
  );
});

test.run();
