// Attempts never exceed retries + 1, and a cancelled attempt is never retried (tekton-semantics 3.5).
import type { Invariant } from './types.js';
import { TaskRunReason } from '../../model/reasons.js';

export const retries: Invariant = {
  name: 'retries',
  description: 'attempts <= retries + 1 per TaskRun; cancelled attempts are never retried',
  kind: 'trace',
  check({ plan, result }) {
    const violations: string[] = [];
    const attempts = new Map<number, number>();
    const cancelRequested = new Set<number>();
    const names = new Map<number, string>();
    for (const event of result.trace) {
      if (event.kind === 'taskrun-created') names.set(event.taskRun, event.name);
      if (event.kind === 'cancel-requested') cancelRequested.add(event.taskRun);
      if (event.kind === 'attempt-started') {
        const count = (attempts.get(event.taskRun) ?? 0) + 1;
        attempts.set(event.taskRun, count);
        const allowed = plan.tasks[event.task].retries + 1;
        const name = names.get(event.taskRun) ?? `#${event.taskRun}`;
        if (count > allowed)
          violations.push(`TaskRun ${name} started attempt ${count} of at most ${allowed}`);
        if (count > 1 && cancelRequested.has(event.taskRun)) {
          violations.push(
            `TaskRun ${name} started attempt ${count} at ${event.atMs}ms after it was cancelled`,
          );
        }
      }
      if (
        event.kind === 'attempt-ended' &&
        event.willRetry &&
        event.reason === TaskRunReason.TaskRunCancelled
      ) {
        violations.push(
          `TaskRun ${names.get(event.taskRun) ?? `#${event.taskRun}`} attempt ${event.attempt + 1} was cancelled at ${event.atMs}ms and retried`,
        );
      }
    }
    return { violations: [...new Set(violations)] };
  },
};
