// Every number a Scenario gives is bounded before any seed runs: one problem per field, at the
// field's own line and column, naming the field path and the limit and echoing the value.
// Before these bounds, `nodes: [{count: 100000000}]` and `arrivals: {count: 100000000}` hung
// while building the seed, and `kubeApiQPS: 1e-300` or `sigma: 1e308` ran with nonsense.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type Diagnostic, InputError } from '../../src/tekton/diagnostics.js';
import { loadScenarios } from '../../src/workload/index.js';
import { MAX_DURATION_MS } from '../../src/workload/limits.js';
import { sampleDurationMs } from '../../src/workload/distribution.js';
import type { RandomStream } from '../../src/workload/rng.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-bounds-'));

const RUN = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: build
spec:
  pipelineSpec:
    tasks:
      - name: compile
        taskSpec:
          steps:
            - name: go
              image: golang
              script: sleep 30
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: bounds
spec:
  seeds: 3
`;

let count = 0;
/** The one error a Scenario with `line` added to its spec gives; the line is the file's last. */
function onlyError(line: string): Diagnostic & { lastLine: number } {
  const text = `${RUN}  ${line}\n`;
  const file = path.join(directory, `bounds-${++count}.yaml`);
  fs.writeFileSync(file, text);
  try {
    loadScenarios([file]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    assert.is(error.diagnostics.length, 1, error.message);
    return { ...error.diagnostics[0], lastLine: text.split('\n').length - 1 };
  }
  throw new Error(`${line}: no error`);
}

const CASES: [line: string, fieldPath: string, message: string][] = [
  [
    'tasks: {compile: {duration: 9000h}}',
    'spec.tasks.compile.duration',
    'duration "9000h" is longer than the longest a Scenario takes, 8760h0m0s (365 days)',
  ],
  [
    'tasks: {compile: {duration: {lognormal: {median: 1s, sigma: 1e308}}}}',
    'spec.tasks.compile.duration.lognormal.sigma',
    'lognormal sigma 1e+308 is out of range: it must be from 0 to 10',
  ],
  [
    'tasks: {compile: {duration: {mixture: [{weight: 1e308, constant: 1s}, {weight: 1, constant: 2s}]}}}',
    'spec.tasks.compile.duration.mixture[0].weight',
    'weight 1e+308 is out of range: it must be from 0 to 1,000,000',
  ],
  [
    'cancel: {probability: 0.1, at: {exponential: {mean: 9000h}}}',
    'spec.cancel.at.exponential.mean',
    'duration "9000h" is longer than the longest a Scenario takes',
  ],
  ['defaultTimeout: 10000h', 'spec.defaultTimeout', 'duration "10000h" is longer'],
  [
    'cluster: {slots: 1000000000000}',
    'spec.cluster.slots',
    'slots 1000000000000 is out of range: it must be from 1 to 100,000',
  ],
  [
    'cluster: {nodes: [{name: a, count: 5000}, {name: b, count: 100000000}]}',
    'spec.cluster.nodes[1].count',
    '100,005,000 nodes over the pools up to this one; a cluster has at most 10,000',
  ],
  [
    'cluster: {nodes: [{name: a, pods: 1000000000}]}',
    'spec.cluster.nodes[0].pods',
    'pods 1000000000 is out of range: it must be from 1 to 10,000',
  ],
  [
    'cluster: {slots: 4, quota: {pods: 10000000000}}',
    'spec.cluster.quota.pods',
    'quota pods 10000000000 is out of range: it must be from 1 to 1,000,000',
  ],
  [
    'cluster: {slots: 4, controller: {threadsPerController: 1000000000}}',
    'spec.cluster.controller.threadsPerController',
    'threadsPerController 1000000000 is out of range: it must be from 1 to 1,000',
  ],
  [
    'cluster: {slots: 4, controller: {kubeApiQPS: 1e-300}}',
    'spec.cluster.controller.kubeApiQPS',
    'kubeApiQPS 1e-300 is out of range: it must be from 0.01 to 1,000,000, 0 for the default, or "unlimited"',
  ],
  [
    'cluster: {slots: 4, controller: {kubeApiBurst: 1000000000000000}}',
    'spec.cluster.controller.kubeApiBurst',
    'kubeApiBurst 1000000000000000 is out of range: it must be from 0 to 1,000,000',
  ],
  [
    'cluster: {slots: 4, controller: {reconcile: 1000000h}}',
    'spec.cluster.controller.reconcile',
    'duration "1000000h" is longer',
  ],
  [
    'cluster: {slots: 4, podStartup: {uniform: {min: 1s, max: 9000h}}}',
    'spec.cluster.podStartup.uniform.max',
    'duration "9000h" is longer',
  ],
  [
    'arrivals: {count: 100000000, interval: 1s}',
    'spec.arrivals.count',
    'count 100000000 is out of range: it must be from 1 to 100,000',
  ],
  [
    'arrivals: {count: 10, poisson: {perMinute: 1e-300}}',
    'spec.arrivals.poisson.perMinute',
    'arrival rate perMinute 1e-300 is out of range: it must be from 0.0001 to 1,000,000',
  ],
  [
    'arrivals: {count: 10, poisson: {perMinute: 0}}',
    'spec.arrivals.poisson.perMinute',
    'arrival rate perMinute 0 is out of range',
  ],
  [
    'arrivals: {count: 10, interval: 9000h}',
    'spec.arrivals.interval',
    'duration "9000h" is longer',
  ],
  [
    'arrivals: {count: 10, interval: 1m, mix: [{pipelineRun: build, weight: 1e100}]}',
    'spec.arrivals.mix[0].weight',
    'weight 1e+100 is out of range: it must be from 0 to 1,000,000',
  ],
  [
    'admission: {maxConcurrent: 1000000000000}',
    'spec.admission.maxConcurrent',
    'maxConcurrent 1000000000000 is out of range: it must be from 1 to 100,000',
  ],
];

for (const [line, fieldPath, message] of CASES) {
  test(`workload: bounds: ${line} is refused at its own line`, () => {
    const error = onlyError(line);
    assert.is(error.fieldPath, fieldPath);
    assert.ok(error.message.startsWith(message), error.message);
    assert.is(error.location?.line, error.lastLine);
    assert.not.match(error.message, /NaN/);
  });
}

test('workload: bounds: the largest values of each bound are accepted', () => {
  const file = path.join(directory, 'largest.yaml');
  fs.writeFileSync(
    file,
    `${RUN}  tasks: {compile: {duration: {lognormal: {median: 8760h, sigma: 10}}}}
  cluster: {slots: 100000, controller: {threadsPerController: 1000, kubeApiQPS: 0.01, kubeApiBurst: 1000000}}
  arrivals: {count: 3, poisson: {perMinute: 1000000}}
  admission: {maxConcurrent: 100000}
`,
  );
  assert.is(loadScenarios([file]).length, 1);
});

test('workload: bounds: a drawn duration is capped at the longest a Scenario takes', () => {
  // At a 1 h median, a lognormal with sigma 10 draws past a year about one time in five.
  const stream: RandomStream = { next: () => 0.999999 };
  const lognormal = { kind: 'lognormal' as const, mu: Math.log(3_600_000), sigma: 10 };
  const drawn = sampleDurationMs(lognormal, stream, MAX_DURATION_MS);
  assert.is(drawn, MAX_DURATION_MS);
});

test.after(() => fs.rmSync(directory, { recursive: true, force: true }));

test.run();
