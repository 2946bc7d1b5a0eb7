// The cluster's invariants (capacity, fifo-admission, api-rate, no-starvation): judged over
// the cluster log of a fleet seed by the rules in cluster-rules.ts. Listed with the others,
// shown in a summary only for scenarios that have a cluster.
import type { ClusterLog } from '../../cluster/log.js';
import type { ClusterSettings } from '../../cluster/settings.js';
import {
  checkApiRate,
  checkFifoAdmission,
  checkNoStarvation,
  checkNodeCapacity,
  checkQuota,
} from './cluster-rules.js';
import type { Invariant } from './types.js';

export interface ClusterObservation {
  log: ClusterLog;
  cluster: ClusterSettings;
}

export interface ClusterInvariant extends Invariant {
  kind: 'cluster';
  checkCluster(observation: ClusterObservation): string[];
}

export const capacity: ClusterInvariant = {
  name: 'capacity',
  description: "placed pods never exceed a node's allocatable, the slots or the quota",
  kind: 'cluster',
  checkCluster: ({ log, cluster }) => [
    ...(cluster.nodes ? checkNodeCapacity(cluster.nodes, log.pods) : []),
    ...(cluster.quota ? checkQuota(cluster.quota, log.quota) : []),
  ],
};

export const fifoAdmission: ClusterInvariant = {
  name: 'fifo-admission',
  description: 'no queued run is admitted ahead of an earlier one with the same key',
  kind: 'cluster',
  checkCluster: ({ log }) => checkFifoAdmission(log),
};

export const apiRate: ClusterInvariant = {
  name: 'api-rate',
  description: 'API calls in any window stay within the token bucket (QPS and burst)',
  kind: 'cluster',
  checkCluster: ({ log, cluster }) =>
    checkApiRate(log.apiCallsMs, cluster.controller.qps, cluster.controller.burst),
};

export const noStarvation: ClusterInvariant = {
  name: 'no-starvation',
  description: 'every arrived run completes before the simulation ends',
  kind: 'cluster',
  checkCluster: ({ log }) => checkNoStarvation(log),
};

export const CLUSTER_INVARIANTS: readonly ClusterInvariant[] = [
  capacity,
  fifoAdmission,
  apiRate,
  noStarvation,
];
