// The kernel's direct path into the store: a chunk whose seeds the kernel writes straight into
// the columns holds exactly the store that ingesting each seed's SeedResult builds (same
// columns, same order, same widths, same bytes), including the seeds it hands back to the
// reference engine and those of the determinism sample, so every summary and CSV is the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { determinismSample } from '../../src/check/invariants/determinism.js';
import { ScenarioStore } from '../../src/check/store/scenario-store.js';
import { storesToJson } from '../../src/check/store/wire.js';
import { KernelColumns, kernelRunnerFor } from '../../src/kernel/index.js';
import { runChunk } from '../../src/runner/chunk.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios, type CompiledScenario } from '../../src/workload/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = path.join(ROOT, 'bench', 'simpy-equivalent.yaml');

/** Seeds first..last stored through their SeedResults, as before the direct path. */
function objectStore(scenario: CompiledScenario, first: number, last: number): ScenarioStore {
  const store = new ScenarioStore(scenario.file, scenario.name, true);
  const sample = determinismSample(first, last, false);
  for (let seed = first; seed <= last; seed++)
    store.ingest(runSeed(scenario, seed, { twice: sample.has(seed) }));
  return store;
}

const bytesOf = (store: ScenarioStore) => JSON.stringify(storesToJson([store]));

test('kernel columns: a chunk of the bench scenario equals the store of its SeedResults', async () => {
  const [scenario] = loadScenarios([BENCH]);
  const seeds = { first: 1, last: 3000 };
  const chunk = await runChunk(
    { file: BENCH, scenarioIndex: 0, seeds, fullRange: seeds },
    { paranoid: false },
  );
  assert.is(chunk.store.seeds, 3000);
  assert.is(bytesOf(chunk.store), bytesOf(objectStore(scenario, 1, 3000)));
});

test('kernel columns: a chunk stopped mid-block keeps every seed it ran, as the object path would', async () => {
  const [scenario] = loadScenarios([BENCH]);
  const seeds = { first: 1, last: 2000 };
  let ran = 0;
  const chunk = await runChunk(
    { file: BENCH, scenarioIndex: 0, seeds, fullRange: seeds },
    { paranoid: false },
    {
      shouldStop: () => ran === 700,
      seedDone: () => {
        ran++;
      },
    },
  );
  assert.is(chunk.store.seeds, 700);
  const sample = determinismSample(1, 2000, false);
  const expected = new ScenarioStore(scenario.file, scenario.name, true);
  for (let seed = 1; seed <= 700; seed++)
    expected.ingest(runSeed(scenario, seed, { twice: sample.has(seed) }));
  assert.is(bytesOf(chunk.store), bytesOf(expected));
});

test('kernel columns: chunks run one after another into one store hold the object path bytes', async () => {
  const [scenario] = loadScenarios([BENCH]);
  const fullRange = { first: 1, last: 2500 };
  const store = new ScenarioStore(scenario.file, scenario.name, true);
  for (const seeds of [
    { first: 1, last: 1000 },
    { first: 1001, last: 2500 },
  ]) {
    const chunk = await runChunk(
      { file: BENCH, scenarioIndex: 0, seeds, fullRange },
      { paranoid: false },
      undefined,
      store,
    );
    // The seeds went into the given store: there is no chunk store to copy over.
    assert.is(chunk.store, store);
    assert.ok(chunk.inPlace);
    assert.is(chunk.seedsRun, seeds.last - seeds.first + 1);
  }
  assert.is(store.seeds, 2500);
  assert.is(bytesOf(store), bytesOf(objectStore(scenario, 1, 2500)));
});

test('kernel columns: almost every seed is written straight into the columns', () => {
  const [scenario] = loadScenarios([BENCH]);
  const runner = kernelRunnerFor(scenario);
  if (typeof runner === 'string') throw new Error(runner);
  const store = new ScenarioStore(scenario.file, scenario.name, true);
  const columns = new KernelColumns(runner.kernel, store);
  for (let seed = 1; seed <= 2000; seed++) assert.ok(runner.runInto(seed, columns));
  columns.flush();
  // The first seeds make the columns through their SeedResult; then a seed needs none.
  assert.ok(columns.written > 1900, `${columns.written} of 2000 written straight`);
  assert.is(store.seeds, 2000);
});

/**
 * A pipeline whose `spin` task, when its parent succeeds (half the seeds), fails every attempt
 * and retries until the attempts bound stops the run: a liveness violation the kernel hands to
 * the reference engine to word. (It used to rely on DAG TaskRuns ending past the tasks
 * deadline, but on this controller those were the wait for the reconcile that enforced it,
 * which is Tekton's behaviour and no longer a violation: check/invariants/enforcement.ts.)
 */
const HANDED_BACK = `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {name: late-run}
spec:
  timeouts: {pipeline: "0"}
  pipelineSpec:
    tasks:
      - {name: gate, taskSpec: {steps: [{name: run, image: alpine, script: "true"}]}}
      - {name: spin, runAfter: [gate], retries: 20000, taskSpec: {steps: [{name: run, image: alpine, script: "true"}]}}
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata: {name: late}
spec:
  profile: v1.15
  cluster: {slots: 2, controller: {kubeApiQPS: 2, kubeApiBurst: 3}}
  tasks:
    gate: {duration: {uniform: {min: 1s, max: 5s}}, failure: {probability: 0.5}}
    spin: {duration: 1s, failure: {probability: 1}}
`;

test('kernel columns: seeds handed back to the reference engine land in order, equal bytes', async () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-columns-'));
  try {
    const file = path.join(directory, 'late.yaml');
    writeFileSync(file, HANDED_BACK);
    const [scenario] = loadScenarios([file]);
    const runner = kernelRunnerFor(scenario);
    if (typeof runner === 'string') throw new Error(runner);
    let handedBack = 0;
    // Some of seeds 1001..1006 reach the attempts bound (10,000 attempts each, so few seeds);
    // the kernel hands each back.
    const seeds = { first: 1001, last: 1006 };
    for (let seed = seeds.first; seed <= seeds.last; seed++)
      if (runner.run(seed) === undefined) handedBack++;
    assert.ok(handedBack >= 2 && handedBack < 6, `${handedBack} of 6 seeds handed back`);
    const chunk = await runChunk(
      { file, scenarioIndex: 0, seeds, fullRange: seeds },
      { paranoid: false },
    );
    assert.ok(chunk.store.sparse.invariants.size > 0, 'the violations are kept');
    assert.is(bytesOf(chunk.store), bytesOf(objectStore(scenario, seeds.first, seeds.last)));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
