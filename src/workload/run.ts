// One seed of a scenario: the attempt behaviour draws from the seed's named streams (or
// replays given draws), a cancellation patch is drawn, and the simulator runs. What was
// drawn comes back with the run so that shrinking can simplify it and replay it.
import { RandomStreams, bernoulli } from './rng.js';
import type { PlantedFaults } from '../engine/faults.js';
import {
  simulateRun,
  simulateRunShowingBound,
  type SimulatedRun,
} from '../engine/simulated-run.js';
import { scriptBehaviour, type AttemptBehaviour } from '../taskrun/behaviour.js';
import type { CompiledScenario } from './compile.js';
import { sampleDurationMs } from './distribution.js';
import { MAX_DURATION_MS } from './limits.js';
import { attemptKey, drawAttempt, type AttemptDraw } from './draw.js';
import type { CancelMode, WorkloadModel } from './model.js';

export interface RunDraws {
  /** By `${task}` or `${task}#${matrixIndex}`, then by attempt number. */
  attempts: Record<string, AttemptDraw[]>;
  patch?: { atMs: number; status: CancelMode };
}

export interface RunSeedOptions {
  trace?: boolean;
  faults?: PlantedFaults;
  /** Replay these draws instead of drawing; attempts missing from them are drawn as usual. */
  draws?: RunDraws;
  /** A run that reaches the event bound comes back as it stood (`stopped`), not thrown. */
  showBound?: boolean;
}

export function runScenarioSeed(
  scenario: CompiledScenario,
  seed: number,
  options: RunSeedOptions = {},
): SimulatedRun & { draws: RunDraws } {
  const streams = new RandomStreams(seed);
  const drawn: RunDraws = { attempts: {} };
  const { model } = scenario;
  const behaviour: AttemptBehaviour = {
    attempt(request) {
      const key = attemptKey(request.task.name, request.matrixIndex);
      const taskModel = model.tasks.get(request.task.name);
      const replayed = options.draws?.attempts[key]?.[request.attempt];
      const draw =
        replayed ??
        (taskModel ? drawAttempt(taskModel, request, streams) : scriptBehaviour.attempt(request));
      const record: AttemptDraw = {
        durationMs: draw.durationMs,
        exitCode: draw.exitCode,
        ...(draw.failedContainer === undefined ? {} : { failedContainer: draw.failedContainer }),
        ...(draw.stepTimedOut ? { stepTimedOut: true } : {}),
        results: draw.results.map((result) => ({ ...result })),
        ...(draw.steps === undefined ? {} : { steps: draw.steps }),
      };
      (drawn.attempts[key] ??= [])[request.attempt] = record;
      return draw;
    },
  };
  const patch = options.draws ? options.draws.patch : drawCancel(model, streams);
  if (patch) drawn.patch = { ...patch };
  const simulateOne = options.showBound ? simulateRunShowingBound : simulateRun;
  const run = simulateOne(scenario.prepared.plan, {
    behaviour,
    patches: patch ? [{ atMs: patch.atMs, status: patch.status }] : [],
    trace: options.trace,
    faults: options.faults,
    seed,
  });
  // Assigned, not spread: a spread would build the run's status view, which is made when read.
  return Object.assign(run, { draws: drawn });
}

/** Both draws are always made, so the cancel time does not depend on whether it happens. */
function drawCancel(model: WorkloadModel, streams: RandomStreams): RunDraws['patch'] {
  if (!model.cancel) return undefined;
  const happens = bernoulli(streams.get('cancel'), model.cancel.probability);
  const atMs = Math.round(
    sampleDurationMs(model.cancel.atMs, streams.get('cancel-at'), MAX_DURATION_MS),
  );
  return happens ? { atMs, status: model.cancel.mode } : undefined;
}
