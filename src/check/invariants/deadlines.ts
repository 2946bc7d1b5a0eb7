// Deadlines hold (tekton-semantics 3.5 to 3.8): no attempt past its own timeout, no DAG task
// past the tasks deadline, no finally task past the finally deadline, no TaskRun past the
// pipeline deadline, and the run completes by its pipeline deadline. Each may be late by the
// time a cancel takes to take effect. Also lists Tekton bug #10512 when the profile has it.
import type { Plan } from '../../plan/plan.js';
import { PipelineRunReason } from '../../model/reasons.js';
import { factsOf, type RunFacts } from './trace-facts.js';
import type { Invariant, KnownBugFinding } from './types.js';

export const BUG_10512 = 'tektoncd/pipeline#10512';

export const deadlines: Invariant = {
  name: 'deadlines',
  description:
    'no attempt, DAG task, finally task or TaskRun runs past its deadline; the run completes by the pipeline deadline',
  kind: 'trace',
  check(run) {
    const facts = factsOf(run);
    const { plan, result } = run;
    const cancelLatencyMs = run.cancelLatencyMs ?? 0;
    const violations: string[] = [];
    const late = (limitMs: number | undefined, atMs: number) =>
      limitMs !== undefined && atMs > limitMs + cancelLatencyMs;
    const { pipelineMs, tasksMs, finallyMs } = plan.timeouts;
    const pipelineDeadlineMs =
      pipelineMs === undefined ? undefined : facts.startedAtMs + pipelineMs;
    const tasksDeadlineMs = tasksMs === undefined ? undefined : facts.startedAtMs + tasksMs;
    const finallyDeadlineMs =
      finallyMs === undefined || facts.finallyStartedAt < 0
        ? undefined
        : facts.finallyStartedAtMs + Math.max(0, finallyMs);
    const attemptStart = new Map<number, { atMs: number; timeoutMs: number }>();
    for (const event of result.trace) {
      if (event.kind === 'attempt-started')
        attemptStart.set(event.taskRun, { atMs: event.atMs, timeoutMs: event.timeoutMs });
      if (event.kind === 'attempt-ended') {
        const start = attemptStart.get(event.taskRun);
        if (start && start.timeoutMs > 0 && late(start.atMs + start.timeoutMs, event.atMs)) {
          violations.push(
            `${taskRunLabel(plan, event.task, event.taskRun)} attempt ${event.attempt + 1} ran ${event.atMs - start.atMs}ms, past its timeout of ${start.timeoutMs}ms`,
          );
        }
      }
      if (event.kind === 'taskrun-completed') {
        const label = taskRunLabel(plan, event.task, event.taskRun);
        const isFinally = plan.tasks[event.task].isFinally;
        if (!isFinally && late(tasksDeadlineMs, event.atMs))
          violations.push(
            `DAG ${label} ended at ${event.atMs}ms, past the tasks deadline at ${tasksDeadlineMs}ms`,
          );
        if (isFinally && late(finallyDeadlineMs, event.atMs))
          violations.push(
            `finally ${label} ended at ${event.atMs}ms, past the finally deadline at ${finallyDeadlineMs}ms`,
          );
        if (late(pipelineDeadlineMs, event.atMs))
          violations.push(
            `${label} ended at ${event.atMs}ms, past the pipeline deadline at ${pipelineDeadlineMs}ms`,
          );
      }
    }
    if (facts.completedAt >= 0 && late(pipelineDeadlineMs, facts.completedAtMs)) {
      violations.push(
        `PipelineRun completed at ${facts.completedAtMs}ms, past the pipeline deadline at ${pipelineDeadlineMs}ms`,
      );
    }
    const findings = bug10512(plan, facts, tasksDeadlineMs);
    return { violations, findings };
  },
};

function taskRunLabel(plan: Plan, task: number, taskRun: number): string {
  return `TaskRun #${taskRun} of task ${plan.tasks[task].name}`;
}

/**
 * Issue #10512: the DAG finished within timeouts.tasks, finally was still running when the
 * tasks clock ran out, and the run ended PipelineRunTimeout although nothing was late.
 */
function bug10512(
  plan: Plan,
  facts: RunFacts,
  tasksDeadlineMs: number | undefined,
): KnownBugFinding[] {
  if (!plan.profile.tasksClockRunsDuringFinally || tasksDeadlineMs === undefined) return [];
  const tasksDeadlineAfterFinallyStarted =
    facts.finallyStartedAt >= 0 && facts.deadlineAt.tasks > facts.finallyStartedAt;
  const pipelineDeadlineHit =
    facts.deadlineAt.pipeline >= 0 &&
    (facts.completedAt < 0 || facts.deadlineAt.pipeline < facts.completedAt);
  if (
    facts.completedReason !== PipelineRunReason.PipelineRunTimeout ||
    !tasksDeadlineAfterFinallyStarted ||
    pipelineDeadlineHit
  )
    return [];
  return [
    {
      bug: BUG_10512,
      message: `DAG done at ${facts.finallyStartedAtMs}ms, within timeouts.tasks (deadline ${tasksDeadlineMs}ms), but finally outlived the tasks deadline and the run ended PipelineRunTimeout`,
    },
  ];
}
