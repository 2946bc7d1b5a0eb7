// One simulated PipelineRun as the library hands it out: the engine's result (final state
// and trace) with the Tekton-shaped status view built from it, so every caller reads the
// same statuses that `tekton-sim run` prints.
import type { Plan } from '../plan/plan.js';
import { NOT_COMPLETED_REASON, notCompletedMessage } from '../model/not-completed.js';
import type { RunView } from '../model/status.js';
import { buildRunView } from '../scheduler/view.js';
import { formatGoDuration } from '../tekton/duration.js';
import {
  LivenessError,
  simulate,
  type SimulationOptions,
  type SimulationResult,
} from './simulation.js';

export interface SimulatedRun {
  result: SimulationResult;
  view: RunView;
  /** Set when the run reached the event bound: `result` and `view` are the run as it stood. */
  stopped?: LivenessError;
}

export function simulateRun(plan: Plan, options: SimulationOptions = {}): SimulatedRun {
  return withStatusView(simulate(plan, options), options.stopAtMs);
}

/**
 * The run with its status view built the first time it is read: checking a seed reads the
 * state and the trace only, and most seeds never have their statuses shown. A run stopped
 * at a time (`stopAtMs`) is shown as of that time, not as of its last event.
 */
function withStatusView(result: SimulationResult, asOfMs = result.endTimeMs): SimulatedRun {
  let view: RunView | undefined;
  return {
    result,
    get view() {
      view ??= buildRunView(result.state, asOfMs);
      return view;
    },
  };
}

/**
 * simulateRun for the commands that show one run (run, replay): a run that reaches the event
 * bound comes back as it stood then, its condition Unknown/NotCompleted naming the bound,
 * instead of as an error. Its state is not a finished run's, so checkers must not judge it.
 */
export function simulateRunShowingBound(plan: Plan, options: SimulationOptions = {}): SimulatedRun {
  try {
    return simulateRun(plan, options);
  } catch (error) {
    const stopped = stoppedRun(error);
    if (!stopped) throw error;
    return stopped;
  }
}

/** A LivenessError's run as it stood at the bound; undefined for any other error. */
export function stoppedRun(error: unknown): SimulatedRun | undefined {
  if (!(error instanceof LivenessError) || !error.partial) return undefined;
  const result = error.partial;
  const view = buildRunView(result.state, result.endTimeMs);
  view.pipelineRun = {
    ...view.pipelineRun,
    condition: {
      ...view.pipelineRun.condition,
      status: 'Unknown',
      reason: NOT_COMPLETED_REASON,
      message: notCompletedMessage(error.bound, formatGoDuration(result.endTimeMs)),
      lastTransitionTimeMs: result.endTimeMs,
    },
  };
  return { result, view, stopped: error };
}
