// A TaskRun as the simulation keeps it: one record per TaskRun object, written by the TaskRun
// lifecycle (taskrun/) as the engine carries out the scheduler's commands, read by the
// scheduler (results, reasons) and by the status view.
import type { AttemptOutcome } from './attempt-outcome.js';
import type { RunResultValue, TaskRunAttemptView } from './status.js';

export type { AttemptOutcome, StepRunOutcome } from './attempt-outcome.js';
import type { Param } from './tekton-types.js';

/**
 * Results of earlier tasks that Tekton writes into an embedded taskSpec before creating its
 * TaskRun (PropagateResults): `tasks.T.results.R` (and `.key` of objects) as text, arrays to
 * expand where an argument is exactly one reference.
 */
export interface PropagatedResults {
  strings: ReadonlyMap<string, string>;
  arrays: ReadonlyMap<string, readonly string[]>;
}

/**
 * Task results the PipelineRun controller fills into a TaskRun's workspace bindings when it
 * creates it: `done` (`tasks.T.results.R`, `….R.key`) of every task done by then, into the
 * run's bindings (ApplyResultsToWorkspaceBindings); `own`, those the pipeline task reads in
 * its params, matrix, when or embedded steps, into its own subPaths (ApplyTaskResults).
 */
export interface WorkspaceResults {
  done: ReadonlyMap<string, string>;
  own: ReadonlyMap<string, string>;
}

export interface TaskRunRecord {
  index: number;
  taskIndex: number;
  /** Position in a matrix fan-out; -1 when the task has no matrix. */
  matrixIndex: number;
  name: string;
  params: Param[];
  /** For a task with an embedded taskSpec: earlier tasks' results, as Tekton propagates them. */
  propagatedResults?: PropagatedResults;
  /**
   * The TaskRun reconciler's ValidateResolvedTask refuses its params (a TaskRun of a matrix
   * fan-out without the params an include row gives others): it fails as a StepAction that
   * does not resolve does, with TaskRunValidationFailed and this message.
   */
  validationError?: string;
  /** For a task whose workspace bindings read task results: the values when it was created. */
  workspaceResults?: WorkspaceResults;
  createdAtMs: number;
  /** Per-attempt timeout; 0 = none. */
  timeoutMs: number;
  retries: number;
  /** 0-based attempt now running (or the last one). */
  attempt: number;
  attemptStartMs: number;
  /** When the running attempt's steps started: its pod placed and started (= attemptStartMs without a cluster). */
  stepsStartMs?: number;
  /** Tekton cleared status.startTime: the pod could not be created (quota); retried later. */
  startTimeCleared?: boolean;
  /** Cancelled while the quota refused its pod: it has a startTime but never had a pod. */
  cancelledWithoutPod?: boolean;
  /**
   * A standalone TaskRun cancelled from its creation: its first reconcile failed it before
   * prepare (ReconcileKind: IsCancelled), so it never fetched its Task nor made a pod.
   */
  beforePrepare?: boolean;
  /**
   * The attempt's pod create waits for the client's rate limiter: the TaskRun reconcile that
   * set startTime is blocked in it and has written nothing of this attempt yet.
   */
  podCreateDue?: boolean;
  /** What the running attempt will do, drawn when it started. */
  pendingOutcome?: AttemptOutcome;
  retriesStatus: TaskRunAttemptView[];
  terminal: boolean;
  succeeded: boolean;
  reason: string;
  message: string;
  /** When the Unknown condition last changed (reason or message); the view's transition time. */
  conditionSinceMs?: number;
  completionTimeMs?: number;
  results: RunResultValue[];
  cancelStatusMessage?: string;
  /** `\nPrevious status: …` the cancel message ends with (v1.13+), or ''. */
  cancelPreviousStatus?: string;
  cancelledForTimeout: boolean;
  cancelRequestedAtMs?: number;
  /** The running attempt's one timer (end or timeout); NO_TIMER (below 0) when none. */
  endTimer: number;
}

/**
 * What `endTimer` holds when there is no timer: any negative value means none. It is a
 * fraction on purpose. Timer ids outgrow V8's small integers once a reused event queue has
 * handed out enough generations of its slots, and a field that started as a small integer
 * then changes representation under the optimised code that writes it: the TaskRun
 * lifecycle fell back to baseline code for the rest of the process, and 1,500 seeds of
 * fan-out-60 took 1.21-1.25 s of CPU instead of 1.0. A fraction makes the field a double
 * from the first record on.
 */
export const NO_TIMER = -0.5;
