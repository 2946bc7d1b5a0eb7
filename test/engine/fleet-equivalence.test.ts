// With no limits anywhere, a PipelineRun in the fleet engine unfolds exactly as the
// single-run engine runs it: every conformance case, compared status for status.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulateFleet } from '../../src/engine/fleet.js';
import { buildRunView } from '../../src/scheduler/view.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { simulateRun } from '../../src/engine/simulated-run.js';
import { scriptBehaviour } from '../../src/taskrun/behaviour.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadText } from '../../src/tekton/load.js';

const cases = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'cases');

test('fleet: with unlimited capacity, rate and workers every conformance case matches the single-run engine', () => {
  let compared = 0;
  for (const file of readdirSync(cases)
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const set = loadText(readFileSync(path.join(cases, file), 'utf8'), file);
    for (const run of set.pipelineRuns) {
      let prepared: ReturnType<typeof preparePipelineRun>;
      try {
        prepared = preparePipelineRun(set, { pipelineRun: run.metadata.name });
      } catch (error) {
        if (error instanceof InputError) continue;
        throw error;
      }
      const alone = simulateRun(prepared.plan).view;
      const fleet = simulateFleet(
        [
          {
            plan: prepared.plan,
            arrivalAtMs: 0,
            admissionKey: '',
            behaviour: scriptBehaviour,
            podRequests: prepared.plan.tasks.map(() => ({ pods: 1 })),
          },
        ],
        {
          cluster: {
            controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 },
          },
        },
      );
      const inFleet = buildRunView(fleet.runs[0].state, fleet.endTimeMs);
      assert.equal(inFleet, alone, `${file} ${run.metadata.name}`);
      compared++;
    }
  }
  assert.ok(compared > 40, String(compared));
});

test.run();
