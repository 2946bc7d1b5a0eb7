// The cluster, arrivals and admission a Scenario describes, checked and in integers
// (milliseconds, millicores, bytes). Nothing here is YAML; parse-cluster.ts builds it.
import type { AdmissionKeyKind } from '../cluster/admission.js';
import type { ClusterSettings } from '../cluster/settings.js';
import type { ResourceList } from '../cluster/resources.js';
import type { ArrivalsSpec } from './arrivals.js';
import type { Distribution } from './distribution.js';

export interface OutageModel {
  probability: number;
  forMs: number;
}

export interface ClusterModel extends ClusterSettings {
  /** The default request of a container that requests nothing. */
  defaultRequest: ResourceList;
  /** Placed to first step running; undefined = 0. */
  podStartupMs?: Distribution;
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
