// Every invariant, in the order `check --list` and the summaries show them.
import { dagOrder } from './dag-order.js';
import { CLUSTER_INVARIANTS } from './cluster.js';
import { deadlines } from './deadlines.js';
import { determinism } from './determinism.js';
import { finallyAfterDag } from './finally-after-dag.js';
import { finallyRuns } from './finally-runs.js';
import { liveness } from './liveness.js';
import { oneTerminalState } from './one-terminal-state.js';
import { retries } from './retries.js';
import { factsOf } from './trace-facts.js';
import type { Invariant, KnownBugFinding, RunObservation, Violation } from './types.js';

export type { Invariant, KnownBugFinding, RunObservation, Violation } from './types.js';

export const INVARIANTS: readonly Invariant[] = [
  finallyRuns,
  finallyAfterDag,
  dagOrder,
  deadlines,
  retries,
  oneTerminalState,
  liveness,
  determinism,
  ...CLUSTER_INVARIANTS,
];

export const INVARIANT_NAMES: readonly string[] = INVARIANTS.map((invariant) => invariant.name);

export function findInvariant(name: string): Invariant | undefined {
  return INVARIANTS.find((invariant) => invariant.name === name);
}

/** Runs every trace invariant over one run. */
export function checkRun(run: RunObservation): {
  violations: Violation[];
  findings: KnownBugFinding[];
} {
  const violations: Violation[] = [];
  const findings: KnownBugFinding[] = [];
  // Read the trace once for every checker rather than once each.
  const observation: RunObservation = { ...run, facts: factsOf(run) };
  for (const invariant of INVARIANTS) {
    if (!invariant.check) continue;
    const output = invariant.check(observation);
    for (const message of output.violations)
      violations.push({ invariant: invariant.name, message });
    findings.push(...(output.findings ?? []));
  }
  return { violations, findings };
}
