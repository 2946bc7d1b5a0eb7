// The outcome tekton-sim gives a run that reaches one of its bounds (events per run, attempts
// per TaskRun). It is not one of Tekton's (Tekton has no such bound: its run would go on until
// a timeout or forever), so it lives here and not in reasons.ts; check's outcome table, run and
// replay all show this one.

export const NOT_COMPLETED_REASON = 'NotCompleted';

/**
 * Attempts of one TaskRun the simulation carries out. Tekton keeps every failed attempt in
 * the TaskRun's status.retriesStatus, and etcd refuses objects over about 1.5 MiB, so a real
 * TaskRun cannot record even a few thousand; without this bound `retries: 1000000` with
 * instant attempts kept a million statuses (1.6 GB) before the event bound stopped it.
 */
export const MAX_ATTEMPTS_PER_TASKRUN = 10_000;

/** Thrown by the TaskRun lifecycle when a retry would pass MAX_ATTEMPTS_PER_TASKRUN. */
export class AttemptBoundError extends Error {
  constructor(readonly taskRunName: string) {
    super(`${MAX_ATTEMPTS_PER_TASKRUN} attempts of TaskRun "${taskRunName}"`);
    this.name = 'AttemptBoundError';
  }
}

/**
 * TaskRuns one seed of a scenario with arrivals or admission creates (many PipelineRuns). Every TaskRun's record
 * and trace are kept until the seed ends (its invariants and metrics read them, about 3 KB a
 * TaskRun at peak), so without this bound 100,000 arrivals of a 62-task pipeline held 3.3 GB
 * when the event bound stopped them; at this bound a seed stays under about 1 GB.
 */
export const MAX_TASKRUNS_PER_FLEET_SEED = 200_000;

/** Thrown by a fleet when a reconcile would create a TaskRun past MAX_TASKRUNS_PER_FLEET_SEED. */
export class TaskRunBoundError extends Error {
  constructor(maxTaskRuns: number = MAX_TASKRUNS_PER_FLEET_SEED) {
    super(`${maxTaskRuns} TaskRuns in one seed`);
    this.name = 'TaskRunBoundError';
  }
}

/** The condition message of a run stopped at a bound; `atText` is how far virtual time got. */
export function notCompletedMessage(bound: string, atText: string): string {
  return `tekton-sim stopped this run after ${bound}, at ${atText} of virtual time, before it completed (a bound on one run's work)`;
}
