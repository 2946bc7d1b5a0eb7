// The pods of one namespace on one cluster: creation through the quota, placement on nodes
// in creation order, and what freeing a node lets in. Pods are numbered by the caller (the
// engine uses its TaskRun ids); everything here is bookkeeping in integers, with no clock of
// its own: the caller says what time it is and schedules whatever follows.
//
// A pod the nodes cannot take now waits. When room frees (a pod ends, a node comes back),
// waiting pods are tried again in the order they were created, and each that fits is bound:
// kube-scheduler's active queue is ordered by priority, then by when the pod was created
// (the default PrioritySort queue-sort plugin), and a pod deletion moves the unschedulable
// pods back to be tried (MoveAllToActiveOrBackoffQueue). A waiting pod that does not fit
// does not block a smaller one behind it, as in kube-scheduler.
import type { ClusterLog } from './log.js';
import { NodeSet, type NodeSpec } from './nodes.js';
import { NamespaceQuota } from './quota.js';
import { recordStep } from './step-series.js';
import type { ResourceList } from './resources.js';

export type PodCreation =
  | { kind: 'refused'; message: string }
  | { kind: 'placed'; node: number }
  | { kind: 'pending' };

interface PodRecord {
  request: ResourceList;
  /** -1 while waiting for a node. */
  node: number;
  createdAtMs: number;
  logIndex: number;
  quotaLogIndex: number;
}

export class ClusterPods {
  private readonly nodeSet?: NodeSet;
  private readonly quota?: NamespaceQuota;
  private readonly pods = new Map<number, PodRecord>();
  /** Pod ids waiting for a node, in creation order. */
  private waiting: number[] = [];

  constructor(
    nodes: readonly NodeSpec[] | undefined,
    quota: ResourceList | undefined,
    private readonly log: ClusterLog,
  ) {
    this.nodeSet = nodes ? new NodeSet(nodes) : undefined;
    this.quota = quota ? new NamespaceQuota(quota) : undefined;
  }

  /** The apiserver's answer to creating pod `id`, then kube-scheduler's if it was created. */
  create(id: number, name: string, request: ResourceList, nowMs: number): PodCreation {
    const refusal = this.quota?.refusal(name, request);
    if (refusal !== undefined) return { kind: 'refused', message: refusal };
    this.quota?.admit(request);
    const record: PodRecord = {
      request,
      node: -1,
      createdAtMs: nowMs,
      logIndex: -1,
      quotaLogIndex: this.log.quota.push({ request, fromMs: nowMs, toMs: Infinity }) - 1,
    };
    this.pods.set(id, record);
    const node = this.nodeSet ? this.nodeSet.select(request) : 0;
    if (node < 0) {
      this.waiting.push(id);
      this.noteWaiting(nowMs);
      return { kind: 'pending' };
    }
    this.bind(record, node, nowMs);
    return { kind: 'placed', node };
  }

  /**
   * Pod `id` is gone (its TaskRun ended, was cancelled or timed out). Returns the waiting
   * pods that now fit, bound, in creation order.
   */
  delete(id: number, nowMs: number): { id: number; node: number }[] {
    const record = this.pods.get(id);
    if (!record) return [];
    this.pods.delete(id);
    this.quota?.release(record.request);
    this.log.quota[record.quotaLogIndex].toMs = nowMs;
    if (record.node < 0) {
      this.waiting = this.waiting.filter((waiting) => waiting !== id);
      this.noteWaiting(nowMs);
      return [];
    }
    this.unbind(record, nowMs);
    return this.placeWaiting(nowMs);
  }

  /** A node is lost: the pods on it, which the caller must fail as evicted. */
  loseNode(node: number): number[] {
    this.nodeSet?.setUp(node, false);
    return [...this.pods].filter(([, record]) => record.node === node).map(([id]) => id);
  }

  /** A lost node is back: the waiting pods that now fit, bound. */
  restoreNode(node: number, nowMs: number): { id: number; node: number }[] {
    this.nodeSet?.setUp(node, true);
    return this.placeWaiting(nowMs);
  }

  isWaiting(id: number): boolean {
    return this.pods.get(id)?.node === -1;
  }

  get nodeCount(): number {
    return this.nodeSet?.nodes.length ?? 0;
  }

  private placeWaiting(nowMs: number): { id: number; node: number }[] {
    if (!this.nodeSet || this.waiting.length === 0) return [];
    const placed: { id: number; node: number }[] = [];
    const still: number[] = [];
    for (const id of this.waiting) {
      const record = this.pods.get(id) as PodRecord;
      const node = this.nodeSet.select(record.request);
      if (node < 0) still.push(id);
      else {
        this.bind(record, node, nowMs);
        placed.push({ id, node });
      }
    }
    this.waiting = still;
    this.noteWaiting(nowMs);
    return placed;
  }

  private noteWaiting(nowMs: number): void {
    recordStep(this.log.podsWaitingForNode, nowMs, this.waiting.length);
  }

  private bind(record: PodRecord, node: number, nowMs: number): void {
    record.node = node;
    this.nodeSet?.bind(node, record.request);
    record.logIndex =
      this.log.pods.push({ node, request: record.request, fromMs: nowMs, toMs: Infinity }) - 1;
  }

  private unbind(record: PodRecord, nowMs: number): void {
    this.nodeSet?.release(record.node, record.request);
    this.log.pods[record.logIndex].toMs = nowMs;
  }
}
