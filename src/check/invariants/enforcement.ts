// When a deadline is enforced, read from the trace. Tekton's controller does not act at the
// deadline itself: ReconcileKind ends by asking for a requeue at the deadline
// (controller.NewRequeueAfter), knative's handleErr turns that into workQueue.AddAfter, and
// the run's key then waits in the same work queue as every other key for a free worker, whose
// reconcile checks HasTimedOut / HaveTasksTimedOut / HasFinallyTimedOut with the clock of
// that moment (tektoncd/pipeline v1.15.0 pkg/reconciler/pipelinerun/pipelinerun.go). A
// saturated controller so enforces a deadline late by its backlog, and that lag is Tekton's,
// not a broken promise. What the invariants allow is exactly that: the deadline event at the
// deadline (the requeue), then the first reconcile after it (the enforcement), whose calls
// (the cancels) go out through the rate limit. Anything later is still a violation.
import type { RunFacts } from './trace-facts.js';

export interface Enforcement {
  /** When the reconcile that enforced the deadline began; the deadline itself without one. */
  atMs: number;
  /** Its trace position and the next reconcile's: its calls lie between them (-1: none known). */
  position: number;
  nextPosition: number;
}

/**
 * The reconcile that enforced the `scope` deadline due at `deadlineMs`. It earns the lag only
 * when the trace shows the deadline passing on time (its requeue) and a reconcile after it;
 * otherwise (the single-run engine, a deadline timer missing or late, a run never reconciled
 * again) the deadline itself is the limit, as without a controller backlog.
 */
export function enforcementOf(
  facts: RunFacts,
  scope: 'pipeline' | 'tasks' | 'finally',
  deadlineMs: number,
): Enforcement {
  const strict = { atMs: deadlineMs, position: -1, nextPosition: -1 };
  const passedAt = facts.deadlineAt[scope];
  if (facts.reconcileAt.length === 0 || passedAt < 0 || facts.deadlineAtMs[scope] !== deadlineMs)
    return strict;
  const positions = facts.reconcileAt;
  let index = 0;
  while (index < positions.length && positions[index] < passedAt) index++;
  if (index >= positions.length) return strict;
  return {
    atMs: facts.reconcileAtMs[index],
    position: positions[index],
    nextPosition: index + 1 < positions.length ? positions[index + 1] : Number.POSITIVE_INFINITY,
  };
}
