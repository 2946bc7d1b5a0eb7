// Every task ends in exactly one state, and the run's condition agrees with the task counts
// of the condition algorithm (tekton-semantics 5.1). Counts are rebuilt from the trace, not
// read from the scheduler's counters, so a bookkeeping slip in the scheduler shows up here.
import type { Plan } from '../../plan/plan.js';
import type { TaskCounts } from '../../scheduler/condition.js';
import {
  PipelineRunReason,
  TaskRunReason,
  isTimeoutSkip,
  type SkipReason,
} from '../../model/reasons.js';
import { factsOf, type RunFacts } from './trace-facts.js';
import type { Invariant } from './types.js';

/** The section 5.1 buckets, rebuilt from the trace (same shape as the scheduler's). */
export type TraceCounts = TaskCounts;

const COMPLETED_MESSAGE =
  /^Tasks Completed: (\d+) \(Failed: (\d+)(?: \(Ignored: (\d+)\))?, Cancelled (\d+)\), Skipped: (\d+)/;

export const oneTerminalState: Invariant = {
  name: 'one-terminal-state',
  description:
    'each task ends in exactly one state, and the run condition agrees with the task counts',
  kind: 'trace',
  check(run) {
    const facts = factsOf(run);
    const { plan, result } = run;
    const violations: string[] = [];
    if (facts.completedAt < 0 || plan.startFailure) return { violations };
    const { message, status, reason } = result.state.condition;
    const messageCounts = COMPLETED_MESSAGE.exec(message);
    for (const task of plan.tasks) {
      const own = facts.tasks[task.index];
      const states =
        own.skipReasons.length + own.validationFailures + (own.taskRunsCreated > 0 ? 1 : 0);
      if (states > 1)
        violations.push(
          `task ${task.name} ended in ${states} states (skipped ${own.skipReasons.length}, invalid ${own.validationFailures}, ran ${own.taskRunsCreated > 0})`,
        );
      // A "Tasks Completed" message is written only when every task is done.
      if (states === 0 && messageCounts)
        violations.push(
          `task ${task.name} ended in no state although the run completed with "${message}"`,
        );
    }
    const counts = traceCounts(plan, facts);
    if (messageCounts) {
      const [, completed, failed, ignored, cancelled, skipped] = messageCounts.map(Number);
      const expected = {
        completed: counts.succeeded + counts.failed + counts.cancelled + counts.ignored,
        failed: counts.failed + counts.ignored,
        ignored: counts.ignored,
        cancelled: counts.cancelled,
        skipped: counts.skipped,
      };
      const seen = {
        completed,
        failed,
        ignored: Number.isNaN(ignored) ? 0 : ignored,
        cancelled,
        skipped,
      };
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        if (expected[key] !== seen[key])
          violations.push(
            `condition message says ${key} ${seen[key]} but the tasks show ${expected[key]}: "${message}"`,
          );
      }
    }
    if (status === 'True') {
      if (
        counts.failed + counts.cancelled + counts.validationFailed + counts.skippedDueToTimeout >
        0
      ) {
        violations.push(
          `run ended True/${reason} with failed ${counts.failed}, cancelled ${counts.cancelled}, invalid ${counts.validationFailed}, timeout-skipped ${counts.skippedDueToTimeout}`,
        );
      }
      const expectedReason =
        counts.skipped > 0 ? PipelineRunReason.Completed : PipelineRunReason.Succeeded;
      if (
        reason !== expectedReason &&
        (reason === PipelineRunReason.Completed || reason === PipelineRunReason.Succeeded)
      ) {
        violations.push(
          `run ended True/${reason} with ${counts.skipped} skipped task(s); 5.1 says ${expectedReason}`,
        );
      }
    }
    if (
      status === 'False' &&
      reason === PipelineRunReason.Failed &&
      counts.failed + counts.skippedDueToTimeout === 0
    ) {
      violations.push('run ended False/Failed with no failed or timeout-skipped task');
    }
    return { violations };
  },
};

/** The condition algorithm's buckets, each task once, as of the run's completion. */
export function traceCounts(plan: Plan, facts: RunFacts): TraceCounts {
  const counts: TraceCounts = {
    succeeded: 0,
    failed: 0,
    ignored: 0,
    cancelled: 0,
    validationFailed: 0,
    skipped: 0,
    skippedDueToTimeout: 0,
    incomplete: 0,
  };
  for (const task of plan.tasks) {
    const own = facts.tasks[task.index];
    if (own.doneAt < 0 || own.doneAt > facts.completedAt) counts.incomplete++;
    else if (own.validationFailures > 0) counts.validationFailed++;
    else if (own.skipReasons.length > 0) {
      counts.skipped++;
      if (isTimeoutSkip(own.skipReasons[0] as SkipReason)) counts.skippedDueToTimeout++;
    } else if (own.allSucceeded) counts.succeeded++;
    else if (own.cancelledForTimeout) counts.failed++;
    else if (own.failureReasons.includes(TaskRunReason.TaskRunCancelled)) counts.cancelled++;
    else if (task.onErrorContinue) counts.ignored++;
    else counts.failed++;
  }
  return counts;
}
