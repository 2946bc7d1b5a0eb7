// The ways a deadline shows in a seed, each counted by reports as the share of runs it hit.
// Judged once per seed as its result is stored (see store/scenario-store.ts), so the
// per-attempt rows need not be kept to count them.
import { isTimeoutSkip, PipelineRunReason, SkipReason, TaskRunReason } from '../model/reasons.js';
import type { SeedResult } from './seed-result.js';

export interface TimeoutKind {
  kind: string;
  description: string;
  hit(result: SeedResult): boolean;
}

/** Whether an attempt of a TaskRun of the seed ran past its own timeout. */
export function taskRunTimedOut(result: SeedResult): boolean {
  return (
    result.taskRunTimedOut ??
    result.attempts?.some((attempt) => attempt.reason === TaskRunReason.TaskRunTimeout) ??
    false
  );
}

export const TIMEOUT_KINDS: readonly TimeoutKind[] = [
  {
    kind: 'pipelinerun',
    description: 'the run ended PipelineRunTimeout',
    hit: (result) => result.reason === PipelineRunReason.PipelineRunTimeout,
  },
  {
    kind: 'taskrun',
    description: 'a TaskRun attempt ran past its own timeout',
    hit: taskRunTimedOut,
  },
  ...[SkipReason.PipelineTimedOut, SkipReason.TasksTimedOut, SkipReason.FinallyTimedOut].map(
    (reason) => ({
      kind: `skip: ${reason}`,
      description: 'a task was skipped because that deadline had passed',
      hit: (result: SeedResult) => isTimeoutSkip(reason) && someTaskSkipped(result, reason),
    }),
  ),
];

/** Whether a task of the seed was skipped for `reason` (asked for every seed as it is stored). */
function someTaskSkipped(result: SeedResult, reason: string): boolean {
  const tasks = result.metrics?.tasks;
  if (tasks === undefined) return false;
  for (const name in tasks) if (tasks[name].skipReason === reason) return true;
  return false;
}

/** The kinds a seed hit, one bit each in TIMEOUT_KINDS order. */
export function timeoutBits(result: SeedResult): number {
  let bits = 0;
  TIMEOUT_KINDS.forEach((kind, index) => {
    if (kind.hit(result)) bits |= 1 << index;
  });
  return bits;
}
