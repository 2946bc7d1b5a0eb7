// What the scheduler decided in one reconcile, for the engine to carry out in order. The
// scheduler never touches the clock, the queue, a random stream or a TaskRun itself: it
// returns these, and the engine is the only place they happen.
import type { PropagatedResults, WorkspaceResults } from '../model/taskrun.js';
import type { DeadlineScope, SchedulerNote } from '../model/trace.js';
import type { Param } from '../tekton/types.js';

export type SchedulerCommand =
  /**
   * Create a TaskRun for the task and start it: matrixIndex -1 when the task is not fanned
   * out, else its position among the matrixCount TaskRuns of the fan-out.
   */
  | {
      kind: 'create-taskrun';
      task: number;
      matrixIndex: number;
      matrixCount: number;
      params: Param[];
      /** Set for a task with an embedded taskSpec (Tekton's PropagateResults). */
      propagatedResults?: PropagatedResults;
      /** Set for a task whose workspace bindings read task results. */
      workspaceResults?: WorkspaceResults;
    }
  /** Patch the TaskRun's spec.status to TaskRunCancelled with this statusMessage. */
  | { kind: 'cancel-taskrun'; taskRun: number; statusMessage: string; forTimeout: boolean }
  | { kind: 'set-deadline'; scope: DeadlineScope; atMs: number }
  | { kind: 'clear-deadline'; scope: DeadlineScope }
  /** A fact for the trace; carrying it out changes nothing. */
  | { kind: 'note'; note: SchedulerNote };
