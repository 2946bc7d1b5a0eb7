// A saturated controller enforces a deadline late, and the invariants allow exactly that lag:
// Tekton requeues a run for its deadline through the same work queue as every other key
// (ReconcileKind's NewRequeueAfter, knative's handleErr AddAfter), and a reconcile's TaskRun
// creates and cancels wait for the client's rate limiter one after another. Pinned on one
// exact run, then on that run's trace with faults planted in it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRun } from '../../src/check/invariants/index.js';
import { simulateFleet } from '../../src/engine/fleet.js';
import type { TraceEvent } from '../../src/model/trace.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { scriptBehaviour } from '../../src/taskrun/behaviour.js';
import { loadText } from '../../src/tekton/load.js';

const FAN_OUT = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: fan
spec:
  timeouts: {pipeline: 3s}
  pipelineSpec:
    tasks:
${['a', 'b', 'c']
  .map(
    (name) => `      - name: ${name}
        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep 100`,
  )
  .join('\n')}
`;

/** Three parallel tasks, a 3 s pipeline timeout, one worker and one API call a second. */
function fanOut() {
  const { plan } = preparePipelineRun(loadText(FAN_OUT, 'fan.yaml'));
  const fleet = simulateFleet(
    [
      {
        plan,
        arrivalAtMs: 0,
        admissionKey: '',
        behaviour: scriptBehaviour,
        podRequests: plan.tasks.map(() => ({ pods: 1 })),
      },
    ],
    {
      cluster: { controller: { workers: 1, reconcileMs: 0, qps: 1, burst: 1 } },
      trace: true,
    },
  );
  const [run] = fleet.runs;
  return { plan, run, fleet };
}

function messages(plan: ReturnType<typeof fanOut>['plan'], trace: TraceEvent[]): string[] {
  const result = {
    state: fanOut().run.state,
    trace,
    eventCount: 0,
    endTimeMs: 0,
    fileWarnings: [],
  };
  return checkRun({ plan, result }).violations.map(
    (violation) => `${violation.invariant}: ${violation.message}`,
  );
}

const at = (kind: TraceEvent['kind'], atMs: number) => (event: TraceEvent) =>
  event.kind === kind && event.atMs === atMs;

test('controller lag: a deadline passing while the run waits for the controller is enforced by its next reconcile', () => {
  const { run } = fanOut();
  const shown = run.trace
    .filter((event) => event.kind !== 'condition' && event.kind !== 'attempt-started')
    .map((event) => `${event.atMs} ${event.kind}${'task' in event ? ` ${event.task}` : ''}`);
  // The first reconcile (0 ms) decides a, b and c; its worker makes the creates one a second,
  // sharing the bucket with the pods' calls, so c is created at 5 s, after the 3 s deadline.
  // The deadline's requeue finds the key in the worker's hands; the reconcile that takes it
  // next (8 s) enforces it: the run completes then, 5 s late, and its cancels go out one a
  // second after it.
  assert.equal(shown, [
    '0 reconcile',
    '0 run-started',
    '0 taskrun-created 0',
    '2000 taskrun-created 1',
    '3000 deadline',
    '5000 taskrun-created 2',
    '8000 reconcile',
    '8000 run-completed',
    '10000 cancel-requested 0',
    '10000 attempt-ended 0',
    '10000 taskrun-completed 0',
    '11000 cancel-requested 1',
    '11000 attempt-ended 1',
    '11000 taskrun-completed 1',
    '12000 cancel-requested 2',
    '12000 attempt-ended 2',
    '12000 taskrun-completed 2',
    '13000 reconcile',
  ]);
  assert.is(run.deadlineLagMs, 5000);
  assert.equal(messages(fanOut().plan, run.trace), []);
});

test('controller lag: a reconcile that saw the deadline and did not enforce it is still caught', () => {
  const { plan, run } = fanOut();
  const trace = [...run.trace];
  // Planted: a reconcile at 4 s, after the deadline, that neither completed nor cancelled.
  trace.splice(trace.findIndex(at('deadline', 3000)) + 1, 0, { atMs: 4000, kind: 'reconcile' });
  const found = messages(plan, trace).join('\n');
  assert.match(
    found,
    /deadlines: PipelineRun completed at 8000ms, past the pipeline deadline at 3000ms \(enforced by the reconcile at 4000ms\)/,
  );
  assert.match(
    found,
    /deadlines: TaskRun #0 of task a ended at 10000ms, past the pipeline deadline/,
  );
  // And c, created after that reconcile, was decided after the deadline.
  assert.match(
    found,
    /dag-order: DAG task c started at 5000ms \(decided at 4000ms\) after the run began stopping \(pipeline deadline\)/,
  );
});

test('controller lag: without the deadline passing on time there is no lag to allow', () => {
  const { plan, run } = fanOut();
  // Planted: the deadline's timer never fired (no requeue at the deadline).
  const trace = run.trace.filter((event) => event.kind !== 'deadline');
  const found = messages(plan, trace).join('\n');
  assert.match(found, /PipelineRun completed at 8000ms, past the pipeline deadline at 3000ms$/m);
});

test('controller lag: a TaskRun cancelled by a later reconcile than the enforcing one is caught', () => {
  const { plan, run } = fanOut();
  const trace = [...run.trace];
  // Planted: another reconcile before c's cancel: that cancel was not the enforcing reconcile's.
  trace.splice(trace.findIndex(at('cancel-requested', 12000)), 0, {
    atMs: 11500,
    kind: 'reconcile',
  });
  assert.equal(messages(plan, trace), [
    'deadlines: TaskRun #2 of task c ended at 12000ms, past the pipeline deadline at 3000ms (enforced by the reconcile at 8000ms)',
  ]);
});

test.run();
