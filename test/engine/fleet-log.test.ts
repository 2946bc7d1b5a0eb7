// The cluster log's per-run entries: each run's admission and completion land on its own
// entry whatever order the runs arrive in, and finding the entry costs no search (a search
// per admission and per completion made a fleet of many runs quadratic).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { slotNodes } from '../../src/cluster/nodes.js';
import type { RunAdmission } from '../../src/cluster/log.js';
import { Fleet } from '../../src/engine/fleet.js';
import type { FleetOptions, FleetRunInput } from '../../src/engine/fleet-types.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { scriptBehaviour } from '../../src/taskrun/behaviour.js';
import { loadText } from '../../src/tekton/load.js';

const YAML = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: one-task
spec:
  pipelineSpec:
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: run
              image: alpine
              script: sleep 30
`;

const OPTIONS: FleetOptions = {
  cluster: {
    controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 },
    nodes: slotNodes(1),
  },
  admission: { maxConcurrent: 1 },
};

function inputs(arrivalsMs: readonly number[]): FleetRunInput[] {
  const { plan } = preparePipelineRun(loadText(YAML, 'fleet-log.yaml'));
  return arrivalsMs.map((arrivalAtMs) => ({
    plan,
    arrivalAtMs,
    admissionKey: '',
    behaviour: scriptBehaviour,
    podRequests: [{ pods: 1 }],
  }));
}

test('fleet log: runs arriving in reverse order each get their own admission and completion', () => {
  // Run 0 arrives last, so the log's entries go 2, 1, 0.
  const fleet = new Fleet(inputs([20_000, 10_000, 0]), OPTIONS);
  const { log } = fleet.run();
  assert.equal(
    log.runs.map((entry) => [
      entry.run,
      entry.arrivedAtMs,
      entry.admittedAtMs,
      entry.completedAtMs,
    ]),
    [
      [2, 0, 0, 30_000],
      [1, 10_000, 30_000, 60_000],
      [0, 20_000, 60_000, 90_000],
    ],
  );
});

test('fleet log: a run entry is read a bounded number of times per run, not once per earlier run', () => {
  const runs = 300;
  const fleet = new Fleet(
    inputs(Array.from({ length: runs }, (_, index) => index * 1000)),
    OPTIONS,
  );
  let entryReads = 0;
  // Counts every read of an entry by index, which a linear search makes once per earlier run.
  fleet.log.runs = new Proxy<RunAdmission[]>([], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) entryReads++;
      return Reflect.get(target, key, receiver);
    },
  });
  const { log } = fleet.run();
  assert.is(log.runs.length, runs);
  assert.ok(log.runs.every((entry) => entry.completedAtMs !== undefined));
  // Admission and completion read an entry once each; a search read about runs^2 of them.
  assert.ok(entryReads <= 3 * runs, `${entryReads} entry reads for ${runs} runs`);
});

test.run();
