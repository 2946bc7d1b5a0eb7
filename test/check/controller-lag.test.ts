// A saturated controller enforces a deadline late, and the invariants allow exactly that lag:
// Tekton requeues a run for its deadline through the same work queue as every other key
// (ReconcileKind's NewRequeueAfter, knative's handleErr AddAfter), and a reconcile's TaskRun
// creates and cancels wait for the client's rate limiter one after another. A deadline that
// passes while a reconcile's own creates wait is acted on at that reconcile's end, where
// `reconcile` reads the clock again (HasTimedOut after runNextSchedulableTask, then
// GetPipelineConditionStatus). Pinned on exact runs, then on a run's trace with faults
// planted in it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRun } from '../../src/check/invariants/index.js';
import { runAloneOnCluster } from './one-run-fleet.js';
import type { TraceEvent } from '../../src/model/trace.js';

const task = (name: string, seconds: number, after?: string) => `      - name: ${name}
${after ? `        runAfter: [${after}]\n` : ''}        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep ${seconds}`;

/**
 * slow and quick start together; x, y and z follow quick. One worker and one API call a
 * second: the reconcile at 5 s (quick done) creates x, y and z at 7, 9 and 12 s, sharing the
 * bucket with their pods' calls.
 */
function late(timeouts: string, withFinally = false) {
  const yaml = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: late
spec:
  timeouts: ${timeouts}
  pipelineSpec:
    tasks:
${[task('slow', 100), task('quick', 1), task('x', 100, 'quick'), task('y', 100, 'quick'), task('z', 100, 'quick')].join('\n')}
${withFinally ? `    finally:\n${task('report', 1)}\n` : ''}`;
  return runAloneOnCluster(yaml, { workers: 1, reconcileMs: 0, qps: 1, burst: 1 });
}

const pipelineLate = () => late('{pipeline: 9s}');

function messages(timeouts: string, trace: TraceEvent[]): string[] {
  const { plan, run } = late(timeouts);
  const result = { state: run.state, trace, eventCount: 0, endTimeMs: 0, fileWarnings: [] };
  return checkRun({ plan, result }).violations.map(
    (violation) => `${violation.invariant}: ${violation.message}`,
  );
}

const shown = (trace: TraceEvent[]) =>
  trace
    .filter((event) => event.kind !== 'condition' && event.kind !== 'attempt-started')
    .map((event) => `${event.atMs} ${event.kind}${'task' in event ? ` ${event.task}` : ''}`);

const at = (kind: TraceEvent['kind'], atMs: number) => (event: TraceEvent) =>
  event.kind === kind && event.atMs === atMs;

test('controller lag: a pipeline deadline passing during a reconcile’s creates ends the run at its end', () => {
  const { plan, run } = pipelineLate();
  // The deadline (9 s) passes while the reconcile of 5 s waits to create y and z. Right after
  // z's create (12 s) Tekton reads the clock again: it cancels what the run's status listed
  // when the reconcile began (slow; the cancel goes out at 15 s, after z's pod calls) and the
  // run ends PipelineRunTimeout at 12 s, 3 s after the deadline, not at the next reconcile
  // (17 s). x, y and z, created by that reconcile, are in no list it read: they run on.
  assert.equal(shown(run.trace), [
    '0 reconcile',
    '0 run-started',
    '0 taskrun-created 0',
    '2000 taskrun-created 1',
    '5000 attempt-ended 1',
    '5000 taskrun-completed 1',
    '5000 reconcile',
    '7000 taskrun-created 2',
    '9000 deadline',
    '9000 taskrun-created 3',
    '12000 taskrun-created 4',
    '12000 run-completed',
    '15000 cancel-requested 0',
    '15000 attempt-ended 0',
    '15000 taskrun-completed 0',
    '17000 reconcile',
    '108000 attempt-ended 2',
    '108000 taskrun-completed 2',
    '108000 reconcile',
    '111000 attempt-ended 3',
    '111000 taskrun-completed 3',
    '111000 reconcile',
    '114000 attempt-ended 4',
    '114000 taskrun-completed 4',
    '114000 reconcile',
  ]);
  const { condition } = run.state;
  assert.equal(
    [condition.status, condition.reason, condition.message],
    ['False', 'PipelineRunTimeout', 'PipelineRun "late" failed to finish within "9s"'],
  );
  assert.is(run.state.completionTimeMs, 12000);
  const [slow, , x] = run.state.taskRuns;
  assert.equal(
    [slow.reason, slow.cancelStatusMessage],
    ['TaskRunCancelled', 'TaskRun cancelled as the PipelineRun it belongs to has timed out.'],
  );
  assert.equal([x.reason, x.cancelStatusMessage], ['Succeeded', undefined]);
  assert.is(run.deadlineLagMs, 3000);
  assert.equal(messages('{pipeline: 9s}', run.trace), []);
  assert.is(plan.tasks.length, 5);
});

test('controller lag: a tasks deadline passing during a reconcile’s creates ends the run without a cancel', () => {
  const { run } = late('{pipeline: 1h, tasks: 9s}');
  // GetPipelineConditionStatus ends a run without finally at its tasks deadline; the cancels
  // of that deadline come before the creates, so none goes out, and a done run is never
  // reconciled again: every TaskRun runs on.
  const events = shown(run.trace);
  assert.ok(events.includes('12000 run-completed'));
  assert.not.ok(events.some((event) => event.includes('cancel-requested')));
  const { condition } = run.state;
  assert.equal(
    [condition.reason, condition.message],
    ['PipelineRunTimeout', 'PipelineRun "late" failed due to tasks failed to finish within "9s"'],
  );
  assert.is(run.deadlineLagMs, 3000);
  assert.equal(messages('{pipeline: 1h, tasks: 9s}', run.trace), []);
});

test('controller lag: a tasks deadline passing during a reconcile’s creates with finally to run only changes the condition', () => {
  const { run } = late('{pipeline: 1h, tasks: 9s}', true);
  // GetPipelineConditionStatus keeps the run going for its finally task: the reconcile's end
  // writes the condition, and the DAG's cancels wait for the next reconcile (15 s).
  const conditions = run.trace.filter((event) => event.kind === 'condition');
  assert.equal(
    conditions.filter((event) => event.atMs === 12000).map((event) => [event.status, event.reason]),
    [['Unknown', 'PipelineRunTimeoutRunningFinally']],
  );
  const firstCancel = run.trace.find((event) => event.kind === 'cancel-requested');
  assert.is(firstCancel?.atMs, 17000);
  assert.ok(shown(run.trace).includes('15000 reconcile'));
  assert.is(run.deadlineLagMs, 6000);
});

test('controller lag: a run ended at the next reconcile instead of the end of the one that saw the deadline is caught', () => {
  const { run } = pipelineLate();
  // Planted: the reconcile's end did not read the clock; the next reconcile (17 s) ended it.
  const trace: TraceEvent[] = run.trace.filter(
    (event) => event.kind !== 'run-completed' && event.kind !== 'condition',
  );
  const next = trace.findIndex(at('reconcile', 17000));
  trace.splice(next + 1, 0, {
    atMs: 17000,
    kind: 'run-completed',
    status: 'False',
    reason: 'PipelineRunTimeout',
  });
  // slow's cancel, made by that next reconcile, goes out after it.
  const [cancel] = trace.splice(trace.findIndex(at('cancel-requested', 15000)), 1);
  trace.splice(trace.findIndex(at('reconcile', 17000)) + 2, 0, { ...cancel, atMs: 17000 });
  assert.match(
    messages('{pipeline: 9s}', trace).join('\n'),
    /^deadlines: PipelineRun completed at 17000ms, past the pipeline deadline at 9000ms \(enforced at 12000ms by the end of the reconcile at 5000ms\)$/m,
  );
});

test('controller lag: a reconcile that saw the deadline and did not enforce it is still caught', () => {
  const { run } = pipelineLate();
  const trace = [...run.trace];
  // Planted: a reconcile at 10 s, after the deadline, that neither completed nor cancelled.
  trace.splice(trace.findIndex(at('deadline', 9000)) + 1, 0, { atMs: 10000, kind: 'reconcile' });
  const found = messages('{pipeline: 9s}', trace).join('\n');
  assert.match(
    found,
    /deadlines: PipelineRun completed at 12000ms, past the pipeline deadline at 9000ms \(enforced by the reconcile at 10000ms\)/,
  );
  // And y and z, created after that reconcile, were decided after the deadline.
  assert.match(
    found,
    /dag-order: DAG task z started at 12000ms \(decided at 10000ms\) after the run began stopping \(pipeline deadline\)/,
  );
});

test('controller lag: without the deadline passing on time there is no lag to allow', () => {
  const { run } = pipelineLate();
  // Planted: the deadline's timer never fired (no requeue at the deadline).
  const trace = run.trace.filter((event) => event.kind !== 'deadline');
  const found = messages('{pipeline: 9s}', trace).join('\n');
  assert.match(found, /PipelineRun completed at 12000ms, past the pipeline deadline at 9000ms$/m);
});

test('controller lag: a TaskRun listed when the reconcile began and left running is caught', () => {
  const { run } = pipelineLate();
  // Planted: slow's cancel never went out (it ended at 15 s all the same). Only the TaskRuns
  // the reconcile itself created may run on.
  const trace = run.trace.filter((event) => !at('cancel-requested', 15000)(event));
  assert.equal(messages('{pipeline: 9s}', trace), [
    'deadlines: TaskRun #0 of task slow ended at 15000ms, past the pipeline deadline at 9000ms (enforced at 12000ms by the end of the reconcile at 5000ms)',
  ]);
});

test('controller lag: a TaskRun cancelled by a later reconcile than the enforcing one is caught', () => {
  const { run } = pipelineLate();
  const trace = [...run.trace];
  // Planted: another reconcile before slow's cancel: that cancel was not the enforcing one's.
  trace.splice(trace.findIndex(at('cancel-requested', 15000)), 0, {
    atMs: 14000,
    kind: 'reconcile',
  });
  assert.equal(messages('{pipeline: 9s}', trace), [
    'deadlines: TaskRun #0 of task slow ended at 15000ms, past the pipeline deadline at 9000ms (enforced at 12000ms by the end of the reconcile at 5000ms)',
  ]);
});

test('controller lag: a TaskRun that ends on its own before the enforcing reconcile’s cancel call is allowed', () => {
  // The reconcile of 5 s's end asks to cancel slow; planted: slow ended on its own at 14 s,
  // before that cancel call went out at 15 s (the call is still traced after it).
  const { run } = pipelineLate();
  const trace = run.trace.map((event) =>
    (event.kind === 'attempt-ended' || event.kind === 'taskrun-completed') && event.taskRun === 0
      ? { ...event, atMs: 14000 }
      : event,
  );
  const cancel = trace.findIndex(at('cancel-requested', 15000));
  const [request] = trace.splice(cancel, 1);
  trace.splice(trace.findIndex(at('reconcile', 17000)), 0, request);
  assert.equal(messages('{pipeline: 9s}', trace), []);
});

test.run();
