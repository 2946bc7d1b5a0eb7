// The "Done when": each planted fault is caught by its invariant, the replay of the
// seed reproduces it, and shrink reduces it to a plain PipelineRun of at most 3 tasks that the
// `run` code path (prepare + simulate, fault still on) reproduces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { checkRun, findInvariant } from '../../src/check/invariants/index.js';
import { shrinkSeed, runReproducerText } from '../../src/runner/shrink.js';
import { reproducerText } from '../../src/cli/shrink.js';
import { planScenarios, runScenarios } from '../../src/runner/runner.js';
import type { PlantedFaults } from '../../src/engine/faults.js';
import { loadScenarios, runScenarioSeed } from '../../src/workload/index.js';

const FIXTURE = fileURLToPath(
  new URL('../fixtures/planted-faults/planted.scenario.yaml', import.meta.url),
);

const CASES: [keyof PlantedFaults, string][] = [
  ['finallyStartsEarly', 'finally-after-dag'],
  ['retryAfterCancel', 'retries'],
  ['missPipelineDeadline', 'deadlines'],
];

test('check: planted faults: without a fault, every seed holds every invariant', async () => {
  const [store] = await runScenarios(planScenarios(loadScenarios([FIXTURE])), {
    paranoid: true,
  });
  assert.is(store.seeds, 40);
  assert.equal([...store.sparse.invariants.keys()], []);
});

for (const [fault, invariant] of CASES) {
  test(`check: planted faults: ${fault} is caught by ${invariant}, replayed, and shrunk to at most 3 tasks`, async () => {
    const faults: PlantedFaults = { [fault]: true };
    const [scenario] = loadScenarios([FIXTURE]);
    const [store] = await runScenarios(planScenarios([scenario]), { faults });
    const violating = store.sparse.invariants.get(invariant)?.examples[0];
    assert.ok(violating, `${invariant} should fire with ${fault}`);
    const seed = violating.seed;

    const replayed = runScenarioSeed(scenario, seed, { trace: true, faults });
    const again = checkRun({
      plan: replayed.result.state.plan,
      result: replayed.result,
    }).violations.filter((violation) => violation.invariant === invariant);
    assert.is(again[0]?.message, violating.message);

    const shrunk = shrinkSeed(scenario, seed, { invariant, faults });
    assert.ok(
      shrunk.repro.tasks.length <= 3,
      `${shrunk.repro.tasks.length} tasks left: ${shrunk.log.join('; ')}`,
    );
    assert.ok(shrunk.after.tasks <= shrunk.before.tasks);
    const yaml = reproducerText(shrunk, scenario, seed, 'reduced.yaml', invariant);
    assert.match(yaml, /sleep /);
    assert.match(yaml, /exit /);
    const observation = runReproducerText(yaml, shrunk.repro, {
      profile: shrunk.profile,
      defaultTimeoutMs: shrunk.defaultTimeoutMs,
      faults,
    });
    assert.ok(observation, 'the reduced YAML loads and runs');
    assert.ok(
      (findInvariant(invariant)?.check?.(observation).violations.length ?? 0) > 0,
      `reduced YAML reproduces ${invariant}:\n${yaml}`,
    );
  });
}

test.run();
