// Finally tasks run whenever Tekton promises they will: after a DAG failure, a graceful
// cancel or stop, or the tasks deadline, unless the pipeline deadline or a hard cancel came
// first (tekton-semantics 2.7, 3.6, 4). Each ends Succeeded, Failed, or skipped for a reason
// Tekton allows finally tasks.
import { SkipReason } from '../../model/reasons.js';
import { firstOf, factsOf } from './trace-facts.js';
import type { Invariant } from './types.js';

export const finallyRuns: Invariant = {
  name: 'finally-runs',
  description:
    'every finally task runs to Succeeded/Failed or is skipped for an allowed reason, unless the pipeline deadline or a hard cancel came first',
  kind: 'trace',
  check(run) {
    const facts = factsOf(run);
    const { plan } = run;
    const violations: string[] = [];
    if (plan.tasks.length === plan.dagCount || facts.completedAt < 0 || plan.startFailure)
      return { violations };
    // The point by which finally should have started: when it did, or else when the run ended.
    const decidedAt = facts.finallyStartedAt >= 0 ? facts.finallyStartedAt : facts.completedAt;
    const excusedAt = firstOf(
      facts.patchAt.Cancelled ?? -1,
      facts.deadlineAt.pipeline,
      // v1.2 to v1.12 end the run at the tasks deadline and never run finally (bug #8982).
      plan.profile.tasksDeadline === 'fail-at-once' ? facts.deadlineAt.tasks : -1,
    );
    const excused = excusedAt >= 0 && excusedAt <= decidedAt;
    for (const task of plan.tasks.slice(plan.dagCount)) {
      const own = facts.tasks[task.index];
      if (own.taskRunsCreated > own.taskRunsCompleted) {
        violations.push(`finally task ${task.name} has a TaskRun that never finished`);
        continue;
      }
      // A matrix over an empty array is skipped on purpose (Tekton's own matrix example does it).
      const allowed = new Set<string>([
        SkipReason.WhenExpressions,
        SkipReason.MissingResults,
        SkipReason.EmptyArrayInMatrixParams,
      ]);
      if (facts.deadlineAt.finally >= 0) allowed.add(SkipReason.FinallyTimedOut);
      if (facts.deadlineAt.pipeline >= 0) allowed.add(SkipReason.PipelineTimedOut);
      for (const reason of own.skipReasons) {
        if (!allowed.has(reason) && !excused)
          violations.push(`finally task ${task.name} skipped: ${reason}`);
      }
      if (own.taskRunsCreated === 0 && own.skipReasons.length === 0 && !excused) {
        violations.push(
          `finally task ${task.name} never ran although the run ended ${facts.completedReason} at ${facts.completedAtMs}ms without a hard cancel or pipeline deadline`,
        );
      }
    }
    return { violations };
  },
};
