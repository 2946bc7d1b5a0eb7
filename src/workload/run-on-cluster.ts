// One PipelineRun on a cluster (`tekton-sim run FILE --cluster CLUSTER.yaml | --slots N`):
// its pods wait for room, start after podStartup and go through the controller's rate limit,
// so a single run shows Pending time too. Pod start-up and pod faults are drawn from the
// seed's streams.
import { simulateFleet } from '../engine/fleet.js';
import type { FleetResult } from '../engine/fleet-types.js';
import type { SpecStatusPatch } from '../engine/simulation.js';
import type { PreparedRun } from '../plan/prepare.js';
import { InputError, type SourceLocation } from '../tekton/diagnostics.js';
import { fieldPath, type SchemaPath } from './field-path.js';
import { scriptBehaviour } from '../taskrun/behaviour.js';
import { checkPodsFit, planPodRequests } from './check-cluster.js';
import type { ClusterModel } from './cluster-model.js';
import { sampleDurationMs } from './distribution.js';
import { MAX_DURATION_MS } from './limits.js';
import { drawPodFault } from './pod-fault.js';
import type { ValueProblem } from './parse-distribution.js';
import { RandomStreams } from './rng.js';

export function runOnCluster(
  prepared: PreparedRun,
  cluster: ClusterModel,
  options: {
    seed: number;
    patches?: readonly SpecStatusPatch[];
    /** Where the cluster's fields are written, for errors (the --cluster file). */
    locate?: (path: SchemaPath) => SourceLocation;
    /** Stop after the events at this virtual time (`run --at`). */
    stopAtMs?: number;
  },
): FleetResult {
  const problems: ValueProblem[] = [];
  checkPodsFit(prepared.plan, cluster, problems);
  if (problems.length > 0)
    throw new InputError(
      problems.map((problem) => ({
        severity: 'error' as const,
        message: problem.message,
        fieldPath: fieldPath(problem.path.slice(2)),
        ...(options.locate ? { location: options.locate(problem.path) } : {}),
      })),
    );
  const streams = new RandomStreams(options.seed);
  return simulateFleet(
    [
      {
        plan: prepared.plan,
        arrivalAtMs: 0,
        admissionKey: '',
        behaviour: scriptBehaviour,
        podRequests: planPodRequests(prepared.plan, cluster),
        patches: options.patches,
      },
    ],
    {
      cluster,
      draws: {
        startupMs: (_run, taskRunName) =>
          cluster.podStartupMs
            ? sampleDurationMs(
                cluster.podStartupMs,
                streams.get('pod-startup', taskRunName),
                MAX_DURATION_MS,
              )
            : 0,
        // The seed draws the pods' faults too, as `check` does.
        fault: (_run, taskRunName) =>
          cluster.faults.podEviction === 0 && cluster.faults.imagePullFailure === 0
            ? undefined
            : drawPodFault(cluster.faults, streams.get('pod-fault', taskRunName)),
      },
      seed: options.seed,
      stopAtMs: options.stopAtMs,
    },
  );
}
