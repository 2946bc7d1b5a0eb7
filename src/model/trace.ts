// What happened in one run, in virtual-time order: the record the invariant checkers read
// and `replay --trace` prints. Recorded only when asked for, so plain runs stay fast.

/** The run's three TEP-0046 deadlines. */
export type DeadlineScope = 'pipeline' | 'tasks' | 'finally';

export type TraceEvent =
  /**
   * The first reconcile decided at `atMs`; `startTimeMs`, when given, is the earlier moment
   * that reconcile began (before its `controller.reconcile` cost), which status.startTime and
   * the deadlines count from. The trace stays in time order.
   */
  | { atMs: number; kind: 'run-started'; startTimeMs?: number }
  | { atMs: number; kind: 'spec-status'; status: string }
  | { atMs: number; kind: 'deadline'; scope: DeadlineScope }
  /**
   * A worker of a cluster's controller began reconciling the run (only the cluster engine
   * records it: there a reconcile can wait in the work queue long after what triggered it,
   * and its calls go out through the rate limit after it decided them).
   */
  | { atMs: number; kind: 'reconcile' }
  | { atMs: number; kind: 'taskrun-created'; task: number; taskRun: number; name: string }
  | {
      atMs: number;
      kind: 'attempt-started';
      task: number;
      taskRun: number;
      attempt: number;
      timeoutMs: number;
    }
  | {
      atMs: number;
      kind: 'attempt-ended';
      task: number;
      taskRun: number;
      attempt: number;
      reason: string;
      willRetry: boolean;
    }
  | { atMs: number; kind: 'cancel-requested'; task: number; taskRun: number; forTimeout: boolean }
  | {
      atMs: number;
      kind: 'taskrun-completed';
      task: number;
      taskRun: number;
      succeeded: boolean;
      reason: string;
    }
  | { atMs: number; kind: 'task-skipped'; task: number; reason: string }
  | { atMs: number; kind: 'task-validation-failed'; task: number; message: string }
  | { atMs: number; kind: 'finally-started' }
  | { atMs: number; kind: 'condition'; status: string; reason: string; message: string }
  | { atMs: number; kind: 'run-completed'; status: string; reason: string };

/** The events the PipelineRun controller itself decides; reconcile returns them as notes. */
export type SchedulerNote = Extract<
  TraceEvent,
  {
    kind:
      | 'run-started'
      | 'task-skipped'
      | 'task-validation-failed'
      | 'finally-started'
      | 'condition'
      | 'run-completed';
  }
>;
