// replay --perfetto of a cluster seed judges the invariants on the run it drew: a big seed's
// runs and traces are gigabytes, and simulating it a second time only to check it doubled the
// CPU and the peak. The verdict and the files stay what they were when it ran twice (golden).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replayFleetPerfetto } from '../../src/cli/replay-fleet.js';
import { loadScenarios, runFleetSeed } from '../../src/workload/index.js';
import { assertGolden } from '../golden/assert-golden.js';
import { runCli } from './run-cli.js';

const QUEUED = 'test/fixtures/perfetto/queue.scenario.yaml';
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-fleet-once-'));

test('replay --perfetto of a cluster seed simulates it once and checks that run', () => {
  const [scenario] = loadScenarios([QUEUED]);
  let simulations = 0;
  // The drawn run is spoiled after its simulation: a verdict from any other run of the seed
  // would find nothing wrong.
  const simulate: typeof runFleetSeed = (...args) => {
    simulations++;
    const fleet = runFleetSeed(...args);
    fleet.log.runs[1].completedAtMs = undefined;
    return fleet;
  };
  let stdout = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write() {} },
    env: {},
    nowMs: () => 0,
  };
  const code = replayFleetPerfetto(scenario, 1, path.join(directory, 'spoiled.json'), io, simulate);
  assert.is(simulations, 1);
  assert.is(code, 1);
  assert.equal(
    stdout.split('\n').filter((line) => line.startsWith('violated ')),
    ['violated no-starvation: 1 PipelineRun(s) never completed; the first arrived at 0ms'],
  );
});

// Each form of a cluster replay: its stdout, exit code and the file's SHA-256.
const CASES: [string, string][] = [
  ['queue-seed-1', QUEUED],
  ['shared-cluster-seed-3', 'scenarios/shared-cluster.yaml'],
];

for (const [name, file] of CASES) {
  test(`replay --perfetto of a cluster seed: ${name} prints and writes what it did`, async () => {
    const target = path.join(directory, `${name}.json`);
    const seed = name.slice(name.lastIndexOf('-') + 1);
    const result = await runCli('replay', file, '--seed', seed, '--perfetto', target);
    const sha256 = createHash('sha256').update(fs.readFileSync(target)).digest('hex');
    assertGolden(
      `replay/${name}.txt`,
      `exit ${result.code}\n${result.stdout}stderr: ${result.stderr}\nperfetto sha256 ${sha256}\n`,
    );
  });
}

test.run();
