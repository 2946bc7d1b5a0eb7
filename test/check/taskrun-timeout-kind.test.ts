// The "taskrun" timeout kind (a TaskRun attempt ran past its own timeout) is counted for the
// same seeds whatever runs them: the single-run reference engine, the cluster engine, the
// kernel's SeedResult and the kernel writing straight into the store's columns. The seeds
// that should count it are those with an attempt row ending TaskRunTimeout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScenarioStore } from '../../src/check/store/scenario-store.js';
import { TIMEOUT_KINDS, timeoutBits } from '../../src/check/timeout-kinds.js';
import { KernelColumns, kernelRunnerFor } from '../../src/kernel/index.js';
import { TaskRunReason } from '../../src/model/reasons.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios, runFleetSeed, type CompiledScenario } from '../../src/workload/index.js';
import { runCli } from '../cli/run-cli.js';

const SEEDS = 60;
const TASKRUN_BIT = 1 << TIMEOUT_KINDS.findIndex((kind) => kind.kind === 'taskrun');

/** build's attempts are drawn 10s..40s against a 30s timeout, with one retry. */
function scenarioYaml(cluster: boolean, tasksTimeout: boolean): string {
  return `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: tk}
spec:
  tasks:
    - name: build
      retries: 1
      timeout: 30s
      taskSpec: {steps: [{name: run, image: alpine, script: "true"}]}
    - name: test
      runAfter: [build]
      taskSpec: {steps: [{name: run, image: alpine, script: "true"}]}
---
apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: tk-run}
spec:
  pipelineRef: {name: tk}
${tasksTimeout ? '  timeouts: {pipeline: 2h, tasks: 45s}\n' : ''}---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: tk}
spec:
  seeds: 1..${SEEDS}
${cluster ? '  cluster: {slots: 2}\n' : ''}  tasks:
    "*":
      duration: {uniform: {min: 10s, max: 40s}}
      failure: {probability: 0}
`;
}

const directory = mkdtempSync(path.join(tmpdir(), 'taskrun-timeout-kind-'));
function scenarioFile(cluster: boolean, tasksTimeout: boolean): string {
  const file = path.join(directory, `tk-${cluster}-${tasksTimeout}.yaml`);
  writeFileSync(file, scenarioYaml(cluster, tasksTimeout));
  return file;
}

/** Per seed: whether an attempt of the reference engine's run ended TaskRunTimeout. */
function expectedHits(scenario: CompiledScenario): boolean[] {
  const hits: boolean[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const result = runSeed(scenario, seed, { twice: false, engine: 'reference', attempts: true });
    const attempts = result.attempts ?? [];
    if (!scenario.fleet) assert.ok(attempts.length > 0);
    hits.push(attempts.some((attempt) => attempt.reason === TaskRunReason.TaskRunTimeout));
  }
  return hits;
}

const hitsOf = (bits: number[]) => bits.map((each) => (each & TASKRUN_BIT) !== 0);

test('taskrun kind: a single-run scenario counts the seeds whose attempts timed out', () => {
  const [scenario] = loadScenarios([scenarioFile(false, false)]);
  const expected = expectedHits(scenario);
  assert.ok(expected.includes(true) && expected.includes(false));
  const bits = [];
  for (let seed = 1; seed <= SEEDS; seed++)
    bits.push(timeoutBits(runSeed(scenario, seed, { twice: false, engine: 'reference' })));
  assert.equal(hitsOf(bits), expected);
});

for (const tasksTimeout of [false, true]) {
  const what = tasksTimeout ? ' (with timeouts.tasks)' : '';
  test(`taskrun kind: a cluster scenario counts it on the reference engine, the kernel and the kernel's columns${what}`, () => {
    const [scenario] = loadScenarios([scenarioFile(true, tasksTimeout)]);
    const runner = kernelRunnerFor(scenario);
    if (typeof runner === 'string') throw new Error(runner);
    // The reference cluster engine's TaskRuns say which seeds timed out.
    const expected: boolean[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const fleet = runFleetSeed(scenario, seed, { trace: false });
      expected.push(
        fleet.runs.some((run) =>
          run.state.taskRuns.some(
            (taskRun) =>
              taskRun.reason === TaskRunReason.TaskRunTimeout ||
              taskRun.retriesStatus.some(
                (attempt) => attempt.condition.reason === TaskRunReason.TaskRunTimeout,
              ),
          ),
        ),
      );
    }
    assert.ok(expected.includes(true) && expected.includes(false), 'some seeds time out');
    const reference: number[] = [];
    const kernel: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      reference.push(timeoutBits(runSeed(scenario, seed, { twice: false, engine: 'reference' })));
      const result = runner.run(seed);
      if (!result) throw new Error(`seed ${seed} handed back: ${runner.deferredBecause}`);
      kernel.push(timeoutBits(result));
    }
    assert.equal(hitsOf(reference), expected, 'reference cluster engine');
    assert.equal(hitsOf(kernel), expected, 'kernel');
    const store = new ScenarioStore(scenario.file, scenario.name, true);
    const columns = new KernelColumns(runner.kernel, store);
    for (let seed = 1; seed <= SEEDS; seed++) assert.ok(runner.runInto(seed, columns));
    columns.flush();
    assert.ok(columns.written > 0);
    const stored = Array.from({ length: SEEDS }, (_, index) => store.timeouts.get(index));
    assert.equal(stored, reference, "the kernel's columns");
  });
}

test('taskrun kind: report counts it alike on --engine reference and kernel', async () => {
  const file = scenarioFile(true, false);
  const outputs = [];
  for (const engine of ['reference', 'kernel', 'auto']) {
    const out = path.join(directory, `out-${engine}`);
    const run = await runCli('report', file, '--engine', engine, '--out', out, '--format', 'json');
    assert.is(run.code, 0, run.stderr);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    outputs.push(JSON.stringify(report.scenarios[0].timeouts));
  }
  const timeouts = JSON.parse(outputs[0]) as { kind: string; count: number }[];
  const taskrun = timeouts.find((kind) => kind.kind === 'taskrun');
  assert.ok(taskrun && taskrun.count > 0, outputs[0]);
  assert.is(outputs[1], outputs[0]);
  assert.is(outputs[2], outputs[0]);
});

test.after(() => rmSync(directory, { recursive: true, force: true }));

test.run();
