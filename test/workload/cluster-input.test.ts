import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadScenarios } from '../../src/workload/index.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-input-'));

const RUNS = `apiVersion: tekton.dev/v1
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
              computeResources:
                requests: {cpu: "2", memory: 4Gi}
              script: sleep 30
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: nightly
spec:
  pipelineSpec:
    tasks:
      - name: scan
        taskSpec:
          steps:
            - name: scan
              image: alpine
              script: sleep 60
---
`;

let count = 0;
function write(text: string, name = `scenario-${++count}.yaml`): string {
  const file = path.join(directory, name);
  fs.writeFileSync(file, text);
  return file;
}

function scenario(spec: string): string {
  return `${RUNS}apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: fleet
spec:
  pipelineRun: build
${spec}`;
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

/** The one `file:line:col: error: message (path)` line loading `text` gives. */
function inputError(text: string): { file: string; message: string } {
  const file = write(text);
  try {
    loadScenarios([file]);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    assert.is(error.diagnostics.length, 1, error.message);
    return { file, message: error.message };
  }
  throw new Error('expected an InputError');
}

test('cluster input: a well-formed fleet compiles with Tekton defaults filled in', () => {
  const [compiled] = loadScenarios([
    write(
      scenario(`  cluster:
    nodes:
      - {name: pool-a, count: 3, cpu: "4", memory: 16Gi}
    podRequests: {cpu: 500m, memory: 1Gi}
    quota: {pods: 20, cpu: "16", memory: 64Gi}
    controller: {threadsPerController: 4, kubeApiQPS: 5, kubeApiBurst: 10, reconcile: 5ms}
  arrivals:
    count: 10
    poisson: {perMinute: 10}
    mix: [{pipelineRun: build, weight: 3}, {pipelineRun: nightly, weight: 1}]
  admission: {maxConcurrent: 5, per: pipeline, order: fifo}
`),
    ),
  ]);
  const fleet = compiled.fleet!;
  assert.is(fleet.cluster!.nodes!.length, 3);
  assert.equal(fleet.cluster!.nodes![2], {
    name: 'pool-a-2',
    allocatable: { pods: 110, cpu: 4000, memory: 16 * 1024 ** 3 },
  });
  assert.equal(fleet.cluster!.controller, { workers: 4, reconcileMs: 5, qps: 10, burst: 20 });
  assert.equal(fleet.cluster!.quota, { pods: 20, cpu: 16_000, memory: 64 * 1024 ** 3 });
  assert.equal([...fleet.runs.keys()].sort(), ['build', 'nightly']);
  assert.equal(fleet.admission, { maxConcurrent: 5, per: { kind: 'pipeline' }, order: 'fifo' });
});

test('cluster input: a scenario without a cluster has no fleet', () => {
  const [compiled] = loadScenarios([write(scenario('  seeds: 3\n'))]);
  assert.is(compiled.fleet, undefined);
});

test('cluster input: zero slots is one error at its line and column', () => {
  const text = scenario('  cluster:\n    slots: 0\n');
  const { file, message } = inputError(text);
  assert.is(
    message,
    `${file}:${lineOf(text, 'slots')}:5: error: slots must be a whole number of 1 or more, or "unlimited", not the number 0 (spec.cluster.slots)`,
  );
});

test("cluster input: slots or kubeApiQPS written as a string get the field's own message, naming every form", () => {
  const slots = scenario('  cluster:\n    slots: "2"\n');
  const refused = inputError(slots);
  assert.is(
    refused.message,
    `${refused.file}:${lineOf(slots, 'slots')}:5: error: slots must be a whole number of 1 or more, or "unlimited", not "2" (spec.cluster.slots)`,
  );
  const qps = scenario('  cluster:\n    slots: 1\n    controller: {kubeApiQPS: lots}\n');
  assert.match(
    inputError(qps).message,
    'error: kubeApiQPS must be a number of 0 or more, or "unlimited", not "lots" (spec.cluster.controller.kubeApiQPS)',
  );
});

test('cluster input: a negative arrival rate names the field', () => {
  const text = scenario('  arrivals:\n    count: 5\n    poisson: {perMinute: -2}\n');
  const { file, message } = inputError(text);
  assert.match(message, `${file}:${lineOf(text, 'perMinute')}:`);
  assert.match(
    message,
    /arrival rate perMinute -2 is out of range: it must be from 0\.0001 to 1,000,000 \(spec\.arrivals\.poisson\.perMinute\)/,
  );
});

test('cluster input: a mix naming an unknown PipelineRun lists the loaded ones', () => {
  const text = scenario(
    '  arrivals:\n    interval: 30s\n    count: 5\n    mix: [{pipelineRun: deploy}]\n',
  );
  const { file, message } = inputError(text);
  assert.match(message, `${file}:${lineOf(text, 'deploy')}:`);
  assert.match(
    message,
    'unknown PipelineRun "deploy"; the loaded PipelineRuns are: build, nightly (spec.arrivals.mix[0].pipelineRun)',
  );
});

test('cluster input: a pod too big for every node is reported before simulating', () => {
  const text = scenario(
    '  cluster:\n    nodes:\n      - {name: small, count: 4, cpu: "1", memory: 8Gi}\n',
  );
  const { file, message } = inputError(text);
  assert.is(
    message,
    `${file}:${lineOf(text, 'nodes:')}:5: error: task "compile" of PipelineRun "build" requests cpu 2, more than any node can hold: its pod would stay Pending forever (largest node: cpu 1) (spec.cluster.nodes)`,
  );
});

test('cluster input: a pod larger than the quota could never be created', () => {
  const { message } = inputError(scenario('  cluster:\n    quota: {memory: 2Gi}\n'));
  assert.match(
    message,
    /task "compile" of PipelineRun "build" requests memory 4Gi, more than the quota allows \(memory 2Gi\)/,
  );
});

test('cluster input: a bad quantity says how to write one', () => {
  const { message } = inputError(
    scenario('  cluster:\n    nodes:\n      - {name: a, cpu: four}\n'),
  );
  assert.match(message, /"four" is not a Kubernetes quantity \(write it like 500m/);
  assert.match(message, /\(spec\.cluster\.nodes\[0\]\.cpu\)/);
});

test('cluster input: two arrival processes at once are refused', () => {
  const { message } = inputError(
    scenario('  arrivals:\n    count: 3\n    interval: 10s\n    at: [0s]\n'),
  );
  assert.match(message, /not both interval and at/);
});

test('cluster input: arrivals from a CSV beside the scenario, and its bad rows by line', () => {
  write('at,pipelineRun\n0s,build\n30s,nightly\n', 'day.csv');
  const [compiled] = loadScenarios([write(scenario('  arrivals: {csv: day.csv}\n'))]);
  assert.is(compiled.fleet!.arrivals!.count, 2);
  write('at\n0s\nlater\n', 'bad.csv');
  const { message } = inputError(scenario('  arrivals: {csv: bad.csv}\n'));
  assert.match(message, /bad\.csv:3:1: arrival time "later" must be a Go duration/);
});

test('cluster input: an arrivals CSV at an absolute path is read there; a missing or empty one is one error', () => {
  const absolute = write('at\n0s\n5s\n1m\n', 'absolute.csv');
  const [compiled] = loadScenarios([
    write(scenario(`  arrivals: {csv: ${JSON.stringify(absolute)}}\n`)),
  ]);
  assert.is(compiled.fleet!.arrivals!.count, 3);
  // inputError asserts there is exactly one error line.
  const missing = inputError(scenario('  arrivals: {csv: none.csv}\n'));
  assert.match(
    missing.message,
    `error: cannot read the arrivals CSV "none.csv": ${path.join(directory, 'none.csv')}: no such file or directory (spec.arrivals.csv)`,
  );
  write('', 'empty.csv');
  const empty = inputError(scenario('  arrivals: {csv: empty.csv}\n'));
  assert.match(
    empty.message,
    'error: the arrivals CSV "empty.csv" has no rows (spec.arrivals.csv)',
  );
});

test.run();
