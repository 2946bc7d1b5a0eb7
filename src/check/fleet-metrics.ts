// Metric rows for a fleet seed: one row per PipelineRun (what `check` expectations pool),
// each with where its time went in the cluster, and the seed's throughput and utilisation on
// its first row. Names follow Tekton's metrics where Tekton has one: pipelinerun_duration_seconds
// is the makespan, taskruns_pod_latency_milliseconds the pod wait, and
// running_taskruns_throttled_by_quota / _by_node the throttled times.
import type { ClusterLog } from '../cluster/log.js';
import type { NodeSpec } from '../cluster/nodes.js';
import type { FleetResult } from '../engine/fleet-types.js';
import { fleetRunAsSimulation } from '../engine/fleet.js';
import { stateRunMetrics, type ClusterSeedMetrics, type RunMetrics } from './metrics.js';

export function fleetMetrics(
  fleet: FleetResult,
  nodes: readonly NodeSpec[] | undefined,
  seed?: number,
): RunMetrics[] {
  // The TaskRuns of each PipelineRun, in the fleet's order, gathered in one pass.
  const timingsByRun = fleet.runs.map((): FleetResult['taskRuns'][number][] => []);
  for (const timing of fleet.taskRuns)
    if (timing.taskRun >= 0) timingsByRun[timing.run]?.push(timing);
  const rows = fleet.runs.map((run, index): RunMetrics => {
    const row = stateRunMetrics(fleetRunAsSimulation(run, fleet.endTimeMs), seed);
    const timings = timingsByRun[index];
    const placed = timings.filter((timing) => timing.placedAtMs !== undefined);
    const running = placed.filter((timing) => timing.runningAtMs !== undefined);
    return {
      ...row,
      makespanMs: (run.completedAtMs ?? fleet.endTimeMs) - run.arrivalAtMs,
      cluster: {
        queueWaitMs: (run.admittedAtMs ?? fleet.endTimeMs) - run.arrivalAtMs,
        schedulingLatencyMs: timings.map((timing) => timing.createdAtMs - timing.readyAtMs),
        podWaitMs: placed.map((timing) => (timing.placedAtMs as number) - timing.createdAtMs),
        podStartMs: running.map(
          (timing) => (timing.runningAtMs as number) - (timing.placedAtMs as number),
        ),
        ...(run.finallyDelayMs === undefined ? {} : { finallyDelayMs: run.finallyDelayMs }),
        ...(run.deadlineLagMs === undefined ? {} : { deadlineLagMs: run.deadlineLagMs }),
        throttledByQuotaMs: sum(timings.map((timing) => timing.throttledByQuotaMs)),
        throttledByNodeMs: sum(timings.map((timing) => timing.throttledByNodeMs)),
      },
    };
  });
  if (rows.length > 0 && rows[0].cluster) rows[0].cluster.seed = seedMetrics(fleet, nodes);
  return rows;
}

function seedMetrics(
  fleet: FleetResult,
  nodes: readonly NodeSpec[] | undefined,
): ClusterSeedMetrics {
  // A loop, not Math.min(...runs): spread arguments go on the stack, and a seed holds up to
  // 100,000 PipelineRuns.
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const run of fleet.runs) {
    startMs = Math.min(startMs, run.arrivalAtMs);
    endMs = Math.max(endMs, run.completedAtMs ?? fleet.endTimeMs);
  }
  endMs = Math.max(startMs, endMs);
  const spanMs = endMs - startMs;
  const completed = fleet.runs.filter((run) => run.completedAtMs !== undefined).length;
  const taskRuns = fleet.taskRuns.filter((timing) => timing.taskRun >= 0).length;
  return {
    pipelineRunsPerHour: spanMs > 0 ? (completed * 3_600_000) / spanMs : 0,
    taskRunsPerMinute: spanMs > 0 ? (taskRuns * 60_000) / spanMs : 0,
    utilisation: utilisation(fleet.log, nodes, startMs, endMs),
    spanMs,
  };
}

/**
 * Mean share of capacity held over [startMs, endMs]: of the slots when the cluster is slots,
 * else of the CPU (the resource kube-scheduler's LeastAllocated weighs first); 0 with no nodes.
 */
export function utilisation(
  log: ClusterLog,
  nodes: readonly NodeSpec[] | undefined,
  startMs: number,
  endMs: number,
): number {
  if (!nodes || nodes.length === 0 || endMs <= startMs) return 0;
  const resource = nodes[0].name === 'slots' ? 'pods' : 'cpu';
  const capacity = sum(nodes.map((node) => node.allocatable[resource] ?? 0));
  if (capacity <= 0) return 0;
  let held = 0;
  for (const pod of log.pods) {
    const fromMs = Math.max(startMs, pod.fromMs);
    const toMs = Math.min(endMs, pod.toMs);
    if (toMs > fromMs) held += (pod.request[resource] ?? 0) * (toMs - fromMs);
  }
  return held / (capacity * (endMs - startMs));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
