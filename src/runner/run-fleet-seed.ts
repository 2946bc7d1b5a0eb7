// One seed of a scenario with a cluster: every PipelineRun of the seed watched by the run
// invariants on its own trace, the cluster watched by the cluster invariants on its log,
// and one metric row per PipelineRun. A seed's outcome is Succeeded when every PipelineRun
// in it succeeded; otherwise the reason of its first run (by arrival) that did not.
import { anyRecordTimedOut, attemptRows } from '../check/attempt-rows.js';
import { determinismViolation, tracesHash } from '../check/invariants/determinism.js';
import { fleetMetrics } from '../check/fleet-metrics.js';
import { fleetSeries } from '../check/seed-series.js';
import type { SeriesAccumulator } from '../check/time-series.js';
import type { SeedResult } from '../check/seed-result.js';
import { buildRunView } from '../scheduler/view.js';
import { runFleetSeed, type CompiledScenario } from '../workload/index.js';
import { checkFleet, fleetCluster } from './check-fleet.js';
import { notCompleted } from './not-completed.js';

export function runFleetSeedResult(
  scenario: CompiledScenario,
  seed: number,
  settings: { twice: boolean; series?: SeriesAccumulator; attempts?: boolean },
): SeedResult {
  const simulate = () => runFleetSeed(scenario, seed, { trace: true });
  const hash = (fleet: Fleet) =>
    tracesHash(
      fleet.runs.map((each) => each.trace),
      JSON.stringify(fleet.log),
    );
  const first = firstRun(scenario, seed, settings, simulate, hash);
  if (!settings.twice || first.hash === undefined) return first.outcome;
  // The first fleet is out of scope by now: two fleets of a big seed are never held at once.
  const { outcome } = first;
  const message = determinismViolation(first.hash, hash(simulate()));
  if (message) outcome.violations.push({ invariant: 'determinism', message });
  outcome.traceHash = first.hash;
  return outcome;
}

type Fleet = ReturnType<typeof runFleetSeed>;

/** The seed's result from its first simulation, and its trace hash when it is run twice. */
function firstRun(
  scenario: CompiledScenario,
  seed: number,
  settings: { twice: boolean; series?: SeriesAccumulator; attempts?: boolean },
  simulate: () => Fleet,
  hash: (fleet: Fleet) => string,
): { outcome: SeedResult; hash?: string } {
  const base = { scenario: scenario.name, file: scenario.file, seed };
  let fleet: Fleet;
  try {
    fleet = simulate();
  } catch (error) {
    return { outcome: notCompleted(base, error) };
  }
  const { violations, findings } = checkFleet(scenario, fleet);
  const cluster = fleetCluster(scenario);
  const rows = fleetMetrics(fleet, cluster.nodes, seed);
  settings.series?.add(fleetSeries(fleet, cluster.nodes));
  const failing = rows.find((row) => row.status !== 'Succeeded');
  const outcome: SeedResult = {
    ...base,
    status: failing?.status ?? 'Succeeded',
    reason: failing?.reason ?? 'Succeeded',
    eventCount: fleet.eventCount,
    endTimeMs: fleet.endTimeMs,
    violations,
    findings,
    metrics: rows[0],
    runMetrics: rows,
    pipelineRuns: fleet.runs.map((run) => ({
      name: run.state.plan.pipelineRunName,
      arrivalMs: run.arrivalAtMs,
    })),
    taskRunTimedOut: fleet.runs.some((run) => anyRecordTimedOut(run.state.taskRuns)),
    // Every PipelineRun's attempts, by arrival, each row saying which PipelineRun it is.
    ...(settings.attempts
      ? {
          attempts: fleet.runs.flatMap((run, index) => attemptRows(buildRunView(run.state), index)),
        }
      : {}),
  };
  return settings.twice ? { outcome, hash: hash(fleet) } : { outcome };
}
