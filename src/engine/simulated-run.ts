// One simulated PipelineRun as the library hands it out: the engine's result (final state
// and trace) with the Tekton-shaped status view built from it, so every caller reads the
// same statuses that `tekton-sim run` prints.
import type { Plan } from '../plan/plan.js';
import type { RunView } from '../model/status.js';
import { buildRunView } from '../scheduler/view.js';
import { simulate, type SimulationOptions, type SimulationResult } from './simulation.js';

export interface SimulatedRun {
  result: SimulationResult;
  view: RunView;
}

export function simulateRun(plan: Plan, options: SimulationOptions = {}): SimulatedRun {
  const result = simulate(plan, options);
  return { result, view: buildRunView(result.state) };
}
