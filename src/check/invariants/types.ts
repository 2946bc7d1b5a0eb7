// What an invariant checker sees and what it reports. Checkers are observers: they read one
// run's trace and final state and never change either (design convention 6).
import type { SimulationResult } from '../../engine/simulation.js';
import type { Plan } from '../../plan/plan.js';
import type { RunFacts } from './trace-facts.js';

export interface RunObservation {
  plan: Plan;
  /** Must have been simulated with `trace: true`. */
  result: SimulationResult;
  /** Time from a cancel request to the TaskRun being terminal, as the engine was told. */
  cancelLatencyMs?: number;
  /**
   * The trace's per-task facts, read once by checkRun for every checker; a checker called on
   * its own reads them itself (see `factsOf`).
   */
  facts?: RunFacts;
}

export interface Violation {
  invariant: string;
  message: string;
}

/** A known Tekton bug the run reproduces: worth listing, not a failure of the simulator. */
export interface KnownBugFinding {
  /** `tektoncd/pipeline#10512` */
  bug: string;
  message: string;
}

export interface CheckOutput {
  violations: string[];
  findings?: KnownBugFinding[];
}

export interface Invariant {
  name: string;
  /** One line for `tekton-sim check --list`. */
  description: string;
  /**
   * Trace invariants judge one run; `runner` invariants (liveness, determinism) are judged
   * by the runner, which alone sees a run that never ends or a run done twice.
   */
  kind: 'trace' | 'runner' | 'cluster';
  check?(run: RunObservation): CheckOutput;
}
