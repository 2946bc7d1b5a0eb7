// One seed of a scenario with a cluster: the arrivals and their PipelineRuns drawn, each
// run's attempts drawn from its own streams (a run's seed is derived from the seed and its
// position), pod start-up and pod faults drawn per pod, outages per run, and the fleet
// simulated. Every draw comes from a named stream, so one seed is one history.
import { admissionKey } from '../cluster/admission.js';
import { simulateFleet } from '../engine/fleet.js';
import type { FleetResult, FleetRunInput, Outage, PodDraws } from '../engine/fleet-types.js';
import { scriptBehaviour, type AttemptBehaviour } from '../taskrun/behaviour.js';
import { drawArrivals, type Arrival } from './arrivals.js';
import { planPodRequests } from './check-cluster.js';
import type { ResourceList } from '../cluster/resources.js';
import type { ClusterModel } from './cluster-model.js';
import type { CompiledScenario } from './compile.js';
import type { CompiledFleet } from './compile-fleet.js';
import { sampleDurationMs } from './distribution.js';
import { MAX_DURATION_MS } from './limits.js';
import { MAX_TASKRUNS_PER_FLEET_SEED } from '../model/not-completed.js';
import { drawAttempt } from './draw.js';
import { drawPodFault } from './pod-fault.js';
import type { WorkloadModel } from './model.js';
import { bernoulli, RandomStreams, streamSeed } from './rng.js';

export interface FleetSeedRun extends FleetResult {
  arrivals: Arrival[];
}

export function runFleetSeed(
  scenario: CompiledScenario,
  seed: number,
  options: { trace?: boolean } = {},
): FleetSeedRun {
  const fleet = scenario.fleet as CompiledFleet;
  const streams = new RandomStreams(seed);
  const main = scenario.prepared.plan.pipelineRunName;
  const arrivals: Arrival[] = fleet.arrivals
    ? drawArrivals(fleet.arrivals, streams.get('arrivals', 'gaps'), streams.get('arrivals', 'mix'))
    : [{ atMs: 0 }];
  const cluster: ClusterModel = fleet.cluster ?? UNLIMITED_CLUSTER;
  const requestsByRun = podRequestsByRun(fleet, cluster);
  const inputs: FleetRunInput[] = arrivals.map((arrival, index) => {
    const name = arrival.pipelineRun ?? main;
    const prepared = fleet.runs.get(name) ?? scenario.prepared;
    const runStreams = new RandomStreams(streamSeed(seed, 'run', String(index)));
    const labels = (prepared.run.metadata.labels ?? {}) as Record<string, string>;
    const per = fleet.admission?.per ?? { kind: 'global' as const };
    return {
      plan: prepared.plan,
      arrivalAtMs: arrival.atMs,
      admissionKey: admissionKey(per, prepared.plan.pipelineName ?? name, labels),
      behaviour: behaviourOf(scenario.model, runStreams),
      podRequests: requestsByRun.get(name) ?? [],
      patches: drawPatches(scenario.model, runStreams),
    };
  });
  const result = simulateFleet(inputs, {
    cluster,
    admission: fleet.admission ? { maxConcurrent: fleet.admission.maxConcurrent } : undefined,
    draws: podDraws(cluster, seed),
    outages: drawOutages(cluster, arrivals, streams),
    trace: options.trace,
    seed,
    ...(fleet.arrivals || fleet.admission ? { maxTaskRuns: MAX_TASKRUNS_PER_FLEET_SEED } : {}),
  });
  return { ...result, arrivals };
}

// A compiled fleet is shared by every seed, and its pods' requests depend on it alone.
const requestsByFleet = new WeakMap<CompiledFleet, ReadonlyMap<string, ResourceList[]>>();

/** The pod requests of each task of each PipelineRun the fleet may run, by run name. */
function podRequestsByRun(
  fleet: CompiledFleet,
  cluster: ClusterModel,
): ReadonlyMap<string, ResourceList[]> {
  let requests = requestsByFleet.get(fleet);
  if (requests === undefined) {
    requests = new Map(
      [...fleet.runs].map(([name, prepared]) => [name, planPodRequests(prepared.plan, cluster)]),
    );
    requestsByFleet.set(fleet, requests);
  }
  return requests;
}

/** A cluster that limits nothing: the scenario has arrivals or admission but no cluster. */
const UNLIMITED_CLUSTER: ClusterModel = {
  defaultRequest: {},
  controller: { workers: 2, reconcileMs: 0, qps: Number.POSITIVE_INFINITY, burst: 1 },
  faults: { podEviction: 0, imagePullFailure: 0 },
};

function behaviourOf(model: WorkloadModel, streams: RandomStreams): AttemptBehaviour {
  return {
    attempt(request) {
      const taskModel = model.tasks.get(request.task.name) ?? model.defaultTask;
      return taskModel
        ? drawAttempt(taskModel, request, streams)
        : scriptBehaviour.attempt(request);
    },
  };
}

function drawPatches(model: WorkloadModel, streams: RandomStreams) {
  if (!model.cancel) return [];
  const happens = bernoulli(streams.get('cancel'), model.cancel.probability);
  const atMs = Math.round(
    sampleDurationMs(model.cancel.atMs, streams.get('cancel-at'), MAX_DURATION_MS),
  );
  return happens ? [{ atMs, status: model.cancel.mode }] : [];
}

function podDraws(cluster: ClusterModel, seed: number): PodDraws {
  const streams = new RandomStreams(streamSeed(seed, 'pods', ''));
  const { podEviction, imagePullFailure } = cluster.faults;
  return {
    startupMs: (run, taskRunName) =>
      cluster.podStartupMs
        ? sampleDurationMs(
            cluster.podStartupMs,
            streams.get('pod-startup', `${run}/${taskRunName}`),
            MAX_DURATION_MS,
          )
        : 0,
    fault(run, taskRunName) {
      if (podEviction === 0 && imagePullFailure === 0) return undefined;
      return drawPodFault(cluster.faults, streams.get('pod-fault', `${run}/${taskRunName}`));
    },
  };
}

/** Each arriving run may bring a node loss or a controller restart, starting as it arrives. */
function drawOutages(
  cluster: ClusterModel,
  arrivals: readonly Arrival[],
  streams: RandomStreams,
): Outage[] {
  const { nodeLoss, controllerRestart } = cluster.faults;
  const nodeCount = cluster.nodes?.length ?? 0;
  const outages: Outage[] = [];
  arrivals.forEach((arrival, index) => {
    if (nodeLoss && nodeCount > 0) {
      const stream = streams.get('node-loss', String(index));
      const happens = bernoulli(stream, nodeLoss.probability);
      const node = Math.min(nodeCount - 1, Math.floor(stream.next() * nodeCount));
      if (happens)
        outages.push({ kind: 'node-loss', node, atMs: arrival.atMs, forMs: nodeLoss.forMs });
    }
    if (controllerRestart) {
      const stream = streams.get('controller-restart', String(index));
      if (bernoulli(stream, controllerRestart.probability))
        outages.push({
          kind: 'controller-restart',
          atMs: arrival.atMs,
          forMs: controllerRestart.forMs,
        });
    }
  });
  return outages;
}
