// The first reconcile's clock read: Tekton's ReconcileKind calls InitializeConditions, which
// sets status.startTime from the clock, before the reconcile does its work (resolving the
// pipeline, deciding, creating). With a reconcile cost (`controller.reconcile`), startTime and
// every deadline counted from it (pipeline, tasks) start when the worker took the run's key,
// not when its decisions are made. Pinned on the cluster engine and on the kernel.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRun } from '../../src/check/invariants/index.js';
import { runAloneOnCluster } from './one-run-fleet.js';

const RECONCILE_MS = 2000;

function runWithReconcileCost(timeouts: string) {
  const yaml = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: costly
spec:
  timeouts: ${timeouts}
  pipelineSpec:
    tasks:
      - name: work
        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep 100
`;
  return runAloneOnCluster(yaml, {
    workers: 1,
    reconcileMs: RECONCILE_MS,
    qps: Number.POSITIVE_INFINITY,
    burst: 1,
  });
}

test('reconcile cost: startTime is when the first reconcile began, and the pipeline deadline counts from it', () => {
  const { plan, run } = runWithReconcileCost('{pipeline: 10s}');
  const { state, trace } = run;
  // The worker took the key at 0 s and decided at 2 s: the TaskRun is created then.
  assert.is(state.startTimeMs, 0);
  const created = trace.find((event) => event.kind === 'taskrun-created');
  assert.is(created?.atMs, RECONCILE_MS);
  // The deadline passes at 0 s + 10 s (it was 12 s when startTime was the decision time); the
  // reconcile it queues begins at 10 s and decides, cancels and ends the run at 12 s.
  const deadline = trace.find((event) => event.kind === 'deadline');
  assert.equal(deadline, { atMs: 10_000, kind: 'deadline', scope: 'pipeline' });
  assert.is(state.completionTimeMs, 12_000);
  assert.is(state.condition.reason, 'PipelineRunTimeout');
  // The trace stays in time order: the start is recorded with the decision, carrying startTime.
  const started = trace.find((event) => event.kind === 'run-started');
  assert.equal(started, { atMs: RECONCILE_MS, kind: 'run-started', startTimeMs: 0 });
  const result = { state, trace, eventCount: 0, endTimeMs: 0, fileWarnings: [] };
  assert.equal(checkRun({ plan, result }).violations, []);
});

test('reconcile cost: the tasks deadline counts from the same startTime', () => {
  const { run } = runWithReconcileCost('{pipeline: 1h, tasks: 10s}');
  const deadline = run.trace.find((event) => event.kind === 'deadline');
  assert.equal(deadline, { atMs: 10_000, kind: 'deadline', scope: 'tasks' });
  assert.is(run.state.condition.reason, 'PipelineRunTimeout');
  assert.is(run.state.completionTimeMs, 12_000);
});

test.run();
