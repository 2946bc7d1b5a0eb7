// `replay SCENARIO --seed N --perfetto FILE.json` on a scenario with a shared cluster: the seed
// rerun on its cluster and drawn whole, every PipelineRun as its own process and the cluster's
// controller work-queue depth and pods waiting for a node as counter tracks. Statuses and the
// trace stay one PipelineRun's business (replay of a plain scenario); `check` reruns the seed.
// The seed is simulated once: its invariants are judged on the run that is drawn.
import { LivenessError } from '../engine/simulation.js';
import { fleetRunAsSimulation } from '../engine/fleet.js';
import { checkFleet } from '../runner/check-fleet.js';
import { fleetPerfettoTrace, isOurPerfetto, perfettoJsonPieces } from '../report/perfetto.js';
import { runTimeline } from '../report/run-timeline.js';
import { formatOffset } from '../report/time.js';
import { buildRunView } from '../scheduler/view.js';
import { runFleetSeed, type CompiledScenario } from '../workload/index.js';
import { EXIT_FAILURE, EXIT_SUCCESS } from './errors.js';
import type { CliIo } from './io.js';
import { writeOwnedFile } from './output-files.js';

type FleetSeed = ReturnType<typeof runFleetSeed>;

/**
 * `simulate` is the seed's one simulation (tests count them); the verdict is check's for this
 * seed, every invariant over every PipelineRun, judged on the run drawn.
 */
export function replayFleetPerfetto(
  scenario: CompiledScenario,
  seed: number,
  perfetto: string,
  io: CliIo,
  simulate: typeof runFleetSeed = runFleetSeed,
): number {
  let fleet: FleetSeed;
  try {
    fleet = simulate(scenario, seed, { trace: true });
  } catch (error) {
    // A seed past a bound has no whole cluster to draw; it is a liveness violation, as check
    // reported it, and this command (which check prints) says so instead of failing.
    if (!(error instanceof LivenessError)) throw error;
    io.stdout.write(`violated liveness: ${error.message}; nothing drawn\n`);
    return EXIT_FAILURE;
  }
  // Judged before it is drawn, so the checks read the run as the simulation left it. Running
  // the seed a second time for them doubled the CPU and the peak of a big seed (its runs and
  // traces are gigabytes); the verdict is a few lines.
  const { violations } = checkFleet(scenario, fleet);
  drawFleet(scenario, seed, fleet, perfetto, io);
  for (const violation of violations)
    io.stdout.write(`violated ${violation.invariant}: ${violation.message}\n`);
  return violations.length > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/** Writes the Perfetto file of the seed's run and a line per PipelineRun. */
function drawFleet(
  scenario: CompiledScenario,
  seed: number,
  fleet: FleetSeed,
  perfetto: string,
  io: CliIo,
): void {
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
}
