// The kernel's proof: every seed it runs gives exactly the SeedResult the reference engine
// gives (deep equal, then byte-equal JSON), for the bundled and bench scenarios it accepts
// and for generated variants (DAG shapes, retries, failure rates, timeouts, slots, the
// controller's rate limit and reconcile cost, profiles). The kernel hands a seed back only
// when the reference reports a violation or finding, and `auto` equals the reference on
// every seed, handed back or not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { kernelRunnerFor } from '../../src/kernel/index.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios, type CompiledScenario } from '../../src/workload/index.js';
import { variantYaml } from '../fixtures/kernel-variants.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Seeds 1..count through both engines; returns how many seeds the kernel handed back. */
function assertSameResults(scenario: CompiledScenario, count: number): number {
  const runner = kernelRunnerFor(scenario);
  if (typeof runner === 'string') throw new Error(`${scenario.name}: not eligible: ${runner}`);
  let handedBack = 0;
  for (let seed = 1; seed <= count; seed++) {
    const reference = runSeed(scenario, seed, { twice: false, engine: 'reference' });
    const kernel = runner.run(seed);
    if (kernel === undefined) {
      handedBack++;
      // Only a seed the reference words something about is handed back.
      assert.ok(
        reference.violations.length + reference.findings.length > 0,
        `${scenario.name} seed ${seed} handed back (${runner.deferredBecause}) with nothing to report`,
      );
    }
    const auto = kernel ?? runSeed(scenario, seed, { twice: false });
    if (!isDeepStrictEqual(auto, reference))
      assert.fixture(
        JSON.stringify(auto, null, 1),
        JSON.stringify(reference, null, 1),
        `${scenario.name} seed ${seed}`,
      );
    assert.is(JSON.stringify(auto), JSON.stringify(reference), `${scenario.name} seed ${seed}`);
  }
  return handedBack;
}

test('kernel: the SimPy-equivalent bench scenario, seeds 1..1000, equal to the reference', () => {
  const [scenario] = loadScenarios([path.join(ROOT, 'bench', 'simpy-equivalent.yaml')]);
  assert.is(assertSameResults(scenario, 1000), 0);
});

test('kernel: every bundled scenario it accepts is equal to the reference; the others say why', () => {
  const directory = path.join(ROOT, 'scenarios');
  let accepted = 0;
  for (const name of readdirSync(directory).sort()) {
    for (const scenario of loadScenarios([path.join(directory, name)])) {
      const runner = kernelRunnerFor(scenario);
      if (typeof runner === 'string') {
        assert.ok(runner.length > 0 && !runner.includes('\n'), `${scenario.name}: ${runner}`);
        continue;
      }
      accepted++;
      assertSameResults(scenario, 200);
    }
  }
  // The bundled scenarios have no cluster of slots yet: none is accepted, each with its reason.
  assert.ok(accepted >= 0);
});

test('kernel: durations past the longest a draw may give are clamped as the reference clamps them', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-clamp-'));
  try {
    const file = path.join(directory, 'clamp.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: tekton.dev/v1',
        'kind: PipelineRun',
        'metadata: {name: clamp-run}',
        'spec:',
        '  timeouts: {pipeline: 0s}',
        '  pipelineSpec:',
        '    tasks:',
        '      - {name: long, timeout: 0s, taskSpec: {steps: [{name: run, image: alpine, script: "true"}]}}',
        '---',
        'apiVersion: tekton-sim/v1alpha1',
        'kind: Scenario',
        'metadata: {name: clamp}',
        'spec:',
        '  cluster: {slots: 1}',
        '  tasks:',
        '    long:',
        '      duration: {lognormal: {median: 20s, sigma: 10}}',
        '      failure: {probability: 0}',
        '',
      ].join('\n'),
    );
    const [scenario] = loadScenarios([file]);
    assertSameResults(scenario, 60);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('kernel: generated variants (DAG shapes, retries, failures, timeouts, slots, rate limits, profiles) equal the reference', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-variants-'));
  try {
    for (let index = 0; index < 30; index++) {
      const file = path.join(directory, `variant-${index}.yaml`);
      writeFileSync(file, variantYaml(index));
      const [scenario] = loadScenarios([file]);
      assertSameResults(scenario, 40);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * A fan-out whose creates wait for a slow rate limiter, with deadlines that pass while they
 * do: the reconcile's end acts on them (scheduler/reconcile-end.ts) in both engines.
 */
function lateCreatesYaml(timeouts: string, finallyTasks: number, qps: string): string {
  const step = '{steps: [{name: run, image: alpine, script: "true"}]}';
  const tasks = ['    - {name: gate, taskSpec: ' + step + '}'];
  for (let task = 0; task < 6; task++)
    tasks.push(
      `    - {name: t${task}, runAfter: [${task < 2 ? 'gate' : 't0'}], taskSpec: ${step}}`,
    );
  const finallyLines = Array.from(
    { length: finallyTasks },
    (_, task) => `    - {name: f${task}, taskSpec: ${step}}`,
  );
  return [
    'apiVersion: tekton.dev/v1',
    'kind: Pipeline',
    'metadata: {name: late}',
    'spec:',
    '  tasks:',
    ...tasks,
    ...(finallyTasks > 0 ? ['  finally:', ...finallyLines] : []),
    '---',
    'apiVersion: tekton.dev/v1',
    'kind: PipelineRun',
    'metadata: {name: late-run}',
    'spec:',
    '  pipelineRef: {name: late}',
    `  timeouts: ${timeouts}`,
    '---',
    'apiVersion: tekton-sim/v1alpha1',
    'kind: Scenario',
    `metadata: {name: late-creates}`,
    'spec:',
    `  cluster: {controller: {kubeApiQPS: ${qps}, kubeApiBurst: 1}}`,
    '  tasks:',
    '    "*":',
    '      duration: {uniform: {min: 1s, max: 40s}}',
    '      failure: {probability: 0.1}',
    '',
  ].join('\n');
}

test('kernel: deadlines that pass while a reconcile waits to create are acted on at its end, as in the reference', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-late-'));
  try {
    const cases = [
      ['{pipeline: 40s}', 0, '0.5'],
      ['{pipeline: 1m, tasks: 40s}', 0, '0.4'],
      ['{pipeline: 1m, tasks: 30s}', 2, '0.5'],
      ['{pipeline: 50s, finally: 5s}', 2, '0.3'],
    ] as const;
    cases.forEach(([timeouts, finallyTasks, qps], index) => {
      const file = path.join(directory, `late-${index}.yaml`);
      writeFileSync(file, lateCreatesYaml(timeouts, finallyTasks, qps));
      const [scenario] = loadScenarios([file]);
      assertSameResults(scenario, 30);
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
