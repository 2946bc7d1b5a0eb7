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
//
// One reconcile enforces a deadline sooner: `reconcile` reads the clock again after its
// creates (HasTimedOut right after runNextSchedulableTask, then GetPipelineConditionStatus),
// so a deadline that passed while that reconcile's own creates and cancels waited for the
// rate limiter is enforced when the last of them went out: the pipeline deadline always (its
// cancels follow), the tasks deadline when it ends the run there. Such an end cancels only
// the TaskRuns the reconcile listed at its start (timeoutPipelineRun reads
// status.childReferences), none for the tasks deadline, and a done run is never reconciled
// again: what it left running is stopped by nothing but its own timeout.
import type { RunFacts } from './trace-facts.js';

export interface Enforcement {
  /** When the enforcing reconcile began (or read its clock again); the deadline without one. */
  atMs: number;
  /** Its trace position and the next reconcile's: its calls lie between them (-1: none known). */
  position: number;
  nextPosition: number;
  /**
   * TaskRuns created at or after this trace position are left running by the enforcement (a
   * reconcile that ended the run at its end); +Infinity when it stops them all.
   */
  leavesRunningFrom: number;
  /** When the enforcing reconcile began: before `atMs` when it enforced at its end. */
  beganAtMs: number;
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
  const none = Number.POSITIVE_INFINITY;
  const strict = {
    atMs: deadlineMs,
    position: -1,
    nextPosition: -1,
    leavesRunningFrom: none,
    beganAtMs: deadlineMs,
  };
  const passedAt = facts.deadlineAt[scope];
  if (facts.reconcileAt.length === 0 || passedAt < 0 || facts.deadlineAtMs[scope] !== deadlineMs)
    return strict;
  const positions = facts.reconcileAt;
  let index = 0;
  while (index < positions.length && positions[index] < passedAt) index++;
  const atEnd = index > 0 ? enforcedAtEnd(facts, scope, index) : undefined;
  if (atEnd) return atEnd;
  if (index >= positions.length) return strict;
  return {
    atMs: facts.reconcileAtMs[index],
    position: positions[index],
    nextPosition: index + 1 < positions.length ? positions[index + 1] : none,
    leavesRunningFrom: none,
    beganAtMs: facts.reconcileAtMs[index],
  };
}

/**
 * The deadline passed while the reconcile before the `next`th still had creates or cancels to
 * make: enforced when the last of them went out, if that reconcile acts on it at its end.
 */
function enforcedAtEnd(
  facts: RunFacts,
  scope: 'pipeline' | 'tasks' | 'finally',
  next: number,
): Enforcement | undefined {
  const passedAt = facts.deadlineAt[scope];
  const nextPosition =
    next < facts.reconcileAt.length ? facts.reconcileAt[next] : Number.POSITIVE_INFINITY;
  const endedRun = facts.completedAt > passedAt && facts.completedAt < nextPosition;
  // The reconcile's own calls; the cancels of its end follow the end of the run it notes.
  const callsEnd = endedRun ? facts.completedAt : nextPosition;
  let last = -1;
  for (let call = 0; call < facts.callAt.length && facts.callAt[call] < callsEnd; call++)
    if (facts.callAt[call] > passedAt) last = call;
  if (last < 0 || (scope !== 'pipeline' && !endedRun)) return undefined;
  const pipelinePassed =
    facts.deadlineAt.pipeline >= 0 && facts.deadlineAt.pipeline < facts.completedAt;
  return {
    atMs: facts.callAtMs[last],
    position: facts.callAt[last],
    nextPosition,
    // The pipeline deadline spares what this reconcile created; the tasks deadline cancels nothing.
    leavesRunningFrom: !endedRun
      ? Number.POSITIVE_INFINITY
      : pipelinePassed
        ? facts.reconcileAt[next - 1]
        : 0,
    beganAtMs: facts.reconcileAtMs[next - 1],
  };
}
