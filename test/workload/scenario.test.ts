import { rowStoreOf } from '../../src/check/store/row-store.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateExpectations } from '../../src/check/expectations.js';
import { type RunMetrics, runMetrics, stateRunMetrics } from '../../src/check/metrics.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadScenarios, runScenarioSeed, type CompiledScenario } from '../../src/workload/index.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-test-'));

// A small pipeline and its scenario in one file; tests change one line at a time.
const BASE = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: demo-run
spec:
  pipelineSpec:
    tasks:
      - name: build
        taskSpec:
          steps:
            - name: compile
              image: golang
              script: sleep 30
      - name: test
        runAfter: [build]
        retries: 1
        taskSpec:
          steps:
            - name: unit
              image: golang
              script: sleep 20
    finally:
      - name: cleanup
        taskSpec:
          steps:
            - name: rm
              image: alpine
              script: sleep 5
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: demo
spec:
  seeds: 1..50
  tasks:
    build:
      duration: {lognormal: {median: 1m, p95: 3m}}
    test:
      duration: {uniform: {min: 10s, max: 40s}}
      failure: {probability: 0.3, retryProbability: 0.1}
  expectations:
    - finally-completes >= 0.999
`;

let fileCount = 0;
function write(text: string): string {
  const file = path.join(directory, `scenario-${++fileCount}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

function loadOne(text: string): CompiledScenario {
  const scenarios = loadScenarios([write(text)]);
  assert.is(scenarios.length, 1);
  return scenarios[0];
}

// Locations point at the field's key, as for Tekton resources.
/** The one error message loading `text` gives, as `file:line:column: error: message (path)`. */
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

const replace = (from: string, to: string) => {
  assert.ok(BASE.includes(from), from);
  return BASE.replace(from, to);
};

/**
 * Seeds 1..1000 of a bundled scenario without a cluster, as metric rows. Both tests below read
 * the same seeds, so each scenario is run once for the file.
 */
const thousandSeedRows = new Map<CompiledScenario, RunMetrics[]>();
function rowsOfThousandSeeds(scenario: CompiledScenario): RunMetrics[] {
  let rows = thousandSeedRows.get(scenario);
  if (!rows) {
    rows = [];
    for (let seed = 1; seed <= 1000; seed++)
      rows.push(stateRunMetrics(runScenarioSeed(scenario, seed).result, seed));
    thousandSeedRows.set(scenario, rows);
  }
  return rows;
}
// Loaded once for the file: the tests below only read the compiled scenarios.
let bundled: CompiledScenario[] | undefined;
const bundledScenarios = () => (bundled ??= loadScenarios(['scenarios']));

// Speed is measured by benchmarks, not asserted here: a timed assertion fails on a busy machine.
// A scenario with a cluster (shared-cluster) is held to its expectations by the golden check
// summary (golden.test.ts): 200 seeds, every expectation `held` in the committed text, and
// `check` exits 1 on a violated one. Its first 50 seeds, once run here too, reached no line
// of src/ that the golden check and the scenarios below do not (V8 block coverage).
test('workload: bundled scenarios: each loads, runs 1,000 seeds and meets its expectations', () => {
  const scenarios = bundledScenarios();
  assert.ok(scenarios.length >= 6, String(scenarios.length));
  for (const scenario of scenarios.filter((each) => !each.fleet)) {
    const rows = rowsOfThousandSeeds(scenario);
    for (const result of evaluateExpectations(scenario.expectations, rowStoreOf(rows))) {
      assert.ok(
        result.verdict !== 'violated',
        `${scenario.name}: ${result.expectation.text} observed ${result.observed}`,
      );
    }
  }
});

test('workload: timeouts: pipeline-only loses finally in some runs, the split never does', () => {
  const byName = new Map(bundledScenarios().map((scenario) => [scenario.name, scenario]));
  const share = (name: string) => {
    const rows = rowsOfThousandSeeds(byName.get(name)!);
    assert.is(rows.length, 1000);
    return rows.filter((row) => row.finallyCompletes).length / 1000;
  };
  assert.ok(share('timeouts-pipeline-only') < 0.97);
  assert.is(share('timeouts-split'), 1);
});

test('workload: loadScenarios: PipelineRun files without a Scenario are not scenarios', () => {
  const names = bundledScenarios().map((scenario) => scenario.name);
  assert.not.ok(names.some((name) => name.startsWith('hello-world')));
  assert.ok(names.includes('tep-0046-hello-world'));
});

test("workload: overrides: PipelineRun timeouts and a task's retries are applied before compiling", () => {
  const byName = new Map(bundledScenarios().map((scenario) => [scenario.name, scenario]));
  assert.equal(byName.get('timeouts-split')!.prepared.plan.timeouts, {
    pipelineMs: 3_600_000,
    tasksMs: 3_300_000,
    finallyMs: 300_000,
  });
  assert.equal(byName.get('timeouts-pipeline-only')!.prepared.plan.timeouts.tasksMs, undefined);
  const plan = byName.get('build-and-deploy-with-cleanup')!.prepared.plan;
  assert.is(plan.tasks[plan.taskIndexByName.get('build-image')!].retries, 1);
  const scenario = loadOne(
    BASE.replace(
      '  expectations:',
      '  overrides:\n    tasks:\n      test: {retries: 3, timeout: 2m}\n  expectations:',
    ),
  );
  const testTask =
    scenario.prepared.plan.tasks[scenario.prepared.plan.taskIndexByName.get('test')!];
  assert.is(testTask.retries, 3);
  assert.is(testTask.taskRunTimeoutMs, 120_000);
});

test('workload: draws: the same seed gives byte-identical results twice', () => {
  const scenario = loadOne(BASE);
  for (const seed of [1, 2, 99]) {
    const first = runScenarioSeed(scenario, seed, { trace: true });
    const second = runScenarioSeed(scenario, seed, { trace: true });
    assert.is(
      JSON.stringify([first.view, first.result.trace, first.draws]),
      JSON.stringify([second.view, second.result.trace, second.draws]),
    );
  }
});

test("workload: draws: changing one task's distribution leaves every other task's draws unchanged", () => {
  const original = loadOne(BASE);
  const changed = loadOne(
    replace('duration: {lognormal: {median: 1m, p95: 3m}}', 'duration: {exponential: {mean: 5m}}'),
  );
  for (let seed = 1; seed <= 50; seed++) {
    const a = runScenarioSeed(original, seed).draws.attempts;
    const b = runScenarioSeed(changed, seed).draws.attempts;
    assert.not.equal(a.build, b.build);
    assert.equal(a.test, b.test, `seed ${seed}`);
    assert.equal(a.cleanup, b.cleanup, `seed ${seed}`);
  }
});

test('workload: draws: replaying recorded draws reproduces the run', () => {
  const scenario = loadOne(BASE);
  const first = runScenarioSeed(scenario, 7);
  const replayed = runScenarioSeed(scenario, 12345, { draws: first.draws });
  assert.equal(replayed.view, first.view);
});

test('workload: draws: tasks without a model keep their scripts; retries use retryProbability', () => {
  const scenario = loadOne(BASE);
  let retried = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const { draws } = runScenarioSeed(scenario, seed);
    assert.equal(draws.attempts.cleanup, [
      // The script's own step times, kept for status.steps.
      { durationMs: 5000, exitCode: 0, results: [], steps: [{ endMs: 5000, exitCode: 0 }] },
    ]);
    if ((draws.attempts.test ?? []).length > 1) retried++;
  }
  assert.ok(retried > 30 && retried < 90, String(retried));
});

test('workload: cancel: a drawn patch cancels the run in the given mode', () => {
  const scenario = loadOne(
    BASE.replace(
      '  expectations:',
      '  cancel: {probability: 1, at: 10s, mode: CancelledRunFinally}\n  expectations:',
    ),
  );
  const run = runScenarioSeed(scenario, 1);
  assert.equal(run.draws.patch, { atMs: 10_000, status: 'CancelledRunFinally' });
  assert.is(run.view.pipelineRun.condition.reason, 'Cancelled');
  assert.ok(runMetrics(run).finallyCompletes);
});

test('workload: bad input: unknown task names the tasks that exist', () => {
  const { file, message } = inputError(
    replace('    test:\n      duration', '    tset:\n      duration'),
  );
  assert.is(
    message,
    `${file}:39:5: error: unknown task "tset"; the pipeline's tasks are: build, test (finally: cleanup) (spec.tasks.tset)`,
  );
});

test('workload: bad input: negative duration', () => {
  const { file, message } = inputError(replace('min: 10s', 'min: -10s'));
  assert.is(
    message,
    `${file}:40:28: error: negative duration "-10s": durations are 0 or more (spec.tasks.test.duration.uniform.min)`,
  );
});

test('workload: bad input: probability above 1', () => {
  const { file, message } = inputError(replace('probability: 0.3', 'probability: 1.3'));
  assert.is(
    message,
    `${file}:41:17: error: must be at most 1, not 1.3 (spec.tasks.test.failure.probability)`,
  );
});

test('workload: bad input: p95 below median', () => {
  const { file, message } = inputError(replace('p95: 3m', 'p95: 30s'));
  assert.is(
    message,
    `${file}:38:42: error: lognormal p95 (30s) is below its median (1m0s) (spec.tasks.build.duration.lognormal.p95)`,
  );
});

test('workload: bad input: unknown metric in an expectation', () => {
  const { file, message } = inputError(
    replace('finally-completes >= 0.999', 'finally-complete >= 0.999'),
  );
  assert.match(
    message,
    `${file}:43:7: error: unknown metric "finally-complete"; known metrics: finally-completes,`,
  );
});

test('workload: bad input: empty seed range', () => {
  const { file, message } = inputError(replace('seeds: 1..50', 'seeds: 50..1'));
  assert.is(
    message,
    `${file}:35:3: error: empty seed range "50..1": the last seed is below the first (spec.seeds)`,
  );
});

test('workload: bad input: bad Go duration', () => {
  const { file, message } = inputError(replace('max: 40s', 'max: 40 seconds'));
  assert.is(
    message,
    `${file}:40:38: error: "40 seconds" is not a Go duration (write it like 30s, 1m30s or 2h) (spec.tasks.test.duration.uniform.max)`,
  );
});

test('workload: bad input: unknown step', () => {
  const { file, message } = inputError(
    replace('      failure: {probability: 0.3', '      failure: {step: lint, probability: 0.3'),
  );
  assert.is(
    message,
    `${file}:41:17: error: unknown step "lint"; the steps of "test" are: unit (spec.tasks.test.failure.step)`,
  );
});

test('workload: bad input: unknown task in overrides', () => {
  const { file, message } = inputError(
    BASE.replace(
      '  expectations:',
      '  overrides:\n    tasks:\n      deploy: {retries: 1}\n  expectations:',
    ),
  );
  assert.is(
    message,
    `${file}:44:7: error: unknown task "deploy"; the pipeline's tasks are: build, test, cleanup (spec.overrides.tasks.deploy)`,
  );
});

test.run();
