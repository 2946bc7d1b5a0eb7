// Nodes and where a pod goes, as kube-scheduler's default profile decides it:
// - Filter: a node fits when every resource the pod requests, added to what the pods bound
//   there already request, stays within the node's allocatable (NodeResourcesFit's Filter,
//   pkg/scheduler/framework/plugins/noderesources/fit.go); `pods` counts one per pod, and a
//   node's default allocatable pods is the kubelet's --max-pods default of 110.
// - Score: LeastAllocated, the default ScoringStrategy, weights cpu 1 and memory 1 (score per
//   resource = (allocatable - requested) * 100 / allocatable, requested including this pod;
//   a pod requesting nothing counts 100m CPU and 200MB memory for scoring only,
//   pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest / DefaultMemoryRequest).
// - Tie-break: kube-scheduler picks at random among the best (selectHost); we pick the first
//   node in the order the pools were written, so a seed's placement never depends on chance
//   outside the named streams.
// `slots: N` is one node that holds N pods and limits nothing else.
import { exceededResources, fits, type ResourceList } from './resources.js';

export const KUBELET_DEFAULT_MAX_PODS = 110;
const NON_ZERO_CPU_MILLIS = 100;
const NON_ZERO_MEMORY_BYTES = 200 * 1024 * 1024;
const SCORED_RESOURCES = ['cpu', 'memory'] as const;

export interface NodeSpec {
  name: string;
  allocatable: ResourceList;
}

export interface NodePoolSpec {
  name: string;
  count: number;
  /** cpu in millicores, memory in bytes, pods; absent resources are not limited. */
  allocatable: ResourceList;
}

/** Each pool's nodes, named `<pool>-<i>` from 0, pools in the order written. */
export function expandPools(pools: readonly NodePoolSpec[]): NodeSpec[] {
  return pools.flatMap((pool) =>
    Array.from({ length: pool.count }, (_, index) => ({
      name: `${pool.name}-${index}`,
      allocatable: { pods: KUBELET_DEFAULT_MAX_PODS, ...pool.allocatable },
    })),
  );
}

export function slotNodes(slots: number): NodeSpec[] {
  return [{ name: 'slots', allocatable: { pods: slots } }];
}

/** Nodes with what is bound to them; `up` is false while a node is lost. */
export class NodeSet {
  readonly nodes: readonly NodeSpec[];
  private readonly used: Record<string, number>[];
  private readonly up: boolean[];

  constructor(nodes: readonly NodeSpec[]) {
    this.nodes = nodes;
    this.used = nodes.map(() => ({}));
    this.up = nodes.map(() => true);
  }

  usedOn(node: number): ResourceList {
    return this.used[node];
  }

  isUp(node: number): boolean {
    return this.up[node];
  }

  setUp(node: number, up: boolean): void {
    this.up[node] = up;
  }

  /** The node kube-scheduler would bind `request` to now, or -1 when none fits. */
  select(request: ResourceList): number {
    let best = -1;
    let bestScore = -1;
    for (let node = 0; node < this.nodes.length; node++) {
      if (!this.up[node] || !fits(this.used[node], request, this.nodes[node].allocatable)) continue;
      const score = leastAllocatedScore(this.used[node], request, this.nodes[node].allocatable);
      if (score > bestScore) {
        best = node;
        bestScore = score;
      }
    }
    return best;
  }

  // Every pod bound and released passes here: a for-in over the plain request allocates nothing.
  bind(node: number, request: ResourceList): void {
    const used = this.used[node];
    for (const name in request) used[name] = (used[name] ?? 0) + request[name];
  }

  release(node: number, request: ResourceList): void {
    const used = this.used[node];
    for (const name in request) used[name] = (used[name] ?? 0) - request[name];
  }
}

/**
 * Why `request` fits no node even when all are empty: the resources it asks more of than the
 * largest node has, or [] when some empty node would hold it.
 */
export function neverFits(nodes: readonly NodeSpec[], request: ResourceList): string[] {
  if (nodes.some((node) => fits({}, request, node.allocatable))) return [];
  const everyReason = nodes.flatMap((node) => exceededResources({}, request, node.allocatable));
  return [...new Set(everyReason)].sort();
}

function leastAllocatedScore(
  used: ResourceList,
  request: ResourceList,
  allocatable: ResourceList,
): number {
  let total = 0;
  let weights = 0;
  for (const name of SCORED_RESOURCES) {
    const capacity = allocatable[name];
    if (capacity === undefined || capacity <= 0) continue;
    const nonZero = name === 'cpu' ? NON_ZERO_CPU_MILLIS : NON_ZERO_MEMORY_BYTES;
    const requested = (used[name] ?? 0) + (request[name] || nonZero);
    total += Math.max(0, Math.floor(((capacity - requested) * 100) / capacity));
    weights += 1;
  }
  return weights === 0 ? 0 : Math.floor(total / weights);
}
