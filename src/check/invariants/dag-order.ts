// No task starts before all its parents are done, and no DAG task starts after the run began
// stopping: a failure, a cancel or stop, or a deadline (tekton-semantics 2.1, 2.3, 4). Both
// are judged where the TaskRun was decided: on a cluster, the reconcile whose worker made the
// create call, which the rate limit may have held past the stop. Tekton decides a reconcile's
// TaskRuns once (DAGExecutionQueue, its skips cached) and then creates them one by one, each
// create waiting for the client's rate limiter (pipelinerun.go runNextSchedulableTask), so a
// TaskRun decided before a deadline is created after it; one decided after is a violation.
import type { Plan } from '../../plan/plan.js';
import { decidedAt, firstOf, factsOf, type RunFacts } from './trace-facts.js';
import type { Invariant } from './types.js';

export const dagOrder: Invariant = {
  name: 'dag-order',
  description: 'no task starts before its parents are done, nor after the run began stopping',
  kind: 'trace',
  check(run) {
    const facts = factsOf(run);
    const { plan } = run;
    const violations: string[] = [];
    const stoppingAt = stoppingPosition(plan, facts);
    for (const task of plan.tasks) {
      const own = facts.tasks[task.index];
      if (own.createdAt < 0) continue;
      const decided = decidedAt(facts, own.createdAt);
      for (const parent of task.parents) {
        const doneAt = facts.tasks[parent].doneAt;
        if (doneAt < 0 || doneAt > decided) {
          violations.push(
            `task ${task.name} started at ${own.createdAtMs}ms before its parent ${plan.tasks[parent].name} was done`,
          );
        }
      }
      if (!task.isFinally && stoppingAt >= 0 && decided > stoppingAt) {
        const decidedNote =
          decided === own.createdAt ? '' : ` (decided at ${reconcileTimeMs(facts, decided)}ms)`;
        violations.push(
          `DAG task ${task.name} started at ${own.createdAtMs}ms${decidedNote} after the run began stopping (${describeStop(plan, facts, stoppingAt)})`,
        );
      }
    }
    return { violations };
  },
};

/** The first moment after which Tekton schedules no new DAG task. */
function stoppingPosition(plan: Plan, facts: RunFacts): number {
  const failedAt = plan.tasks.slice(0, plan.dagCount).map((task) => {
    const own = facts.tasks[task.index];
    if (own.validationFailures > 0) return own.doneAt;
    const failed = own.taskRunsCreated > 0 && !own.allSucceeded && !task.onErrorContinue;
    return failed ? own.doneAt : -1;
  });
  return firstOf(
    ...failedAt,
    facts.patchAt.Cancelled ?? -1,
    facts.patchAt.CancelledRunFinally ?? -1,
    facts.patchAt.StoppedRunFinally ?? -1,
    facts.deadlineAt.pipeline,
    facts.deadlineAt.tasks,
  );
}

function describeStop(plan: Plan, facts: RunFacts, position: number): string {
  if (position === facts.deadlineAt.pipeline) return 'pipeline deadline';
  if (position === facts.deadlineAt.tasks) return 'tasks deadline';
  for (const [status, at] of Object.entries(facts.patchAt))
    if (at === position) return `spec.status ${status}`;
  const task = plan.tasks.find((candidate) => facts.tasks[candidate.index].doneAt === position);
  return task ? `task ${task.name} failed` : 'stopping';
}

function reconcileTimeMs(facts: RunFacts, position: number): number {
  return facts.reconcileAtMs[facts.reconcileAt.indexOf(position)];
}
