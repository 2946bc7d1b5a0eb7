// `tekton-sim run --at DURATION`: the PipelineRun and its TaskRuns as `kubectl get -o json`
// shows them at a virtual time, mid-flight. The TaskRuns' states are Tekton v1.15.0's:
// pkg/pod/status.go updateIncompleteTaskRunStatus (ExceededNodeResources while the pod is
// unschedulable, Running once it runs), pkg/reconciler/taskrun/taskrun.go ReconcileKind
// (startTime set before the pod is created, nothing written while the pod create waits),
// and knative's SetCondition (lastTransitionTime moves only when the condition changes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const H06 = path.join(here, '..', 'conformance', 'cases', 'H06-waiting-for-a-slot.yaml');
const WAITING = 'TaskRun Pod exceeded available resources';
const RUNNING = 'Not all Steps in the Task have finished executing';

interface Condition {
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

interface Item {
  kind: string;
  metadata: { name: string };
  spec: { params?: { name: string; value: string }[]; status?: string; statusMessage?: string };
  status?: {
    conditions: Condition[];
    podName?: string;
    startTime?: string;
    completionTime?: string;
    steps?: Record<string, unknown>[];
    childReferences?: { name: string }[];
  };
}

const at = (seconds: number) => `2000-01-01T00:00:${String(seconds).padStart(2, '0')}Z`;

async function items(...args: string[]): Promise<Record<string, Item>> {
  const run = await runCli('run', ...args, '-o', 'json');
  assert.is(run.code, 0, run.stderr);
  const list = JSON.parse(run.stdout) as { items: Item[] };
  return Object.fromEntries(list.items.map((item) => [item.metadata.name, item]));
}

function condition(item: Item): string[] {
  const [c] = item.status?.conditions ?? [];
  return [c.status, c.reason, c.message, c.lastTransitionTime];
}

test('run --at: before the slot frees, a TaskRun waiting for it is ExceededNodeResources', async () => {
  const shown = await items(H06, '--slots', '1', '--at', '5s');
  const waits = shown['slot-waits'];
  assert.equal(condition(waits), ['Unknown', 'ExceededNodeResources', WAITING, at(0)]);
  assert.is(waits.status?.startTime, at(0));
  assert.is(waits.status?.podName, 'slot-waits-pod');
  assert.is(waits.status?.completionTime, undefined);
  assert.is(waits.status?.steps, undefined, 'an unscheduled pod has no container statuses');
  const first = shown['slot-first'];
  assert.equal(condition(first), ['Unknown', 'Running', RUNNING, at(0)]);
  // Its first step ended at 2s, before the instant shown; the second runs since the pod began.
  assert.equal(first.status?.steps, [
    {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        startedAt: at(0),
        finishedAt: at(2),
      },
      name: 'fetch',
      container: 'step-fetch',
      terminationReason: 'Completed',
    },
    { running: { startedAt: at(0) }, name: 'build', container: 'step-build' },
  ]);
  const run = shown.slot;
  assert.equal(condition(run), [
    'Unknown',
    'Running',
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 3, Skipped: 0',
    at(4),
  ]);
  assert.equal(
    run.status?.childReferences?.map((child) => child.name),
    ['slot-first', 'slot-waits', 'slot-gives-up'],
  );
  assert.is(run.status?.completionTime, undefined);
});

test('run --at: once the slot frees, the waiting TaskRun is Running from then, startTime unchanged', async () => {
  const shown = await items(H06, '--slots', '1', '--at', '12s');
  const waits = shown['slot-waits'];
  assert.equal(condition(waits), ['Unknown', 'Running', RUNNING, at(10)]);
  assert.is(waits.status?.startTime, at(0));
  assert.equal(waits.status?.steps, [
    { running: { startedAt: at(10) }, name: 'run', container: 'step-run' },
  ]);
  assert.equal(condition(shown['slot-first']).slice(1, 2), ['Succeeded']);
  assert.is(shown['slot-report'], undefined, 'finally is not created yet');
});

test('run --at: a TaskRun timed out while waiting ends with its pod named and no steps', async () => {
  const shown = await items(H06, '--slots', '1', '--at', '5s');
  const givesUp = shown['slot-gives-up'];
  assert.equal(condition(givesUp), [
    'False',
    'TaskRunTimeout',
    `TaskRun "slot-gives-up" failed to finish within "4s"\nPrevious status: [ExceededNodeResources] ${WAITING}`,
    at(4),
  ]);
  assert.is(givesUp.status?.startTime, at(0));
  assert.is(givesUp.status?.completionTime, at(4));
  assert.is(givesUp.status?.podName, 'slot-gives-up-pod');
  assert.is(givesUp.status?.steps, undefined);
  // The finally task reads its reason and status as Tekton's aggregates give them.
  const final = await items(H06, '--slots', '1');
  assert.equal(final['slot-report'].spec.params, [
    { name: 'reason', value: 'TaskRunTimeout' },
    { name: 'status', value: 'Failed' },
  ]);
});

test('run --at: a TaskRun cancelled while waiting is TaskRunCancelled, its pod named, no steps', async () => {
  const shown = await items(H06, '--slots', '1', '--cancel', 'Cancelled@2s');
  const waits = shown['slot-waits'];
  assert.equal(condition(waits), [
    'False',
    'TaskRunCancelled',
    `TaskRun "slot-waits" was cancelled. TaskRun cancelled as the PipelineRun it belongs to has been cancelled.\nPrevious status: [ExceededNodeResources] ${WAITING}`,
    at(2),
  ]);
  assert.is(waits.spec.status, 'TaskRunCancelled');
  assert.is(waits.status?.startTime, at(0));
  assert.is(waits.status?.completionTime, at(2));
  assert.is(waits.status?.podName, 'slot-waits-pod');
  assert.is(waits.status?.steps, undefined);
  // The same at 1s: still waiting.
  const before = await items(H06, '--slots', '1', '--cancel', 'Cancelled@2s', '--at', '1s');
  assert.equal(condition(before['slot-waits']).slice(0, 2), ['Unknown', 'ExceededNodeResources']);
});

test('run --at: after the end, and for the same seed, the output is byte-identical', async () => {
  const full = await runCli('run', H06, '--slots', '1', '-o', 'yaml');
  const after = await runCli('run', H06, '--slots', '1', '-o', 'yaml', '--at', '1h');
  assert.is(after.code, 0, after.stderr);
  assert.is(after.stdout, full.stdout);
  const once = await runCli('run', H06, '--slots', '1', '-o', 'yaml', '--at', '11s', '--seed', '7');
  const again = await runCli(
    'run',
    H06,
    '--slots',
    '1',
    '-o',
    'yaml',
    '--at',
    '11s',
    '--seed',
    '7',
  );
  assert.is(again.stdout, once.stdout);
  assert.ok(once.stdout.includes('reason: Running'));
});

test('run --at: without a cluster, steps ended by then are terminated', async () => {
  const shown = await items(H06, '--at', '3s');
  const steps = shown['slot-first'].status?.steps ?? [];
  assert.equal(
    steps.map((step) => Object.keys(step)[0]),
    ['terminated', 'running'],
  );
  assert.equal(condition(shown['slot-waits']), ['Unknown', 'Running', RUNNING, at(0)]);
});

test('run --at: while the rate limiter holds their writes, TaskRun and PipelineRun have no status', async () => {
  // The first reconcile of each waits in the client's token bucket (a create, then the
  // status written at the reconcile's end), so kubectl shows them as created, status-less.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-run-at-'));
  const cluster = path.join(scratch, 'slow.yaml');
  fs.writeFileSync(cluster, 'slots: 4\ncontroller: {kubeApiQPS: 0.5, kubeApiBurst: 1}\n');
  const shown = await items(H06, '--cluster', cluster, '--at', '2s');
  assert.is(shown.slot.status, undefined);
  assert.is(shown['slot-waits'].status, undefined);
  assert.equal(condition(shown['slot-first']).slice(0, 2), ['Unknown', 'Running']);
  const later = await items(H06, '--cluster', cluster, '--at', '3s');
  // Written when its pod was created at 3s, with the startTime set as the TaskRun was created.
  assert.equal(condition(later['slot-waits']), ['Unknown', 'Running', RUNNING, at(3)]);
  assert.is(later['slot-waits'].status?.startTime, at(2));
  const table = await runCli('run', H06, '--cluster', cluster, '--at', '2s');
  assert.match(table.stdout, /Status: +---\n/);
  assert.match(table.stdout, /slot-waits +waits +--- +--- +---\n/);
  assert.not.match(table.stdout, /Succeeded:/);
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('run --at: a retry whose pod waits for the rate limiter still shows ToBeRetried, no startTime', async () => {
  // taskrun.go retryTaskRun clears startTime and podName; the next reconcile sets startTime
  // again but is blocked creating the pod, so nothing of the new attempt is written yet.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-run-at-'));
  const cluster = path.join(scratch, 'slower.yaml');
  fs.writeFileSync(cluster, 'slots: 4\ncontroller: {kubeApiQPS: 0.1, kubeApiBurst: 1}\n');
  const pipelineRun = path.join(scratch, 'retry.yaml');
  fs.writeFileSync(
    pipelineRun,
    [
      'apiVersion: tekton.dev/v1',
      'kind: PipelineRun',
      'metadata: {name: again}',
      'spec:',
      '  pipelineSpec:',
      '    tasks:',
      '      - name: flaky',
      '        retries: 1',
      '        taskSpec:',
      '          steps: [{name: run, image: alpine, script: "sleep 1; exit 1"}]',
      '',
    ].join('\n'),
  );
  const waiting = (await items(pipelineRun, '--cluster', cluster, '--at', '5s'))['again-flaky'];
  assert.equal(condition(waiting).slice(1, 2), ['ToBeRetried']);
  assert.is(condition(waiting)[3], at(1));
  assert.is(waiting.status?.startTime, undefined);
  assert.is(waiting.status?.podName, '');
  const running = (await items(pipelineRun, '--cluster', cluster, '--at', '15s'))['again-flaky'];
  assert.equal(condition(running), ['Unknown', 'Running', RUNNING, at(15)]);
  assert.is(running.status?.startTime, at(1));
  assert.is(running.status?.podName, 'again-flaky-pod-retry1');
  fs.rmSync(scratch, { recursive: true, force: true });
});

test('run --at: a value that is no Go duration, or out of range, is refused with exit 2', async () => {
  for (const bad of ['-1s', '5', '1d', '8761h']) {
    const run = await runCli('run', H06, '--at', bad);
    assert.is(run.code, 2, bad);
    assert.is(
      run.stderr,
      `error: --at: "${bad}" should be a Go duration from 0s to 8760h0m0s (365 days), the virtual time since the PipelineRun was created (e.g. 30s, 5m, 1h30m)\n`,
    );
    assert.is(run.stdout, '');
  }
  const edge = await runCli('run', H06, '--at', '8760h');
  assert.is(edge.code, 0, edge.stderr);
});

test.run();
