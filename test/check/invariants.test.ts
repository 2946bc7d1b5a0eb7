import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LivenessError } from '../../src/engine/simulation.js';
import type { TraceEvent } from '../../src/model/trace.js';
import { dagOrder } from '../../src/check/invariants/dag-order.js';
import { BUG_10512, deadlines } from '../../src/check/invariants/deadlines.js';
import {
  determinismSample,
  determinismViolation,
  traceHash,
} from '../../src/check/invariants/determinism.js';
import { finallyAfterDag } from '../../src/check/invariants/finally-after-dag.js';
import { finallyRuns } from '../../src/check/invariants/finally-runs.js';
import { INVARIANTS, INVARIANT_NAMES, checkRun } from '../../src/check/invariants/index.js';
import { livenessViolation } from '../../src/check/invariants/liveness.js';
import { oneTerminalState } from '../../src/check/invariants/one-terminal-state.js';
import { retries } from '../../src/check/invariants/retries.js';
import type { Invariant, RunObservation } from '../../src/check/invariants/types.js';
import { byTime, fakePlan, fakeRun, taskRunEvents } from './fake-plan.js';

const violations = (invariant: Invariant, run: RunObservation) =>
  invariant.check?.(run).violations ?? [];
const started: TraceEvent = { atMs: 0, kind: 'run-started' };
const completed = (atMs: number, status = 'True', reason = 'Succeeded'): TraceEvent => ({
  atMs,
  kind: 'run-completed',
  status,
  reason,
});

// a -> b, finally f: a clean run, every invariant holds.
const plan = fakePlan([
  { name: 'a' },
  { name: 'b', parents: ['a'] },
  { name: 'f', isFinally: true },
]);
const cleanTrace = [
  started,
  ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000 }]),
  ...taskRunEvents(1, 1, 'demo-b', 1000, [{ durationMs: 2000 }]),
  { atMs: 3000, kind: 'finally-started' } as TraceEvent,
  ...taskRunEvents(2, 2, 'demo-f', 3000, [{ durationMs: 500 }]),
  completed(3500),
];
const cleanCondition = {
  status: 'True',
  reason: 'Succeeded',
  message: 'Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0',
};

test('check: invariants: a clean run holds every invariant', () => {
  assert.equal(checkRun(fakeRun(plan, cleanTrace, cleanCondition)), {
    violations: [],
    findings: [],
  });
});

test('check: invariants: names are unique and each has a one-line description', () => {
  assert.is(new Set(INVARIANT_NAMES).size, INVARIANTS.length);
  for (const name of [
    'finally-runs',
    'finally-after-dag',
    'dag-order',
    'deadlines',
    'retries',
    'one-terminal-state',
    'liveness',
    'determinism',
  ]) {
    assert.ok(INVARIANT_NAMES.includes(name), name);
  }
  for (const invariant of INVARIANTS) assert.not.match(invariant.description, /\n/);
});

test('check: finally-after-dag: a finally task started while a DAG task runs is caught', () => {
  const trace = byTime([
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000 }]),
    ...taskRunEvents(1, 1, 'demo-b', 1000, [{ durationMs: 2000 }]),
    { atMs: 1000, kind: 'finally-started' },
    ...taskRunEvents(2, 2, 'demo-f', 1000, [{ durationMs: 500 }]),
    completed(3000),
  ]);
  const found = violations(finallyAfterDag, fakeRun(plan, trace, cleanCondition));
  assert.is(found.length, 1);
  assert.match(found[0], /finally task f started at 1000ms while DAG task\(s\) b were not done/);
});

test('check: dag-order: a child started before its parent was done is caught', () => {
  const trace = byTime([
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000 }]),
    ...taskRunEvents(1, 1, 'demo-b', 500, [{ durationMs: 2000 }]),
    { atMs: 2500, kind: 'finally-started' },
    ...taskRunEvents(2, 2, 'demo-f', 2500, [{ durationMs: 500 }]),
    completed(3000),
  ]);
  assert.match(
    violations(dagOrder, fakeRun(plan, trace, cleanCondition))[0],
    /task b started at 500ms before its parent a was done/,
  );
});

test('check: dag-order: a DAG task started after the run began stopping is caught', () => {
  const parallel = fakePlan([{ name: 'a' }, { name: 'b' }]);
  const trace = byTime([
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000, reason: 'StepFailed' }]),
    ...taskRunEvents(1, 1, 'demo-b', 2000, [{ durationMs: 100 }]),
    completed(2100, 'False', 'Failed'),
  ]);
  assert.match(
    violations(dagOrder, fakeRun(parallel, trace))[0],
    /DAG task b started at 2000ms after the run began stopping \(task a failed\)/,
  );
});

test('check: finally-runs: finally skipped after a DAG failure is caught; after a hard cancel it is excused', () => {
  const failed = byTime([
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000, reason: 'StepFailed' }]),
    { atMs: 1000, kind: 'task-skipped', task: 1, reason: 'PipelineRun was stopping' },
    { atMs: 1000, kind: 'task-skipped', task: 2, reason: 'PipelineRun was stopping' },
    completed(1000, 'False', 'Failed'),
  ]);
  assert.match(
    violations(finallyRuns, fakeRun(plan, failed))[0],
    /finally task f skipped: PipelineRun was stopping/,
  );
  const neverRan = failed.filter((event) => !(event.kind === 'task-skipped' && event.task === 2));
  assert.match(violations(finallyRuns, fakeRun(plan, neverRan))[0], /finally task f never ran/);
  const hardCancel = byTime([
    started,
    { atMs: 500, kind: 'spec-status', status: 'Cancelled' },
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000, reason: 'TaskRunCancelled' }]),
    completed(500, 'False', 'Cancelled'),
  ]);
  assert.equal(violations(finallyRuns, fakeRun(plan, hardCancel)), []);
});

test('check: retries: too many attempts, and a retry after a cancel, are caught', () => {
  const single = fakePlan([{ name: 'a', retries: 1 }]);
  const tooMany = [
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [
      { durationMs: 10, reason: 'StepFailed' },
      { durationMs: 10, reason: 'StepFailed' },
      { durationMs: 10 },
    ]),
    completed(30),
  ];
  assert.match(
    violations(retries, fakeRun(single, tooMany))[0],
    /TaskRun demo-a started attempt 3 of at most 2/,
  );
  const events = taskRunEvents(0, 0, 'demo-a', 0, [
    { durationMs: 10, reason: 'TaskRunCancelled' },
    { durationMs: 10 },
  ]);
  events.splice(1, 0, {
    atMs: 5,
    kind: 'cancel-requested',
    task: 0,
    taskRun: 0,
    forTimeout: false,
  });
  const found = violations(retries, fakeRun(single, byTime([started, ...events, completed(20)])));
  assert.ok(
    found.some((message) => /attempt 2 at 10ms after it was cancelled/.test(message)),
    found.join('\n'),
  );
  assert.ok(
    found.some((message) => /attempt 1 was cancelled at 10ms and retried/.test(message)),
    found.join('\n'),
  );
});

test('check: deadlines: an attempt past its timeout and a TaskRun past the pipeline deadline are caught', () => {
  const single = fakePlan([{ name: 'a' }], { pipelineMs: 1000 });
  const trace = [
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 2000, timeoutMs: 1500 }]),
    completed(2000),
  ];
  const found = violations(deadlines, fakeRun(single, trace));
  assert.match(found.join('\n'), /attempt 1 ran 2000ms, past its timeout of 1500ms/);
  assert.match(
    found.join('\n'),
    /TaskRun #0 of task a ended at 2000ms, past the pipeline deadline at 1000ms/,
  );
  assert.match(
    found.join('\n'),
    /PipelineRun completed at 2000ms, past the pipeline deadline at 1000ms/,
  );
  // The time a cancel takes to take effect is allowed.
  const untimed = [
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 2000 }]),
    completed(2000),
  ];
  const withLatency = {
    ...fakeRun(fakePlan([{ name: 'a' }], { pipelineMs: 1900 }), untimed),
    cancelLatencyMs: 100,
  };
  assert.equal(violations(deadlines, withLatency), []);
});

test('check: deadlines: DAG past the tasks deadline and finally past the finally deadline are caught', () => {
  const timed = fakePlan(
    [{ name: 'a' }, { name: 'b', parents: ['a'] }, { name: 'f', isFinally: true }],
    { tasksMs: 2000, finallyMs: 100 },
  );
  const found = violations(deadlines, fakeRun(timed, cleanTrace, cleanCondition)).join('\n');
  assert.match(
    found,
    /DAG TaskRun #1 of task b ended at 3000ms, past the tasks deadline at 2000ms/,
  );
  assert.match(
    found,
    /finally TaskRun #2 of task f ended at 3500ms, past the finally deadline at 3100ms/,
  );
});

test('check: deadlines: bug #10512 is a known-bug finding on v1.15, not a violation', () => {
  const timed = fakePlan([{ name: 'a' }, { name: 'f', isFinally: true }], {
    pipelineMs: 10_000,
    tasksMs: 2000,
  });
  const trace = byTime([
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 1000 }]),
    { atMs: 1000, kind: 'finally-started' },
    ...taskRunEvents(1, 1, 'demo-f', 1000, [{ durationMs: 1500 }]),
    { atMs: 2000, kind: 'deadline', scope: 'tasks' },
    completed(2500, 'False', 'PipelineRunTimeout'),
  ]);
  const output = deadlines.check?.(
    fakeRun(timed, trace, { status: 'False', reason: 'PipelineRunTimeout', message: '' }),
  );
  assert.equal(output?.violations, []);
  assert.is(output?.findings?.length, 1);
  assert.is(output?.findings?.[0].bug, BUG_10512);
  const fixed = fakePlan(
    [{ name: 'a' }, { name: 'f', isFinally: true }],
    { pipelineMs: 10_000, tasksMs: 2000 },
    'v1.15-fix10512',
  );
  assert.equal(deadlines.check?.(fakeRun(fixed, trace)).findings, []);
});

test('check: one-terminal-state: a task in two states, and counts that disagree with the condition, are caught', () => {
  const twice = [
    ...cleanTrace.slice(0, -1),
    { atMs: 3500, kind: 'task-skipped', task: 1, reason: 'PipelineRun was stopping' } as TraceEvent,
    completed(3500),
  ];
  assert.match(
    violations(oneTerminalState, fakeRun(plan, twice, cleanCondition))[0],
    /task b ended in 2 states/,
  );
  const wrongCount = {
    status: 'True',
    reason: 'Succeeded',
    message: 'Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 1',
  };
  const found = violations(oneTerminalState, fakeRun(plan, cleanTrace, wrongCount)).join('\n');
  assert.match(found, /condition message says completed 2 but the tasks show 3/);
  assert.match(found, /condition message says skipped 1 but the tasks show 0/);
  const failedButTrue = [
    started,
    ...taskRunEvents(0, 0, 'demo-a', 0, [{ durationMs: 10, reason: 'StepFailed' }]),
    completed(10),
  ];
  assert.match(
    violations(oneTerminalState, fakeRun(fakePlan([{ name: 'a' }]), failedButTrue))[0],
    /run ended True\/Succeeded with failed 1/,
  );
});

test('check: liveness: a LivenessError is a violation, other errors are not', () => {
  assert.match(
    livenessViolation(new LivenessError('demo', 7, 100)) ?? '',
    /did not complete within 100 events/,
  );
  assert.is(livenessViolation(new Error('boom')), undefined);
});

test('check: determinism: different traces for one seed are caught; the sample is spread and paranoid takes all', () => {
  const first = traceHash(cleanTrace);
  assert.is(traceHash(cleanTrace), first);
  const changed = traceHash([...cleanTrace.slice(0, -1), completed(3501)]);
  assert.match(determinismViolation(first, changed) ?? '', /trace hashes/);
  assert.is(determinismViolation(first, first), undefined);
  assert.equal([...determinismSample(1, 100, false, 4)], [1, 26, 51, 76]);
  assert.is(determinismSample(1, 100, true).size, 100);
});

test.run();
