// The quantities of one seed that the report draws over time, as step series read from what
// the run recorded (its trace, and with a cluster the cluster's log), never from a second
// simulation. Values are whole numbers so that summing them over seeds is exact in any order:
// utilisation in thousandths of capacity, the rest as counts.
import type { ClusterLog } from '../cluster/log.js';
import type { NodeSpec } from '../cluster/nodes.js';
import { emptyStepSeries, recordStep, type StepSeries } from '../cluster/step-series.js';
import type { FleetResult } from '../engine/fleet-types.js';
import type { TraceEvent } from '../model/trace.js';

/** The series a seed can carry, in the order the report lists them. */
export const SERIES_NAMES = [
  'utilisation',
  'runningTaskRuns',
  'workQueueDepth',
  'podsWaitingForNode',
] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];

/** utilisation is recorded in thousandths: 1000 is every slot or every CPU held. */
export const UTILISATION_SCALE = 1000;

export interface SeedSeries {
  /** The seed's last event; after it every series is 0 (nothing runs, nothing waits). */
  endMs: number;
  series: Partial<Record<SeriesName, StepSeries>>;
}

/** A run alone: only its own TaskRuns running, as there is no cluster or controller queue. */
export function singleRunSeries(trace: readonly TraceEvent[], endMs: number): SeedSeries {
  return { endMs, series: { runningTaskRuns: runningTaskRuns([trace]) } };
}

/** A seed on a cluster: utilisation and pods waiting need nodes; the controller queue is always there. */
export function fleetSeries(
  fleet: FleetResult,
  nodes: readonly NodeSpec[] | undefined,
): SeedSeries {
  const series: SeedSeries['series'] = {
    runningTaskRuns: runningTaskRuns(fleet.runs.map((run) => run.trace)),
    workQueueDepth: fleet.log.workQueueDepth,
  };
  const held = capacityHeld(fleet.log, nodes);
  if (held) series.utilisation = held;
  if (nodes && nodes.length > 0) series.podsWaitingForNode = fleet.log.podsWaitingForNode;
  return { endMs: fleet.endTimeMs, series };
}

/**
 * The resource utilisation is a share of: the slots when the cluster is slots, else the CPU
 * (the resource kube-scheduler's LeastAllocated weighs first).
 */
export function capacityResource(nodes: readonly NodeSpec[]): 'pods' | 'cpu' {
  return nodes[0]?.name === 'slots' ? 'pods' : 'cpu';
}

/** The share of capacity the pods on nodes request, at every change; undefined with no capacity. */
function capacityHeld(
  log: ClusterLog,
  nodes: readonly NodeSpec[] | undefined,
): StepSeries | undefined {
  if (!nodes || nodes.length === 0) return undefined;
  const resource = capacityResource(nodes);
  let capacity = 0;
  for (const node of nodes) capacity += node.allocatable[resource] ?? 0;
  const { pods } = log;
  return capacityHeldSteps(
    capacity,
    pods.length,
    (pod) => pods[pod].request[resource] ?? 0,
    (pod) => pods[pod].fromMs,
    (pod) => pods[pod].toMs,
  );
}

/**
 * The share of `capacity` that pods 0..count-1 hold, each `amountOf` it from `fromMsOf` to
 * `toMsOf` (Infinity: still held), at every change; undefined with no capacity. The kernel
 * reads its own pod log through it too.
 */
export function capacityHeldSteps(
  capacity: number,
  count: number,
  amountOf: (pod: number) => number,
  fromMsOf: (pod: number) => number,
  toMsOf: (pod: number) => number,
): StepSeries | undefined {
  if (capacity <= 0) return undefined;
  const changes = new Map<number, number>();
  for (let pod = 0; pod < count; pod++) {
    const amount = amountOf(pod);
    if (amount === 0) continue;
    const fromMs = fromMsOf(pod);
    const toMs = toMsOf(pod);
    changes.set(fromMs, (changes.get(fromMs) ?? 0) + amount);
    if (Number.isFinite(toMs)) changes.set(toMs, (changes.get(toMs) ?? 0) - amount);
  }
  return stepsOf(changes, (held) => Math.round((held * UTILISATION_SCALE) / capacity));
}

/** TaskRun attempts running (started and not yet ended), over every run's trace. */
function runningTaskRuns(traces: readonly (readonly TraceEvent[])[]): StepSeries {
  const changes = new Map<number, number>();
  for (const trace of traces) {
    // An attempt whose pod never ran ends without having started: it never counted.
    const started = new Set<number>();
    for (const event of trace) {
      if (event.kind === 'attempt-started') {
        started.add(attemptKey(event.taskRun, event.attempt));
        changes.set(event.atMs, (changes.get(event.atMs) ?? 0) + 1);
      } else if (
        event.kind === 'attempt-ended' &&
        started.delete(attemptKey(event.taskRun, event.attempt))
      )
        changes.set(event.atMs, (changes.get(event.atMs) ?? 0) - 1);
    }
  }
  return stepsOf(changes, (running) => running);
}

const attemptKey = (taskRun: number, attempt: number) => taskRun * 65_536 + attempt;

/** The running total of `changes` (atMs -> change), scaled, as a step series in time order. */
export function stepsOf(
  changes: Map<number, number>,
  scaled: (total: number) => number,
): StepSeries {
  const series = emptyStepSeries();
  let total = 0;
  for (const atMs of [...changes.keys()].sort((a, b) => a - b)) {
    total += changes.get(atMs) ?? 0;
    recordStep(series, atMs, scaled(total));
  }
  return series;
}
