// The invariants over one simulated seed of a scenario with a cluster: every PipelineRun by the
// run invariants on its own trace, the cluster by the cluster invariants on its log. One
// function for check and replay, so a replay judges the run it drew exactly as check did.
import { CLUSTER_INVARIANTS } from '../check/invariants/cluster.js';
import { checkRun, type KnownBugFinding, type Violation } from '../check/invariants/index.js';
import type { ClusterSettings } from '../cluster/settings.js';
import { fleetRunAsSimulation } from '../engine/fleet.js';
import type { CompiledScenario, runFleetSeed } from '../workload/index.js';

/** The controller a scenario with arrivals or admission but no cluster is judged against. */
const UNLIMITED: ClusterSettings = {
  controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 },
};

export interface FleetVerdict {
  violations: Violation[];
  findings: KnownBugFinding[];
}

export function checkFleet(
  scenario: CompiledScenario,
  fleet: ReturnType<typeof runFleetSeed>,
): FleetVerdict {
  const violations: Violation[] = [];
  const findings: KnownBugFinding[] = [];
  fleet.runs.forEach((run, index) => {
    const checked = checkRun({
      plan: run.state.plan,
      result: fleetRunAsSimulation(run, fleet.endTimeMs),
    });
    const who = `PipelineRun ${index} (${run.state.plan.pipelineRunName}, arrived at ${run.arrivalAtMs}ms)`;
    for (const violation of checked.violations)
      violations.push({ ...violation, message: `${who}: ${violation.message}` });
    findings.push(...checked.findings);
  });
  const cluster = fleetCluster(scenario);
  for (const invariant of CLUSTER_INVARIANTS)
    for (const message of invariant.checkCluster({ log: fleet.log, cluster }))
      violations.push({ invariant: invariant.name, message });
  return { violations, findings };
}

/** The cluster a seed of the scenario ran on, as its invariants and metrics read it. */
export function fleetCluster(scenario: CompiledScenario): ClusterSettings {
  return scenario.fleet?.cluster ?? UNLIMITED;
}
