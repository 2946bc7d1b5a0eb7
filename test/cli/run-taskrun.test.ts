// `tekton-sim run` and `validate` on TaskRuns in-process: which run is picked (--pipelinerun,
// --taskrun, the only one), the errors that name what would be valid, --cancel's TaskRun
// mode, the table and kubectl output, and Scenarios that name a TaskRun.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-run-taskrun-'));

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

function taskRun(name: string, script: string, extra = ''): string {
  return `apiVersion: tekton.dev/v1
kind: TaskRun
metadata:
  name: ${name}
spec:
${extra}  taskSpec:
    steps:
      - name: step
        image: alpine
        script: ${script}
`;
}

const PIPELINE_RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: pr
spec:
  pipelineSpec:
    tasks:
      - name: only
        taskSpec:
          steps: [{name: step, image: alpine, script: sleep 3}]
`;

test('run: a file whose only run is a TaskRun is simulated; the table is tkn taskrun describe', async () => {
  const file = write('one.yaml', taskRun('solo', 'sleep 5', '  timeout: 1m\n'));
  const result = await runCli('run', file);
  assert.is(result.stderr, '');
  assert.is(result.code, 0);
  assert.is(
    result.stdout,
    [
      'Name:        solo',
      'Namespace:   default',
      'Timeout:     1m0s',
      'Status:      Succeeded',
      'Started:     +0s',
      'Duration:    5s',
      'Finished:    +5s',
      '',
      'Succeeded: True  Reason: Succeeded  Message: All Steps have completed executing',
      '',
    ].join('\n'),
  );
});

test('run: several runs: --taskrun and --pipelinerun pick one; without either, the error names both', async () => {
  const file = write(
    'mixed.yaml',
    [PIPELINE_RUN, taskRun('a', 'sleep 1'), taskRun('b', 'sleep 2')].join('---\n'),
  );
  const none = await runCli('run', file);
  assert.is(none.code, 2);
  assert.is(
    none.stderr,
    `error: 3 runs in ${file}: PipelineRuns pr; TaskRuns a, b; choose one with --pipelinerun NAME or --taskrun NAME\n`,
  );
  const b = await runCli('run', file, '--taskrun', 'b', '-o', 'json');
  assert.is(b.code, 0);
  const list = JSON.parse(b.stdout);
  assert.equal(
    list.items.map(
      (item: { kind: string; metadata: { name: string } }) => `${item.kind}/${item.metadata.name}`,
    ),
    ['TaskRun/b'],
  );
  const pr = await runCli('run', file, '--pipelinerun', 'pr');
  assert.is(pr.code, 0);
  assert.match(pr.stdout, /^Name:\s+pr\n/);
  const missing = await runCli('run', file, '--taskrun', 'c');
  assert.is(missing.code, 2);
  assert.is(missing.stderr, `error: no TaskRun named "c" in ${file}; loaded TaskRuns: a, b\n`);
  const both = await runCli('run', file, '--taskrun', 'a', '--pipelinerun', 'pr');
  assert.is(both.code, 2);
  assert.is(
    both.stderr,
    'error: --pipelinerun and --taskrun both name a run; give one (PipelineRun "pr" or TaskRun "a")\n',
  );
  const wrongKind = await runCli('run', file, '--pipelinerun', 'a');
  assert.is(wrongKind.code, 2);
  assert.is(
    wrongKind.stderr,
    `error: no PipelineRun named "a" in ${file} ("a" is a TaskRun: \`tekton-sim run --taskrun a\` simulates it; Scenarios, check and report take PipelineRuns only); loaded PipelineRuns: pr\n`,
  );
});

test('run: only TaskRuns, several: the error names --taskrun alone', async () => {
  const file = write('two.yaml', [taskRun('a', 'sleep 1'), taskRun('b', 'sleep 2')].join('---\n'));
  const result = await runCli('run', file);
  assert.is(result.code, 2);
  assert.is(
    result.stderr,
    `error: 2 runs in ${file}: TaskRuns a, b; choose one with --taskrun NAME\n`,
  );
});

test('run: --cancel on a TaskRun takes TaskRunCancelled only; --slots is refused', async () => {
  const file = write('cancel.yaml', taskRun('c', 'sleep 60'));
  const cancelled = await runCli('run', file, '--cancel', 'TaskRunCancelled@10s');
  assert.is(cancelled.code, 0);
  assert.match(
    cancelled.stdout,
    'Succeeded: False  Reason: TaskRunCancelled  Message: TaskRun "c" was cancelled. \n',
  );
  assert.match(cancelled.stdout, 'Duration:    10s\n');
  const wrong = await runCli('run', file, '--cancel', 'Cancelled@10s');
  assert.is(wrong.code, 2);
  assert.is(
    wrong.stderr,
    'error: --cancel: "Cancelled@10s" should be TaskRunCancelled@DURATION for a TaskRun (e.g. TaskRunCancelled@1s); a TaskRun\'s spec.status takes no PipelineRun mode\n',
  );
  const slots = await runCli('run', file, '--slots', '2');
  assert.is(slots.code, 2);
  assert.match(
    slots.stderr,
    `--cluster and --slots place a PipelineRun's pods; TaskRun "c" runs on its own, without them`,
  );
});

test('run: an invalid TaskRun is refused with the webhook message at its place', async () => {
  const file = write('bad.yaml', taskRun('bad', 'sleep 1', '  retries: -1\n'));
  const result = await runCli('run', file);
  assert.is(result.code, 2);
  assert.is(result.stderr, `${file}:6:3: error: invalid value: -1 should be >= 0 (spec.retries)\n`);
});

test('validate: a TaskRun file is read, counted and checked', async () => {
  const good = write('good.yaml', taskRun('good', 'sleep 1'));
  const ok = await runCli('validate', good);
  assert.is(ok.code, 0);
  assert.is(
    ok.stdout,
    '1 file, 0 Pipelines, 0 PipelineRuns, 0 Tasks, 1 TaskRun: 0 errors, 0 warnings\n',
  );
  const bad = write('bad-status.yaml', taskRun('bad', 'sleep 1', '  status: Stop\n'));
  const refused = await runCli('validate', bad);
  assert.is(refused.code, 1);
  assert.match(
    refused.stdout,
    `${bad}:6:3: error: invalid value: Stop should be TaskRunCancelled or TaskRunPending (spec.status)\n`,
  );
});

test('check: a Scenario naming a TaskRun says Scenarios take PipelineRuns only', async () => {
  const file = write(
    'scenario.yaml',
    `${taskRun('tr', 'sleep 1')}---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: s}
spec:
  pipelineRun: tr
`,
  );
  const result = await runCli('check', file, '--seeds', '2');
  assert.is(result.code, 2);
  assert.match(
    result.stderr,
    '"tr" is a TaskRun: `tekton-sim run --taskrun tr` simulates it; Scenarios, check and report take PipelineRuns only',
  );
});

test('run: a TaskRun the API server would refuse is named in the error, not "no PipelineRun"', async () => {
  const file = write('huge.yaml', taskRun('huge', 'sleep 1', '  retries: 99999999999999999999\n'));
  const result = await runCli('run', file);
  assert.is(result.code, 2);
  assert.is(
    result.stderr,
    `${file}:6:3: error: expected an integer from -9007199254740991 to 9007199254740991 (2^53 - 1), got the number 100000000000000000000 (spec.retries)\n` +
      `error: no PipelineRun or TaskRun to simulate in ${file}: the TaskRun was not loaded because of the errors above\n`,
  );
});

test('run: a TaskRun retried past the attempts bound is shown as it stood, named as a TaskRun', async () => {
  const file = write('bound.yaml', taskRun('bound', 'exit 1', '  retries: 20000\n'));
  const result = await runCli('run', file, '-o', 'json');
  assert.is(result.code, 0);
  assert.is(
    result.stderr,
    'tekton-sim: liveness: TaskRun "bound" (seed 1) did not complete within 10000 attempts of TaskRun "bound"; shown as it stood then\n',
  );
  const [item] = JSON.parse(result.stdout).items;
  assert.is(item.status.retriesStatus.length, 9999);
});

test('run: a TaskRun managed by another controller is refused: Tekton would not reconcile it', async () => {
  const file = write(
    'managed.yaml',
    taskRun('other', 'sleep 1', '  managedBy: kueue.x-k8s.io/multikueue\n'),
  );
  const result = await runCli('run', file);
  assert.is(result.code, 2);
  assert.is(
    result.stderr,
    `${file}:6:3: error: TaskRun "other" has spec.managedBy "kueue.x-k8s.io/multikueue": Tekton's TaskRun controller reconciles only TaskRuns managed by "tekton.dev/pipeline" or by nobody, so nothing would happen to it; remove spec.managedBy to simulate it (spec.managedBy)\n`,
  );
  const ours = write('ours.yaml', taskRun('ours', 'sleep 1', '  managedBy: tekton.dev/pipeline\n'));
  assert.is((await runCli('run', ours)).code, 0);
});

test('validate and run: a TaskRun whose Task is not among the files: a note, then a task that succeeds at once', async () => {
  const file = write(
    'elsewhere.yaml',
    'apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata: {name: elsewhere}\nspec:\n  taskRef: {name: not-here}\n',
  );
  const validated = await runCli('validate', file);
  assert.is(validated.code, 0);
  assert.is(
    validated.stdout,
    `${file}:5:13: note: TaskRun "elsewhere": Task "not-here" not among the loaded files; the simulator cannot see its steps or results (spec.taskRef.name)\n` +
      '1 file, 0 Pipelines, 0 PipelineRuns, 0 Tasks, 1 TaskRun: 0 errors, 0 warnings\n',
  );
  const run = await runCli('run', file);
  assert.is(run.code, 0);
  assert.match(run.stdout, 'Task Ref:    not-here\n');
  assert.match(
    run.stderr,
    'warning: task "elsewhere": Task "not-here" not among the loaded files; simulated as a task that succeeds at once\n',
  );
});

test('run: --at shows a TaskRun mid-flight; default-timeout-minutes is its default timeout', async () => {
  const file = write('mid.yaml', taskRun('mid', 'sleep 120'));
  const mid = await runCli('run', file, '--at', '30s', '-o', 'json');
  assert.is(mid.code, 0);
  const [running] = JSON.parse(mid.stdout).items;
  assert.equal(running.status.conditions[0], {
    type: 'Succeeded',
    status: 'Unknown',
    lastTransitionTime: '2000-01-01T00:00:00Z',
    reason: 'Running',
    message: 'Not all Steps in the Task have finished executing',
  });
  const configMap = write(
    'defaults.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-defaults}\ndata: {default-timeout-minutes: "1"}\n',
  );
  const timedOut = await runCli('run', file, '--configmap', configMap, '-o', 'json');
  const [item] = JSON.parse(timedOut.stdout).items;
  assert.is(item.spec.timeout, '1m0s');
  assert.is(item.status.conditions[0].message, 'TaskRun "mid" failed to finish within "1m0s"');
});

test.run();
