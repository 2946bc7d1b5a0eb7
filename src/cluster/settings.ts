// What the engine needs to know about the cluster, already checked and in integers. The
// workload's ClusterModel adds the distributions it draws from; the engine gets draws as
// functions, so nothing below the workload touches a random stream.
import type { NodeSpec } from './nodes.js';
import type { ResourceList } from './resources.js';

export interface ClusterSettings {
  /** Undefined: unlimited capacity (no node ever refuses a pod). */
  nodes?: readonly NodeSpec[];
  /** The namespace's ResourceQuota hard limits; undefined = none. */
  quota?: ResourceList;
  controller: {
    workers: number;
    reconcileMs: number;
    /** The effective token bucket (after Tekton's doubling); qps Infinity = unlimited. */
    qps: number;
    burst: number;
  };
}
