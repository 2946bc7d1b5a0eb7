// The cluster's rules, each pinned by a small exact run (issue: "Done when").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkApiRate } from '../../src/check/invariants/cluster-rules.js';
import { slotNodes } from '../../src/cluster/nodes.js';
import type { ClusterSettings } from '../../src/cluster/settings.js';
import { simulateFleet } from '../../src/engine/fleet.js';
import { LivenessError } from '../../src/engine/simulation.js';
import type { FleetOptions, FleetRunInput } from '../../src/engine/fleet-types.js';
import { buildRunView } from '../../src/scheduler/view.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { scriptBehaviour } from '../../src/taskrun/behaviour.js';
import { loadText } from '../../src/tekton/load.js';

const UNLIMITED: ClusterSettings['controller'] = {
  workers: 2,
  reconcileMs: 0,
  qps: Number.POSITIVE_INFINITY,
  burst: 1,
};

/** A PipelineRun of parallel tasks, each `sleep N`, with optional TaskRun timeout. */
function pipelineRun(
  name: string,
  tasks: { name: string; sleepS: number; timeout?: string; runAfter?: string }[],
  extra = '',
): string {
  const body = tasks
    .map(
      (
        task,
      ) => `      - name: ${task.name}${task.timeout ? `\n        timeout: ${task.timeout}` : ''}${task.runAfter ? `\n        runAfter: [${task.runAfter}]` : ''}
        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep ${task.sleepS}`,
    )
    .join('\n');
  return `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: ${name}
spec:
${extra}  pipelineSpec:
    tasks:
${body}
`;
}

function input(yaml: string, arrivalAtMs = 0, podRequests = { pods: 1 }): FleetRunInput {
  const { plan } = preparePipelineRun(loadText(yaml, 'fleet.yaml'));
  return {
    plan,
    arrivalAtMs,
    admissionKey: '',
    behaviour: scriptBehaviour,
    podRequests: plan.tasks.map(() => podRequests),
  };
}

function options(
  cluster: Partial<ClusterSettings>,
  extra: Partial<FleetOptions> = {},
): FleetOptions {
  return { cluster: { controller: UNLIMITED, ...cluster }, trace: true, ...extra };
}

test('fleet: slots 1: two parallel 10 s tasks end at 10 s and 20 s, the second pod waiting 10 s', () => {
  const result = simulateFleet(
    [
      input(
        pipelineRun('two', [
          { name: 'a', sleepS: 10 },
          { name: 'b', sleepS: 10 },
        ]),
      ),
    ],
    options({ nodes: slotNodes(1) }),
  );
  const view = buildRunView(result.runs[0].state);
  assert.equal(
    view.taskRuns.map((taskRun) => [taskRun.pipelineTaskName, taskRun.completionTimeMs]),
    [
      ['a', 10_000],
      ['b', 20_000],
    ],
  );
  const waits = result.taskRuns.map((timing) => (timing.placedAtMs ?? -1) - timing.createdAtMs);
  assert.equal(waits, [0, 10_000]);
  assert.equal(
    result.taskRuns.map((timing) => timing.throttledByNodeMs),
    [0, 10_000],
  );
  assert.is(view.pipelineRun.condition.reason, 'Succeeded');
  assert.is(view.pipelineRun.completionTimeMs, 20_000);
});

test('fleet: a 30 s TaskRun timeout runs while its pod waits, and fails TaskRunTimeout at 30 s', () => {
  const result = simulateFleet(
    [
      input(
        pipelineRun('starved', [
          { name: 'hog', sleepS: 60 },
          { name: 'waiter', sleepS: 10, timeout: '30s' },
        ]),
      ),
    ],
    options({ nodes: slotNodes(1) }),
  );
  const view = buildRunView(result.runs[0].state);
  const waiter = view.taskRuns.find((taskRun) => taskRun.pipelineTaskName === 'waiter')!;
  assert.is(waiter.condition.reason, 'TaskRunTimeout');
  assert.is(waiter.completionTimeMs, 30_000);
  assert.is(waiter.startTimeMs, 0);
  // v1.13+ appendPreviousConditionContext keeps why it waited (fidelity audit H01).
  assert.is(
    waiter.condition.message,
    'TaskRun "starved-waiter" failed to finish within "30s"\nPrevious status: [ExceededNodeResources] TaskRun Pod exceeded available resources',
  );
  assert.is(result.taskRuns[1].placedAtMs, undefined, 'never placed');
  assert.is(view.pipelineRun.completionTimeMs, 60_000);
});

test('fleet: the quota refuses a pod; creation is retried exactly one minute later with startTime cleared', () => {
  const fleet = simulateFleet(
    [
      input(
        pipelineRun('quota', [
          { name: 'a', sleepS: 90 },
          { name: 'b', sleepS: 10 },
        ]),
      ),
    ],
    options({ quota: { pods: 1 } }),
  );
  const view = buildRunView(fleet.runs[0].state);
  const b = view.taskRuns.find((taskRun) => taskRun.pipelineTaskName === 'b')!;
  // Refused at 0 s and at 60 s (a still runs), created at 120 s, done at 130 s.
  assert.is(b.startTimeMs, 120_000);
  assert.is(b.completionTimeMs, 130_000);
  assert.is(fleet.taskRuns[1].throttledByQuotaMs, 120_000);
  assert.is(fleet.taskRuns[1].placedAtMs, 120_000);
});

test('fleet: while refused by the quota the TaskRun is Unknown/ExceededResourceQuota with no startTime', () => {
  const inputs = [
    input(
      pipelineRun('quota', [
        { name: 'a', sleepS: 90 },
        { name: 'b', sleepS: 10 },
      ]),
    ),
  ];
  const fleet = simulateFleet(inputs, { ...options({ quota: { pods: 1 } }), stopAtMs: 59_999 });
  const b = buildRunView(fleet.runs[0].state).taskRuns[1];
  assert.is(b.condition.status, 'Unknown');
  assert.is(b.condition.reason, 'ExceededResourceQuota');
  assert.is(
    b.condition.message,
    'TaskRun Pod exceeded available resources: pods "quota-b-pod" is forbidden: exceeded quota: compute-resources, requested: pods=1, used: pods=1, limited: pods=1',
  );
  assert.is(b.startTimeMs, undefined);
});

test('fleet: while waiting for a node the TaskRun is Unknown/ExceededNodeResources', () => {
  const inputs = [
    input(
      pipelineRun('two', [
        { name: 'a', sleepS: 10 },
        { name: 'b', sleepS: 10 },
      ]),
    ),
  ];
  const fleet = simulateFleet(inputs, { ...options({ nodes: slotNodes(1) }), stopAtMs: 5_000 });
  const b = buildRunView(fleet.runs[0].state).taskRuns[1];
  assert.equal(
    [b.condition.status, b.condition.reason, b.condition.message, b.startTimeMs],
    ['Unknown', 'ExceededNodeResources', 'TaskRun Pod exceeded available resources', 0],
  );
});

test('fleet: the token bucket spaces 30 TaskRun creations of one fan-out by QPS and burst', () => {
  const tasks = Array.from({ length: 30 }, (_, index) => ({ name: `t${index}`, sleepS: 1 }));
  const fleet = simulateFleet(
    [input(pipelineRun('fan', tasks))],
    options({ controller: { workers: 2, reconcileMs: 0, qps: 10, burst: 20 } }),
  );
  const created = fleet.taskRuns.map((timing) => timing.createdAtMs);
  // Every TaskRun costs three calls through the one client: the PipelineRun reconciler's
  // create, the TaskRun reconciler's pod create and its Running status update. The burst of
  // 20 covers the first 7 TaskRuns at once; after it, calls go out one every 1/QPS = 100 ms,
  // so a TaskRun is created every 300 ms and the 30th 6.7 s after the run started.
  assert.equal(created.slice(0, 7), Array(7).fill(0));
  for (let index = 9; index < created.length; index++)
    assert.is(created[index] - created[index - 1], 300, `${created}`);
  assert.is(created[29], 6700);
  assert.equal(checkApiRate(fleet.log.apiCallsMs, 10, 20), []);
  assert.ok(fleet.log.apiCallsMs.length > 30 * 3, 'and each reconcile writes the status');
});

test('fleet: maxConcurrent 1 runs two PipelineRuns one after the other; the second is Pending, its timeouts start at admission', () => {
  const first = input(pipelineRun('first', [{ name: 'a', sleepS: 40 }]));
  const second = input(
    pipelineRun('second', [{ name: 'a', sleepS: 40 }], '  timeouts:\n    pipeline: 50s\n'),
    10_000,
  );
  const snapshot = simulateFleet([first, second], {
    ...options({}),
    admission: { maxConcurrent: 1 },
    stopAtMs: 20_000,
  });
  const pending = buildRunView(snapshot.runs[1].state).pipelineRun;
  assert.equal(
    [pending.condition.status, pending.condition.reason, pending.startTimeMs],
    ['Unknown', 'PipelineRunPending', undefined],
  );
  const fleet = simulateFleet([first, second], { ...options({}), admission: { maxConcurrent: 1 } });
  assert.equal(
    fleet.runs.map((run) => [run.arrivalAtMs, run.admittedAtMs, run.completedAtMs]),
    [
      [0, 0, 40_000],
      [10_000, 40_000, 80_000],
    ],
  );
  // Its 50 s pipeline timeout counts from admission at 40 s: the 40 s task fits, no timeout.
  const view = buildRunView(fleet.runs[1].state).pipelineRun;
  assert.is(view.startTimeMs, 40_000);
  assert.is(view.condition.reason, 'Succeeded');
});

test('fleet: five runs of one 30 s task arriving every 10 s on one slot wait 0, 20, 40, 60, 80 s', () => {
  const inputs = [0, 1, 2, 3, 4].map((index) =>
    input(pipelineRun(`run-${index}`, [{ name: 'build', sleepS: 30 }]), index * 10_000),
  );
  const fleet = simulateFleet(inputs, options({ nodes: slotNodes(1) }));
  assert.equal(
    fleet.taskRuns.map((timing) => (timing.placedAtMs ?? -1) - timing.createdAtMs),
    [0, 20_000, 40_000, 60_000, 80_000],
  );
  assert.equal(
    fleet.runs.map((run) => run.completedAtMs),
    [30_000, 60_000, 90_000, 120_000, 150_000],
  );
});

test('fleet: the same five runs behind admission wait in the queue instead, and no clock runs', () => {
  const inputs = [0, 1, 2, 3, 4].map((index) =>
    input(pipelineRun(`run-${index}`, [{ name: 'build', sleepS: 30 }]), index * 10_000),
  );
  const fleet = simulateFleet(inputs, {
    ...options({ nodes: slotNodes(1) }),
    admission: { maxConcurrent: 1 },
  });
  assert.equal(
    fleet.runs.map((run) => (run.admittedAtMs ?? -1) - run.arrivalAtMs),
    [0, 20_000, 40_000, 60_000, 80_000],
  );
  assert.equal(
    fleet.taskRuns.map((timing) => (timing.placedAtMs ?? -1) - timing.createdAtMs),
    [0, 0, 0, 0, 0],
  );
});

test('fleet: same inputs, same result, event for event', () => {
  const make = () =>
    [0, 1, 2].map((index) =>
      input(
        pipelineRun(`r-${index}`, [
          { name: 'a', sleepS: 7 },
          { name: 'b', sleepS: 3 },
        ]),
        index * 1000,
      ),
    );
  const once = simulateFleet(make(), options({ nodes: slotNodes(2), quota: { pods: 3 } }));
  const again = simulateFleet(make(), options({ nodes: slotNodes(2), quota: { pods: 3 } }));
  assert.equal(JSON.stringify(once.taskRuns), JSON.stringify(again.taskRuns));
  assert.equal(once.log, again.log);
});

test.run();

test('fleet: a seed stops at its TaskRun bound as at the event bound, naming the first unfinished run and the bound', () => {
  // Three runs of two 10 s tasks, all arriving at 0, and a bound of 5 TaskRuns: the sixth
  // create stops the seed. Every record and trace is kept until the seed ends, so this bound
  // (MAX_TASKRUNS_PER_FLEET_SEED by default) is what caps a seed's memory.
  const two = pipelineRun('two', [
    { name: 'a', sleepS: 10 },
    { name: 'b', sleepS: 10 },
  ]);
  const run = () =>
    simulateFleet([input(two), input(two), input(two)], options({}, { maxTaskRuns: 5, seed: 7 }));
  let stopped: unknown;
  try {
    run();
  } catch (error) {
    stopped = error;
  }
  assert.instance(stopped, LivenessError);
  const error = stopped as LivenessError;
  assert.is(error.bound, '5 TaskRuns in one seed');
  assert.is(
    error.message,
    'liveness: PipelineRun "two" (seed 7) did not complete within 5 TaskRuns in one seed',
  );
  assert.is(error.partial?.state.done, false);
  // Under the bound the same seed completes.
  const done = simulateFleet(
    [input(two), input(two), input(two)],
    options({}, { maxTaskRuns: 6, seed: 7 }),
  );
  assert.is(done.taskRuns.length, 6);
  assert.ok(done.runs.every((each) => each.state.done));
});
