// The cluster's promises, as pure judgements over a ClusterLog (cluster/log.ts). Each returns
// its violations as sentences; none reads or changes simulation state.
import type { ClusterLog, PodInterval, QuotaInterval } from '../../cluster/log.js';
import type { NodeSpec } from '../../cluster/nodes.js';
import type { ResourceList } from '../../cluster/resources.js';

const EPSILON = 1e-9;

/**
 * api-rate: a token bucket lets at most `burst + qps * w` calls out in any window of length w.
 * With calls sorted, the worst window ending at call j starts at some call i <= j, so it is
 * enough to keep the best start seen so far: max over i of (qps * t_i - i).
 */
export function checkApiRate(callsMs: readonly number[], qps: number, burst: number): string[] {
  if (qps === Number.POSITIVE_INFINITY || callsMs.length === 0) return [];
  const sorted = [...callsMs].sort((a, b) => a - b);
  let bestStart = Number.NEGATIVE_INFINITY;
  let bestStartIndex = 0;
  for (let j = 0; j < sorted.length; j++) {
    const start = (qps * sorted[j]) / 1000 - j;
    if (start > bestStart) {
      bestStart = start;
      bestStartIndex = j;
    }
    const excess = j + 1 - (qps * sorted[j]) / 1000 + bestStart - burst;
    if (excess > EPSILON) {
      const count = j - bestStartIndex + 1;
      return [
        `${count} API calls between ${sorted[bestStartIndex]}ms and ${sorted[j]}ms exceed a token bucket of ${qps}/s with burst ${burst}`,
      ];
    }
  }
  return [];
}

/** capacity: pods bound to a node never request more than it has. */
export function checkNodeCapacity(
  nodes: readonly NodeSpec[],
  pods: readonly PodInterval[],
): string[] {
  const byNode = new Map<number, PodInterval[]>();
  for (const pod of pods) {
    const intervals = byNode.get(pod.node);
    if (intervals) intervals.push(pod);
    else byNode.set(pod.node, [pod]);
  }
  const violations: string[] = [];
  for (const [node, intervals] of [...byNode].sort((a, b) => a[0] - b[0])) {
    const over = firstExcess(intervals, nodes[node].allocatable);
    if (over)
      violations.push(
        `node ${nodes[node].name} held pods requesting ${over.used} ${over.resource} at ${over.atMs}ms, more than its ${nodes[node].allocatable[over.resource]}`,
      );
  }
  return violations;
}

/** capacity: pods admitted under the quota never request more than its hard limits. */
export function checkQuota(hard: ResourceList, quota: readonly QuotaInterval[]): string[] {
  const over = firstExcess(quota, hard);
  return over
    ? [
        `the namespace's pods requested ${over.used} ${over.resource} at ${over.atMs}ms, over the quota's ${hard[over.resource]}`,
      ]
    : [];
}

/** fifo-admission: within a key, runs are admitted in the order they arrived. */
export function checkFifoAdmission(log: ClusterLog): string[] {
  const byKey = new Map<string, ClusterLog['runs'][number][]>();
  for (const run of log.runs) {
    const runs = byKey.get(run.key);
    if (runs) runs.push(run);
    else byKey.set(run.key, [run]);
  }
  const violations: string[] = [];
  for (const [key, runs] of byKey) {
    const arrived = [...runs].sort(
      (a, b) => a.arrivedAtMs - b.arrivedAtMs || a.arrivalOrder - b.arrivalOrder,
    );
    let lastAdmittedMs = Number.NEGATIVE_INFINITY;
    let waitingSince: number | undefined;
    for (const run of arrived) {
      const admittedMs = run.admittedAtMs ?? Number.POSITIVE_INFINITY;
      if (admittedMs < lastAdmittedMs) {
        violations.push(
          `PipelineRun ${run.run}${key ? ` (key "${key}")` : ''} arrived at ${run.arrivedAtMs}ms and was admitted at ${admittedMs}ms, ahead of an earlier arrival still waiting${waitingSince === undefined ? '' : ` since ${waitingSince}ms`}`,
        );
        break;
      }
      lastAdmittedMs = admittedMs;
      waitingSince = run.arrivedAtMs;
    }
  }
  return violations;
}

/** no-starvation: every run that arrived completed before the simulation ended. */
export function checkNoStarvation(log: ClusterLog): string[] {
  const starved = log.runs.filter((run) => run.completedAtMs === undefined);
  if (starved.length === 0) return [];
  const first = starved[0];
  return [
    `${starved.length} PipelineRun(s) never completed; the first arrived at ${first.arrivedAtMs}ms${first.admittedAtMs === undefined ? ' and was never admitted' : ''}`,
  ];
}

/** The first instant at which overlapping intervals request more of a resource than `limit`. */
function firstExcess(
  intervals: readonly { request: ResourceList; fromMs: number; toMs: number }[],
  limit: ResourceList,
): { resource: string; used: number; atMs: number } | undefined {
  // Releases before placements at the same instant: a pod that ends at t frees its room for a
  // pod placed at t.
  const changes: { atMs: number; sign: number; request: ResourceList }[] = [];
  for (const interval of intervals) {
    changes.push({ atMs: interval.fromMs, sign: 1, request: interval.request });
    if (Number.isFinite(interval.toMs))
      changes.push({ atMs: interval.toMs, sign: -1, request: interval.request });
  }
  changes.sort((a, b) => a.atMs - b.atMs || a.sign - b.sign);
  const used: Record<string, number> = {};
  for (const change of changes) {
    const { request, sign } = change;
    for (const resource in request) {
      const amount = request[resource];
      used[resource] = (used[resource] ?? 0) + sign * amount;
      if (sign > 0 && resource in limit && used[resource] > limit[resource])
        return { resource, used: used[resource], atMs: change.atMs };
    }
  }
  return undefined;
}
