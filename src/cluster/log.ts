// What the cluster did in one simulation, recorded as it happens so that checkers can judge
// it afterwards without replaying anything: when each API call went out, each pod's time on
// its node and in the quota, and each PipelineRun's arrival, admission and completion.
import type { ResourceList } from './resources.js';
import { emptyStepSeries, type StepSeries } from './step-series.js';

export interface PodInterval {
  node: number;
  request: ResourceList;
  fromMs: number;
  /** Infinity while it still holds the node at the end. */
  toMs: number;
}

export interface QuotaInterval {
  request: ResourceList;
  fromMs: number;
  toMs: number;
}

export interface RunAdmission {
  run: number;
  key: string;
  arrivedAtMs: number;
  /** Position among arrivals at the same instant, for first-in-first-out at equal times. */
  arrivalOrder: number;
  admittedAtMs?: number;
  completedAtMs?: number;
}

export interface ClusterLog {
  apiCallsMs: number[];
  pods: PodInterval[];
  quota: QuotaInterval[];
  runs: RunAdmission[];
  /** Run keys queued for a controller worker (client-go's workqueue depth), from 0. */
  workQueueDepth: StepSeries;
  /** Pods created but waiting for a node (kube-scheduler's unschedulable pods), from 0. */
  podsWaitingForNode: StepSeries;
}

export function emptyClusterLog(): ClusterLog {
  return {
    apiCallsMs: [],
    pods: [],
    quota: [],
    runs: [],
    workQueueDepth: emptyStepSeries(),
    podsWaitingForNode: emptyStepSeries(),
  };
}
