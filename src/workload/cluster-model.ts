// The cluster, arrivals and admission a Scenario describes, checked and in integers
// (milliseconds, millicores, bytes). Nothing here is YAML; parse-cluster.ts builds it.
import type { AdmissionKeyKind } from '../cluster/admission.js';
import type { NodeSpec } from '../cluster/nodes.js';
import type { ResourceList } from '../cluster/resources.js';
import type { ArrivalsSpec } from './arrivals.js';
import type { Distribution } from './distribution.js';

export interface OutageModel {
  probability: number;
  forMs: number;
}

export interface ClusterModel {
  /** Undefined: unlimited capacity (no node ever refuses a pod). */
  nodes?: readonly NodeSpec[];
  /** The default request of a container that requests nothing. */
  defaultRequest: ResourceList;
  /** Placed to first step running; undefined = 0. */
  podStartupMs?: Distribution;
  /** The namespace's ResourceQuota hard limits; undefined = none. */
  quota?: ResourceList;
  controller: {
    workers: number;
    reconcileMs: number;
    /** The effective token bucket (after Tekton's doubling); qps Infinity = unlimited. */
    qps: number;
    burst: number;
  };
  faults: {
    podEviction: number;
    imagePullFailure: number;
    nodeLoss?: OutageModel;
    controllerRestart?: OutageModel;
  };
}

export interface AdmissionModel {
  maxConcurrent: number;
  per: AdmissionKeyKind;
  order: 'fifo';
}

export interface FleetModel {
  cluster?: ClusterModel;
  arrivals?: ArrivalsSpec;
  admission?: AdmissionModel;
}
