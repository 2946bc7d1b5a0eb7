// What a fleet simulation takes and gives: many PipelineRuns arriving in one cluster, each
// reconciled by the one PipelineRun controller, their pods placed on shared nodes.
import type { ClusterLog } from '../cluster/log.js';
import type { ResourceList } from '../cluster/resources.js';
import type { ClusterSettings } from '../cluster/settings.js';
import type { Plan } from '../plan/plan.js';
import type { RunState } from '../scheduler/state.js';
import type { AttemptBehaviour } from '../taskrun/behaviour.js';
import type { SpecStatusPatch } from './simulation.js';
import type { TraceEvent } from '../model/trace.js';
import type { PipelineRunStatusView } from '../model/status.js';

/** Fleet event kinds after the per-run ones (RunEvent 0..6); lower goes first at equal times. */
export const FleetEvent = {
  PodEvict: 7,
  NodeLost: 8,
  NodeBack: 9,
  ApiCallDue: 10,
  PodCreate: 11,
  PodRunning: 12,
  QuotaRetry: 13,
  Arrival: 14,
  ControllerState: 15,
  Reconcile: 16,
} as const;
export interface FleetRunInput {
  plan: Plan;
  arrivalAtMs: number;
  /** Runs with the same key share the admission limit. */
  admissionKey: string;
  behaviour: AttemptBehaviour;
  /** spec.status patches, `atMs` counted from when the run is admitted. */
  patches?: readonly SpecStatusPatch[];
  /** The pod requests of each plan task, in task order. */
  podRequests: readonly ResourceList[];
}

/** What goes wrong with one pod (drawn by the workload from its own streams). */
export type PodFault = { kind: 'image-pull' } | { kind: 'evict'; afterMs: number };

export interface PodDraws {
  /** Placed to first step running, in ms. */
  startupMs(run: number, taskRunName: string, attempt: number): number;
  fault?(run: number, taskRunName: string, attempt: number): PodFault | undefined;
}

export type Outage =
  | { kind: 'node-loss'; node: number; atMs: number; forMs: number }
  | { kind: 'controller-restart'; atMs: number; forMs: number };

export interface FleetOptions {
  cluster: ClusterSettings;
  /** Undefined: every run is admitted when it arrives. */
  admission?: { maxConcurrent: number };
  draws?: PodDraws;
  outages?: readonly Outage[];
  trace?: boolean;
  maxEvents?: number;
  /**
   * TaskRuns the seed may create; none by default. A seed with arrivals or admission is given
   * MAX_TASKRUNS_PER_FLEET_SEED; a cluster's one PipelineRun is bounded by events alone, as
   * the kernel (which models that case and no other) bounds it.
   */
  maxTaskRuns?: number;
  seed?: number;
  cancelLatencyMs?: number;
  /**
   * Stop after the events at this time: a snapshot of the cluster mid-way (`run --at`, tests);
   * each run then keeps the status its reconciles last wrote (FleetRunResult.writtenStatus).
   */
  stopAtMs?: number;
}

/** When one TaskRun went through each stage (its first attempt's pod). */
export interface TaskRunTiming {
  run: number;
  taskRun: number;
  task: number;
  /** Its pipeline task became ready: dependencies done (or the run started). */
  readyAtMs: number;
  /** The create call went out: metadata.creationTimestamp. */
  createdAtMs: number;
  placedAtMs?: number;
  runningAtMs?: number;
  /** Time spent refused by the quota, and waiting for a node, over all its attempts. */
  throttledByQuotaMs: number;
  throttledByNodeMs: number;
}

export interface FleetRunResult {
  state: RunState;
  trace: TraceEvent[];
  arrivalAtMs: number;
  admittedAtMs?: number;
  completedAtMs?: number;
  /** Last DAG TaskRun done to first finally TaskRun created; undefined without finally. */
  finallyDelayMs?: number;
  /**
   * The longest any of its deadlines waited for the reconcile that enforced it (a passed
   * deadline is seen only when a worker next takes the run's key); undefined when none passed.
   */
  deadlineLagMs?: number;
  /** What its steps assumed about files nobody wrote (as SimulationResult.fileWarnings). */
  fileWarnings: string[];
  /**
   * With `stopAtMs`: the status its last reconcile wrote (its last status call), null when
   * none had written one yet; what `kubectl get` shows then (scheduler/view.ts buildRunView).
   */
  writtenStatus?: PipelineRunStatusView | null;
}

export interface FleetResult {
  runs: FleetRunResult[];
  taskRuns: TaskRunTiming[];
  log: ClusterLog;
  eventCount: number;
  endTimeMs: number;
}
