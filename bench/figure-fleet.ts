// Figure 4: many PipelineRuns in one cluster. N copies of the 10-task pipeline arrive at time
// zero (so all N are in flight together) on a cluster of unlimited capacity and an unthrottled
// controller; events per CPU second are compared with one PipelineRun alone in the same engine.
import { loadText, preparePipelineRun } from '../src/index.js';
import { simulateFleet } from '../src/engine/fleet.js';
import type { FleetOptions, FleetRunInput } from '../src/engine/fleet-types.js';
import { scriptBehaviour } from '../src/taskrun/behaviour.js';
import { type Figure, formatNumber, verdict } from './figure.js';
import { timed } from './measure.js';
import { tenTasks } from './pipelines.js';

const FLATNESS_FACTOR = 2;
const SINGLE_REPS = 2000;

const OPTIONS: FleetOptions = {
  cluster: { controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 } },
  maxEvents: 100_000_000,
};

export function fleetFigures(counts: readonly number[]): Figure[] {
  const pipeline = tenTasks();
  const { plan } = preparePipelineRun(loadText(pipeline.yaml, `${pipeline.name}.yaml`));
  const input: FleetRunInput = {
    plan,
    arrivalAtMs: 0,
    admissionKey: '',
    behaviour: scriptBehaviour,
    podRequests: plan.tasks.map(() => ({ pods: 1 })),
  };
  const single = timed(() => {
    let events = 0;
    for (let i = 0; i < SINGLE_REPS; i++) events += simulateFleet([input], OPTIONS).eventCount;
    return events;
  });
  const singlePerS = single.value / single.cpuS;
  return counts.map((count) => {
    const inputs = Array.from({ length: count }, () => input);
    const run = timed(() => simulateFleet(inputs, OPTIONS).eventCount);
    const perS = run.value / run.cpuS;
    const factor = singlePerS / perS;
    return {
      name: `4. ${formatNumber(count)} concurrent PipelineRuns`,
      measured: `${factor.toFixed(2)}x slower than one (${formatNumber(perS)} vs ${formatNumber(singlePerS)} events/s, ${run.cpuS.toFixed(2)} s CPU)`,
      target: `within ${FLATNESS_FACTOR}x`,
      verdict: verdict(factor <= FLATNESS_FACTOR),
    };
  });
}
