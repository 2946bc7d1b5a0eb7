// Deadlines hold (tekton-semantics 3.5 to 3.8): no attempt past its own timeout, no DAG task
// past the tasks deadline, no finally task past the finally deadline, no TaskRun past the
// pipeline deadline, and the run completes by its pipeline deadline. Each may be late by the
// time a cancel takes to take effect and, on a cluster's controller, by the wait for the
// reconcile that enforced the deadline and its cancel calls (enforcement.ts), no more; a
// TaskRun Tekton left running when a reconcile ended the run at its end is not held. Also
// lists Tekton bug #10512 when the profile has it.
import type { Plan } from '../../plan/plan.js';
import { PipelineRunReason } from '../../model/reasons.js';
import { enforcementOf, type Enforcement } from './enforcement.js';
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
    const limits = {
      pipeline: deadlineLimit(facts, 'pipeline', pipelineDeadlineMs),
      tasks: deadlineLimit(facts, 'tasks', tasksDeadlineMs),
      finally: deadlineLimit(facts, 'finally', finallyDeadlineMs),
    };
    // A reconcile that ended the run at its end left these running, and nothing stops them.
    const leftRunningFrom = Math.min(
      limits.pipeline?.leavesRunningFrom ?? Number.POSITIVE_INFINITY,
      limits.tasks?.leavesRunningFrom ?? Number.POSITIVE_INFINITY,
      limits.finally?.leavesRunningFrom ?? Number.POSITIVE_INFINITY,
    );
    const attemptStart = new Map<number, { atMs: number; timeoutMs: number }>();
    // Read first: the enforcing reconcile's cancel call may go out after the TaskRun ended on
    // its own, and the TaskRun is still allowed until then.
    const cancelRequests = new Map<number, { position: number; atMs: number }[]>();
    result.trace.forEach((event, position) => {
      if (event.kind !== 'cancel-requested') return;
      const requests = cancelRequests.get(event.taskRun) ?? [];
      requests.push({ position, atMs: event.atMs });
      cancelRequests.set(event.taskRun, requests);
    });
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
        const requests = cancelRequests.get(event.taskRun);
        const leftRunning = (facts.taskRunCreatedAt[event.taskRun] ?? -1) >= leftRunningFrom;
        const pastDeadline = (limit: DeadlineLimit) =>
          limit !== undefined && !leftRunning && late(taskRunLimitMs(limit, requests), event.atMs);
        if (!isFinally && pastDeadline(limits.tasks))
          violations.push(
            `DAG ${label} ended at ${event.atMs}ms, past the tasks deadline at ${tasksDeadlineMs}ms${enforcedNote(limits.tasks)}`,
          );
        if (isFinally && pastDeadline(limits.finally))
          violations.push(
            `finally ${label} ended at ${event.atMs}ms, past the finally deadline at ${finallyDeadlineMs}ms${enforcedNote(limits.finally)}`,
          );
        if (pastDeadline(limits.pipeline))
          violations.push(
            `${label} ended at ${event.atMs}ms, past the pipeline deadline at ${pipelineDeadlineMs}ms${enforcedNote(limits.pipeline)}`,
          );
      }
    }
    if (facts.completedAt >= 0 && late(limits.pipeline?.atMs, facts.completedAtMs)) {
      violations.push(
        `PipelineRun completed at ${facts.completedAtMs}ms, past the pipeline deadline at ${pipelineDeadlineMs}ms${enforcedNote(limits.pipeline)}`,
      );
    }
    const findings = bug10512(plan, facts, tasksDeadlineMs);
    return { violations, findings };
  },
};

type DeadlineLimit = (Enforcement & { deadlineMs: number }) | undefined;

function deadlineLimit(
  facts: RunFacts,
  scope: 'pipeline' | 'tasks' | 'finally',
  deadlineMs: number | undefined,
): DeadlineLimit {
  return deadlineMs === undefined
    ? undefined
    : { ...enforcementOf(facts, scope, deadlineMs), deadlineMs };
}

/**
 * By when a TaskRun must have ended (before the cancel latency): the reconcile that enforced
 * the deadline, or, when that reconcile asked to cancel it, the moment its cancel call went
 * out through the rate limit.
 */
function taskRunLimitMs(
  limit: Enforcement,
  requests: readonly { position: number; atMs: number }[] | undefined,
): number {
  let limitMs = limit.atMs;
  for (const request of requests ?? [])
    if (request.position > limit.position && request.position < limit.nextPosition)
      limitMs = Math.max(limitMs, request.atMs);
  return limitMs;
}

/** Says which reconcile enforced a deadline the controller's backlog delayed. */
function enforcedNote(limit: DeadlineLimit): string {
  if (limit === undefined || limit.atMs === limit.deadlineMs) return '';
  return limit.beganAtMs === limit.atMs
    ? ` (enforced by the reconcile at ${limit.atMs}ms)`
    : ` (enforced at ${limit.atMs}ms by the end of the reconcile at ${limit.beganAtMs}ms)`;
}

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
