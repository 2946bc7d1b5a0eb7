// `replay SCENARIO --seed N --perfetto FILE.json` on a scenario with a shared cluster: the seed
// rerun on its cluster and drawn whole, every PipelineRun as its own process and the cluster's
// controller work-queue depth and pods waiting for a node as counter tracks. Statuses and the
// trace stay one PipelineRun's business (replay of a plain scenario); `check` reruns the seed.
import { LivenessError } from '../engine/simulation.js';
import { fleetRunAsSimulation } from '../engine/fleet.js';
import { runFleetSeedResult } from '../runner/run-fleet-seed.js';
import { fleetPerfettoTrace, isOurPerfetto, perfettoJsonPieces } from '../report/perfetto.js';
import { runTimeline } from '../report/run-timeline.js';
import { formatOffset } from '../report/time.js';
import { buildRunView } from '../scheduler/view.js';
import { runFleetSeed, type CompiledScenario } from '../workload/index.js';
import { EXIT_FAILURE, EXIT_SUCCESS } from './errors.js';
import type { CliIo } from './io.js';
import { writeOwnedFile } from './output-files.js';

export function replayFleetPerfetto(
  scenario: CompiledScenario,
  seed: number,
  perfetto: string,
  io: CliIo,
): number {
  if (!drawFleet(scenario, seed, perfetto, io)) return EXIT_FAILURE;
  // The verdict as check gives it for this seed, every invariant over every PipelineRun. It
  // runs the seed again once the drawn one is unreachable: a big seed's runs and traces are
  // gigabytes, and both at once made the peak half as high again.
  const checked = runFleetSeedResult(scenario, seed, { twice: false });
  for (const violation of checked.violations)
    io.stdout.write(`violated ${violation.invariant}: ${violation.message}\n`);
  return checked.violations.length > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/**
 * Runs the seed with its trace, writes the Perfetto file and a line per PipelineRun; false
 * (with the violation printed) when the seed passed a bound and nothing was drawn.
 */
function drawFleet(scenario: CompiledScenario, seed: number, perfetto: string, io: CliIo): boolean {
  let fleet: ReturnType<typeof runFleetSeed>;
  try {
    fleet = runFleetSeed(scenario, seed, { trace: true });
  } catch (error) {
    // A seed past a bound has no whole cluster to draw; it is a liveness violation, as check
    // reported it, and this command (which check prints) says so instead of failing.
    if (!(error instanceof LivenessError)) throw error;
    io.stdout.write(`violated liveness: ${error.message}; nothing drawn\n`);
    return false;
  }
  const { runs, endTimeMs, log } = fleet;
  // Each PipelineRun's timeline is made as its events are written, and dropped after.
  const timelines = {
    *[Symbol.iterator]() {
      for (const run of runs)
        yield runTimeline({
          result: fleetRunAsSimulation(run, endTimeMs),
          view: buildRunView(run.state),
        });
    },
  };
  const trace = fleetPerfettoTrace(`${scenario.name} seed ${seed}`, timelines, [
    { name: 'controller work queue', value: 'depth', series: log.workQueueDepth },
    { name: 'pods waiting for a node', value: 'pods', series: log.podsWaitingForNode },
  ]);
  writeOwnedFile(
    perfetto,
    perfettoJsonPieces(trace),
    (ends) => isOurPerfetto(ends.tail),
    '--perfetto',
  );
  for (const [index, run] of runs.entries()) {
    const { condition } = run.state;
    const done = run.completedAtMs === undefined ? 'not done' : formatOffset(run.completedAtMs);
    io.stdout.write(
      `PipelineRun ${index} ${run.state.plan.pipelineRunName}: arrived ${formatOffset(run.arrivalAtMs)}, ended ${done}, ${condition.status}/${condition.reason}\n`,
    );
  }
  return true;
}
